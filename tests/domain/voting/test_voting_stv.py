"""Single transferable vote: Scottish rules (SSI 2007/42) and Meek's method.

The small example below is worked by hand from rules 45 to 52; the Dublin 2002 files are real
ballots whose official results are known.
"""

from __future__ import annotations

from decimal import Decimal

from cordones.domain.voting import (
    RankedBallot,
    RankedProfile,
    TiePurpose,
    TieResolution,
    parse_preflib,
    render_count_sheet,
    tally,
)
from tests.datafiles import PREFLIB


def ranked(candidates: str, *ballots: tuple[str, int]) -> RankedProfile:
    return RankedProfile(tuple(candidates), tuple(RankedBallot(tuple(r), n) for r, n in ballots))


def load(name: str) -> RankedProfile:
    return parse_preflib((PREFLIB / f"{name}.soi").read_text(encoding="utf-8"), "soi").profile


# 25 valid ballots, 3 seats: quota = floor(25 / 4) + 1 = 7
HAND = ranked(
    "ABCDE",
    ("AB", 10),
    ("ACE", 3),
    ("CE", 4),
    ("DC", 3),
    ("E", 4),
    ("B", 1),
)


def test_scottish_count_worked_by_hand() -> None:
    result = tally("stv", HAND, seats=3)
    assert result.quota == 7
    s1, s2, s3, s4, s5, s6 = result.rounds
    # stage 1: A 13 reaches the quota
    assert dict(s1.counts)["A"] == Decimal("13.00000")
    assert s1.elected == ("A",)
    # stage 2: A's surplus 6 over all 13 papers: 6 x 1 / 13 = 0.461538.. -> 0.46153
    assert {(t.target, t.papers, t.transfer_value, t.votes) for t in s2.transfers} == {
        ("B", 10, Decimal("0.46153"), Decimal("4.61530")),
        ("C", 3, Decimal("0.46153"), Decimal("1.38459")),
    }
    assert dict(s2.counts) == {
        "A": Decimal("7.00000"),
        "B": Decimal("5.61530"),
        "C": Decimal("5.38459"),
        "D": Decimal("3.00000"),
        "E": Decimal("4.00000"),
    }
    assert s2.loss == Decimal("0.00011")
    # stage 3: D (3) is excluded; 3 papers go to C at value 1; C reaches 8.38459
    assert s3.excluded == ("D",)
    assert s3.elected == ("C",)
    assert dict(s3.counts)["C"] == Decimal("8.38459")
    # stage 4: C's surplus 1.38459 over 8.38459 votes; each paper at its value when received:
    #   value 1       -> 1.38459 x 1 / 8.38459       = 0.16513..
    #   value 0.46153 -> 1.38459 x 0.46153 / 8.38459 = 0.07621..
    assert {(t.target, t.papers, t.transfer_value) for t in s4.transfers} == {
        ("E", 4, Decimal("0.16513")),
        ("E", 3, Decimal("0.07621")),
        (None, 3, Decimal("0.16513")),  # D,C papers: no further preference
    }
    assert dict(s4.counts)["E"] == Decimal("4.88915")
    assert dict(s4.counts)["C"] == Decimal("7.00000")
    assert s4.exhausted == Decimal("0.49539")
    assert s4.loss == Decimal("0.00016")
    # stage 5: E is lowest and excluded; stage 6: B is the only continuing candidate (rule 52)
    assert s5.excluded == ("E",)
    assert s6.elected == ("B",)
    assert result.winners == ("A", "C", "B")


def test_every_stage_balances_to_the_valid_ballots() -> None:
    for stage in tally("stv", HAND, seats=3).rounds:
        assert sum(v for _, v in stage.counts) + stage.exhausted + stage.loss == 25


def test_largest_surplus_is_transferred_first() -> None:
    # quota 6 (17 ballots, 2 seats); A 9 and B 7 both elected at stage 1: A's surplus first
    result = tally("stv", ranked("ABC", ("AC", 9), ("BC", 7), ("C", 1)), seats=2)
    assert result.rounds[0].elected == ("A", "B")
    assert result.winners == ("A", "B")


def test_equal_surpluses_go_by_earlier_stages_then_lot() -> None:
    # 2 seats of 4 candidates; A and B reach the quota together with equal votes
    profile = ranked("ABCD", ("AC", 5), ("BD", 5), ("C", 1), ("D", 1), ("CA", 1))
    result = tally("stv", profile, seats=3, seed=3)
    surplus_ties = [t for t in result.ties if t.purpose is TiePurpose.SURPLUS]
    assert surplus_ties and surplus_ties[0].resolution is TieResolution.LOT
    assert tally("stv", profile, seats=3).lot_required


