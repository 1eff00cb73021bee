"""The ranges every number, fraction and date the platform accepts falls in (ADR 0011).

Each layer states the same bound: the model column (``max_digits``/``decimal_places``), the
form field and the API schema refuse a value outside it with a message on the field, and
the services check it again here, so a value that would not fit the column (PostgreSQL
refuses it; SQLite stores it and every page that reads it fails) never reaches a write.

Pure: no Django. Parsers here never call ``Decimal``/``Fraction``/``int`` on text longer
than a few dozen characters or with an exponent, so ``1e-10000000`` costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction


@dataclass(frozen=True)
class DecimalBound:
    """A decimal column: at most ``max_digits`` digits of which ``places`` after the point,
    between ``minimum`` and the largest value those digits hold."""

    max_digits: int
    places: int
    minimum: Decimal = Decimal(0)

    @property
    def maximum(self) -> Decimal:
        return Decimal(10) ** (self.max_digits - self.places) - Decimal(10) ** -self.places

    def problem(self, value: Decimal) -> str | None:
        """None when ``value`` fits; otherwise why not: "not_a_number", "too_small",
        "too_large" or "too_many_decimals"."""
        if not value.is_finite():
            return "not_a_number"
        if value < self.minimum:
            return "too_small"
        if value > self.maximum:
            return "too_large"
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.places:
            return "too_many_decimals"
        return None

    def fits(self, value: Decimal) -> bool:
        return self.problem(value) is None


# The columns' bounds (the models use the same digits; see docs/architecture.md).
MONEY = DecimalBound(14, 2)  # amounts on one line, prices, shares: < 10^12
MONEY_TOTAL = DecimalBound(16, 2)  # sums of lines (journal lines, sale amounts)
QUANTITY = DecimalBound(14, 3)  # output, rejects, quantities sold: < 10^11
INPUT_QUANTITY = DecimalBound(14, 4)
HOURS = DecimalBound(10, 2, minimum=Decimal(0))  # < 10^8 hours
PERCENT = DecimalBound(7, 4)  # rates in % (share interest): < 1000
COEFFICIENT = DecimalBound(6, 3)
PAY_RATIO = DecimalBound(7, 2, minimum=Decimal(1))  # highest to lowest retiro
LEDGER_AMOUNT = DecimalBound(14, 2)  # a journal line's debit or credit, so a sum fits 16

# Whole numbers stored in a PostgreSQL ``integer`` column.
MAX_INT32 = 2_147_483_647
MAX_MEMBER_NUMBER = 9_999_999

# Dates: nothing the platform records happened before 1900 or is planned after 2199; the
# date arithmetic of notice, terms and fiscal years stays far from Python's year 9999.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)


def day_in_range(day: date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


# Statute and body values: each has a documented range (docs/architecture.md, ADR 0011).
@dataclass(frozen=True)
class IntRange:
    minimum: int
    maximum: int

    def contains(self, value: int) -> bool:
        return self.minimum <= value <= self.maximum


STATUTE_INT_RANGES: dict[str, IntRange] = {
    "min_members": IntRange(1, 100_000),
    "notice_days": IntRange(0, 365),
    "ordinary_assembly_months_after_year_end": IntRange(0, 24),
    "second_call_minutes": IntRange(0, 24 * 60),
    "extraordinary_within_days": IntRange(0, 365),
    "minutes_member_signers": IntRange(1, 20),
    "minutes_copy_days": IntRange(0, 365),
    "adjournment_max_days": IntRange(0, 365),
    "council_meets_every_days": IntRange(1, 365),
    "retorno_uncollected_days": IntRange(0, 36_500),
}
MAX_PAY_RATIO = Decimal(100)

# Fractions: "2/3", "0.5", "0,5", "1". Numerator and denominator of at most four digits,
# a decimal of at most six places; nothing else is parsed.
_RATIO = re.compile(r"^\s*([0-9]{1,4})\s*/\s*([0-9]{1,4})\s*$")
_DECIMAL_FRACTION = re.compile(r"^\s*([0-9]{1,4})(?:[.,]([0-9]{1,6}))?\s*$")


def parse_fraction(text: object) -> Fraction | None:
    """The fraction written, or None when it is not written in the bounded grammar (or the
    denominator is zero). The range (0..1 or other) is the caller's to check."""
    if isinstance(text, Fraction):
        return text if text.denominator <= 10_000 and abs(text.numerator) <= 10_000 else None
    if isinstance(text, bool) or not isinstance(text, str | int | Decimal):
        return None
    raw = str(text)
    if len(raw) > 24:
        return None
    match = _RATIO.match(raw)
    if match:
        numerator, denominator = (int(g) for g in match.groups())
        return Fraction(numerator, denominator) if denominator else None
    match = _DECIMAL_FRACTION.match(raw)
    if match:
        whole, places = match.group(1), match.group(2) or ""
        return Fraction(int(whole + places), 10 ** len(places))
    return None


_PLAIN_DECIMAL = re.compile(r"^\s*[+-]?[0-9]{1,40}(?:[.,][0-9]{1,40})?\s*$")


def parse_decimal(text: object, bound: DecimalBound) -> Decimal | None:
    """A decimal written plainly (digits, one decimal mark, a sign) that fits ``bound``;
    None otherwise. No exponents, no NaN or Infinity, no more than 40 digits each side."""
    if isinstance(text, bool):
        return None
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int):
        if abs(text) > 10**40:
            return None
        value = Decimal(text)
    elif isinstance(text, str) and _PLAIN_DECIMAL.match(text):
        try:
            value = Decimal(text.strip().replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return None
    else:
        return None
    return value if bound.fits(value) else None


def parse_int(text: object, minimum: int, maximum: int) -> int | None:
    """A whole number written with ASCII digits (no more than 12) within the range."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        value = text
    elif isinstance(text, str) and re.fullmatch(r"\s*[+-]?[0-9]{1,12}\s*", text):
        value = int(text)
    else:
        return None
    return value if minimum <= value <= maximum else None
