"""A partnership's dates: an end before the start is a typing slip, said plainly."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import PartnershipFactory


@pytest.mark.django_db
def test_a_partnership_ending_before_it_starts_is_refused():
    partnership = PartnershipFactory.build(
        start_date=datetime.date(2024, 4, 1), end_date=datetime.date(2023, 3, 31)
    )
    with pytest.raises(ValidationError) as caught:
        partnership.full_clean(exclude=["slug", "lead_organisation"])
    assert caught.value.message_dict["end_date"] == [
        "The end date (31 March 2023) is before the start date (1 April 2024): check both dates."
    ]