def test_rule_52_fills_the_last_vacancy_once_one_candidate_is_left() -> None:
    # quota 4 (10 ballots, 2 seats): A is elected with a surplus of 1, whose papers have no
    # next preference; C (2) is excluded; B is then the only continuing candidate for the one
    # vacancy left and is deemed elected without reaching the quota
    result = tally("stv", ranked("ABC", ("A", 5), ("B", 3), ("C", 2)), seats=2)
    actions = [stage.action.render() for stage in result.rounds]
    assert actions == [
        "first preferences",
        "transfer of the surplus of A (1.00000 votes)",
        "exclusion of C and transfer of their ballot papers",
        "the continuing candidates are as many as the vacancies left and are deemed elected",
    ]
    assert result.rounds[1].exhausted == Decimal("1.00000")
    assert result.rounds[3].elected == ("B",) and result.rounds[3].transfers == ()
    assert result.winners == ("A", "B")


def test_single_seat_stv_matches_irv() -> None:
    profile = ranked("ABCD", ("A", 6), ("BC", 4), ("CA", 5), ("DB", 1), ("D", 1))
    assert tally("stv", profile, seats=1).winners == tally("irv", profile).winners


def test_more_seats_than_candidates_elects_everyone() -> None:
    result = tally("stv", ranked("AB", ("A", 3), ("B", 1)), seats=3)
    assert set(result.winners) == {"A", "B"}
    assert "Only 2 of 3 seats" in result.notes[-1].render()


def test_dublin_west_2002_official_result() -> None:
    result = tally("stv", load("dublin-west-2002"), seats=3)
    assert result.quota == 7498  # 29,988 valid votes, 3 seats
    assert set(result.winners) == {"Joe Higgins S.P.", "Brian Lenihan F.F.", "Joan Burton Lab"}
    first = dict(result.rounds[0].counts)
    # official first preferences, 2002 general election, Dublin West
    assert first["Brian Lenihan F.F."] == 8086
    assert first["Joe Higgins S.P."] == 6442
    assert first["Joan Burton Lab"] == 3810
    for stage in result.rounds:
        assert sum(v for _, v in stage.counts) + stage.exhausted + stage.loss == 29988


def test_dublin_north_2002_official_result() -> None:
    result = tally("stv", load("dublin-north-2002"), seats=4)
    assert result.quota == 8789  # 43,942 valid votes, 4 seats
    # elected 2002: Trevor Sargent (GP), Seán Ryan (Lab), Jim Glennon and G.V. Wright (FF)
    assert set(result.winners) == {
        "Trevor Sargent G.P.",
        "Sean Ryan Lab",
        "Jim Glennon F.F.",
        "G.V. Wright F.F.",
    }
    assert result.winners[0] == "Trevor Sargent G.P."
    for stage in result.rounds:
        assert sum(v for _, v in stage.counts) + stage.exhausted + stage.loss == 43942
    sheet = render_count_sheet(result)
    assert "Stage 1: first preferences" in sheet
    assert "Quota: 8789" in sheet


def test_dublin_matches_pref_voting_scottish_stv() -> None:
    from pref_voting.profiles_with_ties import ProfileWithTies
    from pref_voting.proportional_methods import stv_scottish

    for name, seats in (("dublin-north-2002", 4), ("dublin-west-2002", 3)):
        profile = load(name)
        index = {c: i for i, c in enumerate(profile.candidates)}
        pv = ProfileWithTies(
            [{index[c]: r for r, c in enumerate(b.ranking)} for b in profile.ballots],
            rcounts=[b.count for b in profile.ballots],
            candidates=list(range(len(profile.candidates))),
        )
        expected = {profile.candidates[i] for i in stv_scottish(pv, num_seats=seats)}
        assert set(tally("stv", profile, seats=seats).winners) == expected


# ---- Meek


def test_meek_keeps_elected_candidates_at_the_quota() -> None:
    result = tally("meek", HAND, seats=3)
    assert len(result.winners) == 3
    assert result.winners[0] == "A"
    for round_ in result.rounds:
        total = sum(v for _, v in round_.counts) + round_.exhausted
        assert total == 25  # exact: each ballot's weight is kept or passed on
    settled = [r for r in result.rounds if r.keep_values and not r.elected]
    assert settled
    for round_ in settled:
        counts = dict(round_.counts)
        for name, keep in round_.keep_values:
            assert Decimal(0) < keep <= 1
            assert abs(counts[name] - round_.quota) < Decimal("0.001")


def test_meek_transfers_surplus_to_the_next_preference() -> None:
    # A has 60 of 100 with B next on every ballot; 2 seats: quota ~33.33; B gets A's surplus
    profile = ranked("ABC", ("AB", 60), ("C", 25), ("B", 15))
    result = tally("meek", profile, seats=2)
    assert result.winners == ("A", "B")


def test_meek_single_seat_matches_irv_on_clear_profiles() -> None:
    profile = ranked("ABCD", ("A", 6), ("BC", 4), ("CA", 5), ("DB", 1), ("D", 1))
    assert tally("meek", profile, seats=1).winners == tally("irv", profile).winners


def test_meek_dublin_west_2002() -> None:
    result = tally("meek", load("dublin-west-2002"), seats=3)
    assert set(result.winners) == {"Joe Higgins S.P.", "Brian Lenihan F.F.", "Joan Burton Lab"}
    for round_ in result.rounds:
        assert sum(v for _, v in round_.counts) + round_.exhausted == 29988
