"""Structured data for search engines and reference managers: schema.org JSON-LD.

`json_ld` writes the data into a script element escaped so that no text in it, such as a
title containing "</script>", can end the element early.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lpip_hub.bilingual import is_welsh, localised
from reviews.citation import _authors
from reviews.models import EvidenceReview, Output

# The same escapes as Django's json_script: <, > and & never appear literally.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _publisher() -> dict:
    return {"@type": "Organization", "name": settings.SITE_NAME}


def _language(title) -> str:
    return "cy" if is_welsh() and not title.fallback else "en-GB"


def review(item: EvidenceReview, url: str) -> dict:
    title = localised(item, "title")
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": title,
        "name": title,
        "url": url,
        "author": [{"@type": "Person", "name": name} for name in _authors(item)],
        "publisher": _publisher(),
        "about": localised(item.theme, "name"),
        "inLanguage": _language(title),
    }
    if item.summary:
        data["abstract"] = localised(item, "summary")
    if item.publication_date:
        data["datePublished"] = item.publication_date
    if item.full_report and item.full_report.link:
        data["isBasedOn"] = item.full_report.link
    return data


def output(item: Output, url: str) -> dict:
    title = localised(item, "title")
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": title,
        "url": url,
        "sameAs": item.url,
        "description": localised(item, "summary"),
        "genre": item.get_kind_display(),
        "publisher": _publisher(),
        "inLanguage": _language(title),
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
