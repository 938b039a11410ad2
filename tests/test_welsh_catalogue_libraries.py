"""The libraries' Welsh: what Django's own Welsh lacks is in locale/libraries, compiled."""

import gettext
from pathlib import Path

import django
import import_export
import pytest
from django.conf import settings

from tests.po_files import read_po

DJANGO = Path(django.__file__).parent
IMPORT_EXPORT = Path(import_export.__file__).parent
OURS = Path(settings.BASE_DIR) / "locale" / "libraries" / "cy" / "LC_MESSAGES"


def compiled(path: Path) -> dict:
    with path.open("rb") as catalogue:
        return gettext.GNUTranslations(catalogue)._catalog


def has_welsh(entry, *catalogues) -> bool:
    keys = (entry.key, (entry.key, 0))
    return any(catalogue.get(key) for catalogue in catalogues for key in keys)


@pytest.fixture(scope="module")
def ours():
    return compiled(OURS / "django.mo") | compiled(OURS / "djangojs.mo")


@pytest.fixture(scope="module")
def djangos_welsh():
    merged = {}
    for mo in sorted(DJANGO.glob("**/locale/cy/LC_MESSAGES/*.mo")):
        merged.update(compiled(mo))
    return merged


@pytest.mark.parametrize(
    "english",
    [
        DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
        DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po",
        DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
        IMPORT_EXPORT / "locale/uk/LC_MESSAGES/django.po",
    ],
    ids=["admin", "admin-javascript", "auth", "import-export"],
)
def test_every_string_of_the_admin_screens_has_welsh(english, ours, djangos_welsh):
    missing = [e.msgid for e in read_po(english) if not has_welsh(e, ours, djangos_welsh)]

    assert not missing, f"{len(missing)} strings without Welsh, first: {missing[:5]}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_our_catalogue_is_compiled_from_the_po_as_it_stands(domain):
    expected = {}
    for entry in read_po(OURS / f"{domain}.po"):
        if not entry.translated:
            continue
        if entry.msgid_plural:
            expected.update({(entry.key, n): text for n, text in entry.msgstr.items()})
        else:
            expected[entry.key] = entry.msgstr[0]

    compiled_entries = {k: text for k, text in compiled(OURS / f"{domain}.mo").items() if k != ""}
    assert compiled_entries == expected, "run compilemessages -l cy after editing the .po"


def test_our_plural_rule_is_djangos_welsh_rule():
    def plural_forms(mo: Path) -> str:
        with mo.open("rb") as catalogue:
            return " ".join(gettext.GNUTranslations(catalogue).info()["plural-forms"].split())

    theirs = plural_forms(DJANGO / "conf/locale/cy/LC_MESSAGES/django.mo")
    assert plural_forms(OURS / "django.mo") == theirs


def test_welsh_admin_uses_it(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    page = admin_client.get(f"/{settings.ADMIN_URL}").content.decode()

    assert "Gweld y safle" in page, "View site, which Django's own Welsh lacks"
