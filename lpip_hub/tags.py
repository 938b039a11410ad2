"""Tags: one way to write them everywhere, separated by commas, and existing tags suggested.

The admin's tags box and the import's tags column both read tags through `parse_tags`, so
"social capital, trust" is two tags wherever it is typed, and a tag is never split at a space.
"""

import re

from django import forms
from django.utils.html import format_html, format_html_join
from taggit.forms import TagWidget
from taggit.models import Tag

SEPARATOR = ","
# A semicolon, as older import files used, separates tags too; nothing else does.
SPLIT = re.compile(r"[,;]")


def parse_tags(text: str) -> list[str]:
    """Tag names from text such as "social capital, trust": comma-separated, never by spaces."""
    names: dict[str, str] = {}
    for part in SPLIT.split(text or ""):
        name = " ".join(part.strip().strip('"').split())
        if name:
            names.setdefault(name.lower(), name)
    return sorted(names.values(), key=str.lower)


def tags_to_text(tags) -> str:
    """The tags as they are written in the tags box: "social capital, trust"."""
    return f"{SEPARATOR} ".join(sorted((tag.name for tag in tags), key=str.lower))


class TagSuggestWidget(TagWidget):
    """The tags box, with the tags already in use suggested as you type (a datalist)."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "size": 60, **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}-suggestions"
        attrs = {**(attrs or {}), "list": list_id, "data-tag-suggest": ""}
        names = Tag.objects.order_by("name").values_list("name", flat=True)[:2000]
        options = format_html_join("", '<option value="{}">', ((n,) for n in names))
        datalist = format_html('<datalist id="{}">{}</datalist>', list_id, options)
        return super().render(name, value, attrs, renderer) + datalist

    @property
    def media(self):
        return forms.Media(js=["js/tag-suggest.js"])
