"""Web-address slugs that keep the base form of Welsh and accented letters.

"Tŷ Pawb, Wrexham" becomes "ty-pawb-wrexham", "Ynys Môn" "ynys-mon". The admin's slug box does the
same as you type (static/js/admin-slug.js), and every import and loader uses `make_slug`.
"""

from django.utils.text import slugify

# Letters Unicode does not decompose into a base letter and an accent.
LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
        "’": "",
        "'": "",
    }
)


def make_slug(text: str, max_length: int = 255) -> str:
    """Lower-case ASCII words joined by hyphens, accents folded to their base letters."""
    slug = slugify(str(text or "").translate(LETTERS))
    return slug[:max_length].strip("-")
