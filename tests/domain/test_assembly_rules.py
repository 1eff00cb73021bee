from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from cordones.domain.assemblies import minute_book
from cordones.domain.assemblies.rules import (
    AssemblyRules,
    Call,
    ballot_must_be_secret,
    excludes_conflicted,
    majority_for,
    notice_is_sufficient,
    petition_reached,
    quorum_needed,
    quorum_status,
    signatures_needed,
)
from cordones.domain.statutes import preset_versions, version_in_force

RULES = AssemblyRules.from_statute(
    version_in_force(preset_versions("ar-20337"), date(2026, 1, 1)).rules
)
T0 = datetime(2026, 4, 30, 18, 0)


def test_half_plus_one():
    assert quorum_needed(10, Fraction(1, 2)) == 6
    assert quorum_needed(43, Fraction(1, 2)) == 22
    assert quorum_needed(80, Fraction(1, 2)) == 41


def test_first_call_needs_quorum_second_call_any_number_after_an_hour():
    status = quorum_status(
        members=80, present=40, rules=RULES, called_for=T0, now=T0 + timedelta(minutes=5)
    )
    assert status.call is Call.WAITING and status.missing == 1
    assert (
        quorum_status(members=80, present=41, rules=RULES, called_for=T0, now=T0).call is Call.FIRST
    )
    late = quorum_status(
        members=80, present=12, rules=RULES, called_for=T0, now=T0 + timedelta(minutes=60)
    )
    assert late.call is Call.SECOND and late.reached
    early = quorum_status(
        members=80, present=12, rules=RULES, called_for=T0, now=T0 + timedelta(minutes=59)
    )
    assert not early.reached
    assert (
        quorum_status(
            members=80, present=41, rules=RULES, called_for=T0, now=T0 - timedelta(minutes=1)
        ).call
        is Call.WAITING
    )


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 500), st.integers(0, 500), st.integers(0, 200))
def test_quorum_is_monotonic_in_presence_and_time(members, present, minutes):
    present = min(present, members)
    now = T0 + timedelta(minutes=minutes)
    status = quorum_status(members=members, present=present, rules=RULES, called_for=T0, now=now)
    more = quorum_status(
        members=members, present=min(members, present + 1), rules=RULES, called_for=T0, now=now
    )
    later = quorum_status(
        members=members,
        present=present,
        rules=RULES,
        called_for=T0,
        now=now + timedelta(minutes=30),
    )
    assert (not status.reached) or more.reached
    assert (not status.reached) or later.reached
    assert status.reached == (present >= status.needed or (minutes >= 60 and present >= 1))


def test_notice_of_fifteen_days():
    assert notice_is_sufficient(date(2026, 4, 15), date(2026, 4, 30), 15)
    assert not notice_is_sufficient(date(2026, 4, 16), date(2026, 4, 30), 15)


def test_statute_matters():
    assert ballot_must_be_secret("election", RULES) and ballot_must_be_secret(
        "surplus_distribution", RULES
    )
    assert not ballot_must_be_secret("ordinary", RULES)
    assert majority_for("statute_reform", RULES) == Fraction(2, 3)
    assert majority_for("ordinary", RULES) == Fraction(1, 2)
    assert excludes_conflicted("annual_report", RULES) and not excludes_conflicted(
        "election", RULES
    )


def test_body_overrides():
    council = AssemblyRules.from_statute(
        version_in_force(preset_versions("ar-20337"), date(2026, 1, 1)).rules,
        notice_days=2,
        quorum_fraction="2/3",
    )
    assert council.notice_days == 2 and council.quorum_fraction == Fraction(2, 3)


def test_ten_percent_petitions_round_up():
    assert signatures_needed(43, Fraction(1, 10)) == 5
    assert not petition_reached(4, 43, Fraction(1, 10)) and petition_reached(5, 43, Fraction(1, 10))
    assert signatures_needed(3, Fraction(1, 10)) == 1


def _book(n):
    entries, previous = [], minute_book.GENESIS
    for number in range(1, n + 1):
        content = {"title": f"Asamblea {number}", "motions": [{"adopted": True}]}
        h = minute_book.entry_hash(number, content, previous)
        entries.append(minute_book.BookEntry(number, content, previous, h))
        previous = h
    return entries


def test_intact_book_verifies():
    assert minute_book.verify(_book(5)) == []


def test_altered_entry_is_named():
    book = _book(5)
    altered = minute_book.BookEntry(
        3,
        {"title": "Asamblea 3", "motions": [{"adopted": False}]},
        book[2].previous_hash,
        book[2].hash,
    )
    problems = minute_book.verify([*book[:2], altered, *book[3:]])
    assert [(p.number, p.reason) for p in problems] == [(3, "content_altered")]


def test_rehashed_entry_breaks_the_next_link():
    book = _book(4)
    content = {"title": "otra"}
    forged = minute_book.BookEntry(
        2, content, book[1].previous_hash, minute_book.entry_hash(2, content, book[1].previous_hash)
    )
    problems = minute_book.verify([book[0], forged, *book[2:]])
    assert [(p.number, p.reason) for p in problems] == [(3, "chain_broken")]


def test_removed_entry_is_a_gap():
    book = _book(4)
    reasons = {(p.number, p.reason) for p in minute_book.verify([book[0], book[2], book[3]])}
    assert (3, "number_gap") in reasons and (3, "chain_broken") in reasons


def test_canonical_content_does_not_depend_on_key_order():
    assert minute_book.canonical({"a": 1, "b": "ñ"}) == minute_book.canonical({"b": "ñ", "a": 1})
