"""The evidence panels on partnership and place pages, registered with the partnerships app."""

from django.http import QueryDict

from partnerships.models import Partnership, Place
from reviews import finder_index
from reviews.models import Output
from reviews.place_evidence import evidence_for_place, prefetch_places
from reviews.similar_evidence import similar_places_panel
from reviews.views.outputs import outputs_panel

RELATED_INITIATIVES_SHOWN = 10


def partnership_panels(partnership: Partnership) -> dict:
    return {
        "outputs": outputs_panel(partnership.outputs, partnership=partnership.slug),
        "related_initiatives": list(
            partnership.related_initiatives.published()[:RELATED_INITIATIVES_SHOWN]
        ),
    }


def place_panels(place: Place, query: QueryDict) -> dict:
    """The evidence in and around the place, its outputs and what was tried in places like it;
    the places of every intervention and policy listed are read once, together, and the finder
    index that both panels read is brought up to date with the schedule once."""
    finder_index.catch_up_with_schedule()
    evidence = evidence_for_place(place, places=False, caught_up=True)
    similar = similar_places_panel(place, query, places=False, caught_up=True)
    listed = evidence["place_evidence"]
    prefetch_places(
        listed["interventions_within"]
        + listed["interventions_covering"]
        + listed["policies"]
        + similar.get("similar_places", {}).get("tried", [])
    )
    return {
        **evidence,
        "outputs": outputs_panel(
            Output.objects.in_place(place), place=place.gss_code or place.slug
        ),
        **similar,
    }


def register() -> None:
    from partnerships import views

    for providers, panel in [
        (views.PARTNERSHIP_PANELS, partnership_panels),
        (views.PLACE_QUERY_PANELS, place_panels),
    ]:
        if panel not in providers:
            providers.append(panel)
