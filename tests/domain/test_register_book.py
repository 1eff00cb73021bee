"""Rules of the members register, without a database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cordones.domain.register.book import (
    Entry,
    EntryKind,
    Office,
    check_admission,
    check_correction,
    check_departure,
    check_office_end,
    check_office_term,
    effective_entries,
    member_state,
    officers_on,
)

D0 = date(2010, 3, 1)


def admission(
    seq: int = 1, number: int = 7, on: date = D0, sub: str = "1000", paid: str = "500"
) -> Entry:
    return Entry(
        seq, number, EntryKind.ADMISSION, on, {"subscribed": Decimal(sub), "paid": Decimal(paid)}
    )


def test_admission_and_departure_define_membership():
    entries = [
        admission(),
        Entry(2, 7, EntryKind.DEPARTURE, date(2015, 1, 1), {"reason": "resignation"}),
    ]
    state = member_state(7, entries)
    assert state.is_member_on(date(2014, 12, 31))
    assert not state.is_member_on(date(2015, 1, 1))
    assert not state.is_member_on(D0 - timedelta(days=1))
    assert state.shares_paid == Decimal("500")


def test_correction_replaces_values_and_keeps_the_original_entry():
    original = admission(sub="1000")
    fix = Entry(
        2, 7, EntryKind.CORRECTION, date(2011, 1, 1), {"subscribed": Decimal("1500")}, corrects=1
    )
    state = member_state(7, [original, fix])
    assert state.shares_subscribed == Decimal("1500")
    # the original entry is still there, untouched
    assert original.data["subscribed"] == Decimal("1000")
    assert [e.seq for e in effective_entries([original, fix])] == [1]


def test_latest_correction_wins_and_void_removes():
    a = admission()
    office = Entry(
        2,
        7,
        EntryKind.OFFICE_START,
        date(2012, 4, 30),
        {"office": "president", "term_end": "2015-04-30"},
    )
    fix1 = Entry(
        3, 7, EntryKind.CORRECTION, date(2013, 1, 1), {"term_end": "2014-04-30"}, corrects=2
    )
    fix2 = Entry(
        4, 7, EntryKind.CORRECTION, date(2013, 2, 1), {"term_end": "2015-05-01"}, corrects=2
    )
    assert member_state(7, [a, office, fix1, fix2]).offices[0].end == date(2015, 5, 1)
    void = Entry(5, 7, EntryKind.CORRECTION, date(2013, 3, 1), {"void": True}, corrects=2)
    assert member_state(7, [a, office, fix1, fix2, void]).offices == ()


def test_correction_can_move_a_date():
    fix = Entry(2, 7, EntryKind.CORRECTION, date(2011, 1, 1), {"on": date(2009, 12, 1)}, corrects=1)
    assert member_state(7, [admission(), fix]).admitted_on == date(2009, 12, 1)


def test_duplicate_member_number_is_rejected():
    errors = check_admission(
        member_number=7, taken_numbers=[1, 7], subscribed=Decimal(1), paid=Decimal(1)
    )
    assert [e.code for e in errors] == ["member_number_taken"]
    assert (
        check_admission(
            member_number=8, taken_numbers=[1, 7], subscribed=Decimal(1), paid=Decimal(1)
        )
        == []
    )


def test_paid_above_subscribed_and_negative_amounts():
    codes = [
        e.code
        for e in check_admission(
            member_number=1, taken_numbers=[], subscribed=Decimal(10), paid=Decimal(20)
        )
    ]
    assert codes == ["paid_exceeds_subscribed"]
    codes = [
        e.code
        for e in check_admission(
            member_number=0, taken_numbers=[], subscribed=Decimal(-1), paid=Decimal(0)
        )
    ]
    assert codes == ["member_number_invalid", "amount_negative"]


def test_office_term_end_before_start_and_non_member():
    state = member_state(7, [admission()])
    errors = check_office_term(
        state, office=Office.PRESIDENT, start=date(2012, 1, 1), end=date(2011, 1, 1)
    )
    assert [e.code for e in errors] == ["end_before_start"]
    errors = check_office_term(
        state, office=Office.PRESIDENT, start=date(2000, 1, 1), end=date(2001, 1, 1)
    )
    assert [e.code for e in errors] == ["not_a_member_on"]


def test_office_held_twice_at_once_is_rejected():
    office = Entry(
        2,
        7,
        EntryKind.OFFICE_START,
        date(2012, 4, 30),
        {"office": "secretary", "term_end": "2015-04-30"},
    )
    state = member_state(7, [admission(), office])
    errors = check_office_term(
        state, office=Office.SECRETARY, start=date(2013, 1, 1), end=date(2016, 1, 1)
    )
    assert [e.code for e in errors] == ["office_already_held"]
    assert (
        check_office_term(
            state, office=Office.SECRETARY, start=date(2015, 5, 1), end=date(2018, 1, 1)
        )
        == []
    )


def test_office_ends_early_and_officers_on_a_day():
    office = Entry(
        2,
        7,
        EntryKind.OFFICE_START,
        date(2012, 4, 30),
        {"office": "treasurer", "term_end": "2015-04-30"},
    )
    ended = Entry(3, 7, EntryKind.OFFICE_END, date(2013, 6, 1), {"term_entry": 2})
    state = member_state(7, [admission(), office, ended])
    assert state.offices_on(date(2013, 5, 31)) == (Office.TREASURER,)
    assert state.offices_on(date(2013, 6, 2)) == ()
    assert officers_on([state], date(2013, 1, 1)) == {Office.TREASURER: [7]}
    assert [e.code for e in check_office_end(state, term_entry=2, on=date(2014, 1, 1))] == [
        "term_already_ended"
    ]
    assert [e.code for e in check_office_end(state, term_entry=99, on=date(2014, 1, 1))] == [
        "term_unknown"
    ]


def test_departure_rules():
    state = member_state(7, [admission()])
    assert check_departure(state, on=D0) == []
    assert [e.code for e in check_departure(state, on=D0 - timedelta(days=1))] == [
        "end_before_start"
    ]
    gone = member_state(
        7, [admission(), Entry(2, 7, EntryKind.DEPARTURE, date(2012, 1, 1), {"reason": "death"})]
    )
    assert [e.code for e in check_departure(gone, on=date(2013, 1, 1))] == ["already_departed"]
    assert [e.code for e in check_departure(member_state(9, []), on=D0)] == ["not_admitted"]


def test_a_correction_cannot_be_corrected():
    fix = Entry(2, 7, EntryKind.CORRECTION, D0, {"void": True}, corrects=1)
    assert [e.code for e in check_correction(fix)] == ["cannot_correct_correction"]
    assert [e.code for e in check_correction(None)] == ["entry_unknown"]
    assert check_correction(admission()) == []


amounts = st.decimals(min_value=0, max_value=10_000, places=2)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(amounts, amounts), min_size=1, max_size=8), st.randoms())
def test_state_does_not_depend_on_the_order_entries_arrive(parts, rnd):
    entries = [admission(seq=1, sub="0", paid="0")] + [
        Entry(i + 2, 7, EntryKind.SHARES, D0 + timedelta(days=i), {"subscribed": s, "paid": p})
        for i, (s, p) in enumerate(parts)
    ]
    shuffled = entries[:]
    rnd.shuffle(shuffled)
    state = member_state(7, shuffled)
    assert state == member_state(7, entries)
    assert state.shares_subscribed == sum((s for s, _ in parts), Decimal(0))
    assert state.shares_paid == sum((p for _, p in parts), Decimal(0))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=0, max_value=4000))
def test_membership_interval_is_exactly_admission_to_departure(days_in, probe):
    left = D0 + timedelta(days=days_in)
    state = member_state(
        7, [admission(), Entry(2, 7, EntryKind.DEPARTURE, left, {"reason": "resignation"})]
    )
    day = D0 + timedelta(days=probe)
    assert state.is_member_on(day) == (D0 <= day < left)
