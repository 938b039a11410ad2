"""Follow new evidence: Atom feeds of interventions matching a finder search, a place or a theme.

Each feed takes the finder's own filters (reviews.filters.InterventionFilter) over published
interventions only, newest change first. A place's or theme's feed also carries the published
evidence reviews and outputs (briefings, reports, webinars, podcasts) on it, since someone
following a theme wants its new review edition as much as a new intervention. The URL carries
only the filters, in a fixed order, so the same search always has the same address and caches
well.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.translation import gettext

from lpip_hub.bilingual import localised
from partnerships.models import Place
from reviews.filters import InterventionFilter, evidence_label
from reviews.models import EvidenceReview, Intervention, Output, Theme

FEED_SIZE = 30
# Query parameters that change how results are shown, not which results match.
NOT_FILTERS = {"page", "sort"}


def follow_query(query: QueryDict) -> str:
    """The finder query reduced to its filters, in a fixed order: a followed search's key."""
    kept = QueryDict(mutable=True)
    for name in sorted(set(query) - NOT_FILTERS):
        values = [v for v in query.getlist(name) if v.strip()]
        if values:
            kept.setlist(name, values[:1])
    return kept.urlencode()


def follow_url(query: QueryDict) -> str:
    """The Atom feed address for a finder search."""
    filters = follow_query(query)
    return reverse("feed-interventions") + (f"?{filters}" if filters else "")


def _described(filterset: InterventionFilter) -> str:
    parts = []
    for name, value in filterset.form.cleaned_data.items():
        if name in NOT_FILTERS or value in (None, "", 0):
            continue
        field = filterset.form.fields[name]
        shown = getattr(value, "display_name", None) or getattr(value, "name", None)
        shown = shown or dict(getattr(field, "choices", ())).get(value, value)
        parts.append(f"{str(field.label).lower()}: {shown}")
    return "; ".join(parts)


class FollowedSearchFeed(Feed):
    """New and updated interventions matching a finder search (any of the finder's filters)."""

    feed_type = Atom1Feed
    author_name = settings.SITE_NAME

    def filters(self, request, **kwargs) -> QueryDict:
        return QueryDict(follow_query(request.GET))

    def get_object(self, request, **kwargs):
        filterset = InterventionFilter(
            self.filters(request, **kwargs), queryset=Intervention.objects.published()
        )
        if not filterset.is_valid():
            raise BadRequest(gettext("These filters are not valid; correct them in the finder."))
        filterset.subject = self.subject(**kwargs)
        filterset.page_url = self.page_url(filterset, **kwargs)
        filterset.own_url = self.own_url(filterset, **kwargs)
        return filterset

    def subject(self, **kwargs):
        return None

    def page_url(self, filterset, **kwargs) -> str:
        query = follow_query(filterset.data)
        return reverse("intervention-list") + (f"?{query}" if query else "")

    def own_url(self, filterset, **kwargs) -> str:
        return follow_url(filterset.data)

    def title(self, filterset):
        described = _described(filterset)
        if described:
            return gettext("%(site)s: new evidence (%(filters)s)") % {
                "site": settings.SITE_NAME,
                "filters": described,
            }
        return gettext("%(site)s: new evidence") % {"site": settings.SITE_NAME}

    def subtitle(self, filterset):
        return gettext("Place-based interventions as they are published or updated.")

    def link(self, filterset):
        return filterset.page_url

    def feed_url(self, filterset):
        return filterset.own_url

    def items(self, filterset):
        queryset = filterset.apply(filterset.queryset, ordered=False).with_strongest_evidence()
        return (
            queryset.defer("description", "description_html", "search_vector")
            .prefetch_related("places")
            .order_by("-updated_at", "pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        if isinstance(item, EvidenceReview):
            return gettext("Evidence review: %(title)s") % {"title": localised(item, "title")}
        if isinstance(item, Output):
            return f"{item.get_kind_display()}: {localised(item, 'title')}"
        return localised(item, "name")

    def item_description(self, item):
        if isinstance(item, EvidenceReview):
            return format_html("<p>{}</p>", strip_tags(localised(item, "summary_html")))
        if isinstance(item, Output):
            return format_html("<p>{}</p>", localised(item, "summary"))
        places = format_html_join(", ", "{}", ((p.display_name,) for p in item.places.all()))
        return format_html(
            "<p>{}</p><p>{}</p>",
            localised(item, "summary"),
            format_html(
                gettext("Where: {places}. Strongest evidence: {strength}."),
                places=places or gettext("not recorded"),
                strength=evidence_label(item.strongest_evidence),
            ),
        )

    def item_pubdate(self, item):
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class WithPublications:
    """Adds the published reviews and outputs on the feed's subject, newest change first."""

    def publications(self, subject) -> list:
        raise NotImplementedError

    def subtitle(self, filterset):
        return gettext(
            "Place-based interventions, evidence reviews and outputs as they are published or "
            "updated."
        )

    def items(self, filterset):
        found = list(super().items(filterset)) + self.publications(filterset.subject)
        found.sort(key=lambda item: item.updated_at, reverse=True)
        return found[:FEED_SIZE]


class FollowedPlaceFeed(WithPublications, FollowedSearchFeed):
    """New evidence in a place or any place within it."""

    def publications(self, place) -> list:
        within = Place.objects.within(place).values("pk")
        outputs = Output.objects.published().filter(places__in=within).distinct()
        return list(
            outputs.defer("transcript", "transcript_html").order_by("-updated_at")[:FEED_SIZE]
        )

    def filters(self, request, slug):
        return QueryDict(f"place={self.subject(slug=slug).slug}")

    def subject(self, slug):
        return get_object_or_404(Place, slug=slug)

    def title(self, filterset):
        return gettext("%(site)s: new evidence for %(place)s") % {
            "site": settings.SITE_NAME,
            "place": filterset.subject.display_name,
        }

    def page_url(self, filterset, slug):
        return filterset.subject.get_absolute_url()

    def own_url(self, filterset, slug):
        return reverse("feed-place", args=[slug])


class FollowedThemeFeed(WithPublications, FollowedSearchFeed):
    """New evidence on a theme."""

    def publications(self, theme) -> list:
        reviews = EvidenceReview.objects.published().filter(theme=theme)
        outputs = Output.objects.published().filter(themes=theme)
        return list(
            reviews.only(
                "title",
                "title_cy",
                "slug",
                "summary_html",
                "summary_cy_html",
                "updated_at",
                "published_at",
                "created_at",
                "theme",
            ).order_by("-updated_at")[:FEED_SIZE]
        ) + list(outputs.defer("transcript", "transcript_html").order_by("-updated_at")[:FEED_SIZE])

    def filters(self, request, slug):
        return QueryDict(f"theme={self.subject(slug=slug).slug}")

    def subject(self, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, filterset):
        return gettext("%(site)s: new evidence on %(theme)s") % {
            "site": settings.SITE_NAME,
            "theme": localised(filterset.subject, "name"),
        }

    def page_url(self, filterset, slug):
        return filterset.subject.get_absolute_url()

    def own_url(self, filterset, slug):
        return reverse("feed-theme", args=[slug])
