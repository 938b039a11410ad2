"""Suggest an example: a practitioner's suggestion becomes one draft intervention for editors,
and shows nowhere in public until a publisher publishes it. Spam is turned away.
"""

import pytest
from django.test import Client
from django.urls import reverse

from lpip_hub.publishing import Status
from reviews.models import Intervention
from reviews.views.suggest import RATE_LIMIT
from tests.factories import InterventionFactory, PlaceFactory, ThemeFactory, editor, publisher

pytestmark = pytest.mark.django_db

URL = "/interventions/suggest/"


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def place():
    region = PlaceFactory(name="North West", slug="north-west", gss_code="E12000002", kind="region")
    return PlaceFactory(name="Preston", slug="preston", gss_code="E07000123", parents=[region])


@pytest.fixture
def themes():
    return [ThemeFactory(name="Skills", slug="skills"), ThemeFactory(name="Innovation")]


@pytest.fixture
def answers(place, themes):
    return {
        "name": "Zzsuggested Community Energy Scheme",
        "place": "Preston",
        "themes": [themes[0].pk],
        "what_was_done": "Zzsuggested: the council and a co-operative put solar panels on schools.",
        "outcomes": "Bills fell by a fifth in the first year.",
        "links": "https://example.org/evaluation\n\n  https://example.org/news  ",
        "organisation": "Preston Community Energy",
        "email": "jo@example.org",
        "website": "",
    }


def suggest(client, data, **extra):
    return client.post(URL, data, **extra)


# The form


def test_suggest_page_shows_a_labelled_form_with_a_privacy_note(client, themes):
    response = client.get(URL)
    page = text(response)
    assert response.status_code == 200
    assert "<h1>Suggest an example</h1>" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert '<legend class="label">Themes (optional)</legend>' in page
    assert 'for="id_themes_0"' in page
    assert 'autocomplete="email"' in page
    assert 'href="/privacy/"' in page


def test_honeypot_is_hidden_from_people_and_assistive_technology(client):
    page = text(client.get(URL))
    wrapper = page[page.index('<div class="visually-hidden" aria-hidden="true">') :]
    honeypot = wrapper[: wrapper.index("</div>")]
    assert '<label for="id_website">Leave this empty</label>' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot


def test_finder_and_intervention_pages_link_to_the_suggest_form(client):
    intervention = InterventionFactory()
    for url in (reverse("intervention-list"), intervention.get_absolute_url()):
        page = text(client.get(url))
        assert f'href="{URL}"' in page, url
        assert "Suggest an example" in page
    assert "Know an example we are missing?" in text(client.get(reverse("intervention-list")))


# A good suggestion


def test_a_suggestion_creates_exactly_one_draft_intervention_marked_as_a_suggestion(
    client, answers, place, themes
):
    response = suggest(client, answers)
    assert response.status_code == 302
    assert response["Location"] == reverse("intervention-suggest-thanks")
    intervention = Intervention.objects.get()
    assert intervention.status == Status.DRAFT
    assert intervention.is_suggestion
    assert intervention.name == answers["name"]
    assert intervention.summary == answers["what_was_done"]
    assert list(intervention.places.all()) == [place]
    assert list(intervention.themes.all()) == [themes[0]]
    assert intervention.suggested_by_organisation == "Preston Community Energy"
    assert intervention.suggester_email == "jo@example.org"
    assert intervention.suggested_outcomes == "Bills fell by a fifth in the first year."
    assert (
        intervention.suggested_links == "https://example.org/evaluation\nhttps://example.org/news"
    )
    assert intervention.slug == "zzsuggested-community-energy-scheme"


def test_the_place_may_be_given_as_an_ons_code(client, answers, place):
    suggest(client, {**answers, "place": "E07000123"})
    assert list(Intervention.objects.get().places.all()) == [place]


def test_a_second_suggestion_with_the_same_name_gets_its_own_address(client, answers):
    InterventionFactory(slug="zzsuggested-community-energy-scheme")
    suggest(client, answers)
    assert Intervention.objects.filter(is_suggestion=True).get().slug.endswith("-2")


def test_an_intervention_called_suggest_never_takes_the_form_address(client, answers):
    suggest(client, {**answers, "name": "Suggest"})
    assert Intervention.objects.get().slug == "suggest-2"


