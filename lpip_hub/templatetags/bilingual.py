"""`{% welsh %}`: the one way a template prints content that has a Welsh twin.

    {% welsh object "summary" %}            text, escaped
    {% welsh object "summary_html" %}       rendered Markdown, as stored (already sanitised)
    {% welsh object "summary" plain=True %} for <title>, attributes and meta tags: no markup
    {% welsh object "summary" or="name" %}  another field when the first is empty
    {% welsh concept "definition_html" words=35 %}  Markdown as plain text, shortened
    {% welsh item %}                        an item's title, term or name, whatever its kind
    {% welsh hit.title %}                   text already chosen (search hits, feeds)
    {% welsh_notice %}                      where the page's one "not yet in Welsh" notice goes
    <option{{ text|lang_attribute }}>       an element that holds text only says its language

On Welsh pages an English fallback is wrapped in <span lang="en"> (<div lang="en"> for
Markdown); attributes cannot carry lang, so `plain=True` gives the fallback text alone.
"""

from django import template
from django.db.models import Model
from django.template.defaultfilters import striptags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from lpip_hub.bilingual import (
    NOTICE_MARK,
    LocalText,
    is_welsh,
    lang_attribute,
    localised,
    localised_title,
    marked,
)

register = template.Library()


@register.simple_tag
def welsh(value, field: str = "", plain: bool = False, words: int = 0, chars: int = 0, **kwargs):
    other = kwargs.get("or", "")
    if field:
        text = localised(value, field)
        if not text and other:
            text = localised(value, other)
    elif isinstance(value, Model):
        text = localised_title(value)
    else:
        text = value if isinstance(value, LocalText) else LocalText(value or "")
    is_html = field.endswith("_html")
    if is_html and (plain or words or chars):
        text, is_html = LocalText(striptags(text), text.fallback), False
    if words:
        text = LocalText(Truncator(text).words(words), text.fallback)
    if chars:
        text = LocalText(Truncator(text).chars(chars), text.fallback)
    return marked(text, is_html=is_html, plain=plain)


register.filter("lang_attribute", lang_attribute)


@register.simple_tag
def welsh_notice():
    """The mark WelshNoticeMiddleware replaces: the notice, or nothing."""
    return mark_safe(NOTICE_MARK) if is_welsh() else ""  # noqa: S308 - a fixed comment
