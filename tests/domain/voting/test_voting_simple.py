"""Plurality, approval and score voting; the registry."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cordones.domain.voting import (
    METHODS,
    ApprovalBallot,
    ApprovalProfile,
    RankedBallot,
    RankedProfile,
    ScoreBallot,
    ScoreProfile,
    TallyError,
    TieResolution,
    tally,
)


def ranked(candidates: str, *ballots: tuple[str, int]) -> RankedProfile:
    return RankedProfile(tuple(candidates), tuple(RankedBallot(tuple(r), n) for r, n in ballots))


def test_plurality_counts_first_preferences() -> None:
    profile = ranked("ABC", ("AB", 4), ("BA", 3), ("CB", 2))
    result = tally("plurality", profile)
    assert result.winners == ("A",)
    assert dict(result.rounds[0].counts) == {"A": 4, "B": 3, "C": 2}
    assert result.ranking == (("A",), ("B",), ("C",))


def test_plurality_ballot_with_equal_first_ranks_is_invalid() -> None:
    profile = RankedProfile(
        ("A", "B"), (RankedBallot(("A",), 2), RankedBallot((frozenset({"A", "B"}),), 5))
    )
    result = tally("plurality", profile)
    assert result.valid_ballots == 2 and result.invalid_ballots == 5


def test_a_tie_for_the_seat_is_data_then_a_lot() -> None:
    profile = ranked("ABC", ("A", 2), ("B", 2), ("C", 1))
    pending = tally("plurality", profile)
    assert pending.winners == ()
    assert pending.tied == ("A", "B")
    assert pending.lot_required and not pending.complete
    drawn = tally("plurality", profile, seed=2024)
    assert drawn.winners[0] in ("A", "B")
    assert drawn.tie_broken_by_lot and drawn.lot_seed == 2024
    assert drawn.ties[0].resolution is TieResolution.LOT
    assert tally("plurality", profile, seed=2024) == drawn


def test_multi_seat_takes_the_highest_and_draws_only_for_the_last() -> None:
    profile = ranked("ABCD", ("A", 5), ("B", 3), ("C", 3), ("D", 1))
    pending = tally("plurality", profile, seats=2)
    assert pending.winners == ("A",) and pending.tied == ("B", "C")
    assert tally("plurality", profile, seats=3).winners == ("A", "B", "C")


def test_approval_counts_every_approval() -> None:
    profile = ApprovalProfile(
        ("A", "B", "C"),
        (
            ApprovalBallot(frozenset("AB"), 3),
            ApprovalBallot(frozenset("C"), 4),
            ApprovalBallot(frozenset(), 2),
        ),
    )
    result = tally("approval", profile, seats=2)
    assert dict(result.rounds[0].counts) == {"A": 3, "B": 3, "C": 4}
    assert result.winners[0] == "C" and result.tied == ("A", "B")
    assert result.invalid_ballots == 2


def test_approval_on_ranked_ballots_approves_every_ranked_candidate() -> None:
    profile = ranked("ABC", ("AB", 2), ("C", 3))
    result = tally("approval", profile)
    assert dict(result.rounds[0].counts) == {"A": 2, "B": 2, "C": 3}
    assert "Every candidate a ballot ranks counts as approved" in result.notes[0].render()


def test_score_sum_and_mean_with_blanks() -> None:
    profile = ScoreProfile(
        ("A", "B"),
        (ScoreBallot((("A", 5), ("B", 3)), 2), ScoreBallot((("A", 0),), 1)),
        min_score=0,
        max_score=5,
    )
    total = tally("score", profile)
    assert dict(total.rounds[0].counts) == {"A": 10, "B": 6}
    mean_min = tally("score", profile, aggregate="mean")
    assert dict(mean_min.rounds[0].counts) == {"A": Fraction(10, 3), "B": Fraction(2)}
    mean_ignore = tally("score", profile, aggregate="mean", blank="ignore")
    assert dict(mean_ignore.rounds[0].counts) == {"A": Fraction(10, 3), "B": Fraction(3)}
    assert mean_ignore.winners == ("A",)


def test_score_ballots_are_validated() -> None:
    with pytest.raises(TallyError, match="outside 0 to 5"):
        ScoreProfile(("A",), (ScoreBallot((("A", 6),)),))
    with pytest.raises(TallyError, match="exact number"):
        ScoreBallot((("A", 2.5),))  # type: ignore[arg-type]


def test_registry_checks_method_profile_and_options() -> None:
    assert set(METHODS) >= {
        "majority",
        "consent",
        "consensus",
        "approval",
        "score",
        "plurality",
        "irv",
        "stv",
        "meek",
        "schulze",
    }
    profile = ranked("AB", ("A", 1))
    with pytest.raises(TallyError, match="unknown method"):
        tally("borda", profile)
    with pytest.raises(TallyError, match="takes no option"):
        tally("irv", profile, seats=2)
    with pytest.raises(TallyError, match="counts a ScoreProfile"):
        tally("score", profile)


def test_ballots_are_validated() -> None:
    with pytest.raises(TallyError, match="more than once"):
        RankedBallot(("A", "B", "A"))
    with pytest.raises(TallyError, match="at least 1"):
        RankedBallot(("A",), 0)
    with pytest.raises(TallyError, match="unknown candidate"):
        ranked("AB", ("C", 1))
    with pytest.raises(TallyError, match="more than once"):
        RankedProfile(("A", "A"), ())
    assert RankedBallot(("A", frozenset({"B"}))).ranking == ("A", "B")
