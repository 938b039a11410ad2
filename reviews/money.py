"""Amounts of money as researchers type them: "£1.2m", "£1,200,000", "1.2 million", "£500k"."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MONEY_HELP = _("Write it as you would in a report, e.g. £1,200,000, £1.2m, 1.2 million or £500k.")
MULTIPLIERS = {
    "": 1,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "billion": 1_000_000_000,
}
AMOUNT = re.compile(r"^(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[a-z]*)$")


def parse_money(text) -> Decimal | None:
    """Whole pounds from text such as "£1.2m"; None when empty; ValueError when unreadable."""
    if text is None:
        return None
    if isinstance(text, int | float | Decimal):
        return Decimal(str(text)).quantize(Decimal(1))
    cleaned = str(text).strip().lower()
    if not cleaned:
        return None
    cleaned = re.sub(r"^(?:£|gbp)\s*", "", cleaned)
    cleaned = re.sub(r"(?<=\d),(?=\d{3}\b)", "", cleaned).replace(" pounds", "").strip()
    match = AMOUNT.match(cleaned)
    if not match or match["unit"] not in MULTIPLIERS:
        raise ValueError(_not_money(str(text).strip()))
    try:
        amount = Decimal(match["number"]) * MULTIPLIERS[match["unit"]]
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValueError(_not_money(text)) from None
    return amount.quantize(Decimal(1))


def _not_money(text) -> str:
    return gettext("“%(text)s” is not an amount of money.") % {"text": text} + f" {MONEY_HELP}"
