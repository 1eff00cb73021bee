"""The count sheet: readable, complete, and every label goes through gettext."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from cordones.domain.voting import (
    ApprovalProfile,
    DeliberationProfile,
    MajorityRule,
    MotionProfile,
    RankedBallot,
    RankedProfile,
    ScoreBallot,
    ScoreProfile,
    TallyResult,
    TieRule,
    messages,
    parsing,
    render_count_sheet,
    tally,
)

# candidate names without lower-case letters, so that any lower-case letter left in a sheet
# rendered with a "shouting" gettext must come from a string that bypassed gettext
PROFILE = RankedProfile(
    ("ANA", "BETO", "CARLA", "DORA"),
    (
        RankedBallot(("ANA", "BETO"), 7),
        RankedBallot(("BETO", "CARLA"), 4),
        RankedBallot(("CARLA", "ANA"), 3),
        RankedBallot(("DORA",), 2),
        RankedBallot((frozenset({"ANA", "DORA"}),), 1),
    ),
    title="CONSEJO 2026",
)

TIED = RankedProfile(("ANA", "BETO"), (RankedBallot(("ANA",)), RankedBallot(("BETO",))))

PLACEHOLDER = re.compile(r"(%\([a-z_]+\)[sr]|%%)")


def shout(msgid: str) -> str:
    """A stand-in translation: upper-case everything but the placeholders."""
    return "".join(
        part if PLACEHOLDER.fullmatch(part) else part.upper() for part in PLACEHOLDER.split(msgid)
    )


def all_results() -> list[TallyResult]:
    return [
        tally("irv", PROFILE),
        tally("irv", TIED),  # stops: the tie needs a lot
        tally("irv", TIED, seed=1),
        tally("stv", PROFILE, seats=2, seed=1),
        tally("meek", PROFILE, seats=2, seed=1),
        tally("schulze", PROFILE, seed=1),
        tally("plurality", PROFILE, seats=2),
        tally("approval", PROFILE, seats=2, seed=1),
        tally("approval", ApprovalProfile.from_ranked(PROFILE), seed=1),
        tally(
            "score",
            ScoreProfile(
                ("ANA", "BETO"),
                (ScoreBallot((("ANA", 3), ("BETO", 4))), ScoreBallot((("ANA", 5),))),
            ),
            aggregate="mean",
        ),
        tally(
            "majority",
            MotionProfile.from_counts(10, 10, 3, present=25),
            rule=MajorityRule(tie=TieRule.LOT),
        ),
        tally(
            "majority",
            MotionProfile.from_counts(10, 10, 3, present=25),
            rule=MajorityRule(tie=TieRule.CHAIR),
        ),
        tally(
            "majority",
            MotionProfile.from_counts(10, 10, 3, present=25),
            rule=MajorityRule(tie=TieRule.LOT),
            seed=4,
        ),
        tally("consent", DeliberationProfile.from_counts([(9, 1, 2), (11, 1, 0)])),
        tally(
            "consensus", DeliberationProfile.from_counts([(9, 1, 2), (9, 1, 3)]), fallback_after=1
        ),
    ]


@pytest.mark.parametrize("result", all_results(), ids=lambda r: r.method)
def test_every_word_of_the_sheet_goes_through_gettext(result: TallyResult) -> None:
    seen: list[str] = []

    def gettext(msgid: str) -> str:
        seen.append(msgid)
        return shout(msgid)

    sheet = render_count_sheet(result, gettext=gettext)
    assert seen
    if result.lot_required:
        assert "MUST BE DECIDED BY LOT" in sheet
    leftovers = re.findall(r"[a-z]+", sheet)
    assert leftovers == [], f"untranslated text: {leftovers[:10]}\n{sheet}"


def test_all_msgids_format_with_their_own_placeholders() -> None:
    for module in (messages, parsing):
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str):
                keys = re.findall(r"%\(([a-z_]+)\)", value)
                assert value % defaultdict(str, {k: "x" for k in keys}) is not None
                assert not re.search(r"%[^(%]", value), f"{name}: bare % in {value!r}"


def test_stv_sheet_reads_stage_by_stage() -> None:
    sheet = render_count_sheet(tally("stv", PROFILE, seats=2, seed=1))
    assert sheet.startswith("Count sheet: Single transferable vote, Scottish rules")
    assert "Election: CONSEJO 2026" in sheet
    assert "Quota: 6" in sheet  # 16 valid ballots (one ties ANA and DORA first), 2 seats
    assert "Invalid or blank ballots: 1" in sheet
    assert "Stage 1: first preferences" in sheet
    assert "Non-transferable" in sheet and "Lost to rounding" in sheet
    assert "Elected, in order:" in sheet


def test_a_translation_is_used_where_given() -> None:
    spanish = {
        "Count sheet: %(method)s": "Hoja de escrutinio: %(method)s",
        "Instant-runoff voting": "Voto preferencial con segunda vuelta instantánea",
        "Round %(number)s: %(action)s": "Vuelta %(number)s: %(action)s",
        "first preferences": "primeras preferencias",
    }
    sheet = render_count_sheet(tally("irv", PROFILE, seed=1), gettext=lambda s: spanish.get(s, s))
    assert sheet.startswith("Hoja de escrutinio: Voto preferencial con segunda vuelta instantánea")
    assert "Vuelta 1: primeras preferencias" in sheet


def test_schulze_sheet_has_the_pairwise_matrix_and_legend() -> None:
    sheet = render_count_sheet(tally("schulze", PROFILE, seed=1))
    assert "Row candidate over column candidate:" in sheet
    assert "1 = ANA" in sheet and "4 = DORA" in sheet
