"""The intervention finder, its CSV download, place autocomplete and postcode lookup."""

import csv
import io

from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import Lower
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from lpip_hub.cache_keys import page_cache_params
from lpip_hub.rate_limits import RateLimit
from lpip_hub.spreadsheets import formula_safe
from partnerships.models import Partnership, Place, PlaceKind
from partnerships.postcodes import ONS_CREDIT, InvalidPostcode
from partnerships.postcodes import lookup as lookup_postcode
from partnerships.postcodes import normalise as normalise_postcode
from partnerships.resolver import place_for_code
from reviews import structured_data
from reviews.filters import (
    SORTS,
    FinderPaginator,
    InterventionFilter,
    evidence_label,
    shown_value,
)
from reviews.finder_map import finder_map
from reviews.follow_feeds import follow_url
from reviews.models import Direction, Intervention, Outcome, Policy

PAGE_SIZE = 20
EXPORT_LIMIT = 10_000
EXPORT_CHUNK = 500

# Per client: a CSV file costs seconds at scale; lookups are cheap but easy to script.
EXPORTS = RateLimit("export", limit=20, window=10 * 60)
POSTCODE_LOOKUPS = RateLimit("postcode", limit=30, window=60)
PLACE_SUGGESTIONS = RateLimit("places", limit=120, window=60)


def finder_queryset():
    """Published interventions with what a result shows, in a fixed number of queries."""
    return (
        Intervention.objects.published()
        .defer("description", "description_html", "search_vector")
        .with_strongest_evidence()
        .prefetch_related("places", "themes")
    )


class FinderView(View):
    """The finder. A place that cannot be read is reported beside the place box, with its
    choices or the closest names as links, while the other filters still narrow the results."""

    template_name = "reviews/finder.html"
    filterset_class = InterventionFilter
    page_cache_params = ("page",)

    def get(self, request):
        # A submitted form sends every empty field: answer at the short, shareable address.
        filled = _query_without_empty(request.GET)
        if len(filled) != len(request.GET) or filled.urlencode() != request.GET.urlencode():
            return redirect(f"{request.path}?{filled.urlencode()}" if filled else request.path)
        filterset = self.filterset_class(request.GET, queryset=finder_queryset())
        context = {"sorts": SORTS, "ons_credit": ONS_CREDIT, "place_text": ""}
        status = 200
        if not filterset.is_valid() and set(filterset.errors) == {"place"}:
            context.update(
                place_errors=filterset.errors["place"],
                place_text=request.GET.get("place", "")[:120],
                place_options=self._place_links(request, filterset.form.fields["place"]),
            )
            filterset = InterventionFilter(
                _query_without(request.GET, "place"), queryset=finder_queryset()
            )
            status = 400
        context.update(filter=filterset, form=filterset.form)
        if not filterset.is_valid():
            return render(request, self.template_name, context, status=400)
        facets = filterset.facets()  # first: the facet counts hold the total the pages need
        page = FinderPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        _attach_matched_outcomes(page.object_list, filterset.outcome_condition())
        place = filterset.form.cleaned_data.get("place")
        resolution = getattr(filterset.form.fields["place"], "resolution", None)
        context.update(
            page_obj=page,
            results=[(item, evidence_label(item.strongest_evidence)) for item in page],
            outcome_filtered=filterset.outcome_condition() is not None,
            facets=facets,
            sort=filterset.sort_order,
            place=place,
            place_from_postcode=resolution.postcode if place and resolution else "",
            place_read_as=_read_as(resolution, place),
            page_query=_without(request.GET, "page"),
            active_filters=_active_filters(request.GET, filterset),
            follow_url=follow_url(request.GET),
            evidence_map=finder_map(filterset, request.GET),
        )
        context["has_filters"] = bool(context["active_filters"]) or bool(context["place_text"])
        context["structured_data"] = structured_data.dataset(
            gettext("Place-based interventions and their outcomes"),
            gettext(
                "Published place-based interventions with their places, themes, outcomes and "
                "strength of evidence, as chosen by the finder's filters."
            ),
            request.build_absolute_uri(),
            request.build_absolute_uri(reverse("intervention-export"))
            + (f"?{context['page_query']}" if context["page_query"] else ""),
        )
        if place is not None:
            covering = filterset.apply(
                finder_queryset().covering_only(place), exclude=("place",), ordered=False
            )
            covering = covering.prefetch_related(None).prefetch_related("places")
            # Alphabetical regardless of case. Not in the name index's order, which would read
            # the index through every published intervention to find the few covering a place.
            covering = covering.annotate(total=Window(Count("pk"))).order_by(Lower("name"), "pk")
            context["covering"] = list(covering[:PAGE_SIZE])
            context["covering_count"] = context["covering"][0].total if context["covering"] else 0
        if place is not None and not page.object_list:
            context["wider_places"] = [
                (wider, "?" + _replace(request.GET, place=wider.gss_code or wider.slug))
                for wider in place.parents.all()
            ]
        return render(request, self.template_name, context, status=status)

    def _place_links(self, request, field) -> list[tuple[Place, str]]:
        """The places the text could mean, or the closest names, each as a finder link."""
        resolution = getattr(field, "resolution", None)
        if resolution is None:
            return []
        return [
            (option, "?" + _replace(request.GET, place=option.gss_code or option.slug))
            for option in (resolution.choices or resolution.suggestions)
        ]


