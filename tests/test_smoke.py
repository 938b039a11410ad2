import pytest

from tests.factories import InterventionFactory, OutcomeFactory, ThemeFactory


@pytest.mark.django_db
def test_home_lists_themes(client):
    ThemeFactory(name="Skills")
    response = client.get("/")
    assert response.status_code == 200
    assert b"Skills" in response.content


@pytest.mark.django_db
def test_published_intervention_page_shows_name(client):
    outcome = OutcomeFactory(intervention=InterventionFactory(name="Preston Model"))
    response = client.get(outcome.intervention.get_absolute_url())
    assert response.status_code == 200
    assert b"Preston Model" in response.content
