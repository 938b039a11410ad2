"""The admin in the language its user chose in the header, remembered in the language cookie."""

import pytest
from django.conf import settings

from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_URL}"


def test_admin_is_in_english_until_someone_chooses_welsh(admin_client):
    response = admin_client.get(ADMIN)

    assert response["Content-Language"] == "en-gb"
    page = response.content.decode()
    assert '<html lang="en-gb"' in page
    assert 'name="language" value="cy" lang="cy">Cymraeg</button>' in page


def test_choosing_welsh_in_the_header_turns_the_admin_welsh(admin_client):
    changelist = f"{ADMIN}reviews/theme/"

    response = admin_client.post("/i18n/setlang/", {"language": "cy", "next": changelist})

    assert response.status_code == 302
    assert response["Location"] == changelist
    assert admin_client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    welsh = admin_client.get(changelist)
    assert welsh["Content-Language"] == "cy"
    page = welsh.content.decode()
    assert '<html lang="cy"' in page
    assert "Allgofnodi" in page, "Django's own Welsh: Log out"
    assert 'name="language" value="en-gb" lang="en-GB">English</button>' in page


def test_choosing_english_again_turns_it_back(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    admin_client.post("/i18n/setlang/", {"language": "en-gb", "next": ADMIN})

    assert admin_client.get(ADMIN)["Content-Language"] == "en-gb"


def test_login_page_offers_the_choice_too(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    page = client.get(f"{ADMIN}login/").content.decode()

    assert '<html lang="cy"' in page
    assert "Mewngofnodi" in page


def test_an_unknown_language_in_the_cookie_leaves_the_admin_in_english(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    assert admin_client.get(ADMIN)["Content-Language"] == "en-gb"


def test_public_pages_keep_to_their_address_whatever_the_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    assert client.get("/themes/")["Content-Language"] == "en-gb"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    assert client.get("/cy/themes/")["Content-Language"] == "cy"


def test_the_api_stays_in_english_whatever_the_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    assert client.get("/api/")["Content-Language"] == "en-gb"


def test_the_hubs_own_admin_screens_are_in_welsh_too(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    page = admin_client.get(ADMIN).content.decode()

    assert "Gweinyddu LPIP Evidence Hub" in page, "the site header"
    assert "Yn aros am adolygiad" in page, "the dashboard: Awaiting review"
    assert "Awaiting review" not in page


def test_an_interventions_labels_and_name_are_in_welsh(admin_client):
    intervention = InterventionFactory()
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    form = admin_client.get(f"{ADMIN}reviews/intervention/{intervention.pk}/change/")
    changelist = admin_client.get(f"{ADMIN}reviews/intervention/")

    page = form.content.decode()
    assert 'for="id_scale">Graddfa ddaearyddol:</label>' in page
    assert 'for="id_start_year">Blwyddyn dechrau:</label>' in page
    assert "Geographic scale" not in page
    assert ">Ble a phryd</h2>" in page and ">Cyhoeddi</h2>" in page, "fieldset headings"
    assert "Where and when" not in page
    listing = changelist.content.decode()
    assert "<h1>Dewis ymyriad i newid</h1>" in listing, "the model's name, in Django's Welsh"
    assert "&rsaquo; Ymyriadau" in listing, "the breadcrumb: its plural name"
    assert "Interventions" not in listing
