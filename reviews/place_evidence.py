"""What the Hub holds for a place: the evidence on its page, from the cached place hierarchy.

Called by the place page (partnerships.views.PlaceDetailView), which cannot import reviews at
module level because reviews imports partnerships.
"""

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
    return {
        "place_evidence": {
            "interventions_within": list(within[:SHOWN]),
            "interventions_within_count": _count(within),
            "interventions_covering": list(covering[:SHOWN]),
            "interventions_covering_count": _count(covering),
            "partnerships": list(partnerships),
            "policies": list(policies.order_by("name")[:SHOWN]),
            "policies_count": _count(policies),
            "finder_url": f"{reverse('intervention-list')}?place={place.gss_code or place.slug}",
            "gap_map_url": f"{reverse('gap-map')}?place={place.gss_code or place.slug}",
        }
    }


def _count(queryset) -> int:
    return queryset.order_by().count()
