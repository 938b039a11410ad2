"""Message catalogues without the empty ones Django chains behind English.

For British English, Python's gettext also finds each library's plain "en" catalogue, which holds
only its header, and Django keeps every one of them as a fallback: an English page then walks six
empty catalogues for each string it translates (a page with a map does so hundreds of times).
They translate nothing, so leaving them out changes no text.
"""

import gettext

from django.conf import settings
from django.utils.translation import trans_real


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
