"""Stored markup never runs: Markdown is rendered through the sanitiser on save."""

import pytest
from django.urls import reverse

from lpip_hub.markup import markdown_warnings, render_markdown
from tests.factories import EvidenceReviewFactory, InterventionFactory

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    '<iframe src="https://example.org"></iframe>',
    '<p style="x" onclick="alert(1)">hi</p>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_markup_renders_inert(payload):
    html = render_markdown(payload).lower()
    for fragment in ["<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg"]:
        assert fragment not in html


def test_markdown_formatting_survives():
    html = render_markdown(
        "## Findings\n\n**Strong** evidence, see [the report](https://example.org)."
    )
    assert "<h2>Findings</h2>" in html
    assert "<strong>Strong</strong>" in html
    assert 'href="https://example.org"' in html


@pytest.mark.django_db
def test_description_with_a_script_tag_is_inert_on_the_public_page(client):
    intervention = InterventionFactory(description="Good work<script>alert('x')</script>")
    response = client.get(intervention.get_absolute_url())
    assert b"alert('x')</script>" not in response.content
    assert "<script>" not in intervention.description_html


# Writing long reviews


def test_footnotes_are_numbered_and_linked_both_ways():
    html = render_markdown("Jobs rose[^1] and fell[^note].\n\n[^1]: ONS (2024).\n[^note]: Word")
    assert '<a aria-label="Footnote 1" class="footnote-ref" href="#fn-1"' in html
    assert '<sup id="fnref-1">' in html
    assert '<li id="fn-1">' in html and 'href="#fnref-1"' in html
    # A one-word footnote keeps working links too.
    assert 'href="#fn-note"' in html and '<li id="fn-note">' in html
    assert 'aria-label="Back to footnote 2 in the text"' in html
    assert "[^1]" not in html


def test_footnotes_in_two_sections_of_one_page_do_not_share_ids():
    review = EvidenceReviewFactory.build(
        policies_text="A[^1]\n\n[^1]: One.", international_text="B[^1]\n\n[^1]: Two."
    )
    review.render_markdown_fields()
    assert 'id="fn-policies-1"' in review.policies_text_html
    assert 'id="fn-international-1"' in review.international_text_html


def test_strikethrough_becomes_del():
    assert "<del>old figure</del>" in render_markdown("The ~~old figure~~ new figure.")


def test_headings_in_a_review_section_sit_below_the_section_heading():
    review = EvidenceReviewFactory.build(international_text="## Germany\n\n### Leipzig\n\nText")
    review.render_markdown_fields()
    assert "<h3>Germany</h3>" in review.international_text_html
    assert "<h4>Leipzig</h4>" in review.international_text_html
    assert "<h2>" not in review.international_text_html


def test_word_bullets_and_single_line_breaks_survive():
    html = render_markdown("Three things:\n• jobs\n· skills\n– homes\n\nFirst line\nsecond line")
    assert "<ul>\n<li>jobs</li>\n<li>skills</li>\n<li>homes</li>" in html
    assert "First line<br>\nsecond line" in html


def test_warnings_name_what_will_not_render():
    warnings = markdown_warnings("![chart](chart.png) <span>x</span> See[^2].")
    assert any("image" in w for w in warnings)
    assert any("HTML" in w for w in warnings)
    assert any("[^2]" in w for w in warnings)
    assert markdown_warnings("Plain **text**[^1].\n\n[^1]: Note.") == []


@pytest.mark.django_db
def test_admin_preview_returns_warnings_and_the_section_heading_level(admin_client):
    response = admin_client.post(
        reverse("admin-markdown-preview"), {"text": "## Sub\n\n<b>x</b>", "top_heading": "3"}
    )
    data = response.json()
    assert "<h3>Sub</h3>" in data["html"]
    assert data["warnings"] and "HTML" in data["warnings"][0]


@pytest.mark.django_db
def test_review_form_tells_the_preview_its_heading_level(admin_client):
    response = admin_client.get(reverse("admin:reviews_evidencereview_add"))
    assert b'data-markdown-top-heading="3"' in response.content
