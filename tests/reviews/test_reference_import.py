"""References in from a DOI or BibTeX, and a review's references out as BibTeX and RIS."""

import pytest
from django.urls import reverse
from reversion.models import Version

from reviews.bibtex import is_doi, normalise_doi, parse_bibtex, to_bibtex
from reviews.models import Reference
from tests.factories import EvidenceReviewFactory, ReferenceFactory, editor

BIBTEX = r"""
@article{pugh2024,
  author  = {Pugh, Abigail and Garc{\'i}a, Jos{\'e} and {Centre for Local Economic Strategies}},
  title   = {Inclusive and {Sustainable} Local Economic Performance},
  journal = {Regional Studies},
  year    = {2024},
  doi     = {https://doi.org/10.1080/00343404.2020.1},
  url     = {https://example.org/pugh}
}
"""


def paste(client, text):
    return client.post(
        reverse("admin:reviews_reference_from_citation"), {"citation": text}, follow=True
    )


@pytest.mark.django_db
def test_a_bibtex_entry_creates_the_right_reference(client):
    user = editor()
    client.force_login(user)
    response = paste(client, BIBTEX)

    reference = Reference.objects.get()
    assert reference.authors == ("Pugh, A., García, J. and Centre for Local Economic Strategies")
    assert reference.title == "Inclusive and Sustainable Local Economic Performance"
    assert reference.publisher == "Regional Studies"
    assert reference.year == 2024
    assert reference.doi == "10.1080/00343404.2020.1"
    assert reference.url == "https://example.org/pugh"
    assert response.redirect_chain[-1][0] == reverse(
        "admin:reviews_reference_change", args=[reference.pk]
    )
    assert Version.objects.get_for_object(reference).get().revision.user == user


@pytest.mark.django_db
def test_a_reference_already_held_is_not_added_twice(client):
    held = ReferenceFactory(doi="10.1080/00343404.2020.1")
    client.force_login(editor())
    response = paste(client, BIBTEX)
    assert Reference.objects.get() == held
    assert "already holds this reference" in response.content.decode()


@pytest.mark.django_db
def test_a_doi_alone_opens_the_add_form_with_the_doi_filled_in(client):
    client.force_login(editor())
    response = paste(client, "https://doi.org/10.1080/00343404.2020.1")

    assert not Reference.objects.exists()  # nothing half-finished is saved
    form = response.context["adminform"].form
    assert form["doi"].value() == "10.1080/00343404.2020.1"
    assert form["url"].value() == "https://doi.org/10.1080/00343404.2020.1"
    assert "Complete the authors, year and title" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10.10/x", "neither a DOI"),
        ("@article{broken, title = {No end", "does not read as a BibTeX entry"),
        ("@article{a, title={One}}\n@article{b, title={Two}}", "one entry at a time"),
        ("@article{a, author={Smith, J.}}", "has no title"),
    ],
)
def test_text_that_is_not_a_reference_is_explained(client, text, message):
    client.force_login(editor())
    response = paste(client, text)
    assert message in response.content.decode()
    assert not Reference.objects.exists()


def test_a_doi_is_recognised_by_its_shape():
    assert is_doi("10.1080/00343404.2020.1")
    assert is_doi("doi:10.1093/cjres/rsaa001")
    assert normalise_doi(" https://dx.doi.org/10.1093/cjres/rsaa001 ") == "10.1093/cjres/rsaa001"
    assert not is_doi("10.10/too-short-registrant")
    assert not is_doi("www.example.org/10.1080/1")


def test_a_bibtex_entry_without_authors_warns():
    parsed = parse_bibtex("@misc{x, title = {A report}, year = {2024}}")
    assert parsed.authors == ""
    assert parsed.warnings == ["The entry names no author: add the authors before saving."]


@pytest.fixture
def review(db):
    report = ReferenceFactory(
        authors="Pugh, A.", year=2024, title="Inclusive and Sustainable Local Economic "
        "Performance Evidence Review", url="https://example.org/report", publisher="LPIP Hub",
    )  # fmt: skip
    study = ReferenceFactory(
        authors="Billing, C. and Smith, J.", year=2023, title="Innovation in {places}",
        publisher="Regional Studies", doi="10.1080/00343404.2020.1",
    )  # fmt: skip
    return EvidenceReviewFactory(slug="skills", full_report=report, references=[study, report])


