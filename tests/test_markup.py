"""Stored markup never runs: Markdown is rendered through the sanitiser on save."""

import pytest

from lpip_hub.markup import render_markdown
from tests.factories import InterventionFactory

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
