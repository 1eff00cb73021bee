"""The legal books: every book with its head and its check, each book's pages and PDF with
numbered folios, the anchors the síndico keeps, and the síndico's reports (ADR 0013)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cordones.assemblies.services.books import auditor_report_enter
from cordones.books import selectors
from cordones.books.services import anchors_record
from cordones.core.errors import ServiceError
from cordones.domain.books import catalog
from cordones.web.forms_books import PROBLEM_LABELS, AuditorReportForm
from cordones.web.pdf_minutes import acta_view
from cordones.web.views.base import WorkplaceRequest, add_service_errors, workplace_view

ROW_BOOKS = {catalog.REGISTER: "register_book", catalog.JOURNAL: "economy_journal"}


def _problems(book: selectors.BookState) -> list[dict[str, Any]]:
    return [
        {"number": p.seq, "reason": PROBLEM_LABELS.get(p.reason, p.reason)} for p in book.problems
    ]


@workplace_view("assembly.view")
@require_GET
def books_index(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    books: list[dict[str, Any]] = [
        {
            "state": book,
            "problems": _problems(book),
            "page": reverse(ROW_BOOKS[book.key], args=[workplace.slug])
            if book.key in ROW_BOOKS
            else reverse("book_detail", args=[workplace.slug, book.key]),
            "pdf": None
            if book.key in ROW_BOOKS
            else reverse("book_pdf", args=[workplace.slug, book.key]),
        }
        for book in selectors.books_overview(workplace)
    ]
    labels = {b["state"].key: b["state"].label for b in books}
    anchors = [
        {"anchor": a, "label": labels.get(a.book, a.book)}
        for a in selectors.anchors_list(workplace)[:60]
    ]
    return render(
        request,
        "books/index.html",
        {"books": books, "anchors": anchors, "broken": any(b["problems"] for b in books)},
    )


def _state(request: WorkplaceRequest, book: str) -> selectors.BookState:
    if book in ROW_BOOKS or not catalog.is_valid(book):
        raise Http404
    states = selectors.books_overview(request.workplace, only=book)
    if not states:
        raise Http404
    return states[0]


def _entries(request: WorkplaceRequest, book: str) -> list[dict[str, Any]]:
    rows = []
    for entry in selectors.book_entries(request.workplace, book).select_related("minutes__meeting"):
        meeting = getattr(getattr(entry, "minutes", None), "meeting", None)
        rows.append(
            {
                "entry": entry,
                "content": entry.content,
                "acta": acta_view(
                    entry.content,
                    number=entry.number,
                    hash_=entry.hash,
                    previous=entry.previous_hash,
                ),
                "meeting": meeting,
                "present": [
                    (row[0], row[1], _when(row[2]), row[3])
                    for row in entry.content.get("present", [])
                    if len(row) == 4
                ],
            }
        )
    return rows


def _when(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _kind(book: str) -> str:
    if book == catalog.AUDITOR_REPORTS:
        return "reports"
    if catalog.is_attendance(book):
        return "attendance"
    return "minutes"


@workplace_view("assembly.view")
@require_GET
def book_detail(request: WorkplaceRequest, book: str) -> HttpResponse:
    state = _state(request, book)
    return render(
        request,
        "books/book.html",
        {
            "book": state,
            "kind": _kind(book),
            "rows": _entries(request, book),
            "problems": _problems(state),
        },
    )


def book_pdf_html(
    workplace: Any, state: selectors.BookState, kind: str, rows: list[dict[str, Any]]
) -> str:
    """The book as the HTML its PDF is printed from, in Spanish (the books' language): a
    cover with the heading (entity, matrícula, book, entries) and room for the rubric, then
    one entry per page; every page carries the heading, its folio number and the head."""
    with translation.override("es"):
        return render_to_string(
            "books/book_pdf.html",
            {
                "workplace": workplace,
                "book": state,
                "label": selectors.book_label(state.key, selectors.body_names(workplace)),
                "kind": kind,
                "rows": rows,
                "printed": formats.date_format(timezone.localdate(), "DATE_FORMAT"),
            },
        )


def book_pdf_bytes(
    workplace: Any,
    state: selectors.BookState,
    kind: str,
    rows: list[dict[str, Any]],
    base_url: str,
) -> bytes:
    from weasyprint import HTML  # heavy import; only when a PDF is asked for

    html = book_pdf_html(workplace, state, kind, rows)
    return bytes(HTML(string=html, base_url=base_url).write_pdf())


@workplace_view("assembly.view")
@require_GET
def book_pdf(request: WorkplaceRequest, book: str) -> HttpResponse:
    state = _state(request, book)
    pdf = book_pdf_bytes(
        request.workplace,
        state,
        _kind(book),
        _entries(request, book),
        request.build_absolute_uri("/"),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="libro-{book.replace("_", "-")}-{request.workplace.slug}.pdf"'
    )
    return response


@workplace_view("assembly.view")
@require_GET
def anchors_txt(request: WorkplaceRequest) -> HttpResponse:
    """Every book's head today, one line each, for `verify-books --anchors FILE`."""
    workplace = request.workplace
    today = timezone.localdate().isoformat()
    lines = [f"# {workplace.legal_name}: heads of the books on {today}"]
    lines += [
        f"{workplace.slug} {book.key} {book.head}" for book in selectors.books_overview(workplace)
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anclas-{workplace.slug}-{today}.txt"'
    return response


@workplace_view("books.anchor")
@require_POST
def anchors_record_view(request: WorkplaceRequest) -> HttpResponse:
    try:
        anchors_record(request.access, request.workplace)
    except ServiceError as exc:
        for field_messages in exc.errors.values():
            for message in field_messages:
                messages.error(request, message)
    else:
        messages.success(request, _("Today's head of every book was recorded."))
    return redirect(reverse("minute_book", args=[request.workplace.slug]) + "#anchors")


@workplace_view("books.auditor_report")
@require_http_methods(["GET", "POST"])
def auditor_report_new(request: WorkplaceRequest) -> HttpResponse:
    form = AuditorReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = auditor_report_enter(
                request.access,
                request.workplace,
                title=data["title"],
                text=data["text"],
                period_start=data["period_start"],
                period_end=data["period_end"],
            )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Report %(n)s was signed into the book of auditor's reports.")
                % {"n": entry.number},
            )
            return redirect(
                reverse("book_detail", args=[request.workplace.slug, catalog.AUDITOR_REPORTS])
            )
    return render(request, "books/report_form.html", {"form": form})


@workplace_view("assembly.view")
@require_GET
def minute_book_pdf(request: WorkplaceRequest) -> HttpResponse:
    """The book of Actas de Asambleas (the address the minute book's PDF always had)."""
    return book_pdf.__wrapped__(request, catalog.ASSEMBLY_MINUTES)  # type: ignore[attr-defined]
