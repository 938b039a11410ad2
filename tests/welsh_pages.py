"""Reading a Welsh page as a reader meets it: its text outside English passages and code.

Used by the tests that walk Welsh pages to find text left in English outside lang="en".
"""

import re
from html.parser import HTMLParser

# English words that never appear in Welsh text; kept to unambiguous ones ("a" is Welsh for
# "and", "at" for "to", "can" for "hundred", "we" for "web", "mor" for "so").
ENGLISH_ONLY = frozenset(
    [
        "the", "and", "of", "with", "for", "to", "this", "that", "from", "your", "you", "are",
        "is", "has", "have", "not", "no", "by", "in", "on", "or", "was", "were", "which", "what",
        "who", "when", "where", "how", "there", "their", "these", "those", "it", "its", "will",
        "been", "be", "see", "more", "our", "they", "about", "into", "only", "than",
    ]
)  # fmt: skip
READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
SKIPPED_ELEMENTS = {"code", "pre", "script", "style", "template", "kbd", "samp"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
WORD = re.compile(r"[^\W\d_]+")


class WelshText(HTMLParser):
    """The texts of a page a reader meets, outside elements marked as English and code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.texts: list[str] = []

    @property
    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").lower()
        skipped = tag in SKIPPED_ELEMENTS or lang.startswith("en")
        if not (self.skipping or skipped):
            for name in READ_ATTRIBUTES:
                if attrs.get(name):
                    self.texts.append(attrs[name])
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.texts.append(attrs["value"])
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            in_head = any(t == "head" for t, _ in self.stack)
            if not in_head or self.stack[-1][0] == "title":
                self.texts.append(" ".join(data.split()))


def english_words(text: str) -> set[str]:
    """The words of `text` only English uses (identifiers such as not_known are values)."""
    words = re.findall(r"[a-z]+(?:_[a-z]+)*", text.lower())
    return {word for word in words if word in ENGLISH_ONLY}


def page_text(html: str) -> str:
    """What a reader meets on the page, outside English passages and code, as one string."""
    parser = WelshText()
    parser.feed(html)
    return " ".join(" ".join(parser.texts).split())


def english_texts(html: str, proper_names: tuple[str, ...] = ()) -> list[str]:
    """Each text that holds a word only English uses, with those words marked. Proper names
    (places such as "Isle of Wight", which keep their English name on Welsh pages) are left out.
    """
    parser = WelshText()
    parser.feed(html)
    names = sorted(proper_names, key=len, reverse=True)
    found = []
    for text in parser.texts:
        for name in names:
            if name in text:
                text = text.replace(name, "")
        words = {w for w in WORD.findall(text) if w.lower() in ENGLISH_ONLY}
        if words:
            found.append(f"{text!r} ({', '.join(sorted(words))})")
    return found
