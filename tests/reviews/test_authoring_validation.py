"""Validation in researchers' words: year ranges, money as typed, likely duplicates."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reviews.models import Intervention, KeyConcept, Policy
from reviews.money import parse_money
from tests.factories import (
    InterventionFactory,
    KeyConceptFactory,
    PlaceFactory,
    PolicyFactory,
    editor,
)


def intervention_post(**extra) -> dict:
    return {
        "name": "Leeds skills pilot",
        "slug": "leeds-skills-pilot",
        "status": "draft",
        "summary": "Skills support in Leeds.",
        "scale": "local",
        "setting": "urban",
        "outcomes-TOTAL_FORMS": "0",
        "outcomes-INITIAL_FORMS": "0",
        **extra,
    }


@pytest.mark.parametrize(
    ("typed", "pounds"),
    [
        ("£1.2m", 1_200_000),
        ("£1,200,000", 1_200_000),
        ("1.2 million", 1_200_000),
        ("£500k", 500_000),
        ("£2bn", 2_000_000_000),
        ("350000", 350_000),
        ("", None),
    ],
)
def test_money_is_read_as_people_type_it(typed, pounds):
    assert parse_money(typed) == (None if pounds is None else Decimal(pounds))


def test_unreadable_money_says_how_to_write_it():
    with pytest.raises(ValueError, match="is not an amount of money.*£1.2m"):
        parse_money("about a million")


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [InterventionFactory, PolicyFactory])
def test_an_end_year_before_the_start_year_is_refused(factory):
    item = factory.build(start_year=2018, end_year=2016)
    with pytest.raises(ValidationError) as caught:
        item.full_clean(exclude=["slug"])
    assert "before the start year (2018)" in caught.value.message_dict["end_year"][0]


@pytest.mark.django_db
def test_the_admin_form_takes_a_budget_typed_with_pounds_and_millions(client):
    client.force_login(editor())
    response = client.post(
        reverse("admin:reviews_intervention_add"), intervention_post(budget="£1.2m")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Intervention.objects.get(slug="leeds-skills-pilot").budget == 1_200_000


@pytest.mark.django_db
def test_the_admin_form_explains_an_unreadable_budget_and_a_year_slip(client):
    client.force_login(editor())
    response = client.post(
        reverse("admin:reviews_intervention_add"),
        intervention_post(budget="lots", start_year="2018", end_year="2016"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "is not an amount of money" in errors["budget"][0]
    assert "before the start year" in errors["end_year"][0]
    assert not Intervention.objects.exists()


@pytest.mark.django_db
def test_a_likely_duplicate_in_the_same_place_is_flagged_until_confirmed(client):
    preston = PlaceFactory(name="Preston")
    held = InterventionFactory(name="Preston Model (community wealth building)", places=[preston])
    client.force_login(editor())
    data = intervention_post(
        name="Preston community wealth building", slug="preston-cwb", places=[preston.pk]
    )
    response = client.post(reverse("admin:reviews_intervention_add"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This may be a duplicate" in page
    assert reverse("admin:reviews_intervention_change", args=[held.pk]) in page
    assert 'name="save_anyway"' in page
    response = client.post(reverse("admin:reviews_intervention_add"), {**data, "save_anyway": "on"})
    assert response.status_code == 302
    assert Intervention.objects.filter(slug="preston-cwb").exists()


@pytest.mark.django_db
def test_a_similar_name_in_another_place_is_not_a_duplicate(client):
    InterventionFactory(name="Community wealth building", places=[PlaceFactory(name="Preston")])
    client.force_login(editor())
    data = intervention_post(
        name="Community wealth building", slug="cwb-leeds", places=[PlaceFactory(name="Leeds").pk]
    )
    assert client.post(reverse("admin:reviews_intervention_add"), data).status_code == 302


@pytest.mark.django_db
def test_likely_duplicate_policies_and_concepts_are_flagged(client):
    PolicyFactory(name="Levelling Up Fund")
    KeyConceptFactory(term="Social capital")
    client.force_login(editor())
    policy = client.post(
        reverse("admin:reviews_policy_add"),
        {"name": "The Levelling Up Fund", "slug": "luf-2", "status": "draft", "level": "uk"},
    )
    concept = client.post(
        reverse("admin:reviews_keyconcept_add"),
        {
            "term": "Social capital",
            "slug": "social-capital-2",
            "status": "draft",
            "definition": "x",
        },
    )
    assert "This may be a duplicate" in policy.content.decode()
    assert "This may be a duplicate" in concept.content.decode()
    assert not Policy.objects.filter(slug="luf-2").exists()
    assert not KeyConcept.objects.filter(slug="social-capital-2").exists()
