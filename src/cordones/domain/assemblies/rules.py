"""Rules an assembly follows, as functions of values (the statute's rules come in)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from fractions import Fraction

from cordones.domain.statutes.profiles import StatuteRules


class Matter(StrEnum):
    ORDINARY = "ordinary"
    ELECTION = "election"
    ADMISSION = "admission"
    EXCLUSION_APPEAL = "exclusion_appeal"
    ANNUAL_REPORT = "annual_report"
    SURPLUS_DISTRIBUTION = "surplus_distribution"
    STATUTE_REFORM = "statute_reform"
    MERGER_DISSOLUTION = "merger_dissolution"
    CHANGE_OF_OBJECT = "change_of_object"
    OFFICER_REMOVAL = "officer_removal"
    OTHER = "other"


class Call(StrEnum):
    WAITING = "waiting"  # first call time not reached, or no quorum yet and second call pending
    FIRST = "first"  # quorum reached at first call
    SECOND = "second"  # second call: valid with those present


@dataclass(frozen=True)
class AssemblyRules:
    """The statute's values as one body applies them (a body may override some)."""

    notice_days: int
    quorum_fraction: Fraction
    second_call_minutes: int
    simple_majority: Fraction
    qualified_majority: Fraction
    qualified_matters: frozenset[str]
    secret_ballot_matters: frozenset[str]
    conflicted_matters: frozenset[str]
    abstentions_count_as_absent: bool
    extraordinary_threshold: Fraction
    agenda_initiative_threshold: Fraction
    minutes_member_signers: int

    @classmethod
    def from_statute(cls, rules: StatuteRules, **overrides: object) -> AssemblyRules:
        values = {
            "notice_days": rules.notice_days,
            "quorum_fraction": rules.quorum_fraction,
            "second_call_minutes": rules.second_call_minutes,
            "simple_majority": rules.simple_majority,
            "qualified_majority": rules.qualified_majority,
            "qualified_matters": frozenset(rules.qualified_matters),
            "secret_ballot_matters": frozenset(rules.secret_ballot_matters),
            "conflicted_matters": frozenset(rules.conflicted_matters),
            "abstentions_count_as_absent": rules.abstentions_count_as_absent,
            "extraordinary_threshold": rules.extraordinary_threshold,
            "agenda_initiative_threshold": rules.agenda_initiative_threshold,
            "minutes_member_signers": rules.minutes_member_signers,
        }
        for key, value in overrides.items():
            if value is None:
                continue
            if key in ("quorum_fraction", "simple_majority", "qualified_majority"):
                value = Fraction(str(value))
            if key in ("notice_days", "second_call_minutes") and not isinstance(value, int):
                value = int(str(value))
            values[key] = value
        return cls(**values)  # type: ignore[arg-type]


# --- notice -------------------------------------------------------------------------------


def notice_deadline(held_on: date, notice_days: int) -> date:
    """The last day a convocation can be sent for an assembly held on `held_on`."""
    return held_on - timedelta(days=notice_days)


def notice_is_sufficient(convened_on: date, held_on: date, notice_days: int) -> bool:
    return convened_on <= notice_deadline(held_on, notice_days)


# --- quorum -------------------------------------------------------------------------------


def quorum_needed(members: int, fraction: Fraction) -> int:
    """ "Half plus one": more than `fraction` of the members. With 10 members and 1/2, 6."""
    if members <= 0:
        return 1
    return math.floor(members * fraction) + 1


@dataclass(frozen=True)
class QuorumStatus:
    members: int
    present: int
    needed: int
    call: Call
    second_call_at: datetime

    @property
    def reached(self) -> bool:
        return self.call is not Call.WAITING

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.present)


def quorum_status(
    *, members: int, present: int, rules: AssemblyRules, called_for: datetime, now: datetime
) -> QuorumStatus:
    """First call needs more than the quorum fraction of members; once the second-call delay
    has passed since the time called, the assembly is valid with any number present."""
    needed = quorum_needed(members, rules.quorum_fraction)
    second = called_for + timedelta(minutes=rules.second_call_minutes)
    if now >= called_for and present >= needed:
        call = Call.FIRST
    elif now >= second and present >= 1:
        call = Call.SECOND
    else:
        call = Call.WAITING
    return QuorumStatus(members, present, needed, call, second)


# --- matters --------------------------------------------------------------------------------


def ballot_must_be_secret(matter: str, rules: AssemblyRules) -> bool:
    return matter in rules.secret_ballot_matters


def majority_for(matter: str, rules: AssemblyRules) -> Fraction:
    return rules.qualified_majority if matter in rules.qualified_matters else rules.simple_majority


def excludes_conflicted(matter: str, rules: AssemblyRules) -> bool:
    """Council members and síndicos do not vote on the annual report and balance."""
    return matter in rules.conflicted_matters


# --- petitions -------------------------------------------------------------------------------


def signatures_needed(members: int, threshold: Fraction) -> int:
    """At least `threshold` of the members (10 % of 43 is 5 signatures: rounded up)."""
    return max(1, math.ceil(members * threshold))


def petition_reached(signatures: int, members: int, threshold: Fraction) -> bool:
    return signatures >= signatures_needed(members, threshold)


def extraordinary_due_by(reached_on: date, within_days: int = 30) -> date:
    return reached_on + timedelta(days=within_days)
