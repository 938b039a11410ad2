"""How to cite an evidence review: Harvard text for the page, BibTeX and RIS for downloads."""

import re
from datetime import date

from django.conf import settings

from reviews.bibtex import bibtex_entry, bibtex_names, write_bibtex
from reviews.models import EvidenceReview, sentence_stop


def _year(review: EvidenceReview) -> str:
    return str(review.publication_date.year) if review.publication_date else "n.d."


def _authors(review: EvidenceReview) -> list[str]:
    """The review's authors, one per entry: 'Pugh, A. and Smith, J.' gives two."""
    text = review.authors.strip() or settings.SITE_NAME
    return [name.strip() for name in re.split(r"\s+and\s+|;", text) if name.strip()]


def harvard(review: EvidenceReview, url: str, accessed: date | None = None) -> str:
    """Harvard style, as a reader would paste it into a report."""
    accessed = accessed or date.today()
    edition = f" {review.edition}." if review.edition else ""
    return (
        f"{review.authors or settings.SITE_NAME} ({_year(review)}) {review.title}"
        f"{sentence_stop(review.title)}{edition} "
        f"{settings.SITE_NAME}. Available at: {url} "
        f"(Accessed: {accessed.day} {accessed:%B %Y})."
    )


def bibtex(review: EvidenceReview, url: str) -> str:
    """The review as a BibTeX technical report, through the Hub's one BibTeX writer."""
    fields = [
        ("author", bibtex_names(_authors(review))),
        ("title", review.title),
        ("year", review.publication_date.year if review.publication_date else ""),
        ("edition", review.edition),
        ("institution", settings.SITE_NAME),
        ("url", url),
    ]
    return write_bibtex([bibtex_entry("techreport", review.slug.replace("-", "_"), fields)])


def ris(review: EvidenceReview, url: str) -> str:
    lines = [("TY", "RPRT")]
    lines += [("AU", name) for name in _authors(review)]
    lines.append(("TI", review.title))
    if review.publication_date:
        lines.append(("PY", str(review.publication_date.year)))
        lines.append(("DA", review.publication_date.strftime("%Y/%m/%d")))
    if review.edition:
        lines.append(("ET", review.edition))
    lines += [("PB", settings.SITE_NAME), ("UR", url)]
    if review.full_report and review.full_report.link:
        lines.append(("L1", review.full_report.link))
    lines.append(("ER", ""))
    # RIS wants "TAG  - value" lines ended by CRLF.
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
