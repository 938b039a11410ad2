"""The evidence panels on partnership and place pages, registered with the partnerships app."""

from partnerships.models import Partnership, Place
from reviews.models import Output
from reviews.place_evidence import evidence_for_place
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


def place_panels(place: Place) -> dict:
    return {
        **evidence_for_place(place),
        "outputs": outputs_panel(
            Output.objects.in_place(place), place=place.gss_code or place.slug
        ),
    }


def register() -> None:
    from partnerships import views

    for providers, panel in [
        (views.PARTNERSHIP_PANELS, partnership_panels),
        (views.PLACE_PANELS, place_panels),
        (views.PLACE_QUERY_PANELS, similar_places_panel),
    ]:
        if panel not in providers:
            providers.append(panel)
