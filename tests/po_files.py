"""A small reader for gettext .po files, enough to compare catalogues in tests."""

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False

    @property
    def key(self) -> str:
        """The msgid as the compiled catalogue keys it (context, then EOT, then msgid)."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid

    @property
    def translated(self) -> bool:
        return not self.fuzzy and bool(self.msgstr) and all(self.msgstr.values())


def read_po(path: Path) -> list[Entry]:
    """Every entry but the header, in file order; obsolete (#~) entries left out."""
    entries, entry, target = [], Entry(), None
    flags: set[str] = set()

    def finish():
        nonlocal entry, flags
        if entry.msgid or entry.msgstr:
            entry.fuzzy = "fuzzy" in flags
            entries.append(entry)
        entry, flags = Entry(), set()

    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if line.startswith("#,"):
            if entry.msgid or entry.msgstr:
                finish()
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif not line:
            finish()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if target == "msgid":
                entry.msgid += text
            elif target == "msgid_plural":
                entry.msgid_plural += text
            elif target == "msgctxt":
                entry.msgctxt += text
            else:
                entry.msgstr[target] += text
        else:
            keyword, _, value = line.partition(" ")
            if entry.msgstr and keyword in ("msgid", "msgctxt"):
                finish()
            text = ast.literal_eval(value)
            if keyword == "msgctxt":
                target, entry.msgctxt = "msgctxt", text
            elif keyword in ("msgid", "msgid_plural"):
                target = keyword
                setattr(entry, keyword, text)
            elif keyword == "msgstr":
                target, entry.msgstr[0] = 0, text
            elif keyword.startswith("msgstr["):
                target = int(keyword[7:-1])
                entry.msgstr[target] = text
    return [e for e in entries if e.msgid]
