"""Rules of the members register.

The register is append-only: nothing is edited or deleted. A mistake is fixed by a
*correction* entry that names the entry it corrects and carries the values that replace
it (or voids it). Everything a member's page shows is derived from the entries.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any


class EntryKind(StrEnum):
    ADMISSION = "admission"
    SHARES = "shares"  # further shares subscribed or paid in
    OFFICE_START = "office_start"
    OFFICE_END = "office_end"  # an office left before its term ends
    DEPARTURE = "departure"
    CORRECTION = "correction"


class Office(StrEnum):
    PRESIDENT = "president"
    SECRETARY = "secretary"
    TREASURER = "treasurer"
    COUNCIL_MEMBER = "council_member"
    SUBSTITUTE_COUNCIL_MEMBER = "substitute_council_member"
    AUDITOR = "auditor"  # síndico
    SUBSTITUTE_AUDITOR = "substitute_auditor"


COUNCIL_OFFICES = frozenset(
    {Office.PRESIDENT, Office.SECRETARY, Office.TREASURER, Office.COUNCIL_MEMBER}
)


class DepartureReason(StrEnum):
    RESIGNATION = "resignation"
    EXCLUSION = "exclusion"
    DEATH = "death"


@dataclass(frozen=True)
class RegisterError:
    """A rule the entry breaks; `code` is stable, the app layer translates it."""

    code: str
    field: str
    params: Mapping[str, Any] = dc_field(default_factory=dict)


@dataclass(frozen=True)
class Entry:
    seq: int
    member_number: int
    kind: EntryKind
    on: date
    data: Mapping[str, Any] = dc_field(default_factory=dict)
    corrects: int | None = None  # seq of the corrected entry (corrections only)


@dataclass(frozen=True)
class OfficeTerm:
    office: Office
    start: date
    end: date
    ended_on: date | None = None  # left before the term ran out
    entry_seq: int = 0

    def holds_on(self, day: date) -> bool:
        last = self.ended_on if self.ended_on is not None else self.end
        return self.start <= day <= last


@dataclass(frozen=True)
class MemberState:
    member_number: int
    admitted_on: date | None = None
    shares_subscribed: Decimal = Decimal(0)
    shares_paid: Decimal = Decimal(0)
    departed_on: date | None = None
    departure_reason: DepartureReason | None = None
    offices: tuple[OfficeTerm, ...] = ()

    def is_member_on(self, day: date) -> bool:
        if self.admitted_on is None or day < self.admitted_on:
            return False
        return self.departed_on is None or day < self.departed_on

    def offices_on(self, day: date) -> tuple[Office, ...]:
        if not self.is_member_on(day):
            return ()
        return tuple(t.office for t in self.offices if t.holds_on(day))


def effective_entries(entries: Iterable[Entry]) -> list[Entry]:
    """The entries as they stand after every correction (the latest correction wins)."""
    ordered = sorted(entries, key=lambda e: e.seq)
    replaced: dict[int, Entry | None] = {}
    for entry in ordered:
        if entry.kind is EntryKind.CORRECTION and entry.corrects is not None:
            target = next((e for e in ordered if e.seq == entry.corrects), None)
            if target is None:
                continue
            if entry.data.get("void"):
                replaced[target.seq] = None
            else:
                merged = {**target.data, **{k: v for k, v in entry.data.items() if k != "on"}}
                new_on = entry.data.get("on", target.on)
                replaced[target.seq] = dataclasses.replace(target, on=new_on, data=merged)
    out: list[Entry] = []
    for entry in ordered:
        if entry.kind is EntryKind.CORRECTION:
            continue
        if entry.seq in replaced:
            fixed = replaced[entry.seq]
            if fixed is not None:
                out.append(fixed)
        else:
            out.append(entry)
    return out


def member_state(member_number: int, entries: Iterable[Entry]) -> MemberState:
    """Fold a member's effective entries into the state their page shows."""
    state = MemberState(member_number=member_number)
    terms: list[OfficeTerm] = []
    for entry in effective_entries(e for e in entries if e.member_number == member_number):
        data = entry.data
        if entry.kind is EntryKind.ADMISSION:
            state = dataclasses.replace(
                state,
                admitted_on=entry.on,
                shares_subscribed=state.shares_subscribed + Decimal(data.get("subscribed", 0)),
                shares_paid=state.shares_paid + Decimal(data.get("paid", 0)),
            )
        elif entry.kind is EntryKind.SHARES:
            state = dataclasses.replace(
                state,
                shares_subscribed=state.shares_subscribed + Decimal(data.get("subscribed", 0)),
                shares_paid=state.shares_paid + Decimal(data.get("paid", 0)),
            )
        elif entry.kind is EntryKind.OFFICE_START:
            terms.append(
                OfficeTerm(
                    office=Office(data["office"]),
                    start=entry.on,
                    end=date.fromisoformat(str(data["term_end"])),
                    entry_seq=entry.seq,
                )
            )
        elif entry.kind is EntryKind.OFFICE_END:
            for i, term in enumerate(terms):
                if term.entry_seq == data.get("term_entry"):
                    terms[i] = dataclasses.replace(term, ended_on=entry.on)
        elif entry.kind is EntryKind.DEPARTURE:
            state = dataclasses.replace(
                state, departed_on=entry.on, departure_reason=DepartureReason(data["reason"])
            )
    return dataclasses.replace(state, offices=tuple(terms))


