"""Public pages of the reviews app: themes, reviews and citations, concepts, policies and
interventions. Only published items appear; staff may preview the rest."""

import datetime

import pytest
from django.urls import reverse

from lpip_hub.publishing import Status
from reviews.models import Direction, EvidenceStrength, PolicyLevel
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    InterventionKindFactory,
    KeyConceptFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnershipFactory,
    PlaceFactory,
    PlaceKind,
    PolicyFactory,
    ReferenceFactory,
    ThemeFactory,
    UserFactory,
    editor,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


# Themes


def test_theme_page_shows_its_published_review_summary_and_sections(client):
    theme = ThemeFactory(name="Skills", description="About **skills**.")
    EvidenceReviewFactory(
        theme=theme,
        title="Skills Evidence Review",
        summary="Skills gaps are widest in coastal towns.",
        capacity_text="Some councils have far less capacity.",
    )
    response = client.get(theme.get_absolute_url())
    page = text(response)
    assert response.status_code == 200
    assert "<strong>skills</strong>" in page
    assert "Skills Evidence Review" in page
    assert "Skills gaps are widest in coastal towns." in page
    assert 'id="capacity"' in page
    assert "Some councils have far less capacity." in page
    assert "Review in preparation" not in page


def test_theme_page_says_review_in_preparation_when_only_a_draft_exists(client):
    theme = ThemeFactory()
    EvidenceReviewFactory(theme=theme, title="Secret draft review", draft=True)
    page = text(client.get(theme.get_absolute_url()))
    assert "Review in preparation" in page
    assert "Secret draft review" not in page


def test_theme_page_links_the_full_report(client):
    report = ReferenceFactory(title="Skills Evidence Review", url="https://example.org/skills")
    theme = ThemeFactory(full_report=report)
    page = text(client.get(theme.get_absolute_url()))
    assert 'href="https://example.org/skills"' in page
    # A full report exists, so the review is not "in preparation".
    assert "Review in preparation" not in page


def test_theme_page_says_which_review_questions_the_summary_does_not_cover(client):
    theme = ThemeFactory()
    EvidenceReviewFactory(theme=theme, summary="Findings.", policies_text="Policies.")
    page = text(client.get(theme.get_absolute_url()))
    assert "This summary does not yet cover key concepts and definitions" in page
    assert "or burning issues" in page
    assert 'id="policies"' in page


def test_theme_page_shows_what_works_for_the_kinds_filed_under_it(client):
    theme = ThemeFactory()
    kind = InterventionKindFactory(name="Area regeneration")
    for _ in range(2):
        OutcomeFactory(intervention=InterventionFactory(themes=[theme], kinds=[kind]))
    OutcomeFactory(intervention=InterventionFactory(kinds=[InterventionKindFactory(name="Other")]))
    page = text(client.get(theme.get_absolute_url()))
    assert "Area regeneration" in page
    assert "2 evaluated interventions; 2 found positive effects on employment" in page
    assert "Other" not in page.split('id="what-works-heading"')[1].split("</section>")[0]


def test_theme_page_lists_only_published_related_items(client):
    theme = ThemeFactory()
    KeyConceptFactory(term="Agglomeration", themes=[theme])
    KeyConceptFactory(term="Draft concept", themes=[theme], draft=True)
    PolicyFactory(name="Towns Fund", themes=[theme])
    PolicyFactory(name="Policy in review", themes=[theme], in_review=True)
    InterventionFactory(name="Preston Model", themes=[theme])
    InterventionFactory(name="Draft intervention", themes=[theme], draft=True)
    partnership = PartnershipFactory(name="Stirling LPIP")
    hidden = PartnershipFactory(name="Hidden partnership", draft=True)
    theme.partnerships.set([partnership, hidden])
    page = text(client.get(theme.get_absolute_url()))
    for shown in ("Agglomeration", "Towns Fund", "Preston Model", "Stirling LPIP"):
        assert shown in page
    for hidden_name in (
        "Draft concept",
        "Policy in review",
        "Draft intervention",
        "Hidden partnership",
    ):
        assert hidden_name not in page


