"""The count sheet writes numbers and plurals the reader's way (issue 9 pt 10): "7,00000"
and "1 boleta" in Spanish instead of "7.00000" and "1 boletas"."""

from __future__ import annotations

import re

from cordones.domain.voting import RankedBallot, RankedProfile, render_count_sheet, tally
from cordones.domain.voting.messages import format_number, number_style

# a surplus transfer with fractional values, and a single ballot moving on its own
PROFILE = RankedProfile(
    ("ANA", "BETO", "CARLA", "DORA"),
    (
        RankedBallot(("ANA", "BETO"), 9),
        RankedBallot(("ANA", "CARLA"), 2),
        RankedBallot(("BETO", "CARLA"), 3),
        RankedBallot(("CARLA",), 4),
        RankedBallot(("DORA", "BETO"), 1),
    ),
)
STV = tally("stv", PROFILE, seats=2, seed=1)
NUMBER = re.compile(r"\d+[.,]\d{5}")


def test_default_sheet_uses_a_point_and_english_plurals():
    sheet = render_count_sheet(STV)
    numbers = NUMBER.findall(sheet)
    assert numbers and all("." in n for n in numbers)
    assert re.search(r"\b1 ballot (paper )?from ", sheet), sheet
    assert not re.search(r"\b1 ballot(s| papers) from ", sheet)


def test_the_readers_decimal_separator_and_plural_rule_are_used():
    asked: list[tuple[str, str, int]] = []

    def ngettext(singular: str, plural: str, n: int) -> str:
        asked.append((singular, plural, n))
        return ("UNA " if n == 1 else "VARIAS ") + (singular if n == 1 else plural)

    with number_style(",", ngettext):
        sheet = render_count_sheet(STV)
    numbers = NUMBER.findall(sheet)
    assert numbers and all("," in n and "." not in n for n in numbers)
    assert any(n == 1 for _s, _p, n in asked) and any(n > 1 for _s, _p, n in asked)
    assert "UNA 1 ballot" in sheet and "VARIAS " in sheet
    # the style ends with the block
    assert format_number(STV.rounds[-1].counts[0][1]).count(",") == 0
