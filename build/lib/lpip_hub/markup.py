"""Markdown to safe HTML: the one renderer for every rich-text field.

Text is rendered once, on save, and cleaned by nh3 so stored markup never runs.
"""

import markdown
import nh3
from django.db import models

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def render_markdown(text: str) -> str:
    """Render Markdown to HTML with every script, handler and unsafe link removed."""
    if not text:
        return ""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


class RenderedMarkdown(models.Model):
    """Abstract model that renders each field in `markdown_fields` into `<field>_html` on save."""

    markdown_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render_markdown_fields()
        super().save(*args, **kwargs)

    def render_markdown_fields(self) -> None:
        for name in self.markdown_fields:
            setattr(self, f"{name}_html", render_markdown(getattr(self, name)))