@pytest.mark.django_db
def test_a_reviews_references_export_as_bibtex(client, review):
    client.force_login(editor())
    response = client.get(
        reverse("admin:reviews_evidencereview_references", args=[review.pk, "bib"])
    )
    assert response["Content-Disposition"] == 'attachment; filename="skills.bib"'
    text = response.content.decode()
    assert text.count("@") == 2  # the full report is listed once
    assert text.index("@misc{pugh2024,") < text.index("@article{billing2023,")
    assert "  author = {Billing, C. and Smith, J.}," in text
    assert "  title = {Innovation in \\{places\\}}," in text  # braces as written, escaped
    assert "  doi = {10.1080/00343404.2020.1}" in text
    # What we export, a reference manager (and our own import) reads back.
    assert parse_bibtex(text.split("\n\n")[1]).authors == "Billing, C. and Smith, J."


@pytest.mark.django_db
def test_a_reviews_references_export_as_ris(client, review):
    client.force_login(editor())
    response = client.get(
        reverse("admin:reviews_evidencereview_references", args=[review.pk, "ris"])
    )
    assert response["Content-Disposition"] == 'attachment; filename="skills.ris"'
    records = response.content.decode().removesuffix("\r\n").split("\r\n\r\n")
    assert len(records) == 2
    study = records[1].split("\r\n")
    assert study[0] == "TY  - JOUR"
    assert "AU  - Billing, C." in study and "AU  - Smith, J." in study
    assert "DO  - 10.1080/00343404.2020.1" in study
    assert "UR  - https://doi.org/10.1080/00343404.2020.1" in study
    assert study[-1] == "ER  - "


@pytest.mark.django_db
def test_selected_reviews_export_their_references_from_the_list(client, review):
    other = EvidenceReviewFactory(references=[ReferenceFactory(title="Another study")])
    client.force_login(editor())
    response = client.post(
        reverse("admin:reviews_evidencereview_changelist"),
        {"action": "export_references_ris", "_selected_action": [review.pk, other.pk]},
    )
    assert response.content.decode().count("ER  - ") == 3


@pytest.mark.django_db
def test_the_review_change_page_links_to_its_references_files(client, review):
    client.force_login(editor())
    page = client.get(reverse("admin:reviews_evidencereview_change", args=[review.pk]))
    assert reverse("admin:reviews_evidencereview_references", args=[review.pk, "bib"]) in (
        page.content.decode()
    )


def test_an_organisation_as_author_survives_export_and_import():
    reference = Reference(authors="Centre for Local Economic Strategies and Pugh, A.", title="T")
    text = to_bibtex([reference])
    assert "author = {{Centre for Local Economic Strategies} and Pugh, A.}" in text
    assert parse_bibtex(text).authors == "Centre for Local Economic Strategies and Pugh, A."


def test_special_characters_are_escaped_and_read_back_as_written():
    reference = Reference(
        authors="Müller, K. and Smith & Sons",
        title="Growth_rates: 50% of #towns & $5m",
        publisher="Ó Briain Press",
        year=2024,
        url="https://example.org/a_b?x=1%20",
    )
    text = to_bibtex([reference])
    assert r"title = {Growth\_rates: 50\% of \#towns \& \$5m}" in text
    assert "url = {https://example.org/a_b?x=1%20}" in text  # read verbatim by BibTeX
    parsed = parse_bibtex(text)
    assert parsed.title == reference.title
    assert parsed.publisher == reference.publisher
    assert parsed.authors == "Müller, K. and Smith & Sons"


@pytest.mark.django_db
def test_a_review_citation_uses_the_same_writer(client):
    review = EvidenceReviewFactory(title="Jobs & skills_ 100% local", authors="Pugh, A.")
    text = client.get(reverse("review-cite-bibtex", args=[review.slug])).content.decode()
    assert r"title = {Jobs \& skills\_ 100\% local}" in text
    assert parse_bibtex(text).title == "Jobs & skills_ 100% local"