DIRECTION_WORDS = {
    Direction.POSITIVE: _("positive effect"),
    Direction.MIXED: _("mixed effects"),
    Direction.NO_EFFECT: _("no effect found"),
    Direction.NEGATIVE: _("negative effect"),
    Direction.NOT_KNOWN: _("effect not yet known"),
}


def _attach_matched_outcomes(items, condition) -> None:
    """Give each result `matched_outcome`: its strongest outcome among those the outcome filters
    asked for (or among all its outcomes), so a card shows the evidence that answers the search."""
    outcomes = Outcome.objects.filter(intervention__in=[item.pk for item in items])
    if condition is not None:
        outcomes = outcomes.filter(condition)
    best: dict[int, Outcome] = {}
    for outcome in outcomes.order_by(F("evidence_strength").desc(nulls_last=True), "pk"):
        best.setdefault(outcome.intervention_id, outcome)
    for item in items:
        item.matched_outcome = best.get(item.pk)
        if item.matched_outcome is not None:
            item.matched_outcome.direction_words = DIRECTION_WORDS.get(
                item.matched_outcome.direction, item.matched_outcome.get_direction_display()
            )


def _read_as(resolution, place) -> str:
    """The place's name when the text typed was another name for it ("Glasgow")."""
    if place is None or resolution is None or resolution.postcode:
        return ""
    typed = resolution.text.strip().lower()
    if typed in (place.display_name.lower(), (place.gss_code or "").lower(), place.slug):
        return ""
    return place.display_name


def _query_without_empty(query: QueryDict) -> QueryDict:
    filled = QueryDict(mutable=True)
    for name, values in query.lists():
        kept = [value for value in values if value.strip()]
        if kept:
            filled.setlist(name, kept)
    return filled


def _query_without(query: QueryDict, *names: str) -> QueryDict:
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query


def _without(query: QueryDict, *names: str) -> str:
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _replace(query: QueryDict, **values) -> str:
    query = query.copy()
    query.pop("page", None)
    for name, value in values.items():
        query[name] = value
    return query.urlencode()


def _active_filters(query: QueryDict, filterset: InterventionFilter) -> list[tuple[str, str, str]]:
    """(label, value as shown, link that removes it) for each filter in use."""
    form = filterset.form
    active = []
    for name, value in form.cleaned_data.items():
        if name == "sort" or value in (None, "") or (name == "min_evidence" and not value):
            continue
        field = form.fields[name]
        active.append((field.label, shown_value(field, value), "?" + _without(query, name, "page")))
    return active


EXPORT_COLUMNS = [
    "name",
    "web address",
    "summary",
    "places",
    "ONS codes",
    "themes",
    "geographic scale",
    "setting",
    "start year",
    "end year",
    "strongest evidence (Maryland level)",
    "outcomes",
    "policies",
    "partnerships",
    "source",
]


def _export_rows(queryset, base_url: str):
    yield EXPORT_COLUMNS
    for item in queryset.iterator(chunk_size=EXPORT_CHUNK):
        places = list(item.places.all())
        outcomes = list(item.outcomes.all())
        yield [
            item.name,
            base_url + item.get_absolute_url(),
            item.summary,
            "; ".join(place.display_name for place in places),
            "; ".join(place.gss_code or "" for place in places),
            "; ".join(theme.name for theme in item.themes.all()),
            item.get_scale_display(),
            item.get_setting_display(),
            item.start_year or "",
            item.end_year or "",
            "" if item.strongest_evidence is None else item.strongest_evidence,
            "; ".join(
                f"{o.get_outcome_type_display()}: {o.get_direction_display()} "
                f"(level {o.evidence_strength})"
                for o in outcomes
            ),
            "; ".join(policy.name for policy in item.policies.all()),
            "; ".join(partnership.name for partnership in item.partnerships.all()),
            item.source,
        ]


