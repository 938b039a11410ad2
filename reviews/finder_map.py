"""The finder's map: the councils where the interventions matching a search are.

For each council, the matching interventions in it or in any place within it, and the strongest
evidence among them: counted with the finder's facets, from the index's council terms (each
council an intervention is in or within, with its strongest evidence) or their kept counts, so
the map adds no query of its own beyond the councils' codes (cached). Names and positions come
from the hex layout file. Each hexagon links to the same search narrowed to that council.
"""

from urllib.parse import quote

from django.http import QueryDict
from django.urls import reverse

from partnerships.hexmap import uk_layout
from reviews.evidence_map import COUNT_BANDS, Council, EvidenceMap, _count_shade, council_counts
from reviews.filters import InterventionFilter


def finder_map(filterset: InterventionFilter, query: QueryDict) -> EvidenceMap:
    """The hex map for a valid finder search: every council, shaded by its matching
    interventions, each linking to the search narrowed to it."""
    counts = council_counts(filterset)
    search = query.copy()
    for name in ("page", "place"):
        search.pop(name, None)
    # The same search with the council's place added last, as QueryDict.urlencode would write it.
    kept = search.urlencode()
    finder = f"{reverse('intervention-list')}?{kept}{'&' if kept else ''}place="
    councils = []
    for cell in uk_layout().hexes:
        code = next((c for c in cell.codes() if c in counts), cell.code)
        count, strongest = counts.get(code, (0, None))
        council = Council(
            name=cell.name,
            url=finder + quote(code, safe="/"),
            count=count,
            strongest=strongest,
            x=cell.x,
            y=cell.y,
        )
        council.shade = _count_shade(count)
        councils.append(council)
    legend = [(css, words) for _, css, words in COUNT_BANDS]
    return EvidenceMap(councils, legend, "count", uk_layout().view_box, filterset)
