"""Instant-runoff voting: rounds, transfers and explicit tie handling."""

from __future__ import annotations

from cordones.domain.voting import (
    RankedBallot,
    RankedProfile,
    TiePurpose,
    TieResolution,
    render_count_sheet,
    tally,
)


def ranked(candidates: str, *ballots: tuple[str, int]) -> RankedProfile:
    return RankedProfile(tuple(candidates), tuple(RankedBallot(tuple(r), n) for r, n in ballots))


def test_majority_after_transfers() -> None:
    # round 1: A 8, B 7, C 5 (of 20); C excluded, 4 go to B and 1 is exhausted
    profile = ranked("ABC", ("A", 8), ("B", 7), ("CB", 4), ("C", 1))
    result = tally("irv", profile)
    assert result.winners == ("B",)
    first, second = result.rounds
    assert dict(first.counts) == {"A": 8, "B": 7, "C": 5}
    assert first.elected == ()
    assert second.excluded == ("C",)
    assert dict(second.counts) == {"A": 8, "B": 11, "C": 0}
    assert second.exhausted == 1
    assert {(t.target, t.papers) for t in second.transfers} == {("B", 4), (None, 1)}
    assert second.elected == ("B",)


def test_first_round_majority_wins_at_once() -> None:
    result = tally("irv", ranked("AB", ("A", 3), ("B", 2)))
    assert result.winners == ("A",) and len(result.rounds) == 1


def test_exclusion_tie_is_decided_by_the_previous_round() -> None:
    # round 1: A 6, B 4, C 5, D 2 -> D out; round 2: A 6, B 5, C 5 (tie B-C)
    # round 1 had B 4 < C 5, so B is excluded; B's ballots go to C, who wins
    profile = ranked("ABCD", ("A", 6), ("BC", 4), ("CA", 5), ("DB", 1), ("D", 1))
    result = tally("irv", profile)
    assert [r.excluded for r in result.rounds[1:]] == [("D",), ("B",)]
    tie = result.rounds[2].ties[0]
    assert tie.candidates == ("B", "C")
    assert tie.resolution is TieResolution.HISTORY
    assert tie.decided_by_round == 1
    assert tie.chosen == ("B",)
    assert result.winners == ("C",)
    assert not result.tie_broken_by_lot
    assert "decided by the votes in round 1: B" in render_count_sheet(result)


def test_a_tie_with_no_earlier_difference_needs_a_lot() -> None:
    profile = ranked("ABC", ("A", 1), ("B", 1), ("CA", 1))
    pending = tally("irv", profile)
    assert pending.lot_required and pending.winners == ()
    assert pending.tied == ("A", "B", "C")
    assert pending.ties[-1].resolution is TieResolution.PENDING
    assert pending.ties[-1].purpose is TiePurpose.EXCLUSION
    assert "must be decided by lot" in render_count_sheet(pending)
    drawn = tally("irv", profile, seed=11)
    assert drawn.complete and drawn.winners
    assert drawn.tie_broken_by_lot and drawn.lot_seed == 11
    assert tally("irv", profile, seed=11) == drawn


def test_candidates_without_votes_are_excluded_together_without_a_lot() -> None:
    # round 1: A 4, B 3, C 2, D 0, E 0 -> D and E out together; then C out, B wins 5 of 9
    result = tally("irv", ranked("ABCDE", ("A", 4), ("B", 3), ("CB", 2)))
    assert [r.excluded for r in result.rounds[1:]] == [("D", "E"), ("C",)]
    assert "excluded together" in result.rounds[1].notes[0].render()
    assert result.winners == ("B",)
    assert not result.lot_required and result.ties == ()


def test_ballots_with_equal_ranks_are_used_up_to_the_tie() -> None:
    profile = RankedProfile(
        ("A", "B", "C"),
        (
            RankedBallot(("C", frozenset({"A", "B"})), 2),
            RankedBallot(("A",), 3),
            RankedBallot(("B",), 4),
            RankedBallot((frozenset({"A", "B"}),), 1),
        ),
    )
    result = tally("irv", profile)
    assert result.invalid_ballots == 1
    assert result.valid_ballots == 9
    # C (2) is excluded and both C ballots are exhausted: B 4 > A 3 of 7
    assert result.winners == ("B",)
    assert result.rounds[-1].exhausted == 2


def test_withdrawn_candidates_are_skipped() -> None:
    profile = RankedProfile(
        ("A", "B", "C"),
        (RankedBallot(("C", "A"), 3), RankedBallot(("B",), 2)),
        withdrawn=frozenset({"C"}),
    )
    result = tally("irv", profile)
    assert result.candidates == ("A", "B")
    assert result.winners == ("A",)


def test_no_valid_ballots_elects_nobody() -> None:
    result = tally("irv", RankedProfile(("A", "B"), (RankedBallot((), 3),)))
    assert result.winners == () and result.invalid_ballots == 3
