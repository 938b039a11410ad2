"""The Welsh catalogues: up to date with the marked strings, complete, and compiled.

After marking a string or changing one: `make messages`, write its Welsh in
locale/cy/LC_MESSAGES/django.po, then `make messages` again to compile it.
"""

import ast
import gettext
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
PROJECT_CATALOGUE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
CATALOGUES = sorted((ROOT / "locale").glob("**/cy/LC_MESSAGES/django.po"))
# As `make messages` runs makemessages.
IGNORED = [".venv", "node_modules", "staticfiles", "locale"]
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]|\{(\w+)\}")


@dataclass
class Entry:
    context: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)

    def __str__(self) -> str:
        return f"{self.context + ': ' if self.context else ''}{self.msgid!r}"


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (not the header, nor obsolete #~ entries)."""
    entries, entry, part = [], Entry(), None

    def finish():
        nonlocal entry
        if entry.msgid or entry.msgstr.get(0):
            entries.append(entry)
        entry = Entry()

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            if part is not None:
                finish()
                part = None
            continue
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith('"'):
            value, rest = ast.literal_eval(line), None
        else:
            part, value = keyword, ast.literal_eval(rest)
        if part == "msgctxt":
            entry.context = (entry.context or "") + value
        elif part == "msgid":
            entry.msgid += value
        elif part == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif part == "msgstr":
            entry.msgstr[0] = entry.msgstr.get(0, "") + value
        elif part.startswith("msgstr["):
            index = int(part[7:-1])
            entry.msgstr[index] = entry.msgstr.get(index, "") + value
    return [e for e in entries if e.msgid]


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text.replace("%%", ""))}


def catalogue_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def source_only(directory, names):
    keep = {n for n in names if Path(directory, n).is_dir() or Path(n).suffix in SOURCE_SUFFIXES}
    return [n for n in names if n not in keep or n in {".git", *IGNORED, "__pycache__"}]


def test_the_catalogue_holds_every_marked_string_and_no_other(tmp_path, settings, monkeypatch):
    """makemessages over a copy of the sources finds exactly the strings the catalogue holds."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=source_only)
    (copy / "locale" / "cy" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(PROJECT_CATALOGUE, copy / "locale" / "cy" / "LC_MESSAGES" / "django.po")
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)

    call_command(
        "makemessages",
        locale=["cy"],
        no_location=True,
        no_obsolete=True,
        ignore_patterns=IGNORED,
        verbosity=0,
    )

    marked = {e.key: e for e in read_po(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po")}
    held = {e.key: e for e in read_po(PROJECT_CATALOGUE)}
    new = [str(marked[k]) for k in marked.keys() - held.keys()]
    gone = [str(held[k]) for k in held.keys() - marked.keys()]
    assert not new, "Marked but not in the catalogue (run `make messages`):\n" + "\n".join(new)
    assert not gone, "In the catalogue but no longer marked (run `make messages`):\n" + "\n".join(
        gone
    )


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_every_string_has_welsh_with_the_same_placeholders(path):
    entries = read_po(path)
    assert entries, f"{catalogue_id(path)} holds no strings"
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"{entry}: fuzzy (check the Welsh, then remove the fuzzy flag)")
        forms = sorted(entry.msgstr)
        if not entry.msgstr or not all(entry.msgstr[i].strip() for i in forms):
            problems.append(f"{entry}: no Welsh")
            continue
        for index in forms:
            source = entry.msgid if entry.msgid_plural is None else entry.msgid_plural
            expected = placeholders(source) | placeholders(entry.msgid)
            found = placeholders(entry.msgstr[index])
            # The form for one ("this result") may leave out the count, as the English does.
            singular = entry.msgid_plural is not None and index == 0
            if found != expected and not (
                singular and placeholders(entry.msgid) <= found <= expected
            ):
                problems.append(
                    f"{entry}: the Welsh has {sorted(placeholders(entry.msgstr[index]))}, "
                    f"the English {sorted(expected)}"
                )
    assert not problems, "\n".join(problems)


def test_the_project_catalogue_has_four_welsh_plural_forms():
    header = PROJECT_CATALOGUE.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "nplurals=4" in header.replace('"\n"', "")
    for entry in read_po(PROJECT_CATALOGUE):
        if entry.msgid_plural is not None:
            assert sorted(entry.msgstr) == [0, 1, 2, 3], f"{entry}: needs four Welsh forms"


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_the_compiled_catalogue_matches_its_source(path):
    """The .mo beside each .po says the same: `make messages` (compilemessages) was run."""
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{catalogue_id(compiled)} is missing: run `make messages`"
    with open(compiled, "rb") as handle:
        catalog = dict(gettext.GNUTranslations(handle)._catalog)
    catalog.pop("", None)

    expected = {}
    for entry in read_po(path):
        if "fuzzy" in entry.flags or not any(entry.msgstr.values()):
            continue  # compilemessages leaves these out; the test above reports them
        msgid = f"{entry.context}\x04{entry.msgid}" if entry.context else entry.msgid
        if entry.msgid_plural is None:
            expected[msgid] = entry.msgstr[0]
        else:
            expected.update({(msgid, i): text for i, text in entry.msgstr.items()})

    assert catalog == expected, f"{catalogue_id(compiled)} is out of date: run `make messages`"
