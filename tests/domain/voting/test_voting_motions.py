"""Motions under statute majority rules; consent; consensus with a fallback vote."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cordones.domain.voting import (
    LEY_20337_SIMPLE,
    LEY_20337_TWO_THIRDS,
    Abstentions,
    Base,
    Choice,
    DeliberationProfile,
    MajorityRule,
    MotionProfile,
    Outcome,
    TallyError,
    Threshold,
    TieResolution,
    TieRule,
    render_count_sheet,
    tally,
)


def motion(votes_for: int, against: int, abstain: int = 0, **kw: int) -> MotionProfile:
    return MotionProfile.from_counts(votes_for, against, abstain, **kw)


def test_the_rule_is_stated_in_words() -> None:
    rule = MajorityRule(Base.PRESENT, Threshold.TWO_THIRDS, Abstentions.AS_ABSENT)
    assert rule.describe().render() == (
        "Two-thirds of those present; abstentions count as absent; a supermajority cannot tie"
    )
    assert LEY_20337_SIMPLE.describe().render() == (
        "More than half of those present; abstentions count as absent; a tie means the motion fails"
    )
    cast = MajorityRule(Base.CAST, Threshold.SIMPLE, Abstentions.AS_PRESENT, TieRule.CHAIR)
    assert cast.describe().render() == (
        "More than half of the votes cast; abstentions count as votes cast, so in effect "
        "against; a tie is decided by the chair"
    )


def test_ley_20337_simple_majority_of_those_present_abstentions_absent() -> None:
    # 30 present, 5 abstain: the base is 25, so 13 votes are needed
    result = tally("majority", motion(12, 8, 5, present=30), rule=LEY_20337_SIMPLE)
    assert result.outcome is Outcome.REJECTED
    assert result.quota == 13
    result = tally("majority", motion(13, 7, 5, present=30), rule=LEY_20337_SIMPLE)
    assert result.outcome is Outcome.ADOPTED
    assert "Two-thirds" not in result.rule.render()


def test_exactly_two_thirds_passes_a_two_thirds_rule() -> None:
    assert tally("majority", motion(20, 10), rule=LEY_20337_TWO_THIRDS).outcome is Outcome.ADOPTED
    assert tally("majority", motion(19, 10), rule=LEY_20337_TWO_THIRDS).outcome is (
        Outcome.REJECTED
    )


def test_abstentions_counted_as_present_act_as_votes_against() -> None:
    as_absent = MajorityRule(Base.CAST, Threshold.SIMPLE, Abstentions.AS_ABSENT)
    as_present = MajorityRule(Base.CAST, Threshold.SIMPLE, Abstentions.AS_PRESENT)
    profile = motion(6, 4, 3)
    assert tally("majority", profile, rule=as_absent).outcome is Outcome.ADOPTED
    assert tally("majority", profile, rule=as_present).outcome is Outcome.REJECTED


def test_all_members_base_needs_the_number_of_members() -> None:
    rule = MajorityRule(Base.MEMBERS, Threshold.THREE_QUARTERS)
    assert tally("majority", motion(30, 0, members=40), rule=rule).outcome is Outcome.ADOPTED
    assert tally("majority", motion(29, 0, members=40), rule=rule).outcome is Outcome.REJECTED
    with pytest.raises(TallyError, match="number of members"):
        tally("majority", motion(30, 0), rule=rule)


def test_a_tie_follows_the_tie_rule() -> None:
    profile = motion(10, 10, 2)
    fails = MajorityRule(Base.CAST, tie=TieRule.FAILS)
    chair = MajorityRule(Base.CAST, tie=TieRule.CHAIR)
    lot = MajorityRule(Base.CAST, tie=TieRule.LOT)
    assert tally("majority", profile, rule=fails).outcome is Outcome.REJECTED

    waiting = tally("majority", profile, rule=chair)
    assert waiting.outcome is Outcome.PENDING
    assert not waiting.complete
    assert waiting.ties[0].resolution is TieResolution.AWAITING_CHAIR
    assert "needs the chair's decision" in render_count_sheet(waiting)
    decided = tally("majority", profile, rule=chair, chair_vote=Choice.FOR)
    assert decided.outcome is Outcome.ADOPTED
    assert decided.ties[0].resolution is TieResolution.CHAIR

    pending = tally("majority", profile, rule=lot)
    assert pending.outcome is Outcome.PENDING and pending.lot_required
    drawn = tally("majority", profile, rule=lot, seed=7)
    assert drawn.outcome in (Outcome.ADOPTED, Outcome.REJECTED)
    assert drawn.tie_broken_by_lot and drawn.lot_seed == 7
    assert tally("majority", profile, rule=lot, seed=7) == drawn  # the same seed, the same lot


def test_a_supermajority_has_no_tie() -> None:
    rule = MajorityRule(Base.CAST, Threshold.TWO_THIRDS, tie=TieRule.CHAIR)
    result = tally("majority", motion(10, 10), rule=rule, chair_vote=Choice.FOR)
    assert result.outcome is Outcome.REJECTED
    assert result.ties == ()


def test_nobody_in_the_base_means_the_motion_fails() -> None:
    result = tally("majority", motion(0, 0, 4), rule=MajorityRule(Base.CAST))
    assert result.outcome is Outcome.REJECTED


def test_attendance_must_be_consistent() -> None:
    with pytest.raises(TallyError, match="only 5 are present"):
        motion(4, 3, present=5)
    with pytest.raises(TallyError, match="the body has 5"):
        motion(4, 3, present=7, members=5)


@settings(max_examples=150, deadline=None)
@given(
    votes_for=st.integers(0, 40),
    against=st.integers(0, 40),
    abstain=st.integers(0, 20),
    absent_present=st.integers(0, 10),
    extra_members=st.integers(0, 10),
    base=st.sampled_from(Base),
    threshold=st.sampled_from(Threshold),
    abstentions=st.sampled_from(Abstentions),
)
def test_outcomes_respect_the_threshold(
    votes_for: int,
    against: int,
    abstain: int,
    absent_present: int,
    extra_members: int,
    base: Base,
    threshold: Threshold,
    abstentions: Abstentions,
) -> None:
    present = votes_for + against + abstain + absent_present
    members = present + extra_members
    rule = MajorityRule(base, threshold, abstentions, TieRule.FAILS)
    result = tally(
        "majority", motion(votes_for, against, abstain, present=present, members=members), rule=rule
    )
    if base is Base.MEMBERS:
        size = members
    elif base is Base.CAST:
        size = votes_for + against + (abstain if abstentions is Abstentions.AS_PRESENT else 0)
    else:
        size = present - (abstain if abstentions is Abstentions.AS_ABSENT else 0)
    share = Fraction(votes_for, size) if size else Fraction(0)
    if threshold is Threshold.SIMPLE:
        passes = size > 0 and share > Fraction(1, 2)
    else:
        passes = size > 0 and share >= threshold.fraction
    assert result.outcome is (Outcome.ADOPTED if passes else Outcome.REJECTED)
    if passes:
        assert votes_for >= result.quota
    else:
        assert votes_for < result.quota or size == 0


def test_consent_passes_in_the_first_round_without_objection() -> None:
    profile = DeliberationProfile.from_counts([(10, 1, 2), (12, 1, 0)])
    result = tally("consent", profile)
    assert result.outcome is Outcome.ADOPTED
    assert [r.count_of("object") for r in result.rounds] == [2, 0]
    assert "No objection in this round" in result.rounds[1].notes[-1].render()


def test_consent_with_objections_left_is_pending_or_rejected_at_the_limit() -> None:
    profile = DeliberationProfile.from_counts([(10, 1, 2), (11, 1, 1)])
    assert tally("consent", profile).outcome is Outcome.PENDING
    assert tally("consent", profile, max_rounds=2).outcome is Outcome.REJECTED
    with pytest.raises(TallyError, match="round 2 comes after the proposal was decided"):
        tally("consent", profile, max_rounds=1)


def test_rounds_after_the_decision_are_an_error() -> None:
    profile = DeliberationProfile.from_counts([(10, 0, 0), (8, 0, 2)])
    with pytest.raises(TallyError, match="after the proposal was decided"):
        tally("consent", profile)


def test_consensus_blocks_then_fallback_supermajority() -> None:
    blocked = [(20, 2, 3), (21, 2, 2)]
    pending = tally("consensus", DeliberationProfile.from_counts(blocked), fallback_after=2)
    assert pending.outcome is Outcome.PENDING
    assert "fallback vote" in pending.rounds[-1].notes[-1].render()
    # fallback round: 21 for, 7 against (blocks), stand-asides absent: 21/28 = 3/4 exactly
    voted = tally(
        "consensus",
        DeliberationProfile.from_counts([*blocked, (21, 2, 7)]),
        fallback_after=2,
        fallback_threshold=Threshold.THREE_QUARTERS,
    )
    assert voted.outcome is Outcome.ADOPTED
    failed = tally(
        "consensus",
        DeliberationProfile.from_counts([*blocked, (20, 2, 8)]),
        fallback_after=2,
    )
    assert failed.outcome is Outcome.REJECTED


def test_consensus_can_limit_stand_asides() -> None:
    profile = DeliberationProfile.from_counts([(10, 4, 0)])
    assert tally("consensus", profile).outcome is Outcome.ADOPTED
    assert tally("consensus", profile, max_stand_asides=3).outcome is Outcome.PENDING


def test_motion_count_sheet_reads_in_words() -> None:
    sheet = render_count_sheet(tally("majority", motion(13, 7, 5, present=30)))
    assert "Rule applied: More than half of those present" in sheet
    assert "For" in sheet and "Against" in sheet and "Abstain" in sheet
    assert "Outcome: adopted" in sheet
