"""The finder's map: the councils where the interventions matching a search are.

One query, whatever the amount of evidence: for each council, the matching interventions in
it or in any place within it, and the strongest evidence among them, read from the finder index's
council terms (each council an intervention is in or within, with its strongest evidence), or
for an unfiltered search from their kept counts. Names and
positions come from the hex layout file, not the database. Each hexagon links to the same
search narrowed to that council.
"""

import hashlib
from urllib.parse import quote

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from lpip_hub.page_cache import content_version
from partnerships.hexmap import uk_layout
from partnerships.models import Place, PlaceKind
from reviews.evidence_map import COUNT_BANDS, Council, EvidenceMap, _count_shade
from reviews.filters import InterventionFilter
from reviews.finder_index import COUNCIL, EVERYWHERE, NO_STRENGTH, Anchor
from reviews.models import FinderCount, FinderTerm

MAP_TIMEOUT = 60 * 60
# Parameters that change how results are shown, not which interventions match.
NOT_FILTERS = {"page", "sort"}


def council_counts(filterset: InterventionFilter) -> dict[str, tuple[int, int | None]]:
    """{council's ONS code: (matching interventions in or within it, strongest evidence)}."""
    quote = connection.ops.quote_name
    terms, kept, places = (
        quote(model._meta.db_table) for model in (FinderTerm, FinderCount, Place)
    )
    ids = filterset.matching_ids(kept=True)
    # Every council listed, with 0 where nothing matches; a council term's strength is its
    # intervention's strongest evidence.
    if ids is None or isinstance(ids, Anchor):  # the kept counts
        rows = (
            f"SELECT value, interventions AS n, NULLIF(strength, %s) AS strength FROM {kept} "
            f"WHERE anchor = %s AND facet = %s AND interventions > 0"
        )
        params = [NO_STRENGTH, EVERYWHERE if ids is None else ids.name, COUNCIL]
    else:  # one pass over the council terms of the matching interventions
        try:
            sql, params = ids.query.sql_with_params()
        except EmptyResultSet:  # nothing can match
            sql, params = "SELECT 0 WHERE 1 = 0", ()
        rows = (
            f"SELECT value, 1 AS n, strength FROM {terms} "
            f"WHERE facet = %s AND intervention_id IN ({sql})"
        )
        params = [COUNCIL, *params]
    query = (
        f"SELECT p.gss_code, COALESCE(SUM(x.n), 0), MAX(x.strength) "  # noqa: S608
        f"FROM {places} p LEFT JOIN ({rows}) x ON x.value = CAST(p.id AS VARCHAR(64)) "
        f"WHERE p.kind = %s AND p.gss_code IS NOT NULL "
        f"GROUP BY p.id, p.gss_code"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, PlaceKind.LOCAL_AUTHORITY])
        rows = cursor.fetchall()
    return {code: (n, best if n else None) for code, n, best in rows}


def _cached_counts(filterset: InterventionFilter) -> dict[str, tuple[int, int | None]]:
    state = sorted(
        (name, str(getattr(value, "pk", value)))
        for name, value in filterset.form.cleaned_data.items()
        if name not in NOT_FILTERS and value not in (None, "")
    )
    digest = hashlib.sha256(repr(state).encode()).hexdigest()
    key = f"lpip:finder-map:{content_version()}:{digest}"
    return cache.get_or_set(key, lambda: council_counts(filterset), MAP_TIMEOUT)


def finder_map(filterset: InterventionFilter, query: QueryDict) -> EvidenceMap:
    """The hex map for a valid finder search: every council, shaded by its matching
    interventions, each linking to the search narrowed to it."""
    counts = _cached_counts(filterset)
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
