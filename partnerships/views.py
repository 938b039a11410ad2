"""Partnerships (the LPIPs) and places: lists and a page for each."""

from collections.abc import Callable

from django.apps import apps
from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from lpip_hub.publishing import PreviewableDetailMixin, PublishedListMixin
from partnerships.hierarchy import place_hierarchy
from partnerships.models import Partnership, Place, PlaceKind

# Panels that other apps add to a partnership's or a place's page. The reviews app registers
# its evidence, outputs and related initiatives here when it loads (reviews/apps.py), so this
# app never imports reviews.
PARTNERSHIP_PANELS: list[Callable[[Partnership], dict]] = []
PLACE_PANELS: list[Callable[[Place], dict]] = []
# Place panels that read the page's query string (the similar-places model, ?model=).
PLACE_QUERY_PANELS: list[Callable[[Place, QueryDict], dict]] = []


def panels(providers: list[Callable], obj, *args) -> dict:
    context: dict = {}
    for provider in providers:
        context.update(provider(obj, *args))
    return context


def published_interventions():
    """Interventions are declared in reviews, which imports this app: look them up, not import."""
    return apps.get_model("reviews", "Intervention").objects.published()


class PartnershipQuerysetMixin:
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("lead_organisation")
            .prefetch_related(
                "partner_organisations",
                "places",
                "themes",
                Prefetch("interventions", queryset=published_interventions()),
            )
        )


class PartnershipListView(PartnershipQuerysetMixin, PublishedListMixin, ListView):
    model = Partnership
    paginate_by = 20


class PartnershipDetailView(PartnershipQuerysetMixin, PreviewableDetailMixin, DetailView):
    model = Partnership

    def get_context_data(self, **kwargs):
        return super().get_context_data(**panels(PARTNERSHIP_PANELS, self.object), **kwargs)


# The kinds of place in the order the places page lists them, each under its own heading.
PLACE_GROUPS = [
    (PlaceKind.UK, _("The United Kingdom")),
    (PlaceKind.NATION, _("Nations")),
    (PlaceKind.REGION, _("Regions of England")),
    (PlaceKind.COMBINED_AUTHORITY, _("Combined and strategic authorities")),
    (PlaceKind.COUNTY, _("County councils")),
]


class PlaceListView(ListView):
    """The UK's places by kind; local authorities grouped by the region or nation they are in."""

    template_name = "partnerships/place_list.html"
    queryset = Place.objects.uk().exclude(kind=PlaceKind.NEIGHBOURHOOD)

    def get_context_data(self, **kwargs):
        by_kind: dict[str, list[Place]] = {}
        for place in self.object_list.exclude(kind=PlaceKind.LOCAL_AUTHORITY):
            by_kind.setdefault(place.kind, []).append(place)
        return super().get_context_data(
            groups=[
                {"kind": kind, "heading": heading, "places": by_kind[kind]}
                for kind, heading in PLACE_GROUPS
                if kind in by_kind
            ],
            local_authorities=self.local_authorities_by_area(),
            **kwargs,
        )

    def local_authorities_by_area(self) -> list[dict]:
        """Local authorities under their English region, or their nation outside England."""
        areas = Prefetch(
            "parents",
            queryset=Place.objects.filter(kind__in=[PlaceKind.REGION, PlaceKind.NATION]),
            to_attr="areas",
        )
        groups: dict[Place | None, list[Place]] = {}
        for place in self.object_list.filter(kind=PlaceKind.LOCAL_AUTHORITY).prefetch_related(
            areas
        ):
            regions = [p for p in place.areas if p.kind == PlaceKind.REGION]
            area = (regions or place.areas or [None])[0]
            groups.setdefault(area, []).append(place)
        return [
            {"area": area, "places": places}
            for area, places in sorted(
                groups.items(), key=lambda item: (item[0] is None, str(item[0] or ""))
            )
        ]


PLURALS = {
    PlaceKind.UK: _("The United Kingdom"),
    PlaceKind.NATION: _("Nations"),
    PlaceKind.REGION: _("Regions"),
    PlaceKind.COMBINED_AUTHORITY: _("Combined authorities"),
    PlaceKind.COUNTY: _("Counties"),
    PlaceKind.LOCAL_AUTHORITY: _("Local authorities"),
    PlaceKind.NEIGHBOURHOOD: _("Neighbourhoods"),
    PlaceKind.COUNTRY: _("Countries"),
    PlaceKind.OTHER: _("Other areas"),
}


def by_kind(places) -> list[dict]:
    """Places grouped under a plural heading for their kind, in the order PlaceKind lists them."""
    groups: dict[str, list[Place]] = {}
    for place in places:
        groups.setdefault(place.kind, []).append(place)
    return [
        {"kind": kind, "heading": PLURALS[kind], "places": groups[kind]}
        for kind in PlaceKind.values
        if kind in groups
    ]


class PlaceDetailView(DetailView):
    """A place, what it sits within and what lies directly within it.

    Other apps' panels (the evidence in and around the place, its outputs) come through
    PLACE_PANELS and show in the template's `place_sections` block.
    """

    model = Place

    def get_context_data(self, **kwargs):
        place = self.object
        # The places next to it in the hierarchy, by name, in one query.
        hierarchy = place_hierarchy()
        parent_ids = hierarchy.parents.get(place.pk, set())
        child_ids = hierarchy.children.get(place.pk, set())
        related = list(Place.objects.filter(pk__in=parent_ids | child_ids))
        return super().get_context_data(
            parents=[other for other in related if other.pk in parent_ids],
            children=by_kind([other for other in related if other.pk in child_ids]),
            **panels(PLACE_PANELS, place),
            **panels(PLACE_QUERY_PANELS, place, self.request.GET),
            **kwargs,
        )
