"""References carry volume, issue and pages, and are cited with the right punctuation."""

import pytest
from django.conf import settings

from reviews.bibtex import parse_bibtex, to_bibtex, to_ris
from reviews.citation import harvard
from tests.factories import EvidenceReviewFactory, InterventionFactory, ReferenceFactory


@pytest.fixture
def question(db):
    return ReferenceFactory(
        authors="Tomaney, J.",
        year=2022,
        title="Levelling up?",
        publisher="The Political Quarterly",
        volume="93",
        issue="1",
        pages="1–9",
        doi="10.1111/1467-923X.13000",
    )


@pytest.mark.django_db
def test_a_title_ending_in_a_question_mark_takes_no_extra_full_stop(client, question):
    intervention = InterventionFactory()
    intervention.references.add(question)
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert "Levelling up?</a> The Political Quarterly, 93(1), pp. 1–9." in page
    assert "?." not in page


@pytest.mark.django_db
def test_a_plain_title_ends_with_a_full_stop(client):
    intervention = InterventionFactory()
    intervention.references.add(
        ReferenceFactory(title="Town deals", publisher="HM Treasury", url="")
    )
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert "<cite>Town deals</cite>. HM Treasury." in page


@pytest.mark.django_db
def test_a_review_titled_with_a_question_is_cited_without_a_stray_full_stop():
    review = EvidenceReviewFactory(title="What works for high streets?", edition="")
    text = harvard(review, "https://example.org/r/")
    assert f"What works for high streets? {settings.SITE_NAME}." in text
    assert "?." not in text


@pytest.mark.django_db
def test_volume_issue_and_pages_go_out_in_bibtex_and_ris(question):
    bibtex = to_bibtex([question])
    assert "volume = {93}" in bibtex and "number = {1}" in bibtex and "pages = {1--9}" in bibtex
    ris = to_ris([question])
    assert "VL  - 93" in ris and "IS  - 1" in ris and "SP  - 1" in ris and "EP  - 9" in ris


def test_volume_issue_and_pages_come_in_from_bibtex():
    parsed = parse_bibtex(
        "@article{t, author={Tomaney, John}, title={Levelling up?}, journal={PQ}, "
        "year={2022}, volume={93}, number={1}, pages={1--9}}"
    )
    assert (parsed.volume, parsed.issue, parsed.pages) == ("93", "1", "1–9")