def test_thank_you_page_says_what_happens_next(client, answers):
    page = text(suggest(client, answers, follow=True))
    assert "Thank you for your suggestion" in page
    assert "What happens next" in page


def test_a_suggestion_shows_nowhere_in_public(client, answers, place):
    suggest(client, answers)
    intervention = Intervention.objects.get()
    public = Client()
    assert public.get(intervention.get_absolute_url()).status_code == 404
    assert public.get(f"/api/interventions/{intervention.slug}/").status_code == 404
    for url in (
        reverse("intervention-list"),
        f"{reverse('intervention-list')}?q=solar",
        f"{reverse('intervention-list')}?place=E12000002",
        f"{reverse('search')}?q=solar",
        f"{reverse('search')}?q=energy",
        "/api/interventions/",
        "/api/interventions/?q=solar",
        "/interventions/export.csv",
        place.get_absolute_url(),
        place.parents.get().get_absolute_url(),
        "/sitemap.xml",
        "/feeds/latest/",
    ):
        response = public.get(url)
        content = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        )
        for words in (b"Community Energy Scheme", b"solar panels", b"community-energy"):
            assert words not in content, (url, words)


def test_a_publisher_publishes_a_suggestion_and_it_goes_public(client, answers):
    suggest(client, answers)
    intervention = Intervention.objects.get()
    staff = Client()
    staff.force_login(publisher())
    response = staff.post(
        reverse("admin:reviews_intervention_changelist"),
        {"action": "publish", "_selected_action": [intervention.pk]},
    )
    assert response.status_code == 302
    assert client.get(intervention.get_absolute_url()).status_code == 200


# Bad input


def test_missing_fields_are_named_in_plain_words_in_an_error_summary(client, place):
    response = suggest(client, {"website": ""})
    page = text(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "<title>Error: Suggest an example" in page
    for message in (
        "Enter the name of the intervention",
        "Enter where it took place",
        "Enter what was done",
        "Enter your organisation",
    ):
        assert message in page
    assert 'href="#id_name"' in page
    assert 'aria-invalid="true"' in page
    assert Intervention.objects.count() == 0


def test_a_bad_field_keeps_everything_else_the_person_typed(client, answers, themes):
    response = suggest(
        client, {**answers, "email": "not an email", "place": "Atlantis", "links": "not a link"}
    )
    page = text(response)
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in page
    assert "We could not find a place called" in page
    assert "Line 1 is not a web address" in page
    assert 'value="Zzsuggested Community Energy Scheme"' in page
    assert 'value="Atlantis"' in page
    assert 'value="not an email"' in page
    assert (
        "Zzsuggested: the council and a co-operative put solar panels on schools.</textarea>"
        in page
    )
    assert "Bills fell by a fifth in the first year.</textarea>" in page
    assert 'value="Preston Community Energy"' in page
    assert f'value="{themes[0].pk}" checked' in page
    assert f'value="{themes[1].pk}" checked' not in page
    assert Intervention.objects.count() == 0


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "n" * 256, "The name must be 255 characters or fewer"),
        ("what_was_done", "w" * 3001, "What was done must be 3,000 characters or fewer"),
        ("outcomes", "o" * 3001, "The outcomes must be 3,000 characters or fewer"),
        ("organisation", "g" * 256, "Your organisation must be 255 characters or fewer"),
        ("links", "\n".join(f"https://example.org/{n}" for n in range(11)), "up to 10"),
        ("themes", ["999999"], "Choose themes from the list"),
        ("themes", ["not-a-number"], "Choose themes from the list"),
    ],
)
def test_every_field_has_a_limit_with_a_plain_error(client, answers, field, value, message):
    page = text(suggest(client, {**answers, field: value}))
    assert message.replace("'", "&#x27;") in page
    assert Intervention.objects.count() == 0


def test_nul_bytes_and_markup_are_refused_or_kept_inert(client, answers):
    response = suggest(client, {**answers, "name": "<script>alert(1)</script>"})
    assert response.status_code == 302
    intervention = Intervention.objects.get()
    staff = Client()
    staff.force_login(editor())
    page = text(staff.get(intervention.get_absolute_url()))
    assert "<script>alert(1)</script>" not in page
    bad = suggest(client, {**answers, "name": "Nul\x00byte"})
    assert bad.status_code == 400


