"""Reads on the legal books: each book's entries, head and problems, and the anchors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cordones.books.contents import journal_contents, register_contents
from cordones.books.models import BookAnchor, BookLink
from cordones.domain.books import catalog, chain
from cordones.domain.books.minutes import cross_problems
from cordones.workplaces.models import Workplace

# the minute-book kind of books, kept in assemblies.MinuteBookEntry
ROW_BOOKS = (catalog.JOURNAL, catalog.REGISTER)


@dataclass(frozen=True)
class BookState:
    key: str
    label: str
    head: chain.Head
    problems: list[chain.Problem] = field(default_factory=list)
    anchors_checked: int = 0

    @property
    def count(self) -> int:
        return self.head.count

    @property
    def intact(self) -> bool:
        return not self.problems


def book_label(key: str, body_names: Mapping[int, str] | None = None) -> str:
    labels = {
        catalog.ASSEMBLY_MINUTES: _("Minutes of assemblies"),
        catalog.ASSEMBLY_ATTENDANCE: _("Attendance at assemblies"),
        catalog.COUNCIL_MINUTES: _("Minutes of council meetings"),
        catalog.COUNCIL_ATTENDANCE: _("Attendance at council meetings"),
        catalog.AUDITOR_REPORTS: _("Auditor's reports"),
        catalog.REGISTER: _("Members register"),
        catalog.JOURNAL: _("Journal"),
        catalog.LEGACY_MINUTES: _("Former minute book (all bodies, closed)"),
    }
    if key in labels:
        return labels[key]
    body_id = catalog.body_id_of(key)
    name = (body_names or {}).get(body_id or 0, str(body_id))
    if catalog.is_attendance(key):
        return _("Attendance at %(body)s") % {"body": name}
    return _("Minutes of %(body)s") % {"body": name}


def body_names(workplace: Workplace) -> dict[int, str]:
    from cordones.assemblies.models import Body

    return dict(Body.objects.filter(workplace=workplace).values_list("pk", "name"))


def book_entries(workplace: Workplace, book: str) -> QuerySet[Any]:
    """The entries of a book of actas, attendance or reports, in order."""
    from cordones.assemblies.models import MinuteBookEntry

    return MinuteBookEntry.objects.filter(workplace=workplace, book=book).order_by("number")


def book_keys(workplace: Workplace) -> list[str]:
    """Every book the workplace keeps: the standard ones, then those of other bodies and
    the former mixed minute book if it holds anything."""
    from cordones.assemblies.models import MinuteBookEntry

    present = set(
        MinuteBookEntry.objects.filter(workplace=workplace)
        .values_list("book", flat=True)
        .distinct()
    )
    extra = sorted(present - set(catalog.STANDARD))
    return [*catalog.STANDARD, *extra]


def _minute_books(
    workplace: Workplace,
) -> dict[str, list[tuple[int, dict[str, Any], str, str]]]:
    from cordones.assemblies.models import MinuteBookEntry

    books: dict[str, list[tuple[int, dict[str, Any], str, str]]] = defaultdict(list)
    for book, number, content, previous, hash_ in (
        MinuteBookEntry.objects.filter(workplace=workplace)
        .order_by("book", "number")
        .values_list("book", "number", "content", "previous_hash", "hash")
    ):
        books[book].append((number, content, previous, hash_))
    return books


def _links(workplace: Workplace, book: str) -> list[chain.Link]:
    return [
        chain.Link(seq, previous, hash_)
        for seq, previous, hash_ in BookLink.objects.filter(workplace=workplace, book=book)
        .order_by("seq")
        .values_list("seq", "previous_hash", "hash")
    ]


def anchors_list(workplace: Workplace) -> QuerySet[BookAnchor]:
    return BookAnchor.objects.filter(workplace=workplace).order_by("-recorded_at", "book")


def books_overview(
    workplace: Workplace,
    *,
    anchors: Mapping[str, Sequence[chain.Anchor]] | None = None,
    check_anchors: bool = True,
    only: str | None = None,
) -> list[BookState]:
    """Every book re-computed: its head and what is wrong with it. Anchors checked are the
    ones recorded here and any given (from a printed page or the síndico's file)."""
    from cordones.ledger.models import JournalEntry, JournalLine
    from cordones.members.models import RegisterEntry

    given: dict[str, list[chain.Anchor]] = defaultdict(list)
    if check_anchors:
        for book, count, hash_ in anchors_list(workplace).values_list("book", "count", "hash"):
            given[book].append(chain.Anchor(count, hash_))
    for book, items in (anchors or {}).items():
        given[book].extend(items)
    minute_books = _minute_books(workplace)
    hashes = {(b, n): h for b, rows in minute_books.items() for n, _c, _p, h in rows}
    legacy = {n: (c, h) for n, c, _p, h in minute_books.get(catalog.LEGACY_MINUTES, [])}
    carried = {
        c["provenance"].get("number")
        for rows in minute_books.values()
        for _n, c, _p, _h in rows
        if isinstance(c.get("provenance"), Mapping)
    }
    names = body_names(workplace)
    states = []
    for key in book_keys(workplace):
        if only and key != only:
            continue
        if key == catalog.JOURNAL:
            links = _links(workplace, key)
            problems = chain.verify(
                links, journal_contents(JournalEntry, JournalLine, workplace.pk)
            )
        elif key == catalog.REGISTER:
            links = _links(workplace, key)
            problems = chain.verify(links, register_contents(RegisterEntry, workplace.pk))
        else:
            rows = minute_books.get(key, [])
            links = [chain.Link(n, p, h) for n, _c, p, h in rows]
            problems = chain.verify_stored(rows)
            if key == catalog.LEGACY_MINUTES:  # each old acta lives on in its body's book
                problems += [chain.Problem(n, "not_carried") for n in legacy if n not in carried]
            problems += [
                chain.Problem(n, reason)
                for n, reason in cross_problems(
                    key, [(n, c) for n, c, _p, _h in rows], hashes, legacy
                )
            ]
        for anchor in given.get(key, []):
            for problem in chain.check_anchor(links, anchor):
                if problem not in problems:
                    problems.append(problem)
        states.append(
            BookState(
                key=key,
                label=book_label(key, names),
                head=chain.head(links),
                problems=problems,
                anchors_checked=len(given.get(key, [])),
            )
        )
    return states


def book_head(workplace: Workplace, key: str) -> chain.Head:
    """A book's head as stored (its number of entries and last hash), without re-checking:
    what a printed book carries for the síndico to keep."""
    if key in ROW_BOOKS:
        last = BookLink.objects.filter(workplace=workplace, book=key).order_by("-seq").first()
        return chain.Head(last.seq, last.hash) if last else chain.Head(0, chain.GENESIS)
    entry = book_entries(workplace, key).last()
    return chain.Head(entry.number, entry.hash) if entry else chain.Head(0, chain.GENESIS)
