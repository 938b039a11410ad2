"""The UK evidence map: each council's published interventions, in it or within it.

A selector for the hex map on /map/ and the home page, and the counts behind the finder's map.
Takes the finder's filters (theme, outcome type and the rest), so the maps and the finder always
agree. A fixed number of queries whatever the amount of evidence: each council's count and
strongest evidence are counted with the finder's facets (`council_counts`).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.http import QueryDict
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from lpip_hub.page_cache import content_version
from partnerships.hexmap import uk_layout
from partnerships.models import Place, PlaceKind
from reviews.filters import InterventionFilter
from reviews.finder_index import COUNCIL
from reviews.models import Intervention

SHADES = [("count", _("Number of interventions")), ("evidence", _("Strongest evidence"))]
# (lowest count, class, words for the legend), for shading by number of interventions.
COUNT_BANDS = [
    (0, "m0", _("None yet")),
    (1, "m1", _("1 intervention")),
    (2, "m2", _("2 to 4")),
    (5, "m3", _("5 to 9")),
    (10, "m4", _("10 or more")),
]
# Shading by the strongest evidence for any intervention there (Maryland scale, 1 to 5).
EVIDENCE_BANDS = [
    ("m0", _("No interventions yet")),
    ("m1", _("Not yet evaluated")),
    ("m2", _("Level 1 or 2")),
    ("m3", _("Level 3")),
    ("m4", _("Level 4 or 5")),
]


@dataclass
class Council:
    name: str
    url: str | None
    count: int
    strongest: int | None
    x: float
    y: float
    shade: str = "m0"

    @property
    def label(self) -> str:
        """The hexagon's accessible name: 'Wrexham: 3 interventions, strongest level 3'."""
        if not self.count:
            return gettext("%(name)s: no interventions yet") % {"name": self.name}
        if self.strongest:
            words = ngettext(
                "%(name)s: %(count)d intervention, strongest level %(level)d",
                "%(name)s: %(count)d interventions, strongest level %(level)d",
                self.count,
            )
        else:
            words = ngettext(
                "%(name)s: %(count)d intervention, not yet evaluated",
                "%(name)s: %(count)d interventions, not yet evaluated",
                self.count,
            )
        return words % {"name": self.name, "count": self.count, "level": self.strongest or 0}


@dataclass
class EvidenceMap:
    councils: list[Council]
    legend: list[tuple[str, str]]
    shade: str
    view_box: str
    filterset: InterventionFilter

    @property
    def with_evidence(self) -> int:
        return sum(1 for council in self.councils if council.count)


class InvalidFilters(ValueError):
    def __init__(self, filterset: InterventionFilter):
        super().__init__(filterset.errors)
        self.filterset = filterset


def _count_shade(count: int) -> str:
    return [css for lowest, css, _words in COUNT_BANDS if count >= lowest][-1]


def _evidence_shade(count: int, strongest: int | None) -> str:
    if not count:
        return "m0"
    if not strongest:
        return "m1"
    return "m2" if strongest <= 2 else "m3" if strongest == 3 else "m4"


MAP_TIMEOUT = 60 * 60


def council_counts(filterset: InterventionFilter) -> dict[str, tuple[int, int | None]]:
    """{council's ONS code: (matching interventions in or within it, strongest evidence)}, for
    every council: counted with the finder's facets (its council terms, each carrying its
    intervention's strongest evidence), so drawing the map adds no pass over the matches."""
    found: dict[str, tuple[int, int | None]] = {}
    for (value, strength), n in filterset.term_counts()[()].get(COUNCIL, {}).items():
        if not n:
            continue
        count, best = found.get(value, (0, None))
        strengths = [level for level in (best, strength) if level is not None]
        found[value] = (count + n, max(strengths) if strengths else None)
    return {code: found.get(pk, (0, None)) for pk, code in council_codes().items()}


def council_codes() -> dict[str, str]:
    """{council's id: its ONS code}, read once per content version."""
    key = f"lpip:council-codes:{content_version()}"

    def read():
        councils = Place.objects.filter(kind=PlaceKind.LOCAL_AUTHORITY, gss_code__isnull=False)
        return {str(pk): code for pk, code in councils.values_list("pk", "gss_code")}

    return cache.get_or_set(key, read, MAP_TIMEOUT)


def build_evidence_map(query: QueryDict) -> EvidenceMap:
    """Every council's count and strongest evidence under the finder filters in the query.

    Raises InvalidFilters, carrying the filter set and its errors, when a filter is not valid.
    """
    shade = query.get("shade") if query.get("shade") in dict(SHADES) else "count"
    filterset = InterventionFilter(query, queryset=Intervention.objects.published())
    if not filterset.is_valid():
        raise InvalidFilters(filterset)
    counts = council_counts(filterset)
    places = {
        place.gss_code: place
        for place in Place.objects.filter(kind=PlaceKind.LOCAL_AUTHORITY).only(
            "pk", "slug", "name", "official_name", "kind", "gss_code", "end_date"
        )
    }
    councils = []
    for cell in uk_layout().hexes:
        place = next((places[c] for c in cell.codes() if c in places), None)
        count, strongest = counts.get(place.gss_code, (0, None)) if place else (0, None)
        council = Council(
            name=place.display_name if place else cell.name,
            url=place.get_absolute_url() if place else None,
            count=count,
            strongest=strongest,
            x=cell.x,
            y=cell.y,
        )
        if shade == "count":
            council.shade = _count_shade(council.count)
        else:
            council.shade = _evidence_shade(council.count, council.strongest)
        councils.append(council)
    legend = [(css, words) for _, css, words in COUNT_BANDS] if shade == "count" else EVIDENCE_BANDS
    return EvidenceMap(councils, legend, shade, uk_layout().view_box, filterset)