# --- validation: each returns the errors as data, empty when the entry may be written ---


def check_admission(
    *,
    member_number: int,
    taken_numbers: Iterable[int],
    subscribed: Decimal,
    paid: Decimal,
) -> list[RegisterError]:
    errors: list[RegisterError] = []
    if member_number <= 0:
        errors.append(RegisterError("member_number_invalid", "member_number"))
    elif member_number in set(taken_numbers):
        errors.append(
            RegisterError("member_number_taken", "member_number", {"number": member_number})
        )
    errors.extend(check_shares(subscribed=subscribed, paid=paid))
    return errors


def check_shares(*, subscribed: Decimal, paid: Decimal) -> list[RegisterError]:
    errors: list[RegisterError] = []
    if subscribed < 0:
        errors.append(RegisterError("amount_negative", "subscribed"))
    if paid < 0:
        errors.append(RegisterError("amount_negative", "paid"))
    if paid > subscribed >= 0:
        errors.append(RegisterError("paid_exceeds_subscribed", "paid"))
    return errors


def check_office_term(
    state: MemberState, *, office: Office, start: date, end: date
) -> list[RegisterError]:
    errors: list[RegisterError] = []
    if end < start:
        errors.append(RegisterError("end_before_start", "term_end"))
    if not state.is_member_on(start):
        errors.append(RegisterError("not_a_member_on", "start", {"day": start}))
    elif any(t.office == office and t.holds_on(start) for t in state.offices):
        errors.append(RegisterError("office_already_held", "office"))
    return errors


def check_office_end(state: MemberState, *, term_entry: int, on: date) -> list[RegisterError]:
    term = next((t for t in state.offices if t.entry_seq == term_entry), None)
    if term is None:
        return [RegisterError("term_unknown", "term_entry")]
    if term.ended_on is not None:
        return [RegisterError("term_already_ended", "term_entry")]
    if on < term.start:
        return [RegisterError("end_before_start", "on")]
    return []


def check_departure(state: MemberState, *, on: date) -> list[RegisterError]:
    if state.admitted_on is None:
        return [RegisterError("not_admitted", "member_number")]
    if state.departed_on is not None:
        return [RegisterError("already_departed", "member_number")]
    if on < state.admitted_on:
        return [RegisterError("end_before_start", "on")]
    return []


def check_correction(target: Entry | None) -> list[RegisterError]:
    if target is None:
        return [RegisterError("entry_unknown", "corrects")]
    if target.kind is EntryKind.CORRECTION:
        return [RegisterError("cannot_correct_correction", "corrects")]
    return []


def officers_on(states: Iterable[MemberState], day: date) -> dict[Office, list[int]]:
    """Who holds each office on a day, by member number."""
    holders: dict[Office, list[int]] = {}
    for state in states:
        for office in state.offices_on(day):
            holders.setdefault(office, []).append(state.member_number)
    return holders
