"""Reads of the members register. Every function takes the workplace and never looks
beyond it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from cordones.accounts.models import User
from cordones.domain.register.book import MemberState, Office, OfficeTerm, member_state
from cordones.members.models import Invitation, Member, RegisterEntry
from cordones.members.permissions import Access, roles_from_offices
from cordones.workplaces.models import Workplace


def access_get(user: User | None, workplace: Workplace, day: date) -> Access:
    if user is None or not user.is_authenticated:
        return Access(workplace.pk, None, None, frozenset())
    member = Member.objects.filter(workplace=workplace, user=user).first()
    if member is None:
        return Access(workplace.pk, user.pk, None, frozenset())
    state = member_state_get(member)
    if not state.is_member_on(day):
        return Access(workplace.pk, user.pk, member.pk, frozenset())
    return Access(workplace.pk, user.pk, member.pk, roles_from_offices(state.offices_on(day)))


def access_get_by_slug(
    user: User | None, slug: str, day: date
) -> tuple[Workplace | None, Access | None]:
    """The workplace and the person's access there, in two queries (the hot path of an
    API call): None, None when there is no such workplace or they are not a member."""
    if user is None or not user.is_authenticated:
        return None, None
    member = (
        Member.objects.select_related("workplace").filter(workplace__slug=slug, user=user).first()
    )
    if member is None:
        return None, None
    state = member_state_get(member)
    roles = roles_from_offices(state.offices_on(day)) if state.is_member_on(day) else frozenset()
    return member.workplace, Access(member.workplace_id, user.pk, member.pk, roles)


def workplaces_of_user(user: User, day: date) -> list[tuple[Workplace, Member]]:
    """The workplaces where the person is an active member today."""
    members = list(Member.objects.filter(user=user).select_related("workplace"))
    states = _states_for(members)
    return [(m.workplace, m) for m in members if states[m.pk].is_member_on(day)]


def _states_for(members: list[Member]) -> dict[int, MemberState]:
    entries = RegisterEntry.objects.filter(member__in=members).order_by("seq")
    by_member: dict[int, list[RegisterEntry]] = defaultdict(list)
    for entry in entries:
        by_member[entry.member_id].append(entry)
    numbers = {m.pk: m.number for m in members}
    return {
        m.pk: member_state(
            numbers[m.pk], [e.as_domain(numbers[m.pk]) for e in by_member.get(m.pk, [])]
        )
        for m in members
    }


def member_state_get(member: Member) -> MemberState:
    return _states_for([member])[member.pk]


def member_get(workplace: Workplace, number: int) -> Member:
    return Member.objects.select_related("section").get(workplace=workplace, number=number)


def member_list(workplace: Workplace) -> QuerySet[Member]:
    return Member.objects.filter(workplace=workplace).select_related("section").order_by("number")


@dataclass(frozen=True)
class RegisterRow:
    member: Member
    state: MemberState

    @property
    def offices_today(self) -> tuple[Office, ...]:
        return self.state.offices_on(timezone.localdate())


def register_rows(
    workplace: Workplace, *, query: str = "", only_active_on: date | None = None
) -> list[RegisterRow]:
    """Every member with their state, in member-number order (two queries in all)."""
    members = list(member_list(workplace))
    states = _states_for_workplace(workplace, members)
    rows = [RegisterRow(m, states[m.pk]) for m in members]
    if query:
        q = query.strip().lower()
        rows = [r for r in rows if q in r.member.full_name.lower() or q == str(r.member.number)]
    if only_active_on is not None:
        rows = [r for r in rows if r.state.is_member_on(only_active_on)]
    return rows


def _states_for_workplace(workplace: Workplace, members: list[Member]) -> dict[int, MemberState]:
    by_member: dict[int, list[RegisterEntry]] = defaultdict(list)
    for entry in RegisterEntry.objects.filter(workplace=workplace).order_by("seq"):
        by_member[entry.member_id].append(entry)
    return {
        m.pk: member_state(m.number, [e.as_domain(m.number) for e in by_member.get(m.pk, [])])
        for m in members
    }


def register_entries(workplace: Workplace, *, limit: int | None = None) -> list[RegisterEntry]:
    qs = RegisterEntry.objects.filter(workplace=workplace).select_related("member", "recorded_by")
    if limit is not None:
        return list(qs.order_by("-seq")[:limit])
    return list(qs.order_by("seq"))


def member_entries(member: Member) -> list[RegisterEntry]:
    return list(member.entries.select_related("recorded_by").order_by("seq"))


def entry_get(workplace: Workplace, seq: int) -> RegisterEntry:
    return RegisterEntry.objects.select_related("member").get(workplace=workplace, seq=seq)


@dataclass(frozen=True)
class OfficerRow:
    office: Office
    member: Member
    term: OfficeTerm


OFFICE_ORDER = list(Office)


def officers_on(rows: list[RegisterRow], day: date) -> list[OfficerRow]:
    out = [
        OfficerRow(term.office, row.member, term)
        for row in rows
        if row.state.is_member_on(day)
        for term in row.state.offices
        if term.holds_on(day)
    ]
    return sorted(out, key=lambda o: (OFFICE_ORDER.index(o.office), o.member.number))


@dataclass(frozen=True)
class Dashboard:
    active_members: int
    admitted_this_year: int
    departed_this_year: int
    officers: list[OfficerRow]
    terms_ending_soon: list[OfficerRow]
    recent_entries: list[RegisterEntry]
    section_counts: list[tuple[str, int]]
    shares_paid_total: object


def dashboard_get(workplace: Workplace, day: date) -> Dashboard:
    rows = register_rows(workplace)
    active = [r for r in rows if r.state.is_member_on(day)]
    officers = officers_on(rows, day)
    soon = day + timedelta(days=90)
    section_counts: dict[str, int] = defaultdict(int)
    for row in active:
        section_counts[row.member.section.name if row.member.section else ""] += 1
    return Dashboard(
        active_members=len(active),
        admitted_this_year=sum(
            1 for r in rows if r.state.admitted_on and r.state.admitted_on.year == day.year
        ),
        departed_this_year=sum(
            1 for r in rows if r.state.departed_on and r.state.departed_on.year == day.year
        ),
        officers=officers,
        terms_ending_soon=[o for o in officers if o.term.end <= soon],
        recent_entries=register_entries(workplace, limit=8),
        section_counts=sorted((k, v) for k, v in section_counts.items() if k),
        shares_paid_total=sum((r.state.shares_paid for r in active), start=0),
    )


def invitation_list(workplace: Workplace) -> QuerySet[Invitation]:
    return Invitation.objects.filter(workplace=workplace).select_related("member")
