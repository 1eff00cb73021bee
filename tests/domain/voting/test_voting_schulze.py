"""The Schulze method, its pairwise counts, and the Debian leader elections."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cordones.domain.voting import RankedBallot, RankedProfile, parse_preflib, tally
from cordones.domain.voting.pairwise import pairwise_matrix, pairwise_matrix_reference
from tests.datafiles import PREFLIB


def ranked(candidates: str, *ballots: tuple[str, int]) -> RankedProfile:
    return RankedProfile(tuple(candidates), tuple(RankedBallot(tuple(r), n) for r, n in ballots))


# Schulze (2011), section 3.1, example 1: 45 voters, 5 candidates
SCHULZE_EXAMPLE = ranked(
    "ABCDE",
    ("ACBED", 5),
    ("ADECB", 5),
    ("BEDAC", 8),
    ("CABED", 3),
    ("CAEBD", 7),
    ("CBADE", 2),
    ("DCEBA", 7),
    ("EBADC", 8),
)


def test_schulze_paper_example() -> None:
    result = tally("schulze", SCHULZE_EXAMPLE)
    assert result.winners == ("E",)
    assert result.ranking == (("E",), ("A",), ("C",), ("B",), ("D",))
    d = {(a, b): v for a, b, v in result.rounds[0].pairwise}
    assert d[("A", "B")] == 20 and d[("B", "A")] == 25
    p = {(a, b): v for a, b, v in result.rounds[1].pairwise}
    assert p[("E", "A")] == 25 and p[("A", "E")] == 24
    assert result.rounds[1].elected == ("E",)


def test_condorcet_winner_wins_and_ties_are_explicit() -> None:
    assert tally("schulze", ranked("ABC", ("ABC", 3), ("BCA", 2), ("CAB", 1))).winners == ("A",)
    cycle = ranked("ABC", ("ABC", 1), ("BCA", 1), ("CAB", 1))
    pending = tally("schulze", cycle)
    assert pending.ranking == (("A", "B", "C"),)
    assert pending.lot_required and pending.tied == ("A", "B", "C")
    drawn = tally("schulze", cycle, seed=5)
    assert drawn.winners[0] in "ABC" and drawn.tie_broken_by_lot


def test_margins_and_winning_votes_can_differ_on_truncated_ballots() -> None:
    profile = ranked("ABC", ("AB", 4), ("B", 3), ("CA", 3), ("C", 1))
    assert tally("schulze", profile, strength="winning").winners
    assert tally("schulze", profile, strength="margin").winners


def test_equal_ranks_and_unranked_candidates_are_not_compared() -> None:
    profile = RankedProfile(
        ("A", "B", "C"), (RankedBallot((frozenset({"A", "B"}), "C"), 2), RankedBallot(("C",), 1))
    )
    d = {(a, b): v for a, b, v in tally("schulze", profile).rounds[0].pairwise}
    assert d[("A", "B")] == d[("B", "A")] == 0
    assert d[("A", "C")] == 2 and d[("C", "A")] == 1


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.permutations(range(n)), st.integers(1, n), st.integers(1, 2000)),
                min_size=1,
                max_size=30,
            ),
        )
    )
)
def test_fast_pairwise_counts_equal_the_double_loop(data: tuple[int, list]) -> None:
    n, ballots = data
    strict = [tuple(order[:length]) for order, length, _ in ballots]
    counts = [count for _, _, count in ballots]
    groups = [tuple((c,) for c in ranking) for ranking in strict]
    assert pairwise_matrix(n, strict, counts) == pairwise_matrix_reference(n, groups, counts)


# Official winners: Bdale Garbee (2002), Branden Robinson (2005), Sam Hocevar (2007),
# Stefano Zacchiroli (2010 and 2012).  PrefLib wrote Debian's equal ranks in index order, so the
# 2003 and 2006 files favour lower-numbered candidates and elect Bdale Garbee and Steve McIntyre
# instead of the official Martin Michlmayr and Anthony Towns (see SOURCE.md).
@pytest.mark.parametrize(
    ("year", "winner"),
    [
        (2002, "Bdale Garbee"),
        (2005, "Branden Robinson"),
        (2007, "Sam Hocevar"),
        (2010, "Stefano Zacchiroli"),
        (2012, "Stefano Zacchiroli"),
        (2003, "Bdale Garbee"),  # official: Martin Michlmayr; see above
        (2006, "Steve McIntyre"),  # official: Anthony Towns; see above
    ],
)
def test_debian_leader_elections(year: int, winner: str) -> None:
    path = PREFLIB / f"debian-{year}-leader.soi"
    profile = parse_preflib(path.read_text(encoding="utf-8"), "soi").profile
    for strength in ("winning", "margin"):
        result = tally("schulze", profile, strength=strength)
        assert result.winners == (winner,)
        assert result.complete and not result.tie_broken_by_lot
