"""Markdown to safe HTML: the one renderer for every rich-text field.

Text is rendered once, on save, and cleaned by nh3 so stored markup never runs. Long reviews get
footnotes (numbered, linked both ways), ~~strikethrough~~, and headings shifted below the level
of the page's own heading for the text, so "##" inside a review section never looks like a
section of its own.
"""

import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from django.db import models
from django.utils.html import format_html
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
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
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "aria-label"},
    "abbr": {"title"},
    "th": {"scope"},
    # Footnotes: the reference and the note carry ids so each links to the other.
    "sup": {"id"},
    "li": {"id"},
    "div": {"aria-label", "role"},
}
# Only the classes the footnotes use; nothing else may style itself.
ALLOWED_CLASSES = {"a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}}

# A figure is inserted by its short name on a line of its own: [[figure:jobs-chart]].
FIGURE_LINE = re.compile(r"^[ \t]*\[\[figure:([A-Za-z0-9_-]+)\]\][ \t]*$", re.MULTILINE)
FIGURE_TOKEN = re.compile(r"<p>LPIPFIGURE(\d+)X</p>")

# Pasted from a word processor: a bullet character at the start of a line.
WORD_BULLET = re.compile(r"^[ \t]*[•·–▪◦●‣][ \t]+", re.MULTILINE)


class _StrikeExtension(markdown.Extension):
    """~~text~~ becomes <del>text</del>."""

    def extendMarkdown(self, md):
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "del", 65)


class _ReadableTree(Treeprocessor):
    """Shift headings below the page's heading for this text; label the footnotes."""

    def __init__(self, md, top_heading: int):
        super().__init__(md)
        self.top_heading = top_heading

    def run(self, root: etree.Element) -> None:
        headings = [el for el in root.iter() if re.fullmatch(r"h[1-6]", el.tag)]
        if headings:
            shift = self.top_heading - min(int(el.tag[1]) for el in headings)
            for el in headings:
                el.tag = f"h{min(6, int(el.tag[1]) + shift)}"
        for el in root.iter():
            css = el.get("class", "")
            if el.tag == "div" and css == "footnote":
                el.set("role", "doc-endnotes")
                el.set("aria-label", "Footnotes")
            elif el.tag == "a" and css == "footnote-ref":
                el.set("aria-label", f"Footnote {''.join(el.itertext())}")
            elif el.tag == "a" and css == "footnote-backref":
                number = re.search(r"\d+", el.get("title", ""))
                label = f"Back to footnote {number.group() if number else ''} in the text"
                el.set("aria-label", label)


class _ReadableExtension(markdown.Extension):
    def __init__(self, top_heading: int):
        super().__init__()
        self.top_heading = top_heading

    def extendMarkdown(self, md):
        # After the footnotes' own tree processor (priority 50) has added the notes.
        md.treeprocessors.register(_ReadableTree(md, self.top_heading), "lpip_readable", 5)


def tidy_pasted(text: str) -> str:
    """Word-processor bullets as Markdown list items, with the blank line a list needs."""
    text = text.replace("\r\n", "\n")
    text = WORD_BULLET.sub("- ", text)
    # A list straight after a paragraph line needs a blank line before it in Markdown.
    return re.sub(r"^(?!\s*(?:[-*+]|\d+\.)\s)(\S[^\n]*)\n(- )", r"\1\n\n\2", text, flags=re.M)


def _markdown(top_heading: int, id_prefix: str) -> markdown.Markdown:
    separator = f"-{id_prefix}-" if id_prefix else "-"
    return markdown.Markdown(
        extensions=[
            "tables",
            "sane_lists",
            "nl2br",
            "footnotes",
            _StrikeExtension(),
            _ReadableExtension(top_heading),
        ],
        extension_configs={
            "footnotes": {
                "SEPARATOR": separator,
                "BACKLINK_TITLE": "Back to footnote {} in the text",
            }
        },
        output_format="html",
    )


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _figure_html(figure, number: int) -> str:
    return format_html(
        '<figure class="figure" id="figure-{}"><img src="{}" alt="{}" width="{}" height="{}" '
        'loading="lazy"><figcaption>Figure {}. {}</figcaption></figure>',
        figure.key,
        figure.get_absolute_url(),
        figure.alt_text,
        figure.width or "",
        figure.height or "",
        number,
        figure.caption,
    )


