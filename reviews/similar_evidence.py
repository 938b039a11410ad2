"""What was tried in places like this one: evidence from a place's nearest statistical neighbours.

The neighbours are the ONS's (partnerships.similar_places); this module joins them to the
published interventions located in them or in any place within them.
"""

from django.db.models import F, OuterRef, Subquery
from django.http import QueryDict
from django.urls import reverse

from partnerships.hierarchy import place_hierarchy
from partnerships.models import Place, PlaceKind
from partnerships.models_similar import SimilarityModel
from partnerships.similar_places import (
    METHODOLOGY_URL,
    cluster_of,
    model_from,
    neighbour_ids,
    neighbours_of,
)
from reviews import finder_index
from reviews.models import FinderEntry, FinderTerm, Intervention
from reviews.place_evidence import count_of, prefetch_places

SHOWN = 20
# The kinds of place the ONS lists neighbours for.
SIMILAR_KINDS = {PlaceKind.LOCAL_AUTHORITY, PlaceKind.COUNTY, PlaceKind.COMBINED_AUTHORITY}


def in_places_like(queryset, place: Place, model: str, neighbours: list[int] | None = None):
    """Items located in any of the place's nearest neighbours under the model, or within them.

    `neighbours`: their ids, when already read."""
    hierarchy = place_hierarchy()
    place_ids: set[int] = set()
    if neighbours is None:
        neighbours = neighbour_ids(place, model)
    for neighbour in neighbours:
        place_ids |= hierarchy.descendants_and_self(neighbour)
    located = Intervention.places.through.objects.filter(place_id__in=place_ids)
    return queryset.filter(pk__in=located.values("intervention_id"))


def strongest_first(queryset):
    """Published interventions, the strongest evidence first (read from their finder index
    entries, not worked out from each one's outcomes), then by name."""
    strongest = FinderEntry.objects.filter(intervention_id=OuterRef("pk"))
    return queryset.annotate(
        strongest_evidence=Subquery(strongest.values("strongest_evidence")[:1])
    ).order_by(F("strongest_evidence").desc(nulls_last=True), "name")


def _tried_in(neighbours: list[int]) -> tuple[list, int]:
    """The first SHOWN published interventions in these places or within them, strongest first,
    and how many there are: one query. The finder index's place terms (every place each is in
    or within) find them, and count them, without reading the place hierarchy's links."""
    terms = FinderTerm.objects.filter(
        facet=finder_index.PLACE, value__in=[str(pk) for pk in neighbours]
    )
    matching = Intervention.objects.published().filter(pk__in=terms.values("intervention_id"))
    first = strongest_first(matching).values("pk")[:SHOWN]
    tried = list(
        strongest_first(
            Intervention.objects.defer("description", "description_html", "search_vector")
            .filter(pk__in=first)
            .annotate(listed_of=count_of(terms, "intervention_id", distinct=True))
        )
    )
    return tried, tried[0].listed_of if tried else 0


def similar_places_panel(
    place: Place, query: QueryDict, places: bool = True, caught_up: bool = False
) -> dict:
    """The place's neighbours and cluster under the chosen model, and what was tried there.

    A fixed number of queries: neighbours, cluster, the interventions with their count and,
    with `places`, their places (the place page reads those once for all its panels).
    `caught_up`: the finder index has already been brought up to date with the schedule.
    """
    if place.kind not in SIMILAR_KINDS:
        return {}
    model = model_from(query.get("model"))
    neighbours = neighbours_of(place, model)
    cluster = cluster_of(place, model) if place.kind == PlaceKind.LOCAL_AUTHORITY else None
    if not neighbours and cluster is None:
        return {}
    if not caught_up:
        finder_index.catch_up_with_schedule()
    tried, tried_count = _tried_in([link.neighbour_id for link in neighbours])
    code = place.gss_code or place.slug
    if places:
        prefetch_places(tried)
    return {
        "similar_places": {
            "model": model,
            "model_label": SimilarityModel(model).label.lower(),
            "models": [
                {"value": value, "label": label, "current": value == model}
                for value, label in SimilarityModel.choices
            ],
            "neighbours": [link.neighbour for link in neighbours],
            "cluster": cluster,
            "tried": tried,
            "tried_count": tried_count,
            "finder_url": f"{reverse('intervention-list')}?like={code}&model={model}",
            "method_url": reverse("similar-places"),
            "methodology_url": METHODOLOGY_URL,
        }
    }