def test_theme_page_bounds_each_panel_and_links_to_the_rest(client):
    theme = ThemeFactory(slug="skills")
    PolicyFactory.create_batch(11, themes=[theme])
    page = text(client.get(theme.get_absolute_url()))
    assert page.count('href="/policies/policy-') == 10
    assert 'href="/policies/?theme=skills"' in page


def test_unknown_theme_is_404(client):
    assert client.get("/themes/no-such-theme/").status_code == 404


def _theme_with_related(count: int):
    theme = ThemeFactory()
    EvidenceReviewFactory(theme=theme, summary="Findings.", policies_text="Policies.")
    KeyConceptFactory.create_batch(count, themes=[theme])
    PolicyFactory.create_batch(count, themes=[theme])
    for _ in range(count):
        intervention = InterventionFactory(themes=[theme], kinds=[InterventionKindFactory()])
        OutcomeFactory(intervention=intervention)
    theme.partnerships.set(PartnershipFactory.create_batch(count))
    return theme


@pytest.mark.parametrize("count", [1, 50])
def test_theme_page_queries_are_bounded(client, django_assert_max_num_queries, count):
    theme = _theme_with_related(count)
    with django_assert_max_num_queries(11):
        assert client.get(theme.get_absolute_url()).status_code == 200


# Evidence reviews


def _full_review(**kwargs):
    fields = {
        "title": "Innovation Evidence Review",
        "slug": "innovation-evidence-review",
        "authors": "Billing, C.",
        "edition": "First edition",
        "publication_date": datetime.date(2024, 5, 1),
        "last_reviewed": datetime.date(2025, 1, 10),
        "summary": "Innovation clusters.",
        "key_concepts_text": "Definitions.",
        "burning_issues_text": "What next.",
        "full_report": ReferenceFactory(url="https://example.org/innovation-report"),
    }
    return EvidenceReviewFactory(**{**fields, **kwargs})


def test_review_page_shows_contents_authors_dates_and_report(client):
    review = _full_review()
    page = text(client.get(review.get_absolute_url()))
    assert "Innovation Evidence Review" in page
    assert "Billing, C." in page
    assert "First edition" in page
    assert "1 May 2024" in page
    assert "10 January 2025" in page
    assert 'href="https://example.org/innovation-report"' in page
    assert 'href="#key-concepts"' in page and 'id="key-concepts"' in page
    assert 'href="#burning-issues"' in page
    assert 'href="#capacity"' not in page  # an empty section is not in the contents


def test_review_page_shows_harvard_citation_and_download_links(client):
    review = _full_review()
    page = text(client.get(review.get_absolute_url()))
    assert (
        "Billing, C. (2024) Innovation Evidence Review. First edition. LPIP Evidence Hub." in page
    )
    assert "http://testserver/reviews/innovation-evidence-review/" in page
    assert 'href="/reviews/innovation-evidence-review/cite.bib"' in page
    assert 'href="/reviews/innovation-evidence-review/cite.ris"' in page


def test_review_page_lists_only_published_linked_items(client):
    review = _full_review()
    review.policies.set(
        [PolicyFactory(name="Live policy"), PolicyFactory(name="Draft policy", draft=True)]
    )
    review.interventions.set([InterventionFactory(name="Draft scheme", in_review=True)])
    page = text(client.get(review.get_absolute_url()))
    assert "Live policy" in page
    assert "Draft policy" not in page
    assert "Draft scheme" not in page