# Spam


def test_the_honeypot_turns_spam_away_and_creates_nothing(client, answers):
    response = suggest(client, {**answers, "website": "https://spam.example"})
    assert response.status_code == 302  # a robot learns nothing
    assert Intervention.objects.count() == 0


def test_the_rate_limit_answers_429_and_creates_nothing(client, answers):
    for number in range(RATE_LIMIT):
        assert suggest(client, {**answers, "name": f"Scheme {number}"}).status_code == 302
    response = suggest(client, {**answers, "name": "One too many"})
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Too many suggestions" in text(response)
    assert Intervention.objects.count() == RATE_LIMIT
    assert not Intervention.objects.filter(name="One too many").exists()


def test_the_rate_limit_is_per_client_address(client, answers):
    for number in range(RATE_LIMIT):
        suggest(client, {**answers, "name": f"Scheme {number}"}, REMOTE_ADDR="192.0.2.1")
    other = suggest(client, {**answers, "name": "From elsewhere"}, REMOTE_ADDR="192.0.2.2")
    assert other.status_code == 302
    assert Intervention.objects.filter(name="From elsewhere").exists()


def test_honeypot_submissions_count_towards_the_rate_limit(client, answers):
    for _ in range(RATE_LIMIT):
        suggest(client, {**answers, "website": "spam"})
    assert suggest(client, answers).status_code == 429
    assert Intervention.objects.count() == 0


def test_a_post_without_a_csrf_token_is_refused(answers):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, answers)
    assert response.status_code == 403
    assert Intervention.objects.count() == 0


def test_the_form_page_is_never_served_from_the_shared_page_cache(client):
    first = client.get(URL)
    second = client.get(URL)
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second


# Editors


def test_an_editor_finds_the_suggestion_with_the_changelist_suggestion_filter(client, answers):
    InterventionFactory(name="Zzhub-written intervention", draft=True)
    suggest(client, answers)
    staff = Client()
    staff.force_login(editor())
    page = text(
        staff.get(reverse("admin:reviews_intervention_changelist"), {"is_suggestion__exact": "1"})
    )
    assert "By suggestion" in page
    assert "Zzsuggested Community Energy Scheme" in page
    assert "Zzhub-written intervention" not in page


def test_an_editor_sees_what_was_suggested_read_only_on_the_change_form(client, answers):
    suggest(client, answers)
    intervention = Intervention.objects.get()
    staff = Client()
    staff.force_login(editor())
    page = text(staff.get(reverse("admin:reviews_intervention_change", args=[intervention.pk])))
    assert "Suggested by a practitioner" in page
    assert "Preston Community Energy" in page
    assert "jo@example.org" in page
    assert 'name="suggester_email"' not in page  # read-only
    assert 'name="suggested_outcomes"' not in page


def test_an_editor_sees_new_suggestions_on_the_admin_dashboard(client, answers):
    suggest(client, answers)
    staff = Client()
    staff.force_login(editor())
    page = text(staff.get(reverse("admin:index")))
    assert "New suggestions (1)" in page
    assert "Zzsuggested Community Energy Scheme" in page
    assert "Preston Community Energy" in page
    assert "is_suggestion__exact=1" in page


def test_a_published_suggestion_leaves_the_dashboard_panel(client, answers):
    suggest(client, answers)
    Intervention.objects.update(status=Status.PUBLISHED)
    staff = Client()
    staff.force_login(editor())
    page = text(staff.get(reverse("admin:index")))
    assert "No new suggestions." in page


def test_behind_a_proxy_each_client_has_its_own_allowance(client, answers, settings):
    settings.PROXY_COUNT = 1
    heavy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for number in range(RATE_LIMIT):
        suggest(client, {**answers, "name": f"Scheme {number}"}, **heavy)
    assert suggest(client, {**answers, "name": "One more"}, **heavy).status_code == 429
    # Another visitor through the same proxy, even one who names the first in the header.
    other = suggest(
        client,
        {**answers, "name": "From elsewhere"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.9",
    )
    assert other.status_code == 302
