"""Content in English and Welsh: each text people read has a Welsh twin named `<field>_cy`.

On Welsh pages (/cy/) `localised(obj, field)` gives the Welsh where someone has written it and
otherwise the English, marked as a fallback. Text kept in English only (a field with no Welsh
twin, such as an outcome's description) is a fallback too; proper names are not. The template
tag `{% welsh %}` prints it, with an English fallback inside lang="en", and WelshNoticeMiddleware
puts one short notice at the top of any Welsh page that had to show some English.
English pages always show the English.

The Welsh twins are plain fields, so loaders, pending versions, history, import and export, the
API and search treat them like any other field.
"""

from contextvars import ContextVar

from django import forms
from django.db import models
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

WELSH = "cy"
# Fields that name or code someone or something: shown as they are written, in any language.
AS_WRITTEN = frozenset(
    {
        "name",
        "short_name",
        "official_name",
        "display_name",  # a place's: the ONS Welsh name on Welsh pages where there is one
        "organisation",
        "authors",
        "gss_code",
        "slug",
    }
)
SUFFIX = "_cy"
NOTICE_MARK = "<!--lpip:welsh-notice-->"
WELSH_HELP = _(
    "In Welsh. Leave it empty until the Welsh is written: Welsh pages (/cy/) show the English "
    "meanwhile, marked as English."
)

# Set for each request by WelshNoticeMiddleware: whether the page has shown an English fallback.
_fallback_shown: ContextVar[list | None] = ContextVar("welsh_fallback_shown", default=None)


def welsh_name(field: str) -> str:
    """The Welsh twin of a field: summary -> summary_cy, summary_html -> summary_cy_html."""
    if field.endswith("_html"):
        return field.removesuffix("_html") + SUFFIX + "_html"
    return field + SUFFIX


def welsh_twin(english: models.Field, label: str) -> models.Field:
    """An optional Welsh field shaped like `english` (a CharField keeps its length)."""
    verbose = format_lazy("{} ({})", label, _("Welsh"))
    if isinstance(english, models.CharField):
        return models.CharField(
            verbose, max_length=english.max_length, blank=True, help_text=WELSH_HELP
        )
    return models.TextField(verbose, blank=True, help_text=WELSH_HELP)


def rendered_twin() -> models.Field:
    """The stored HTML of a Welsh Markdown field."""
    return models.TextField(
        blank=True, editable=False, help_text=_("The Welsh as HTML; empty until it is written.")
    )


def is_welsh() -> bool:
    return (get_language() or "").split("-")[0] == WELSH


class KnowsFallback:
    """A string that remembers whether it is English standing in for Welsh (`fallback`)."""

    fallback: bool = False

    def __new__(cls, value, fallback: bool = False):
        text = super().__new__(cls, value)
        text.fallback = fallback
        return text


class LocalText(KnowsFallback, str):
    """Text in the page's language, or the English standing in for it."""


class SafeLocalText(KnowsFallback, SafeString):
    """Text ready for a page that still knows whether it is an English fallback."""


def in_language(english: str, welsh: str | None) -> LocalText:
    """The text for the current language: the Welsh where written, else the English as a
    fallback. `welsh` is None for text shown as written in any language (names, codes)."""
    english = english or ""
    if not is_welsh():
        return LocalText(english)
    if welsh:
        return LocalText(welsh)
    if welsh is None or not english:
        return LocalText(english)
    note_fallback()
    return LocalText(english, fallback=True)


def localised(obj, field: str) -> LocalText:
    """The field's text for the current language; English (as a fallback) where no Welsh.
    A field with no Welsh twin is English content unless it names or codes something."""
    twin = welsh_name(field)
    if hasattr(obj, twin):
        welsh = getattr(obj, twin) or ""
    else:
        welsh = None if field.removesuffix("_html") in AS_WRITTEN else ""
    return in_language(getattr(obj, field, ""), welsh)


def localised_title(obj) -> LocalText:
    """What an item is called (its title, term or name) in the page's language."""
    for field in ("title", "term", "name"):
        if hasattr(obj, field):
            return localised(obj, field)
    return LocalText(str(obj))


def marked(text: LocalText, is_html: bool = False, plain: bool = False) -> SafeString:
    """Text ready for a page: escaped (Markdown's stored HTML as it is, already sanitised), and
    an English fallback inside lang="en" unless `plain` (attributes and <title> cannot mark it).
    """
    shown = mark_safe(text) if is_html else conditional_escape(text)  # noqa: S308 - sanitised
    if plain:
        return SafeLocalText(shown, getattr(text, "fallback", False))
    if not getattr(text, "fallback", False):
        return shown
    if is_html:
        return format_html('<div lang="en">{}</div>', shown)
    return format_html('<span lang="en">{}</span>', shown)


def localised_html(obj, field: str) -> SafeString:
    """A rendered Markdown field (`summary_html`) in the page's language, marked as above."""
    return marked(localised(obj, field), is_html=True)


def note_fallback() -> None:
    shown = _fallback_shown.get()
    if shown is not None:
        shown.append(True)


class WelshNoticeMiddleware:
    """One notice per Welsh page that shows English content, where base.html marks its place.

    Innermost of all, so the page cache stores pages with their notice already in place.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "LANGUAGE_CODE", WELSH).split("-")[0] != WELSH:
            return self.get_response(request)  # English pages have no notice to place
        shown: list = []
        token = _fallback_shown.set(shown)
        try:
            response = self.get_response(request)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        finally:
            _fallback_shown.reset(token)
        if response.streaming or "html" not in response.get("Content-Type", ""):
            return response
        mark = NOTICE_MARK.encode()
        if mark in response.content:
            notice = render_to_string("components/welsh_notice.html") if shown else ""
            response.content = response.content.replace(mark, notice.encode(), 1)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


def lang_attribute(text) -> SafeString:
    """` lang="en"` for an English fallback, for elements that hold text only (<option>)."""
    return mark_safe(' lang="en"') if getattr(text, "fallback", False) else mark_safe("")  # noqa: S308


class SaysItsLanguage:
    """A choice widget whose English fallback choices say they are English (lang="en")."""

    def create_option(self, name, value, label, *args, **kwargs):
        option = super().create_option(name, value, label, *args, **kwargs)
        if getattr(label, "fallback", False):
            option["attrs"]["lang"] = "en"
        return option


class LanguageSelect(SaysItsLanguage, forms.Select):
    pass


class LanguageCheckboxes(SaysItsLanguage, forms.CheckboxSelectMultiple):
    """Templates that draw the checkboxes themselves read `choice.data.attrs.lang`."""


class LocalisedChoiceField(forms.ModelChoiceField):
    """A choice of themes, kinds or policies, named in the page's language."""

    widget = LanguageSelect

    def label_from_instance(self, obj):
        return localised_title(obj)


class LocalisedMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = LanguageCheckboxes

    def label_from_instance(self, obj):
        return localised_title(obj)
