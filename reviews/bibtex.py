"""References in and out: a DOI or a pasted BibTeX entry in; BibTeX and RIS out.

Everything is parsed here, on the server, with no network look-up: a DOI alone makes a
reference that the researcher completes by hand.
"""

import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser import Library
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import UnicodeToLatexEncoder

from reviews.models import Reference

# The DOI Handbook's shape: '10.', a registrant code of digits and dots, '/', a suffix.
DOI_PATTERN = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
DOI_PREFIXES = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi.org/",
    "doi:",
)


def normalise_doi(value: str) -> str:
    """The bare DOI, without a resolver address or 'doi:' in front."""
    doi = (value or "").strip()
    lowered = doi.lower()
    for prefix in DOI_PREFIXES:
        if lowered.startswith(prefix):
            doi = doi[len(prefix) :].strip()
            break
    return doi


def is_doi(value: str) -> bool:
    return bool(DOI_PATTERN.match(normalise_doi(value)))


class BibTeXError(ValueError):
    """The pasted text could not be read as one BibTeX entry; the message says why."""


@dataclass
class ParsedReference:
    authors: str = ""
    year: int | None = None
    title: str = ""
    publisher: str = ""
    doi: str = ""
    url: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    warnings: list[str] = field(default_factory=list)

    def as_fields(self) -> dict:
        return {
            "authors": self.authors,
            "year": self.year,
            "title": self.title,
            "publisher": self.publisher,
            "doi": self.doi,
            "url": self.url,
            "volume": self.volume,
            "issue": self.issue,
            "pages": self.pages,
        }


_latex = LatexNodes2Text()


def _plain(value: str) -> str:
    """LaTeX to plain text: accents decoded, protective braces dropped, spaces tidied."""
    return " ".join(_latex.latex_to_text(value or "").split())


def _split_top_level(text: str, separator: str) -> list[str]:
    """Split on a word such as ' and ', except inside braces ({Smith and Sons})."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and text[i : i + len(separator)].lower() == separator:
            parts.append(text[start:i])
            i += len(separator)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _initials(given: str) -> str:
    names = re.split(r"[\s.]+", given.replace("-", " - "))
    out = []
    for name in names:
        if name == "-":
            out.append("-")
        elif name:
            out.append(f"{name[0].upper()}.")
    return " ".join(out).replace(" - ", "-")


def cite_name(name: str) -> str:
    """One BibTeX name as the Hub cites it: 'Pugh, A.'; an organisation stays whole."""
    name = name.strip()
    if name.startswith("{") and name.endswith("}"):
        return _plain(name)
    parts = [p.strip() for p in _split_top_level(name, ",")]
    if len(parts) >= 2:
        family, given = parts[0], parts[-1]
    else:
        words = name.split()
        if len(words) == 1:
            return _plain(name)
        family, given = words[-1], " ".join(words[:-1])
    family, given = _plain(family), _plain(given)
    return f"{family}, {_initials(given)}" if given else family


def cite_authors(value: str) -> str:
    names = [cite_name(n) for n in _split_top_level(value, " and ")]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def parse_bibtex(text: str) -> ParsedReference:
    """Read one BibTeX entry into a reference's fields; raise BibTeXError in plain words."""
    library = bibtexparser.parse_string(text or "")
    if not library.entries:
        if library.failed_blocks:
            raise BibTeXError(
                "This does not read as a BibTeX entry. Check that it starts with, for "
                "example, @article{key, and that every brace is closed."
            )
        raise BibTeXError("Paste one BibTeX entry, starting with @article, @book, @report...")
    if len(library.entries) > 1:
        raise BibTeXError(f"Paste one entry at a time: this text holds {len(library.entries)}.")
    entry = library.entries[0]
    values = {key.lower(): f.value for key, f in entry.fields_dict.items()}
    parsed = ParsedReference()
    parsed.authors = cite_authors(values.get("author") or values.get("editor") or "")
    parsed.title = _plain(values.get("title", ""))
    parsed.publisher = _plain(
        values.get("journal")
        or values.get("booktitle")
        or values.get("publisher")
        or values.get("institution")
        or values.get("organization")
        or values.get("school")
        or values.get("howpublished")
        or ""
    )
    year = re.search(r"\d{4}", values.get("year") or values.get("date") or "")
    parsed.year = int(year.group()) if year else None
    parsed.url = (values.get("url") or "").strip()
    parsed.volume = _plain(values.get("volume", ""))[:50]
    parsed.issue = _plain(values.get("number") or values.get("issue") or "")[:50]
    parsed.pages = _plain(values.get("pages", "")).replace("--", "–")[:50]
    doi = normalise_doi(values.get("doi", ""))
    if doi and not is_doi(doi):
        parsed.warnings.append(f"'{doi}' does not look like a DOI, so it was left out.")
        doi = ""
    parsed.doi = doi
    if not parsed.title:
        raise BibTeXError("The entry has no title: add title = {...} and try again.")
    if not parsed.authors:
        parsed.warnings.append("The entry names no author: add the authors before saving.")
    return parsed


