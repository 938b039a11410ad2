"""The message catalogues each language reads, without Django's empty English fallbacks."""

import gettext

from django.utils import translation
from django.utils.translation import trans_real


def chain(code: str) -> list:
    found, node = [], trans_real.translation(code)
    while node is not None:
        found.append(node)
        node = node._fallback
    return found


def header_only() -> list:
    return [
        node
        for code in ("en-gb", "cy")
        for node in chain(code)
        if type(node) is gettext.GNUTranslations and node._catalog.keys() <= {""}
    ]


def test_english_walks_no_header_only_catalogues():
    """Every one of them made each English string walk six empty catalogues (a map page
    translates hundreds)."""
    assert header_only() == []


def test_catalogues_built_afresh_walk_none_either(settings):
    """Django builds every catalogue again when LOCALE_PATHS, LANGUAGES or the apps change."""
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS]
    assert header_only() == []
    with translation.override("cy"):
        assert translation.gettext("Filter interventions") == "Hidlo ymyriadau"


# Django's own message, held in a name so that `make messages` does not take it for ours.
DJANGOS_OWN = "This field is required."


def test_translations_are_unchanged():
    with translation.override("cy"):
        assert translation.gettext("Filter interventions") == "Hidlo ymyriadau"
        assert translation.gettext(DJANGOS_OWN) == "Mae’r maes hwn yn ofynnol."
    with translation.override("en-gb"):
        assert translation.gettext("Filter interventions") == "Filter interventions"
        assert translation.gettext(DJANGOS_OWN) == DJANGOS_OWN
