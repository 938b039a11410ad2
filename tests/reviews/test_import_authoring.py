"""Imports that read what researchers type and say what is wrong, by row."""

import pytest

from reviews.models import Intervention
from tests.factories import PlaceFactory, publisher
from tests.test_admin_import import as_csv, import_file, upload

HEADER = ["name", "summary", "places", "start_year", "end_year", "budget"]


@pytest.fixture
def leeds(db):
    return PlaceFactory(name="Leeds", slug="leeds", gss_code="E08000035")


@pytest.mark.django_db
def test_an_import_reads_budgets_as_people_type_them(client, leeds):
    client.force_login(publisher())
    content = as_csv(
        [
            ["Jobs pilot", "Support.", "Leeds", "2020", "", "£1,200,000"],
            ["Skills hub", "A hub.", "Leeds", "2020", "", "£1.2m"],
            ["Town fund", "A fund.", "Leeds", "2020", "", "£500k"],
        ],
        header=HEADER,
    )
    import_file(client, "intervention", content)
    budgets = dict(Intervention.objects.values_list("name", "budget"))
    assert budgets == {"Jobs pilot": 1_200_000, "Skills hub": 1_200_000, "Town fund": 500_000}


@pytest.mark.django_db
def test_an_import_names_the_row_with_a_year_slip_or_unreadable_money(client, leeds):
    client.force_login(publisher())
    content = as_csv(
        [
            ["Jobs pilot", "Support.", "Leeds", "2018", "2016", ""],
            ["Skills hub", "A hub.", "Leeds", "2020", "", "a lot"],
        ],
        header=HEADER,
    )
    response = upload(client, "intervention", content)
    errors = response.context["result"].plain_errors
    assert errors[0] == (
        "Row 2, end_year: the end year (2016) is before the start year (2018): check both years."
    )
    assert errors[1].startswith("Row 3, budget: “a lot” is not an amount of money")
    assert not Intervention.objects.exists()