def test_bibtex_download_has_content_type_filename_and_fields(client):
    review = _full_review()
    response = client.get(reverse("review-cite-bibtex", args=[review.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="innovation-evidence-review.bib"'
    )
    body = text(response)
    assert body.startswith("@techreport{innovation_evidence_review,")
    assert "author = {Billing, C.}" in body
    assert "year = {2024}" in body
    assert "url = {http://testserver/reviews/innovation-evidence-review/}" in body


def test_ris_download_has_content_type_filename_and_tags(client):
    review = _full_review(authors="Billing, C. and Pugh, A.")
    response = client.get(reverse("review-cite-ris", args=[review.slug]))
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="innovation-evidence-review.ris"'
    )
    lines = text(response).split("\r\n")
    assert lines[0] == "TY  - RPRT"
    assert "AU  - Billing, C." in lines and "AU  - Pugh, A." in lines
    assert "PY  - 2024" in lines
    assert lines[-2] == "ER  - "


def test_citation_downloads_of_a_draft_review_are_404(client):
    review = EvidenceReviewFactory(draft=True)
    assert client.get(reverse("review-cite-bibtex", args=[review.slug])).status_code == 404
    assert client.get(reverse("review-cite-ris", args=[review.slug])).status_code == 404


@pytest.mark.parametrize("count", [1, 50])
def test_review_page_queries_are_bounded(client, django_assert_max_num_queries, count):
    review = _full_review()
    review.concepts.set(KeyConceptFactory.create_batch(count))
    review.policies.set(PolicyFactory.create_batch(count))
    review.interventions.set(InterventionFactory.create_batch(count))
    review.partnerships.set(PartnershipFactory.create_batch(count))
    review.references.set(ReferenceFactory.create_batch(count))
    with django_assert_max_num_queries(7):
        assert client.get(review.get_absolute_url()).status_code == 200


# Drafts and previews, for every detail page of this app


DETAIL_FACTORIES = [EvidenceReviewFactory, KeyConceptFactory, PolicyFactory, InterventionFactory]


@pytest.mark.parametrize("factory", DETAIL_FACTORIES)
@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_unpublished_detail_page_is_404_for_anonymous_visitors(client, factory, status):
    item = factory(status=status, published_at=None)
    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("factory", DETAIL_FACTORIES)
def test_unpublished_detail_page_is_404_for_staff_without_permission(client, factory):
    item = factory(draft=True)
    client.force_login(UserFactory(is_staff=True))
    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("factory", DETAIL_FACTORIES)
def test_editor_previews_unpublished_detail_page_with_banner(client, factory):
    item = factory(in_review=True)
    client.force_login(editor())
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "preview-banner" in text(response)
    assert "in review" in text(response)
    assert 'name="robots" content="noindex' in text(response)


@pytest.mark.parametrize("factory", DETAIL_FACTORIES)
def test_published_detail_page_has_no_preview_banner(client, factory):
    item = factory()
    client.force_login(editor())
    page = text(client.get(item.get_absolute_url()))
    assert "preview-banner" not in page
    assert f'<link rel="canonical" href="http://testserver{item.get_absolute_url()}">' in page


# Key concepts


def test_concept_list_is_an_a_to_z_with_anchors_and_unlinked_empty_letters(client):
    KeyConceptFactory(term="Agglomeration")
    KeyConceptFactory(term="Anchor institution")
    KeyConceptFactory(term="Community wealth building")
    KeyConceptFactory(term="Zoning draft", draft=True)
    page = text(client.get("/concepts/"))
    assert 'href="#letter-a"' in page and 'id="letter-a"' in page
    assert 'href="#letter-c"' in page
    assert 'href="#letter-z"' not in page  # only a draft starts with Z
    assert '<span class="az__empty">Z' in page
    assert "Anchor institution" in page
    assert "Zoning draft" not in page


def test_concept_list_a_to_z_links_letters_on_later_pages(client, settings):
    from reviews.views.pages import ConceptListView

    KeyConceptFactory(term="Alpha")
    KeyConceptFactory(term="Beta")
    KeyConceptFactory(term="Gamma")
    original = ConceptListView.paginate_by
    ConceptListView.paginate_by = 2
    try:
        page = text(client.get("/concepts/"))
    finally:
        ConceptListView.paginate_by = original
    assert 'href="?page=2#letter-g"' in page
    assert 'href="#letter-b"' in page


def test_concept_list_filters_by_theme(client):
    theme = ThemeFactory(slug="skills")
    KeyConceptFactory(term="Skills gap", themes=[theme])
    KeyConceptFactory(term="Clustering")
    page = text(client.get("/concepts/?theme=skills"))
    assert "Skills gap" in page
    assert "Clustering" not in page
    assert client.get("/concepts/?theme=nonsense").status_code == 200


def test_concept_page_shows_definition_themes_and_sources(client):
    theme = ThemeFactory(name="Innovation")
    concept = KeyConceptFactory(
        term="Smart specialisation", definition="Building on *strengths*.", themes=[theme]
    )
    concept.references.set([ReferenceFactory(title="Smart specialisation explained")])
    page = text(client.get(concept.get_absolute_url()))
    assert "<em>strengths</em>" in page
    assert "Innovation" in page
    assert "Smart specialisation explained" in page


@pytest.mark.parametrize("count", [1, 50])
def test_concept_list_queries_are_bounded(client, django_assert_max_num_queries, count):
    KeyConceptFactory.create_batch(count)
    with django_assert_max_num_queries(4):
        assert client.get("/concepts/").status_code == 200


# Policies


def test_policy_list_shows_only_published_policies(client):
    PolicyFactory(name="Levelling Up Fund")
    PolicyFactory(name="Unpublished fund", draft=True)
    page = text(client.get("/policies/"))
    assert "Levelling Up Fund" in page
    assert "Unpublished fund" not in page


def test_policy_list_filters_by_theme_level_and_nation(client):
    uk = PlaceFactory(kind=PlaceKind.UK, slug="united-kingdom")
    wales = PlaceFactory(kind=PlaceKind.NATION, slug="wales", parents=[uk])
    england = PlaceFactory(kind=PlaceKind.NATION, slug="england", parents=[uk])
    powys = PlaceFactory(parents=[wales])
    theme = ThemeFactory(slug="skills")
    PolicyFactory(name="UK-wide skills", level=PolicyLevel.UK, places=[uk], themes=[theme])
    PolicyFactory(name="Powys skills", level=PolicyLevel.LOCAL, places=[powys], themes=[theme])
    PolicyFactory(name="English towns", level=PolicyLevel.NATION, places=[england])

    in_wales = text(client.get("/policies/?nation=wales"))
    assert "UK-wide skills" in in_wales and "Powys skills" in in_wales
    assert "English towns" not in in_wales

    local = text(client.get("/policies/?level=local"))
    assert "Powys skills" in local and "UK-wide skills" not in local

    skills = text(client.get("/policies/?theme=skills"))
    assert "English towns" not in skills and "UK-wide skills" in skills


def test_policy_list_reports_invalid_filters_and_ignores_them(client):
    PolicyFactory(name="Towns Fund")
    response = client.get("/policies/?level=galactic&nation=atlantis&theme=%00")
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert "Towns Fund" in page
    assert "<title>Error: Policies" in page


def test_policy_list_paginates_and_keeps_the_filters(client):
    theme = ThemeFactory(slug="skills")
    PolicyFactory.create_batch(25, themes=[theme])
    page = text(client.get("/policies/?theme=skills"))
    assert 'href="?theme=skills&amp;page=2"' in page
    assert client.get("/policies/?theme=skills&page=2").status_code == 200
    assert client.get("/policies/?page=99").status_code == 404


def test_policy_page_shows_places_years_lead_body_interventions_and_sources(client):
    place = PlaceFactory(name="Preston")
    policy = PolicyFactory(
        name="Towns Fund", places=[place], start_year=2019, end_year=2026, lead_body="MHCLG"
    )
    policy.references.set([ReferenceFactory(title="Towns Fund briefing")])
    InterventionFactory(name="Preston Model", policies=[policy])
    InterventionFactory(name="Draft scheme", policies=[policy], draft=True)
    page = text(client.get(policy.get_absolute_url()))
    for shown in ("Preston", "2019 to 2026", "MHCLG", "Preston Model", "Towns Fund briefing"):
        assert shown in page
    assert "Draft scheme" not in page


@pytest.mark.parametrize("count", [1, 50])
def test_policy_list_queries_are_bounded(client, django_assert_max_num_queries, count):
    theme = ThemeFactory()
    PolicyFactory.create_batch(count, themes=[theme])
    with django_assert_max_num_queries(5):
        assert client.get("/policies/?level=uk").status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_policy_page_queries_are_bounded(client, django_assert_max_num_queries, count):
    policy = PolicyFactory(
        places=PlaceFactory.create_batch(count), themes=ThemeFactory.create_batch(count)
    )
    policy.references.set(ReferenceFactory.create_batch(count))
    InterventionFactory.create_batch(count, policies=[policy])
    with django_assert_max_num_queries(6):
        assert client.get(policy.get_absolute_url()).status_code == 200


# Interventions


def test_intervention_page_shows_facts_budget_and_links(client):
    place = PlaceFactory(name="Preston")
    policy = PolicyFactory(name="Towns Fund")
    hidden_policy = PolicyFactory(name="Draft fund", draft=True)
    partnership = PartnershipFactory(name="Stirling LPIP")
    hidden_partnership = PartnershipFactory(name="Hidden LPIP", in_review=True)
    intervention = InterventionFactory(
        name="Preston Model",
        places=[place],
        start_year=2013,
        end_year=None,
        budget=1250000,
        budget_note="capital only",
        policies=[policy, hidden_policy],
        partnerships=[partnership, hidden_partnership],
    )
    intervention.organisations.set([OrganisationFactory(name="Preston City Council")])
    intervention.references.set([ReferenceFactory(title="The Preston Model")])
    page = text(client.get(intervention.get_absolute_url()))
    for shown in (
        "Preston Model",
        "Preston City Council",
        "2013 onwards",
        "£1,250,000",
        "capital only",
        "Towns Fund",
        "Stirling LPIP",
        "The Preston Model",
        "Local authority",
        "Not stated",
    ):
        assert shown in page
    assert "Draft fund" not in page
    assert "Hidden LPIP" not in page


def test_intervention_outcomes_table_shows_direction_and_strength_in_words_and_blocks(client):
    outcome = OutcomeFactory(
        description="Local spend rose by £74m.",
        direction=Direction.MIXED,
        evidence_strength=EvidenceStrength.LEVEL_2,
    )
    page = text(client.get(outcome.intervention.get_absolute_url()))
    assert '<th scope="col">Strength of evidence</th>' in page
    assert '<th scope="row" data-label="Outcome">Employment</th>' in page
    assert "Local spend rose by £74m." in page
    assert "Mixed" in page
    assert "Level 2: compared with similar places, without controls" in page
    assert "2 out of 5" in page
    assert page.count("strength__block strength__block--filled") == 2
    assert page.count('class="strength__block"') == 3


def test_intervention_without_outcomes_says_so(client):
    intervention = InterventionFactory()
    assert "No outcomes have been recorded" in text(client.get(intervention.get_absolute_url()))


@pytest.mark.parametrize("count", [1, 50])
def test_intervention_page_queries_are_bounded(client, django_assert_max_num_queries, count):
    intervention = InterventionFactory(
        places=PlaceFactory.create_batch(count),
        themes=ThemeFactory.create_batch(count),
        policies=PolicyFactory.create_batch(count),
        partnerships=PartnershipFactory.create_batch(count),
    )
    intervention.references.set(ReferenceFactory.create_batch(count))
    intervention.organisations.set(OrganisationFactory.create_batch(count))
    OutcomeFactory.create_batch(count, intervention=intervention, reference=ReferenceFactory())
    with django_assert_max_num_queries(9):
        assert client.get(intervention.get_absolute_url()).status_code == 200