class FinderExportView(View):
    """The finder's current results as CSV: published only, at most EXPORT_LIMIT rows.

    The whole file is written before anything is sent, so a failure is an error status, never
    a truncated file sent as a success; the page cache then keeps it for these filters until
    the content changes. Each client may ask for a few files a minute.
    """

    filterset_class = InterventionFilter

    def get(self, request):
        if not EXPORTS.check(request):
            return EXPORTS.too_many(
                "You have downloaded many files in a short time. Wait a few minutes and try "
                "again.\n"
            )
        queryset = finder_queryset().prefetch_related(
            "outcomes",
            Prefetch("policies", queryset=Policy.objects.published()),
            Prefetch("partnerships", queryset=Partnership.objects.published()),
        )
        filterset = self.filterset_class(request.GET, queryset=queryset)
        if not filterset.is_valid():
            lines = [f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()]
            return HttpResponse(
                "The filters could not be read.\n" + "\n".join(lines),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        rows = _export_rows(filterset.qs[:EXPORT_LIMIT], request.build_absolute_uri("/")[:-1])
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow([formula_safe(cell) for cell in row])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="interventions.csv"'
        return response


@page_cache_params("q")
def place_suggestions(request):
    """Up to ten places whose name starts with (then contains) the typed text, as JSON."""
    text = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:60]
    if len(text) < 2:
        return JsonResponse({"places": []})
    if not PLACE_SUGGESTIONS.check(request):
        response = JsonResponse({"places": [], "error": "Too many requests."}, status=429)
        response["Retry-After"] = str(PLACE_SUGGESTIONS.window)
        return response
    matches = (
        Place.objects.exclude(kind=PlaceKind.NEIGHBOURHOOD)
        .filter(
            Q(name__icontains=text)
            | Q(official_name__icontains=text)
            | Q(gss_code__iexact=text)
            | Q(other_names__name__icontains=text)
        )
        .distinct()
        .only("name", "official_name", "slug", "gss_code", "kind")
    )
    starts = [p for p in matches[:200] if p.display_name.lower().startswith(text.lower())]
    rest = [p for p in matches[:200] if p not in starts]
    places = (starts + rest)[:10]
    return JsonResponse(
        {
            "places": [
                {
                    "name": p.display_name,
                    "slug": p.slug,
                    "gss_code": p.gss_code,
                    "kind": p.get_kind_display(),
                }
                for p in places
            ]
        }
    )


class PostcodeView(View):
    """A postcode to its local authority, from the ONS Postcode Directory."""

    template_name = "reviews/finder_postcode.html"
    page_cache_params = ("postcode",)

    def get(self, request):
        text = request.GET.get("postcode", "")
        context = {"postcode": text[:20], "ons_credit": ONS_CREDIT}
        if not text.strip():
            return render(request, self.template_name, context)
        if not POSTCODE_LOOKUPS.check(request):
            context["error"] = gettext(
                "You have looked up many postcodes in a short time. Wait a minute and try again."
            )
            response = render(request, self.template_name, context, status=429)
            response["Retry-After"] = str(POSTCODE_LOOKUPS.window)
            return response
        try:
            found = lookup_postcode(text)
            context["postcode"] = normalise_postcode(text)  # shown tidied: "PR1 2HE"
        except InvalidPostcode:
            context["error"] = gettext(
                "That is not shaped like a UK postcode. A postcode looks like B1 1BB or SW1A 1AA."
            )
            return render(request, self.template_name, context, status=400)
        if found is None:
            context["error"] = gettext(
                "We could not find the postcode %(postcode)s in the ONS Postcode Directory. Check "
                "it and try again, or find your council on the places page."
            ) % {"postcode": context["postcode"]}
            return render(request, self.template_name, context, status=404)
        place = place_for_code(found.district_code)
        context.update(found=found, place=place)
        if place is not None:
            context["covering"] = Place.objects.covering(place).order_by("kind", "name")
        return render(request, self.template_name, context)
