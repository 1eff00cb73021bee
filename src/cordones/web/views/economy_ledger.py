"""The books: journal, accounts, reports and their exports, periods and the year close."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cordones.core.errors import ServiceError
from cordones.domain.bounds import MAX_INT32, parse_int
from cordones.ledger import exports, selectors, services
from cordones.ledger.models import FiscalYear, JournalEntry, LedgerAccount, Period
from cordones.web.csv_locale import csv_response
from cordones.web.forms_economy import AccountForm, DayForm, EntryForm
from cordones.web.views.base import workplace_view
from cordones.web.views.economy import form_page


def _url(request: HttpRequest, name: str, *args: object) -> str:
    return reverse(name, args=[request.workplace.slug, *args])  # type: ignore[attr-defined]


def _errors_to_messages(request: HttpRequest, exc: ServiceError) -> None:
    for message_list in exc.errors.values():
        for message in message_list:
            messages.error(request, message)


def _year(request: HttpRequest) -> FiscalYear:
    workplace = request.workplace  # type: ignore[attr-defined]
    year = selectors.fiscal_year_get(workplace, request.GET.get("year"), timezone.localdate())
    if year is None:
        year = services.fiscal_year_ensure(workplace, timezone.localdate())
    return year


@workplace_view("ledger.view")
def journal(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    year = _year(request)
    page = parse_int(request.GET.get("page", ""), 1, MAX_INT32) or 1
    total = selectors.journal_count(workplace, start=year.start, end=year.end)
    pages = max(1, -(-total // 50))
    page = min(page, pages)
    entries, total = selectors.journal_page(workplace, start=year.start, end=year.end, page=page)
    return render(
        request,
        "economy/journal.html",
        {
            "year": year,
            "years": selectors.fiscal_year_list(workplace),
            "entries": entries,
            "total": total,
            "page": page,
            "pages": pages,
        },
    )


@workplace_view("ledger.post")
@require_http_methods(["GET", "POST"])
def entry_new(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    services.chart_seed(workplace)
    accounts = [
        (a.code, f"{a.code} {a.name}")
        for a in LedgerAccount.objects.filter(workplace=workplace).order_by("code")
    ]
    form = EntryForm(request.POST or None, accounts=accounts, initial={"on": timezone.localdate()})

    def action(data: dict[str, Any]) -> str:
        entry = services.entry_post(
            request.access,  # type: ignore[attr-defined]
            workplace,
            on=data["on"],
            narration=data["narration"],
            section=data.get("section") or "",
            lines=form.lines(),
        )
        messages.success(request, _("Entry %(number)s was posted.") % {"number": entry.number})
        return _url(request, "economy_entry", entry.number)

    return form_page(request, form, "economy/entry_form.html", {}, action)


@workplace_view("ledger.view")
def entry_detail(request: HttpRequest, number: int) -> HttpResponse:
    try:
        entry = selectors.entry_get(request.workplace, number)  # type: ignore[attr-defined]
    except JournalEntry.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "economy/entry.html",
        {
            "entry": entry,
            "reversal": selectors.reversal_of(entry),
            "form": DayForm(initial={"on": timezone.localdate()}),
        },
    )


@workplace_view("ledger.post")
@require_POST
def entry_reverse(request: HttpRequest, number: int) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    try:
        entry = selectors.entry_get(workplace, number)
    except JournalEntry.DoesNotExist:
        raise Http404 from None
    form = DayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a date."))
        return redirect(_url(request, "economy_entry", number))
    try:
        reversal = services.entry_reverse(request.access, entry, on=form.cleaned_data["on"])  # type: ignore[attr-defined]
    except ServiceError as exc:
        _errors_to_messages(request, exc)
        return redirect(_url(request, "economy_entry", number))
    messages.success(request, _("Entry %(number)s reverses it.") % {"number": reversal.number})
    return redirect(_url(request, "economy_entry", reversal.number))


@workplace_view("ledger.view")
@require_http_methods(["GET", "POST"])
def accounts(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    if request.method == "POST" and not request.access.can("ledger.post"):  # type: ignore[attr-defined]
        return render(request, "web/forbidden.html", status=403)
    services.chart_seed(workplace)
    form = AccountForm(request.POST or None)

    def action(data: dict[str, Any]) -> str:
        services.account_add(request.access, workplace, **data)  # type: ignore[attr-defined]
        messages.success(request, _("The account was added."))
        return _url(request, "economy_accounts")

    return form_page(
        request,
        form,
        "economy/accounts.html",
        {"accounts": LedgerAccount.objects.filter(workplace=workplace).order_by("code")},
        action,
    )


@workplace_view("ledger.view")
def reports(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    year = _year(request)
    data = selectors.reports_get(workplace, year.start, year.end)
    return render(
        request,
        "economy/reports.html",
        {"year": year, "years": selectors.fiscal_year_list(workplace), "r": data},
    )


@workplace_view("ledger.view")
def report_export(request: HttpRequest, report: str, fmt: str) -> HttpResponse:
    if report not in exports.REPORTS or fmt not in ("csv", "xlsx"):
        raise Http404
    workplace = request.workplace  # type: ignore[attr-defined]
    year = _year(request)
    body = exports.report_file(workplace, report, year.start, year.end, fmt)
    filename = f"{report}-{workplace.slug}-{year.label.replace('/', '-')}.{fmt}"
    if fmt == "csv":
        return csv_response(body.decode("utf-8"), filename)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@workplace_view("ledger.view")
def beancount(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    if request.GET.get("year") == "all":
        start = end = None
        label = "all"
    else:
        year = _year(request)
        start, end, label = year.start, year.end, year.label.replace("/", "-")
    body = exports.beancount_export(workplace, start, end)
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{workplace.slug}-{label}.beancount"'
    return response


@workplace_view("ledger.view")
def periods(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    year = _year(request)
    return render(
        request,
        "economy/periods.html",
        {
            "year": year,
            "years": selectors.fiscal_year_list(workplace),
            "periods": selectors.period_list(year),
        },
    )


@workplace_view("ledger.close")
@require_POST
def period_close(request: HttpRequest, period_id: int) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    period = (
        Period.objects.filter(workplace=workplace, pk=period_id).select_related("workplace").first()
    )
    if period is None:
        raise Http404
    try:
        services.period_close(request.access, period)  # type: ignore[attr-defined]
    except ServiceError as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, _("The month was closed."))
    return redirect(_url(request, "economy_periods") + f"?year={period.fiscal_year.end.year}")


@workplace_view("ledger.close")
@require_POST
def year_close(request: HttpRequest, year_id: int) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    year = (
        FiscalYear.objects.filter(workplace=workplace, pk=year_id)
        .select_related("workplace")
        .first()
    )
    if year is None:
        raise Http404
    if year.end >= timezone.localdate():
        messages.error(request, _("A fiscal year can be closed only after its last day."))
        return redirect(_url(request, "economy_periods") + f"?year={year.end.year}")
    try:
        services.year_close(request.access, year)  # type: ignore[attr-defined]
    except ServiceError as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, _("The fiscal year was closed."))
    return redirect(_url(request, "economy_periods") + f"?year={year.end.year}")
