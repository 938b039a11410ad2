"""Choice labels in the language of each request; a value that is not a choice as it is."""

import pytest
from django.utils import translation

from reviews.models import Scale
from tests.factories import InterventionFactory, OutcomeFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_get_display_names_each_choice_in_the_language_of_the_moment():
    item = InterventionFactory(scale=Scale.LOCAL)
    outcome = OutcomeFactory(intervention=item)
    with translation.override("en-gb"):
        assert item.get_scale_display() == "Local authority"
        assert outcome.get_outcome_type_display() == "Employment"
    with translation.override("cy"):
        assert item.get_scale_display() == "Awdurdod lleol"
        assert outcome.get_outcome_type_display() == "Cyflogaeth"
    with translation.override("en-gb"):
        assert item.get_scale_display() == "Local authority"  # not kept in the last language


def test_a_value_that_is_not_a_choice_is_shown_as_it_is():
    item = InterventionFactory()
    item.scale = "somewhere"
    assert item.get_scale_display() == "somewhere"
    place = PlaceFactory()
    place.kind = ""
    assert place.get_kind_display() == ""
