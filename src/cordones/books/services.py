"""Writes on the books app: the chain links of new journal entries and register lines
(called by the ledger and register services inside their own transaction, with the
workplace row already locked), and the anchors the síndico records."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.utils.translation import gettext as _

from cordones.books.contents import chain_rows, journal_contents, register_contents
from cordones.books.models import BookAnchor, BookLink
from cordones.core.errors import ServiceError
from cordones.domain.books import catalog
from cordones.members.permissions import Access, require
from cordones.workplaces.models import Workplace


def journal_chain(workplace: Workplace, numbers: Collection[int]) -> list[BookLink]:
    """Link journal entries just posted. Called inside the posting transaction."""
    from cordones.ledger.models import JournalEntry, JournalLine

    contents = journal_contents(JournalEntry, JournalLine, workplace.pk, numbers)
    return chain_rows(BookLink, workplace.pk, catalog.JOURNAL, contents)


def register_chain(workplace: Workplace, seqs: Collection[int]) -> list[BookLink]:
    """Link register lines just written. Called inside the writing transaction."""
    from cordones.members.models import RegisterEntry

    contents = register_contents(RegisterEntry, workplace.pk, seqs)
    return chain_rows(BookLink, workplace.pk, catalog.REGISTER, contents)


def anchors_record(access: Access, workplace: Workplace) -> list[BookAnchor]:
    """Record today's head of every book, for the síndico to keep (and compare later)."""
    require(access, "books.anchor", workplace)
    from cordones.books.selectors import books_overview

    with transaction.atomic():
        Workplace.objects.select_for_update().filter(pk=workplace.pk).first()
        books = books_overview(workplace)
        broken = [book.label for book in books if not book.intact]
        if broken:  # anchoring an altered book would vouch for the alteration
            raise ServiceError.single(
                "",
                _("These books do not verify, so their heads are not recorded: %(books)s.")
                % {"books": ", ".join(broken)},
            )
        return list(
            BookAnchor.objects.bulk_create(
                BookAnchor(
                    workplace=workplace,
                    book=book.key,
                    count=book.head.count,
                    hash=book.head.hash,
                    recorded_by_id=access.user_id,
                )
                for book in books
            )
        )
