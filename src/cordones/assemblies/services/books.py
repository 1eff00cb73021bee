"""The books of actas, attendance and síndico reports: entering into them (ADR 0013).

`book_enter_acta(meeting, content)` is the one way an acta enters a book: into its body's
minute book with that book's next number, hash-chained, and its attendance entry into the
body's attendance book in the same transaction. The síndico writes and signs reports into
the book of Informes del Síndico with `auditor_report_enter`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cordones.assemblies.models import Attendance, Meeting, MinuteBookEntry
from cordones.assemblies.services._common import member_of
from cordones.core.errors import ServiceError
from cordones.domain.assemblies import minute_book
from cordones.domain.books import catalog
from cordones.domain.books.minutes import attendance_content
from cordones.members.permissions import Access, require
from cordones.workplaces.models import Workplace

REPORT_TITLE_MAX = 200
REPORT_TEXT_MAX = 50_000


def _append(
    workplace: Workplace, book: str, content_for: Callable[[int], dict[str, Any]]
) -> MinuteBookEntry:
    """The next entry of one book (the caller holds the workplace lock)."""
    last = (
        MinuteBookEntry.objects.filter(workplace=workplace, book=book).order_by("-number").first()
    )
    number = (last.number if last else 0) + 1
    previous = last.hash if last else minute_book.GENESIS
    content = content_for(number)
    return MinuteBookEntry.objects.create(
        workplace=workplace,
        book=book,
        number=number,
        content=content,
        previous_hash=previous,
        hash=minute_book.entry_hash(number, content, previous),
    )


def book_enter_acta(meeting: Meeting, content: dict[str, Any]) -> MinuteBookEntry:
    """Enter the signed acta (its content as signed) into its body's book, and its page
    into the body's attendance book. Returns the acta's entry. Runs in one transaction and
    takes the workplace lock, so numbers never collide."""
    workplace = meeting.workplace
    body = meeting.body
    acta_book = catalog.minutes_book(body.kind, body.pk)
    attendance_book = catalog.attendance_book(body.kind, body.pk)
    with transaction.atomic():
        Workplace.objects.select_for_update().filter(pk=workplace.pk).first()
        acta = _append(workplace, acta_book, lambda n: {**content, "number": n, "book": acta_book})
        checkins = {
            number: (timezone.localtime(at).isoformat(), by_self)
            for number, at, by_self in Attendance.objects.filter(meeting=meeting).values_list(
                "member__number", "checked_in_at", "by_self"
            )
        }
        _append(
            workplace,
            attendance_book,
            lambda n: attendance_content(
                book=attendance_book,
                number=n,
                acta_book=acta_book,
                acta_number=acta.number,
                acta_hash=acta.hash,
                acta=acta.content,
                checkins=checkins,
            ),
        )
    return acta


def auditor_report_enter(
    access: Access,
    workplace: Workplace,
    *,
    title: str,
    text: str,
    period_start: date | None = None,
    period_end: date | None = None,
) -> MinuteBookEntry:
    """The síndico signs a report into the book of Informes del Síndico: entering it is
    signing it (who, as síndico, and when are in the entry and its hash)."""
    require(access, "books.auditor_report", workplace)
    title, text = title.strip(), text.strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Give the report a title.")]
    elif len(title) > REPORT_TITLE_MAX:
        errors["title"] = [_("Keep the title under 200 characters.")]
    if not text:
        errors["text"] = [_("Write the report.")]
    elif len(text) > REPORT_TEXT_MAX:
        errors["text"] = [_("Keep the report under 50,000 characters.")]
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = [_("The period ends before it starts.")]
    if errors:
        raise ServiceError(errors)
    member = member_of(access)
    now = timezone.now()
    with translation.override("es"):
        signed = formats.date_format(timezone.localtime(now), "SHORT_DATETIME_FORMAT")
    with transaction.atomic():
        Workplace.objects.select_for_update().filter(pk=workplace.pk).first()
        return _append(
            workplace,
            catalog.AUDITOR_REPORTS,
            lambda n: {
                "book": catalog.AUDITOR_REPORTS,
                "number": n,
                "workplace": workplace.legal_name,
                "title": title,
                "text": text,
                "period": [
                    period_start.isoformat() if period_start else None,
                    period_end.isoformat() if period_end else None,
                ],
                "signed_at": timezone.localtime(now).isoformat(),
                "signatures": [["auditor", member.number, member.full_name, signed]],
            },
        )
