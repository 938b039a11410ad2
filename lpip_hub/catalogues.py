"""Message catalogues without the empty ones Django chains behind English.

For British English, Python's gettext also finds each library's plain "en" catalogue, which holds
only its header, and Django keeps every one of them as a fallback: an English page then walks six
empty catalogues for each string it translates (a page with a map does so hundreds of times).
They translate nothing, so leaving them out changes no text.
"""

import gettext

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.translation import trans_real

# Settings on whose change Django builds every catalogue afresh, fallbacks and all.
REBUILT_ON = {"LANGUAGES", "LOCALE_PATHS", "INSTALLED_APPS"}


def _is_empty(catalogue) -> bool:
    """A plain catalogue (not Django's merged one) holding nothing but its header."""
    return type(catalogue) is gettext.GNUTranslations and catalogue._catalog.keys() <= {""}


def drop_empty_fallbacks() -> None:
    """Unlink the header-only catalogues from each language's chain of fallbacks."""
    for code, _name in settings.LANGUAGES:
        node = trans_real.translation(code)
        while node._fallback is not None:
            if _is_empty(node._fallback):
                node._fallback = node._fallback._fallback
            else:
                node = node._fallback


def _setting_changed(*, setting, **kwargs) -> None:
    if setting in REBUILT_ON:
        drop_empty_fallbacks()


def keep_dropping_empty_fallbacks() -> None:
    """Drop them now, and again whenever a setting changes that makes Django build the
    catalogues afresh (a test overriding LOCALE_PATHS, say)."""
    drop_empty_fallbacks()
    # Django's own receivers, which forget the catalogues, are in django.test.signals. Receivers
    # run in the order they were connected: importing it first makes this one run after them.
    import django.test.signals  # noqa: F401

    setting_changed.connect(_setting_changed, dispatch_uid="lpip-drop-empty-fallbacks")
