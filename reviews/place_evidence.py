"""What the Hub holds for a place: the evidence on its page, from the cached place hierarchy.

Called by the place page (partnerships.views.PlaceDetailView), which cannot import reviews at
module level because reviews imports partnerships.
"""

from django.db.models import Count, Window
from django.urls import reverse

from partnerships.hierarchy import place_hierarchy
from partnerships.models import Partnership, Place
from reviews import finder_index
from reviews.models import Intervention, Policy

SHOWN = 20


def evidence_for_place(place: Place) -> dict:
    """Published interventions within and covering the place, partnerships and policies there.

    A fixed number of queries whatever the size of the place: each list is capped at SHOWN,
    with its full count beside it.
    """
    hierarchy = place_hierarchy()
    within_ids = hierarchy.descendants_and_self(place.pk)
    covering_ids = hierarchy.ancestors(place.pk)
    interventions = (
        Intervention.objects.published()
        .defer("description", "description_html", "search_vector")
        .prefetch_related("places")
    )
    within = finder_index.in_place(interventions, place).order_by("name")
    covering = interventions.covering_only(place).order_by("name")
    partnerships = (
        Partnership.objects.published()
        .filter(
            pk__in=Partnership.places.through.objects.filter(
                place_id__in=within_ids | covering_ids
            ).values("partnership_id")
        )
        .order_by("name")
    )
    policies = Policy.objects.published().applying_in(place).prefetch_related("places")
    within, within_count = first_and_count(within)
    covering, covering_count = first_and_count(covering)
    policies, policies_count = first_and_count(policies.order_by("name"))
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


def first_and_count(queryset, shown: int = SHOWN) -> tuple[list, int]:
    """The first `shown` items and how many there are in all, in one query (a window count)."""
    items = list(queryset.annotate(listed_of=Window(Count("pk")))[:shown])
    return items, items[0].listed_of if items else 0
