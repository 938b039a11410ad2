"""load_reference_data: real themes, places, LPIPs and policies, each with its source."""

import io

import pytest
from django.core.management import call_command

from lpip_hub.publishing import Status
from partnerships.models import Organisation, Partnership, Place, PlaceKind
from reviews.models import (
    EvidenceReview,
    Intervention,
    InterventionKind,
    KeyConcept,
    Outcome,
    Output,
    Policy,
    Reference,
    Theme,
)

MODELS = [
    EvidenceReview,
    InterventionKind,
    KeyConcept,
    Output,
    Intervention.kinds.through,
    Intervention.places.through,
    Output.themes.through,
    Theme,
    Place,
    Organisation,
    Partnership,
    Policy,
    Reference,
    Intervention,
    Outcome,
    Place.parents.through,
    Theme.partnerships.through,
    Policy.places.through,
]

OFFICIAL_THEMES = [
    "Inclusive and Sustainable Local Economic Performance",
    "Environment: Living and Working Sustainably in a Greener Economy",
    "Innovation",
    "Skills",
    "Communities in their places",
    "Cultural recovery",
    "Felt experience",
]


def load():
    call_command("load_reference_data", stdout=io.StringIO())


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_running_twice_changes_nothing():
    load()
    first = counts()
    load()
    assert counts() == first


@pytest.mark.django_db
def test_the_seven_themes_under_their_official_names_in_order():
    load()
    assert list(Theme.objects.values_list("name", flat=True)) == OFFICIAL_THEMES


@pytest.mark.django_db
def test_uk_places_carry_real_ons_codes_and_kinds():
    load()
    uk = Place.objects.uk()
    assert uk.filter(kind=PlaceKind.LOCAL_AUTHORITY).count() == 361
    assert uk.filter(kind=PlaceKind.REGION).count() == 9
    assert uk.filter(kind=PlaceKind.NATION).count() == 4
    assert Place.objects.get(gss_code="E08000025").name == "Birmingham"
    assert Place.objects.get(gss_code="E47000007").display_name == (
        "West Midlands Combined Authority"
    )
    assert Place.objects.filter(kind=PlaceKind.COUNTRY, country_code="FR").exists()


@pytest.mark.django_db
def test_every_loaded_record_records_its_source():
    load()
    for model in [Theme, Place, Organisation, Partnership, Policy, Intervention]:
        assert not model.objects.filter(source="").exists(), model.__name__


@pytest.mark.django_db
def test_the_four_phase_two_lpips_are_published_with_their_leads():
    load()
    partnerships = Partnership.objects.published().filter(phase=2)
    assert partnerships.count() == 4
    ypip = partnerships.get(short_name="YPIP")
    assert ypip.lead_organisation.name == "University of Leeds"
    assert list(ypip.places.values_list("gss_code", flat=True)) == ["E12000003"]


@pytest.mark.django_db
def test_themes_link_the_hubs_published_reviews_as_full_reports():
    load()
    skills = Theme.objects.get(slug="skills")
    assert skills.full_report.authors == "Kollydas, K."
    assert skills.full_report.year == 2024
    assert Theme.objects.filter(full_report__isnull=True).count() == 2  # themes 5 and 7


@pytest.mark.django_db
def test_an_unpublished_policy_stays_unpublished_when_loaded_again():
    load()
    Policy.objects.filter(slug="towns-fund").update(status=Status.DRAFT)
    load()
    assert Policy.objects.get(slug="towns-fund").status == Status.DRAFT


@pytest.mark.django_db
def test_a_person_s_edit_survives_loading_again_and_is_reported():
    load()
    Policy.objects.filter(slug="towns-fund").update(summary="An editor's better summary.")
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert Policy.objects.get(slug="towns-fund").summary == "An editor's better summary."
    assert "towns-fund" in out.getvalue()
    assert "changed by a person" in out.getvalue()


@pytest.mark.django_db
def test_a_deleted_policy_is_not_brought_back():
    load()
    Policy.objects.filter(slug="towns-fund").delete()
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert not Policy.objects.filter(slug="towns-fund").exists()
    assert "deleted by a person" in out.getvalue()


@pytest.mark.django_db
def test_records_nobody_changed_take_the_loaders_new_values():
    from lpip_hub.reference_sync import UPDATED, sync_record

    first = sync_record(Theme, {"slug": "t"}, {"name": "Old", "order": 99, "summary": "s"})
    again = sync_record(Theme, {"slug": "t"}, {"name": "New", "order": 99, "summary": "s"})
    assert again.action == UPDATED
    assert Theme.objects.get(pk=first.obj.pk).name == "New"


@pytest.mark.django_db
def test_combined_authorities_created_since_2024_hold_their_members():
    load()
    members = {
        "E47000014": {"E06000047", "E08000037", "E08000021", "E08000022", "E06000057"},
        "E47000015": {"E10000008", "E06000027", "E07000041"},  # Devon, Torbay, Exeter
        "E47000018": {"E10000017", "E06000009", "E06000008", "E07000123"},  # ... Preston
        "E47000013": {"E06000015", "E10000024", "E07000170"},
        "E47000017": {"E10000019", "E06000013", "E07000138"},
    }
    for authority, councils in members.items():
        within = Place.objects.within(Place.objects.get(gss_code=authority))
        assert councils <= set(within.values_list("gss_code", flat=True)), authority
    plymouth = Place.objects.get(gss_code="E06000026")
    assert "E47000015" not in {p.gss_code for p in Place.objects.covering(plymouth)}


@pytest.mark.django_db
def test_bodies_that_ended_are_kept_as_former_places_that_cover_nothing():
    load()
    for code in ("E47000010", "E47000011"):
        former = Place.objects.get(gss_code=code)
        assert former.end_date.isoformat() == "2024-05-07"
        assert former.is_former and former.display_name.endswith("(former)")
        assert list(Place.objects.within(former)) == [former]
    newcastle = Place.objects.get(gss_code="E08000021")
    assert {p.gss_code for p in Place.objects.covering(newcastle)} >= {"E47000014"}
    assert not Place.objects.covering(newcastle).filter(end_date__isnull=False).exists()


@pytest.mark.django_db
def test_changed_codes_move_the_council_and_keep_the_old_code():
    from partnerships.models import PlaceName, PlaceNameKind

    # A database loaded before the change holds Barnsley under its old code.
    old = Place.objects.create(name="Barnsley", slug="barnsley", gss_code="E08000016")
    load()
    barnsley = Place.objects.get(pk=old.pk)
    assert barnsley.gss_code == "E08000038" and barnsley.slug == "barnsley"
    assert not Place.objects.filter(gss_code__in=["E08000016", "E08000019"]).exists()
    assert PlaceName.objects.filter(
        place=barnsley, kind=PlaceNameKind.FORMER_CODE, name="E08000016"
    ).exists()
    assert Place.objects.get(gss_code="E08000039").name == "Sheffield"


@pytest.mark.django_db
def test_ons_spellings_and_welsh_names_with_their_source():
    from partnerships.models import PlaceName, PlaceNameKind

    load()
    assert Place.objects.get(gss_code="W06000016").name == "Rhondda Cynon Taf"
    assert Place.objects.get(gss_code="W06000014").name == "Vale of Glamorgan"
    welsh = PlaceName.objects.filter(kind=PlaceNameKind.WELSH)
    assert welsh.count() == 22
    assert welsh.get(place__gss_code="W06000015").name == "Caerdydd"
    assert not PlaceName.objects.filter(source="").exists()
