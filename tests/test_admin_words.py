"""The admin speaks plainly: readable link rows, slugs that keep Welsh letters, linked errors."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from lpip_hub.slugs import make_slug
from reviews.models import Intervention
from tests.factories import EvidenceReviewFactory, InterventionFactory, PlaceFactory, editor
from tests.test_admin_import import as_csv, import_file


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Tŷ Pawb, Wrexham", "ty-pawb-wrexham"),
        ("Ynys Môn", "ynys-mon"),
        ("Dŵr Cymru", "dwr-cymru"),
        ("Straße", "strasse"),
        ("Łódź", "lodz"),
        ("Citizens’ assemblies", "citizens-assemblies"),
    ],
)
def test_slugs_keep_the_base_form_of_welsh_and_accented_letters(name, slug):
    assert make_slug(name) == slug


@pytest.mark.django_db
def test_an_import_makes_welsh_slugs_the_same_way(client):
    client.force_login(User.objects.create_superuser("root", "r@example.org", "a-long-pass-1"))
    import_file(
        client,
        "intervention",
        as_csv([["Tŷ Pawb, Wrexham", "An arts market."]], header=["name", "summary"]),
    )
    assert Intervention.objects.get().slug == "ty-pawb-wrexham"


@pytest.mark.django_db
def test_the_admin_slug_box_folds_accents_as_you_type(client):
    client.force_login(editor())
    page = client.get(reverse("admin:reviews_intervention_add")).content.decode()
    # It wraps the admin's URLify once the page has loaded, whatever the order of the scripts.
    assert "admin/js/urlify.js" in page and "js/admin-slug.js" in page


@pytest.mark.django_db
def test_a_delete_confirmation_names_the_links_it_removes(client):
    birmingham = PlaceFactory(name="Birmingham")
    preston = InterventionFactory(name="Preston Model", places=[birmingham])
    review = EvidenceReviewFactory(title="Communities review")
    review.interventions.add(preston)
    client.force_login(User.objects.create_superuser("root", "r@example.org", "a-long-pass-1"))
    page = client.get(reverse("admin:reviews_intervention_delete", args=[preston.pk]))
    text = page.content.decode()
    assert "Birmingham (place of Preston Model)" in text
    assert "Preston Model (intervention of Communities review)" in text
    assert "object (" not in text


@pytest.mark.django_db
def test_a_slug_already_taken_links_to_the_item_that_has_it(client):
    held = InterventionFactory(name="Preston Model", slug="preston-model")
    client.force_login(editor())
    response = client.post(
        reverse("admin:reviews_intervention_add"),
        {
            "name": "Preston again",
            "slug": "preston-model",
            "status": "draft",
            "summary": "x",
            "scale": "local",
            "setting": "urban",
            "save_anyway": "on",
            "outcomes-TOTAL_FORMS": "0",
            "outcomes-INITIAL_FORMS": "0",
        },
    )
    (error,) = response.context["adminform"].form.errors["slug"]
    url = reverse("admin:reviews_intervention_change", args=[held.pk])
    assert f'<a href="{url}">Preston Model</a>' in error
    assert f'<a href="{url}">Preston Model</a>' in response.content.decode()