def render_markdown(
    text: str, top_heading: int = 2, id_prefix: str = "", figures: list | None = None
) -> str:
    """Render Markdown to HTML with every script, handler and unsafe link removed.

    `top_heading` is the level the text's highest heading becomes (3 under a section's h2);
    `id_prefix` keeps footnote links apart when several texts share one page; `figures` are
    the uploaded figures that [[figure:short-name]] lines may insert, in their numbered order.
    """
    if not text:
        return ""
    figures = list(figures or [])
    at = {figure.key.lower(): n for n, figure in enumerate(figures)}

    def token(match: re.Match) -> str:
        n = at.get(match[1].lower())
        return "" if n is None else f"\n\nLPIPFIGURE{n}X\n\n"

    text = FIGURE_LINE.sub(token, tidy_pasted(text))
    html = _clean(_markdown(top_heading, id_prefix).convert(text))
    # Figures are added after cleaning: their markup is built here, never taken from the text.
    return FIGURE_TOKEN.sub(lambda m: _figure_html(figures[int(m[1])], int(m[1]) + 1), html)


def markdown_warnings(text: str, figure_keys: set[str] | None = None) -> list[str]:
    """What in the text will not appear on the site, in the words an editor would use."""
    if not text:
        return []
    md = _markdown(2, "")
    html = md.convert(FIGURE_LINE.sub("", tidy_pasted(text)))
    warnings = []
    if re.search(r"<img\b", html):
        warnings.append(
            "An image in the text will not appear: upload it as a figure (with its alt text "
            "and caption) and insert it with [[figure:short-name]] on a line of its own."
        )
    known = {key.lower() for key in figure_keys or ()}
    for key in dict.fromkeys(FIGURE_LINE.findall(text)):
        if key.lower() not in known:
            warnings.append(
                f"[[figure:{key}]] names no uploaded figure, so nothing will appear there: "
                "upload it under Figures with that short name and save."
            )
    if md.htmlStash.html_counter or md.htmlStash.rawHtmlBlocks:
        warnings.append(
            "HTML typed into the text (such as <b> or <span>) is removed or shown as plain "
            "text: use Markdown instead, e.g. **bold**."
        )
    undefined = set(re.findall(r"\[\^([^\]\s]+)\](?!:)", text)) - set(
        re.findall(r"^\[\^([^\]\s]+)\]:", text, flags=re.M)
    )
    if undefined:
        names = ", ".join(sorted(f"[^{name}]" for name in undefined))
        warnings.append(f"Footnote {names} has no note: add a line such as “{names}: The note.”")
    return warnings


class RenderedMarkdown(models.Model):
    """Abstract model that renders each field in `markdown_fields` into `<field>_html` on save."""

    markdown_fields: tuple[str, ...] = ()
    #: The heading level a field's highest heading becomes on its public page.
    markdown_top_heading = 2

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render_markdown_fields()
        super().save(*args, **kwargs)

    def markdown_figures(self) -> list:
        """The uploaded figures the text may insert (models with a `figures` relation)."""
        if self.pk is None or not hasattr(self, "figures"):
            return []
        return list(self.figures.all())

    def render_markdown_fields(self) -> None:
        several = len(self.markdown_fields) > 1
        figures = self.markdown_figures()
        for name in self.markdown_fields:
            prefix = name.removesuffix("_text").replace("_", "-") if several else ""
            html = render_markdown(getattr(self, name), self.markdown_top_heading, prefix, figures)
            setattr(self, f"{name}_html", html)
