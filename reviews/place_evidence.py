"""What the Hub holds for a place: the evidence on its page, from the cached place hierarchy.

Called by the place page (partnerships.views.PlaceDetailView), which cannot import reviews at
module level because reviews imports partnerships.
"""

from collections import defaultdict

from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from partnerships.hierarchy import place_hierarchy
from partnerships.models import Partnership, Place
from reviews import finder_index
from reviews.models import Intervention, Policy

SHOWN = 20


def evidence_for_place(place: Place, places: bool = True) -> dict:
    """Published interventions within and covering the place, partnerships and policies there.

    A fixed number of queries whatever the size of the place: each list is capped at SHOWN,
    with its full count beside it; the interventions within and covering the place are read
    together. With `places`, the places of everything listed are read too (one query); the
    place page reads them once for all its panels instead.
    """
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
    its full count: one query (a row number and a count over each of the two groups)."""
    within = Q(pk__in=finder_index.with_term(finder_index.PLACE, place.pk))
    covering = Q(pk__in=interventions.covering_only(place).values("pk"))
    group = Case(When(within, then=Value(0)), default=Value(1), output_field=IntegerField())
    rows = (
        interventions.filter(within | covering)
        .annotate(listed_group=group)
        .annotate(
            listed_row=Window(
                RowNumber(), partition_by=[F("listed_group")], order_by=[F("name"), F("pk")]
            ),
            listed_of=Window(Count("pk"), partition_by=[F("listed_group")]),
        )
        .filter(listed_row__lte=shown)
        .order_by("listed_group", "name", "pk")
    )
    lists: tuple = ([], [])
    for item in rows:
        lists[item.listed_group].append(item)
    return tuple((items, items[0].listed_of if items else 0) for items in lists)


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


def first_and_count(queryset, shown: int = SHOWN) -> tuple[list, int]:
    """The first `shown` items and how many there are in all, in one query (a window count)."""
    items = list(queryset.annotate(listed_of=Window(Count("pk")))[:shown])
    return items, items[0].listed_of if items else 0
