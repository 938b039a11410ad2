"""Structured data for search engines and reference managers: schema.org JSON-LD.

`json_ld` writes the data into a script element escaped so that no text in it, such as a
title containing "</script>", can end the element early.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from reviews.citation import _authors
from reviews.models import EvidenceReview, Output

# The same escapes as Django's json_script: <, > and & never appear literally.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _publisher() -> dict:
    return {"@type": "Organization", "name": settings.SITE_NAME}


def review(item: EvidenceReview, url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": item.title,
        "name": item.title,
        "url": url,
        "author": [{"@type": "Person", "name": name} for name in _authors(item)],
        "publisher": _publisher(),
        "about": item.theme.name,
        "inLanguage": "en-GB",
    }
    if item.summary:
        data["abstract"] = item.summary
    if item.publication_date:
        data["datePublished"] = item.publication_date
    if item.full_report and item.full_report.link:
        data["isBasedOn"] = item.full_report.link
    return data


def output(item: Output, url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": item.title,
        "url": url,
        "sameAs": item.url,
        "description": item.summary,
        "genre": item.get_kind_display(),
        "publisher": _publisher(),
        "inLanguage": "en-GB",
    }
    if item.authors:
        data["author"] = item.authors
    if item.date:
        data["datePublished"] = item.date
    return data


def dataset(name: str, description: str, page_url: str, csv_url: str) -> dict:
    """A CSV export as a schema.org Dataset with one download."""
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": page_url,
        "creator": _publisher(),
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": csv_url}
        ],
    }
