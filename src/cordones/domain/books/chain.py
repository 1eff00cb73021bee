"""Any book as a hash chain, and the anchors that catch a truncated one.

A book is a numbered sequence of entries (1, 2, 3 ...). Each entry's link hash covers its
number, the previous link's hash and the entry's canonical content (the same formula as the
minute book, ADR 0008), so changing, removing or reordering an entry breaks its link and
every link after it. Books whose rows are kept elsewhere (the journal, the register) store
only the links; verification re-computes each entry's content from its rows and names:

- ``content_altered``: the row no longer matches its link;
- ``chain_broken``: a link does not follow the one before it;
- ``number_gap``: a number is missing before this one;
- ``missing``: a link exists but its row is gone;
- ``unchained``: a row exists that was never linked (added behind the service's back).

Deleting the last entries together with their links leaves a shorter chain that is still
consistent; only a copy of the head kept elsewhere catches that. An *anchor* is such a copy:
the number of entries and the hash of the last one at some moment. Checking a book against an
anchor names ``truncated`` (the anchored entry is gone) or ``anchor_mismatch`` (it is there
but its hash differs: the chain was rewritten).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from cordones.domain.assemblies.minute_book import GENESIS, entry_hash

__all__ = [
    "GENESIS",
    "Anchor",
    "Head",
    "Link",
    "Problem",
    "check_anchor",
    "extend",
    "head",
    "journal_content",
    "link",
    "parse_anchor",
    "register_content",
    "verify",
    "verify_stored",
]


@dataclass(frozen=True)
class Link:
    seq: int
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class Problem:
    seq: int
    reason: str


@dataclass(frozen=True)
class Head:
    """What a book looks like from outside: how many entries and the last one's hash."""

    count: int
    hash: str

    def __str__(self) -> str:
        return f"{self.count}:{self.hash}"


Anchor = Head


def link(seq: int, content: Mapping[str, Any], previous_hash: str) -> Link:
    return Link(seq, previous_hash, entry_hash(seq, content, previous_hash))


def extend(last: Link | None, contents: Sequence[tuple[int, Mapping[str, Any]]]) -> list[Link]:
    """The links for new entries appended after ``last`` (None: the book is empty)."""
    previous = last.hash if last else GENESIS
    links = []
    for seq, content in contents:
        new = link(seq, content, previous)
        links.append(new)
        previous = new.hash
    return links


def verify(links: Iterable[Link], contents: Mapping[int, Mapping[str, Any]]) -> list[Problem]:
    """Re-check a book whose rows live apart from its links; [] means intact."""
    problems: list[Problem] = []
    expected_previous = GENESIS
    expected_seq = 1
    linked: set[int] = set()
    for item in sorted(links, key=lambda lk: lk.seq):
        linked.add(item.seq)
        if item.seq != expected_seq:
            problems.append(Problem(item.seq, "number_gap"))
        if item.previous_hash != expected_previous:
            problems.append(Problem(item.seq, "chain_broken"))
        content = contents.get(item.seq)
        if content is None:
            problems.append(Problem(item.seq, "missing"))
        elif entry_hash(item.seq, content, item.previous_hash) != item.hash:
            problems.append(Problem(item.seq, "content_altered"))
        expected_previous = item.hash
        expected_seq = item.seq + 1
    problems.extend(Problem(seq, "unchained") for seq in sorted(set(contents) - linked))
    return problems


def verify_stored(
    entries: Iterable[tuple[int, Mapping[str, Any], str, str]],
) -> list[Problem]:
    """Re-check a book that keeps its content with its links (number, content, previous,
    hash), like the minute books."""
    rows = list(entries)
    return verify(
        [Link(seq, previous, hash_) for seq, _c, previous, hash_ in rows],
        {seq: content for seq, content, _p, _h in rows},
    )


def head(links: Iterable[Link]) -> Head:
    ordered = sorted(links, key=lambda lk: lk.seq)
    if not ordered:
        return Head(0, GENESIS)
    return Head(len(ordered), ordered[-1].hash)


def check_anchor(links: Iterable[Link], anchor: Anchor) -> list[Problem]:
    """An anchor says entry ``count`` existed with hash ``hash``; is it still so?"""
    if anchor.count == 0:
        return []
    by_seq = {lk.seq: lk for lk in links}
    found = by_seq.get(anchor.count)
    if found is None:
        return [Problem(anchor.count, "truncated")]
    if found.hash != anchor.hash:
        return [Problem(anchor.count, "anchor_mismatch")]
    return []


def parse_anchor(text: str) -> Anchor | None:
    """``COUNT:HASH`` as printed on a book (None when it is not one)."""
    count, sep, hash_ = text.strip().partition(":")
    hash_ = hash_.strip().lower()
    if (
        not sep
        or not count.isdigit()
        or len(count) > 9
        or len(hash_) != 64
        or any(c not in "0123456789abcdef" for c in hash_)
    ):
        return None
    return Anchor(int(count), hash_)


def _amount(value: Decimal | int | str | None) -> str | None:
    if value is None:
        return None
    return f"{Decimal(value):.2f}"


def _day(value: date | str | None) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def journal_content(
    *,
    number: int,
    on: date,
    narration: str,
    kind: str,
    section: str,
    ref: str,
    source: str,
    reverses: int | None,
    lines: Sequence[tuple[int, str, Decimal | str, str]],
) -> dict[str, Any]:
    """A journal entry (asiento) as the chain sees it: every field that has meaning, and
    every line as (line number, account code, amount with two decimals, memo)."""
    return {
        "number": number,
        "date": _day(on),
        "narration": narration,
        "kind": kind,
        "section": section,
        "ref": ref,
        "source": source,
        "reverses": reverses,
        "lines": [
            [line_no, account, _amount(amount), memo]
            for line_no, account, amount, memo in sorted(lines)
        ],
    }


def register_content(
    *,
    seq: int,
    member_number: int,
    kind: str,
    on: date,
    shares_subscribed: Decimal | None,
    shares_paid: Decimal | None,
    office: str,
    term_end: date | None,
    term_entry_seq: int | None,
    departure_reason: str,
    corrects_seq: int | None,
    corrected_on: date | None,
    void: bool,
    note: str,
) -> dict[str, Any]:
    """A line of the Registro de Asociados as the chain sees it."""
    return {
        "seq": seq,
        "member": member_number,
        "kind": kind,
        "on": _day(on),
        "subscribed": _amount(shares_subscribed),
        "paid": _amount(shares_paid),
        "office": office,
        "term_end": _day(term_end),
        "term_entry": term_entry_seq,
        "reason": departure_reason,
        "corrects": corrects_seq,
        "corrected_on": _day(corrected_on),
        "void": bool(void),
        "note": note,
    }
