"""The bounded parsers of domain/bounds.py (ADR 0011): whatever the text, they answer a value
inside the bound or None, and never raise."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cordones.domain.bounds import (
    MONEY,
    QUANTITY,
    STATUTE_INT_RANGES,
    day_in_range,
    parse_decimal,
    parse_fraction,
    parse_int,
)
from cordones.domain.statutes import StatuteError, apply_overrides, preset_versions

NASTY = ["1e-10000000", "1e999", "NaN", "Infinity", "-1", "²", "١٢٣", "1/0", "0x10", "", " "]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2/3", Fraction(2, 3)), ("0.5", Fraction(1, 2)), ("0,5", Fraction(1, 2)), ("1", Fraction(1))],
)
def test_fractions_as_people_write_them(text, expected):
    assert parse_fraction(text) == expected


@pytest.mark.parametrize("text", [*NASTY, "1/99999999999", "0.0000001", "3" * 30])
def test_fractions_outside_the_grammar_are_refused(text):
    assert parse_fraction(text) is None


@given(st.one_of(st.text(max_size=60), st.sampled_from(NASTY)))
def test_parsers_never_raise_and_stay_in_bounds(text):
    fraction = parse_fraction(text)
    assert fraction is None or (fraction.denominator <= 10**6 and fraction.numerator <= 10**10)
    for bound in (MONEY, QUANTITY):
        value = parse_decimal(text, bound)
        assert value is None or (value.is_finite() and bound.fits(value))
    number = parse_int(text, 1, 100)
    assert number is None or 1 <= number <= 100


def test_decimals_past_their_column_are_refused():
    assert parse_decimal("999999999999.99", MONEY) == Decimal("999999999999.99")
    assert parse_decimal("1000000000000", MONEY) is None
    assert parse_decimal("1e20", MONEY) is None
    assert parse_decimal("0.001", MONEY) is None
    assert parse_decimal(10**50, MONEY) is None


def test_dates_stay_away_from_the_calendars_end():
    assert day_in_range(date(2026, 12, 8))
    assert not day_in_range(date(9999, 12, 31)) and not day_in_range(date(1, 1, 1))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("second_call_minutes", 999_999_999_999),
        ("minutes_member_signers", 0),
        ("notice_days", 100_000),
        ("max_pay_ratio", "1e999"),
        ("max_pay_ratio", "0.5"),
        ("quorum_fraction", "1e-10000000"),
    ],
)
def test_statute_overrides_out_of_range_are_refused(name, value):
    rules = preset_versions("ar-20337")[0].rules
    with pytest.raises(StatuteError):
        apply_overrides(rules, {name: value})


def test_every_statute_whole_number_has_a_range():
    rules = preset_versions("ar-20337")[0].rules
    for name, value in rules.as_dict().items():
        if isinstance(value, int) and not isinstance(value, bool):
            assert name in STATUTE_INT_RANGES, name
