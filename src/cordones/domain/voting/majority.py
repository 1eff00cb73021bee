"""Motions (for / against / abstain) under a statute's majority rule; consent; consensus.

Thresholds are compared in exact integer arithmetic: "more than half" means ``2 * for > base``,
"two-thirds" means ``3 * for >= 2 * base`` and "three-quarters" ``4 * for >= 3 * base``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from cordones.domain.voting import messages as m
from cordones.domain.voting.ballots import Choice, DeliberationProfile, MotionProfile, Response
from cordones.domain.voting.messages import Message
from cordones.domain.voting.result import (
    Outcome,
    Round,
    TallyError,
    TallyResult,
    TieBreak,
    TiePurpose,
    TieResolution,
)
from cordones.domain.voting.ties import LotRequired, TieBreaker


class Base(enum.Enum):
    """What the majority is a majority *of*."""

    CAST = "cast"  # votes cast
    PRESENT = "present"  # members present
    MEMBERS = "members"  # all members of the body


class Threshold(enum.Enum):
    SIMPLE = "simple"  # more than half
    TWO_THIRDS = "two_thirds"  # at least two-thirds
    THREE_QUARTERS = "three_quarters"  # at least three-quarters

    @property
    def fraction(self) -> Fraction:
        return {
            Threshold.SIMPLE: Fraction(1, 2),
            Threshold.TWO_THIRDS: Fraction(2, 3),
            Threshold.THREE_QUARTERS: Fraction(3, 4),
        }[self]

    def met(self, votes: int, base: int) -> bool:
        if base <= 0:
            return False
        if self is Threshold.SIMPLE:
            return 2 * votes > base
        f = self.fraction
        return f.denominator * votes >= f.numerator * base

    def needed(self, base: int) -> int:
        """The smallest number of votes that meets the threshold."""
        if base <= 0:
            return 1
        if self is Threshold.SIMPLE:
            return base // 2 + 1
        f = self.fraction
        return -(-f.numerator * base // f.denominator)  # ceiling

    @property
    def words(self) -> str:
        return {
            Threshold.SIMPLE: m.RULE_FRACTION_SIMPLE,
            Threshold.TWO_THIRDS: m.RULE_FRACTION_TWO_THIRDS,
            Threshold.THREE_QUARTERS: m.RULE_FRACTION_THREE_QUARTERS,
        }[self]


class Abstentions(enum.Enum):
    AS_ABSENT = "absent"  # an abstention is as if the member were not there
    AS_PRESENT = "present"  # an abstention counts in the base: in effect a vote against


class TieRule(enum.Enum):
    FAILS = "fails"
    CHAIR = "chair"
    LOT = "lot"


_RULE_WORDS = {
    (Threshold.SIMPLE, Base.CAST): m.RULE_SIMPLE_CAST,
    (Threshold.TWO_THIRDS, Base.CAST): m.RULE_TWO_THIRDS_CAST,
    (Threshold.THREE_QUARTERS, Base.CAST): m.RULE_THREE_QUARTERS_CAST,
    (Threshold.SIMPLE, Base.PRESENT): m.RULE_SIMPLE_PRESENT,
    (Threshold.TWO_THIRDS, Base.PRESENT): m.RULE_TWO_THIRDS_PRESENT,
    (Threshold.THREE_QUARTERS, Base.PRESENT): m.RULE_THREE_QUARTERS_PRESENT,
    (Threshold.SIMPLE, Base.MEMBERS): m.RULE_SIMPLE_MEMBERS,
    (Threshold.TWO_THIRDS, Base.MEMBERS): m.RULE_TWO_THIRDS_MEMBERS,
    (Threshold.THREE_QUARTERS, Base.MEMBERS): m.RULE_THREE_QUARTERS_MEMBERS,
}


@dataclass(frozen=True)
class MajorityRule:
    """A statute's majority rule, e.g. Ley 20.337: simple majority of those present,
    abstentions count as absent."""

    base: Base = Base.PRESENT
    threshold: Threshold = Threshold.SIMPLE
    abstentions: Abstentions = Abstentions.AS_ABSENT
    tie: TieRule = TieRule.FAILS

    def describe(self) -> Message:
        """The rule in words, e.g. "Two-thirds of those present; abstentions count as absent"."""
        if self.base is Base.MEMBERS:
            abstentions = m.RULE_ABSTAIN_MEMBERS
        elif self.abstentions is Abstentions.AS_ABSENT:
            abstentions = m.RULE_ABSTAIN_ABSENT
        elif self.base is Base.CAST:
            abstentions = m.RULE_ABSTAIN_CAST
        else:
            abstentions = m.RULE_ABSTAIN_PRESENT
        if self.threshold is not Threshold.SIMPLE:
            tie = m.RULE_TIE_NONE
        else:
            tie = {
                TieRule.FAILS: m.RULE_TIE_FAILS,
                TieRule.CHAIR: m.RULE_TIE_CHAIR,
                TieRule.LOT: m.RULE_TIE_LOT,
            }[self.tie]
        return Message.of(
            m.RULE_JOIN,
            threshold=Message(_RULE_WORDS[(self.threshold, self.base)]),
            abstentions=Message(abstentions),
            tie=Message(tie),
        )

    def base_size(
        self, votes_for: int, against: int, abstain: int, present: int, members: int | None
    ) -> int:
        if self.base is Base.MEMBERS:
            if members is None:
                raise TallyError("this rule counts all members: give the number of members")
            return members
        counted_abstentions = 0 if self.abstentions is Abstentions.AS_ABSENT else abstain
        if self.base is Base.CAST:
            return votes_for + against + counted_abstentions
        return present - (abstain if self.abstentions is Abstentions.AS_ABSENT else 0)


#: Argentina, Ley 20.337: simple majority of those present, abstentions count as absent.
LEY_20337_SIMPLE = MajorityRule(Base.PRESENT, Threshold.SIMPLE, Abstentions.AS_ABSENT)
#: Ley 20.337 for statute reform, merger, dissolution: two-thirds of those present.
LEY_20337_TWO_THIRDS = MajorityRule(Base.PRESENT, Threshold.TWO_THIRDS, Abstentions.AS_ABSENT)

_CANDIDATES = ("for", "against")


def count_majority(
    profile: MotionProfile,
    *,
    rule: MajorityRule = LEY_20337_SIMPLE,
    chair_vote: Choice | None = None,
    seed: int | None = None,
) -> TallyResult:
    """Decide a motion.  A tie (exactly half of the base for, under a simple majority) follows
    ``rule.tie``: the motion fails, the chair decides (``chair_vote``) or a lot is drawn."""
    if not isinstance(profile, MotionProfile):
        raise TallyError("a majority vote counts motion ballots (for, against, abstain)")
    votes_for = profile.total(Choice.FOR)
    against = profile.total(Choice.AGAINST)
    abstain = profile.total(Choice.ABSTAIN)
    present = profile.present if profile.present is not None else votes_for + against + abstain
    base = rule.base_size(votes_for, against, abstain, present, profile.members)
    needed = rule.threshold.needed(base)
    notes = [
        Message.of(
            m.NOTE_MOTION_COUNTS,
            **{"for": votes_for},
            against=against,
            abstain=abstain,
            present=present,
            members="-" if profile.members is None else profile.members,
        ),
        Message.of(m.NOTE_MOTION_BASE, base=base, needed=needed),
    ]
    ties: list[TieBreak] = []
    tiebreaker = TieBreaker(_CANDIDATES, seed)
    lot_required = False
    if base <= 0:
        notes.append(Message(m.NOTE_MOTION_NO_BASE))
        outcome = Outcome.REJECTED
    elif rule.threshold.met(votes_for, base):
        outcome = Outcome.ADOPTED
    elif rule.threshold is Threshold.SIMPLE and 2 * votes_for == base:
        notes.append(Message(m.NOTE_MOTION_TIE))
        if rule.tie is TieRule.FAILS:
            outcome = Outcome.REJECTED
        elif rule.tie is TieRule.CHAIR:
            if chair_vote is None or chair_vote is Choice.ABSTAIN:
                notes.append(Message(m.NOTE_CHAIR_DECIDES))
                ties.append(TieBreak(_CANDIDATES, TiePurpose.MOTION, TieResolution.AWAITING_CHAIR))
                outcome = Outcome.PENDING
            else:
                outcome = Outcome.ADOPTED if chair_vote is Choice.FOR else Outcome.REJECTED
                ties.append(
                    TieBreak(
                        _CANDIDATES, TiePurpose.MOTION, TieResolution.CHAIR, (chair_vote.value,)
                    )
                )
        else:
            try:
                chosen = tiebreaker.lot(_CANDIDATES, TiePurpose.MOTION)
            except LotRequired:
                ties.append(tiebreaker.pending(_CANDIDATES, TiePurpose.MOTION))
                outcome = Outcome.PENDING
                lot_required = True
            else:
                outcome = Outcome.ADOPTED if chosen == "for" else Outcome.REJECTED
                ties.append(TieBreak(_CANDIDATES, TiePurpose.MOTION, TieResolution.LOT, (chosen,)))
    else:
        outcome = Outcome.REJECTED
    round_ = Round(
        number=1,
        action=Message(m.ACTION_COUNT),
        counts=(("for", votes_for), ("against", against), ("abstain", abstain)),
        quota=needed,
        ties=tuple(ties),
        notes=tuple(notes),
    )
    return TallyResult(
        method="majority",
        method_name=m.METHOD_MAJORITY,
        candidates=_CANDIDATES,
        seats=1,
        winners=(),
        rounds=(round_,),
        rule=rule.describe(),
        ties=tuple(ties),
        tied=_CANDIDATES if ties and ties[0].resolution is not TieResolution.CHAIR else (),
        tie_broken_by_lot=tiebreaker.lot_used,
        lot_seed=seed if tiebreaker.lot_used else None,
        lot_required=lot_required,
        outcome=outcome,
        valid_ballots=votes_for + against + abstain,
        quota=needed,
        title=profile.title,
    )


_RESPONSES = ("consent", "stand_aside", "object")


def _deliberation_result(
    method: str,
    method_name: str,
    profile: DeliberationProfile,
    rounds: list[Round],
    rule: Message,
    outcome: Outcome,
) -> TallyResult:
    """A consent or consensus result: the responses are the candidates, no one is elected."""
    return TallyResult(
        method=method,
        method_name=method_name,
        candidates=_RESPONSES,
        seats=1,
        winners=(),
        rounds=tuple(rounds),
        rule=rule,
        outcome=outcome,
        valid_ballots=sum(profile.totals(0).values()),
        title=profile.title,
    )


def _response_round(
    number: int, action: str, totals: dict[Response, int], notes: list[Message]
) -> Round:
    return Round(
        number=number,
        action=Message(action),
        counts=tuple((r.value, totals[r]) for r in Response),
        notes=(
            Message.of(
                m.NOTE_CONSENT_ROUND,
                consent=totals[Response.CONSENT],
                stand_aside=totals[Response.STAND_ASIDE],
                objections=totals[Response.OBJECT],
            ),
            *notes,
        ),
    )


def count_consent(profile: DeliberationProfile, *, max_rounds: int | None = None) -> TallyResult:
    """Consent: the proposal passes in the first round with no objection.

    Without ``max_rounds`` remaining objections leave the decision pending (the proposal is
    amended and another round held); with it, objections after that round reject it.
    """
    if not isinstance(profile, DeliberationProfile):
        raise TallyError("consent counts rounds of responses (consent, stand aside, object)")
    if max_rounds is not None and max_rounds < 1:
        raise TallyError("max_rounds must be at least 1")
    rounds: list[Round] = []
    outcome = Outcome.PENDING
    for index in range(len(profile.rounds)):
        if outcome is not Outcome.PENDING:
            raise TallyError(f"round {index + 1} comes after the proposal was decided")
        totals = profile.totals(index)
        notes: list[Message] = []
        if totals[Response.OBJECT] == 0:
            outcome = Outcome.ADOPTED
            notes.append(Message(m.NOTE_CONSENT_REACHED))
        elif max_rounds is not None and index + 1 == max_rounds:
            outcome = Outcome.REJECTED
            notes.append(Message.of(m.NOTE_CONSENT_MAX_ROUNDS, round=index + 1))
        elif index + 1 == len(profile.rounds):
            notes.append(Message.of(m.NOTE_CONSENT_OBJECTIONS_REMAIN, round=index + 1))
        rounds.append(_response_round(index + 1, m.ACTION_OBJECTION_ROUND, totals, notes))
    rule = (
        Message(m.RULE_CONSENT)
        if max_rounds is None
        else Message.of(m.RULE_CONSENT_MAX, rounds=max_rounds)
    )
    return _deliberation_result("consent", m.METHOD_CONSENT, profile, rounds, rule, outcome)


def count_consensus(
    profile: DeliberationProfile,
    *,
    fallback_after: int | None = None,
    fallback_threshold: Threshold = Threshold.THREE_QUARTERS,
    max_stand_asides: int | None = None,
) -> TallyResult:
    """Consensus with blocks: the proposal passes in the first round with no block (and, if
    ``max_stand_asides`` is set, no more stand-asides than that).

    With ``fallback_after=N``, if rounds 1..N reach no consensus, round N+1 is a fallback vote:
    the proposal passes with ``fallback_threshold`` of the votes cast (consent against block;
    stand-asides count as absent).
    """
    if not isinstance(profile, DeliberationProfile):
        raise TallyError("consensus counts rounds of responses (consent, stand aside, block)")
    if fallback_after is not None and fallback_after < 1:
        raise TallyError("fallback_after must be at least 1")
    rounds: list[Round] = []
    outcome = Outcome.PENDING
    for index in range(len(profile.rounds)):
        number = index + 1
        if outcome is not Outcome.PENDING:
            raise TallyError(f"round {number} comes after the proposal was decided")
        totals = profile.totals(index)
        notes: list[Message] = []
        if fallback_after is not None and number == fallback_after + 1:
            agree, block = totals[Response.CONSENT], totals[Response.OBJECT]
            base = agree + block
            passed = fallback_threshold.met(agree, base)
            outcome = Outcome.ADOPTED if passed else Outcome.REJECTED
            notes.append(
                Message.of(
                    m.NOTE_FALLBACK_RESULT,
                    agree=agree,
                    base=base,
                    needed=fallback_threshold.needed(base),
                )
            )
            rounds.append(_response_round(number, m.ACTION_FALLBACK_VOTE, totals, notes))
            continue
        too_many = max_stand_asides is not None and totals[Response.STAND_ASIDE] > max_stand_asides
        if totals[Response.OBJECT] == 0 and not too_many:
            outcome = Outcome.ADOPTED
            notes.append(Message(m.NOTE_CONSENSUS_REACHED))
        else:
            if too_many:
                notes.append(
                    Message.of(m.NOTE_CONSENSUS_TOO_MANY_STAND_ASIDE, max=max_stand_asides)
                )
            if fallback_after is not None and number == fallback_after:
                notes.append(
                    Message.of(
                        m.NOTE_CONSENSUS_FALLBACK_DUE,
                        rounds=number,
                        rule=Message(fallback_threshold.words),
                    )
                )
        rounds.append(_response_round(number, m.ACTION_CONSENSUS_ROUND, totals, notes))
    if fallback_after is None:
        rule = Message(m.RULE_CONSENSUS_NO_FALLBACK)
    else:
        rule = Message.of(
            m.RULE_CONSENSUS, rounds=fallback_after, threshold=Message(fallback_threshold.words)
        )
    return _deliberation_result("consensus", m.METHOD_CONSENSUS, profile, rounds, rule, outcome)