# Export


def _bibtex_key(reference: Reference, taken: set[str]) -> str:
    family = re.sub(r"[^A-Za-z]", "", (reference.authors.split(",")[0] or "ref"))[:20] or "ref"
    base = f"{family.lower()}{reference.year or 'nd'}"
    key, n = base, 0
    while key in taken:
        n += 1
        key = f"{base}{chr(ord('a') + n - 1) if n <= 26 else n}"
    taken.add(key)
    return key


# One BibTeX writer for references and reviews: bibtexparser writes the entries, pylatexenc
# encodes the text (& % _ # $ braces, accents), so every .bib the Hub sends reads back as written.
_encoder = UnicodeToLatexEncoder(unknown_char_policy="keep", replacement_latex_protection="braces")
_FORMAT = BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.block_separator = "\n"
# Read verbatim by BibTeX styles: left as they are, but for braces, which would end the value.
VERBATIM_FIELDS = {"url", "doi"}


def latex(value) -> str:
    """Text as LaTeX: special characters escaped, accented letters as accent commands."""
    return _encoder.unicode_to_latex(" ".join(str(value).split()))


def bibtex_names(names: list[str]) -> str:
    """Names for an author field; an organisation (no comma) is braced, so it stays whole."""
    return " and ".join(latex(n) if "," in n else "{" + latex(n) + "}" for n in names if n)


def bibtex_entry(kind: str, key: str, fields: list[tuple[str, object]]) -> Entry:
    """An entry from (name, value) pairs; empty values are left out. `author` is pre-encoded."""
    values = []
    for name, value in fields:
        if value in (None, ""):
            continue
        if name in VERBATIM_FIELDS:
            value = str(value).replace("{", "").replace("}", "").strip()
        elif name != "author":
            value = latex(value)
        values.append(Field(name, value))
    return Entry(kind, key, values)


def write_bibtex(entries: list[Entry]) -> str:
    if not entries:
        return ""
    return bibtexparser.write_string(Library(entries), bibtex_format=_FORMAT)


def _bibtex_authors(authors: str) -> list[str]:
    """'Billing, C. and Smith, J.' or 'Pugh, A., Lyons, M. and Davies, J.' as separate names."""
    names = [n.strip() for n in re.split(r"\s+and\s+|\s*;\s*", authors) if n.strip()]
    out = []
    for name in names:
        # 'Pugh, A., Lyons, M.' holds two names: split after each run of initials.
        out += [n.strip() for n in re.split(r"(?<=\.),\s+", name) if n.strip()]
    return out


def to_bibtex(references) -> str:
    taken: set[str] = set()
    entries = []
    for ref in references:
        kind = "article" if ref.doi and ref.publisher else "misc"
        fields = [
            ("author", bibtex_names(_bibtex_authors(ref.authors))),
            ("title", ref.title),
            ("journal" if kind == "article" else "publisher", ref.publisher),
            ("year", ref.year or ""),
            ("volume", ref.volume),
            ("number", ref.issue),
            ("pages", ref.pages.replace("–", "--")),
            ("doi", ref.doi),
            ("url", ref.url),
        ]
        entries.append(bibtex_entry(kind, _bibtex_key(ref, taken), fields))
    return write_bibtex(entries)


def to_ris(references) -> str:
    records = []
    for ref in references:
        lines = ["TY  - JOUR" if ref.doi and ref.publisher else "TY  - GEN"]
        lines += [f"AU  - {name}" for name in _bibtex_authors(ref.authors)]
        lines.append(f"TI  - {ref.title}")
        if ref.year:
            lines.append(f"PY  - {ref.year}")
        if ref.publisher:
            lines.append(f"{'JO' if ref.doi else 'PB'}  - {ref.publisher}")
        if ref.volume:
            lines.append(f"VL  - {ref.volume}")
        if ref.issue:
            lines.append(f"IS  - {ref.issue}")
        start, _, end = ref.pages.replace("--", "–").partition("–")
        if start.strip():
            lines.append(f"SP  - {start.strip()}")
        if end.strip():
            lines.append(f"EP  - {end.strip()}")
        if ref.doi:
            lines.append(f"DO  - {ref.doi}")
        if ref.link:
            lines.append(f"UR  - {ref.link}")
        lines.append("ER  - ")
        records.append("\r\n".join(lines))
    return "\r\n\r\n".join(records) + ("\r\n" if records else "")
