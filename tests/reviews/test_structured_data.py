"""schema.org JSON-LD and Highwire citation tags, for search engines and reference managers."""

import json
import re

import pytest

from tests.factories import EvidenceReviewFactory, OutputFactory, ReferenceFactory

pytestmark = pytest.mark.django_db

HOSTILE = 'Cities </script><script>alert("x")</script> & towns'


def json_ld(response) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


def test_review_page_describes_itself_as_a_scholarly_article_with_citation_tags(client):
    report = ReferenceFactory(url="https://example.org/skills.pdf")
    review = EvidenceReviewFactory(
        title="Skills Evidence Review", authors="Kollydas, K. and Pugh, A.", full_report=report
    )
    response = client.get(review.get_absolute_url())
    [data] = json_ld(response)
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == "Skills Evidence Review"
    assert [a["name"] for a in data["author"]] == ["Kollydas, K.", "Pugh, A."]
    assert data["isBasedOn"] == "https://example.org/skills.pdf"
    page = response.content.decode()
    assert '<meta name="citation_title" content="Skills Evidence Review">' in page
    assert page.count('<meta name="citation_author"') == 2


def test_a_title_containing_a_closing_script_tag_cannot_break_out(client):
    review = EvidenceReviewFactory(title=HOSTILE)
    response = client.get(review.get_absolute_url())
    page = response.content.decode()
    assert '<script>alert("x")' not in page
    [data] = json_ld(response)
    assert data["headline"] == HOSTILE
    assert 'content="Cities &lt;/script&gt;' in page  # the meta tag is escaped too


def test_output_page_is_a_creative_work(client):
    output = OutputFactory(title=HOSTILE)
    response = client.get(output.get_absolute_url())
    assert '<script>alert("x")' not in response.content.decode()
    [data] = json_ld(response)
    assert data["@type"] == "CreativeWork"
    assert data["name"] == HOSTILE
    assert data["sameAs"] == output.url


@pytest.mark.parametrize(
    ("page", "export"),
    [
        ("/interventions/?q=skills", "/interventions/export.csv?q=skills"),
        ("/gap-map/?scale=local", "/gap-map/export.csv?scale=local"),
    ],
)
def test_csv_exports_are_described_as_datasets(client, page, export):
    [data] = json_ld(client.get(page))
    assert data["@type"] == "Dataset"
    [download] = data["distribution"]
    assert download["encodingFormat"] == "text/csv"
    assert download["contentUrl"].endswith(export)
