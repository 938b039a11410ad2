"""What the Hub holds for a place: the evidence on its page, from the cached place hierarchy.

Called by the place page (partnerships.views.PlaceDetailView), which cannot import reviews at
module level because reviews imports partnerships.
"""

from collections import defaultdict

from django.db.models import Count, F, Func, IntegerField, Subquery, Value, Window
from django.db.models.functions import Coalesce
from django.urls import reverse

from partnerships.hierarchy import place_hierarchy
from partnerships.models import Partnership, Place
from reviews import finder_index
from reviews.models import FinderCount, Intervention, Policy

SHOWN = 20


def evidence_for_place(place: Place, places: bool = True, caught_up: bool = False) -> dict:
    """Published interventions within and covering the place, partnerships and policies there.

    A fixed number of queries whatever the size of the place: each list is capped at SHOWN,
    with its full count beside it; the interventions within and covering the place are read
    together. With `places`, the places of everything listed are read too (one query); the
    place page reads them once for all its panels instead. `caught_up`: the finder index has
    already been brought up to date with the schedule (the place page does it once for all).
    """
    if not caught_up:
        finder_index.catch_up_with_schedule()
    hierarchy = place_hierarchy()
    within_ids = hierarchy.descendants_and_self(place.pk)
    covering_ids = hierarchy.ancestors(place.pk)
    interventions = Intervention.objects.published().defer(
        "description", "description_html", "search_vector"
    )
    (within, within_count), (covering, covering_count) = _within_and_covering(interventions, place)
    partnerships = (
        Partnership.objects.published()
        .filter(
            pk__in=Partnership.places.through.objects.filter(
                place_id__in=within_ids | covering_ids
            ).values("partnership_id")
        )
        .order_by("name")
    )
    policies = Policy.objects.published().applying_in(place)
    policies, policies_count = first_and_count(policies.order_by("name"))
    if places:
        prefetch_places(within + covering + policies)
    return {
        "place_evidence": {
            "interventions_within": within,
            "interventions_within_count": within_count,
            "interventions_covering": covering,
            "interventions_covering_count": covering_count,
            "partnerships": list(partnerships),
            "policies": policies,
            "policies_count": policies_count,
            "finder_url": f"{reverse('intervention-list')}?place={place.gss_code or place.slug}",
            "gap_map_url": f"{reverse('gap-map')}?place={place.gss_code or place.slug}",
        }
    }


def _within_and_covering(interventions, place: Place, shown: int = SHOWN) -> tuple:
    """The first `shown` interventions within the place and covering it, by name, each with
    its full count: one query (UNION ALL of the two pages).

    Each page is a LIMIT over the ordered matches, so the database can stop after `shown`
    rows (walking the index by name when most interventions match); the count within is read
    from the finder index's kept counts, or counted from the index for a council."""
    within = interventions.filter(pk__in=finder_index.with_term(finder_index.PLACE, place.pk))
    covering = interventions.covering_only(place)
    parts = [
        _page(interventions, matching, count, group, shown)
        for group, (matching, count) in enumerate(
            [(within, _within_count(place)), (covering, count_of(covering))]
        )
    ]
    lists: tuple = ([], [])
    for item in parts[0].union(parts[1], all=True).order_by("listed_group", "name", "pk"):
        lists[item.listed_group].append(item)
    return tuple((items, items[0].listed_of if items else 0) for items in lists)


def _page(interventions, matching, count, group: int, shown: int):
    first = matching.order_by("name", "pk").values("pk")[:shown]
    return (
        interventions.filter(pk__in=first)
        .annotate(listed_group=Value(group, output_field=IntegerField()), listed_of=count)
        .order_by()
    )


def _within_count(place: Place) -> Coalesce:
    """How many published interventions are within the place: its kept count, or for a
    council (which has none: `finder_index.anchor_for`) a count of its index rows."""
    anchor = finder_index.anchor_for(str(place.pk), place.kind, None)
    if anchor is None:
        count = count_of(finder_index.with_term(finder_index.PLACE, place.pk))
    else:
        kept = FinderCount.objects.filter(anchor=anchor.name, facet=finder_index.TOTAL)
        count = Subquery(kept.values("interventions")[:1], output_field=IntegerField())
    return Coalesce(count, 0)


def prefetch_places(items: list) -> None:
    """Fill `places` of these interventions and policies, by name, in one query (UNION ALL)."""
    owners: dict[type, dict[int, list]] = {Intervention: {}, Policy: {}}
    for item in items:
        owners[type(item)].setdefault(item.pk, []).append(item)
    parts = []
    for number, (model, by_pk) in enumerate(owners.items()):
        if by_pk:
            relation = "interventions" if model is Intervention else "policies"
            parts.append(
                Place.objects.filter(**{f"{relation}__in": list(by_pk)})
                .annotate(
                    owner_model=Value(number, output_field=IntegerField()),
                    owner_pk=F(f"{relation}__id"),
                )
                .order_by()
            )
    if not parts:
        return
    found = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    places = defaultdict(list)
    for found_place in found.order_by("name"):
        places[(found_place.owner_model, found_place.owner_pk)].append(found_place)
    for number, by_pk in enumerate(owners.values()):
        for pk, same in by_pk.items():
            for item in same:
                listed = item.places.all()
                listed._result_cache = places[(number, pk)]
                listed._prefetch_done = True
                cache = item.__dict__.setdefault("_prefetched_objects_cache", {})
                cache["places"] = listed


def count_of(queryset, field: str = "pk", distinct: bool = False) -> Subquery:
    """How many rows the queryset has (`distinct`: how many different values of `field`), as a
    subquery to annotate with."""
    # Not Count(): an aggregate in annotate() adds a GROUP BY, counting each row by itself.
    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    counted = queryset.order_by().annotate(counted=Func(F(field), template=template))
    return Subquery(counted.values("counted"), output_field=IntegerField())


def first_and_count(queryset, shown: int = SHOWN) -> tuple[list, int]:
    """The first `shown` items and how many there are in all, in one query (a window count)."""
    items = list(queryset.annotate(listed_of=Window(Count("pk")))[:shown])
    return items, items[0].listed_of if items else 0
