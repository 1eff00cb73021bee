"""Retiros pages: schemes, monthly sheets, receipts, and retiros against prices."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from cordones.core.errors import ServiceError
from cordones.domain.retiros import SchemeKind
from cordones.ledger.exports import simple_table, table_csv, table_xlsx
from cordones.members.selectors import register_rows
from cordones.retiros import selectors, services
from cordones.retiros.models import RetiroLine, RetiroScheme, RetiroSheet
from cordones.retiros.receipts import receipt_pdf
from cordones.web.csv_locale import csv_response
from cordones.web.forms_economy import (
    DayForm,
    PriceRatesForm,
    SchemeForm,
    SchemeRolesForm,
    SheetForm,
)
from cordones.web.views.base import add_service_errors, workplace_view
from cordones.web.views.economy import form_page, parse_month
from cordones.web.views.economy_charts import pay_ratio_chart, prices_chart
from cordones.workplaces.selectors import statute_rules_get


def _url(request: HttpRequest, name: str, *args: object) -> str:
    return reverse(name, args=[request.workplace.slug, *args])  # type: ignore[attr-defined]


def _sheet(request: HttpRequest, year: int, month: int) -> RetiroSheet:
    try:
        return selectors.sheet_get(request.workplace, date(year, month, 1))  # type: ignore[attr-defined]
    except (RetiroSheet.DoesNotExist, ValueError, OverflowError):  # no such month
        raise Http404 from None


@workplace_view("retiros.view")
def retiros_page(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    return render(
        request,
        "economy/retiros.html",
        {
            "schemes": selectors.scheme_list(workplace),
            "sheets": selectors.sheet_list(workplace)[:48],
        },
    )


@workplace_view("retiros.manage")
@require_http_methods(["GET", "POST"])
def scheme_new(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    form = SchemeForm(
        request.POST or None, initial={"valid_from": timezone.localdate().replace(day=1)}
    )

    def action(data: dict[str, Any]) -> str:
        categories = []
        for line in (data.pop("categories") or "").splitlines():
            if line.strip():
                name, _sep, value = line.strip().rpartition(" ")
                try:
                    categories.append((name.strip(), Decimal(value.replace(",", "."))))
                except ArithmeticError:
                    raise ServiceError.single(
                        "categories", _("Each role needs a name and a coefficient above zero.")
                    ) from None
        percent = data.pop("seniority_percent")
        services.scheme_create(
            request.access,  # type: ignore[attr-defined]
            workplace,
            categories=categories,
            seniority_rate=(percent / 100) if percent else Decimal(0),
            **data,
        )
        messages.success(request, _("The scheme was recorded."))
        return _url(request, "economy_retiros")

    return form_page(
        request,
        form,
        "economy/form.html",
        {"title": _("Retiro scheme chosen by the assembly")},
        action,
    )


@workplace_view("retiros.manage")
@require_http_methods(["GET", "POST"])
def scheme_roles(request: HttpRequest, scheme_id: int) -> HttpResponse:
    """Each current member's role under a coefficient scheme: one select per member, one
    Save for the whole table."""
    workplace = request.workplace  # type: ignore[attr-defined]
    try:
        scheme = selectors.scheme_get(workplace, scheme_id)
    except RetiroScheme.DoesNotExist:
        raise Http404 from None
    if scheme.kind != SchemeKind.COEFFICIENT.value:
        raise Http404
    members = [r.member for r in register_rows(workplace, only_active_on=timezone.localdate())]
    current = selectors.scheme_assignments(scheme)
    form = SchemeRolesForm(
        request.POST if request.method == "POST" else None,
        members=members,
        categories=list(scheme.categories.all()),
        current=current,
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = services.member_categories_set(
                request.access,  # type: ignore[attr-defined]
                scheme,
                form.assignments(),
            )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            if count:
                messages.success(
                    request,
                    ngettext(
                        "The role of %(count)s member was saved.",
                        "The roles of %(count)s members were saved.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.info(request, _("No role changed."))
            return redirect(_url(request, "economy_scheme_roles", scheme.pk))
    rows = [
        {"member": m, "current": current.get(m.pk), "field": form[f"member-{m.pk}"]}
        for m in members
    ]
    return render(
        request,
        "economy/scheme_roles.html",
        {
            "scheme": scheme,
            "form": form,
            "rows": rows,
            "without_role": sum(1 for r in rows if r["current"] is None),
        },
    )


@workplace_view("retiros.manage")
@require_http_methods(["GET", "POST"])
def sheet_new(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    form = SheetForm(
        request.POST or None, initial={"month": timezone.localdate().strftime("%Y-%m")}
    )

    def action(data: dict[str, Any]) -> str:
        month = parse_month(data["month"])
        if month is None:
            raise ServiceError.single("month", _("Year and month, such as 2025-03."))
        sheet = services.sheet_prepare(request.access, workplace, month, pool=data.get("pool"))  # type: ignore[attr-defined]
        messages.success(request, _("The sheet was prepared: check it, then post it."))
        return _url(request, "economy_sheet", sheet.month.year, sheet.month.month)

    return form_page(
        request, form, "economy/form.html", {"title": _("Prepare a month's retiros")}, action
    )


@workplace_view("retiros.view")
def sheet_detail(request: HttpRequest, year: int, month: int) -> HttpResponse:
    sheet = _sheet(request, year, month)
    lines = list(selectors.sheet_lines(sheet))
    from cordones.domain.retiros import pay_ratio

    return render(
        request,
        "economy/sheet.html",
        {
            "sheet": sheet,
            "lines": lines,
            "ratio": pay_ratio([line.amount for line in lines]),
            "form": DayForm(initial={"on": timezone.localdate()}),
        },
    )


@workplace_view("retiros.manage")
@require_POST
def sheet_action(request: HttpRequest, year: int, month: int, action: str) -> HttpResponse:
    sheet = _sheet(request, year, month)
    form = DayForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError.single("on", _("Enter a date."))
        if action == "post":
            services.sheet_post(request.access, sheet, on=form.cleaned_data["on"])  # type: ignore[attr-defined]
            messages.success(request, _("The sheet was posted to the books."))
        elif action == "pay":
            services.sheet_pay(request.access, sheet, on=form.cleaned_data["on"])  # type: ignore[attr-defined]
            messages.success(request, _("The payment was posted to the books."))
        else:
            raise Http404
    except ServiceError as exc:
        for message_list in exc.errors.values():
            for message in message_list:
                messages.error(request, message)
    return redirect(_url(request, "economy_sheet", year, month))


@workplace_view("retiros.view")
def sheet_export(request: HttpRequest, year: int, month: int, fmt: str) -> HttpResponse:
    sheet = _sheet(request, year, month)
    table = simple_table(
        _("Retiros of %(month)s") % {"month": sheet.month.strftime("%Y-%m")},
        [
            _("Member number"),
            _("Full name"),
            _("Section"),
            _("Hours"),
            _("Coefficient"),
            _("Years of seniority"),
            _("Amount"),
        ],
        [
            [
                line.member.number,
                line.member.full_name,
                line.section,
                line.hours,
                line.coefficient or "",
                line.seniority_years,
                line.amount,
            ]
            for line in selectors.sheet_lines(sheet)
        ],
    )
    name = f"retiros-{request.workplace.slug}-{sheet.month:%Y-%m}.{fmt}"  # type: ignore[attr-defined]
    if fmt == "csv":
        return csv_response(table_csv(table), name)
    else:
        response = HttpResponse(
            table_xlsx(table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@workplace_view("economy.view")
def receipt(request: HttpRequest, year: int, month: int, number: int) -> HttpResponse:
    """A member's receipt: their own, or anyone's for those who see every sheet."""
    sheet = _sheet(request, year, month)
    if sheet.status == "draft":
        raise Http404
    try:
        line = selectors.line_get(sheet, number)
    except RetiroLine.DoesNotExist:
        raise Http404 from None
    access = request.access  # type: ignore[attr-defined]
    if line.member_id != access.member_id and not access.can("retiros.view"):
        return render(request, "web/forbidden.html", status=403)
    pdf = receipt_pdf(line, timezone.localdate(), request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="retiro-{sheet.month:%Y-%m}-{number}.pdf"'
    return response


@workplace_view("economy.view")
@require_http_methods(["GET", "POST"])
def trends(request: HttpRequest) -> HttpResponse:
    """Retiros against the prices the workplace entered, and the pay ratio."""
    workplace = request.workplace  # type: ignore[attr-defined]
    form = PriceRatesForm(request.POST or None)
    if request.method == "POST":
        if not request.access.can("retiros.manage"):  # type: ignore[attr-defined]
            return render(request, "web/forbidden.html", status=403)
        if form.is_valid():
            try:
                count = services.price_rates_set(
                    request.access,  # type: ignore[attr-defined]
                    workplace,
                    form.cleaned_data["rates"],
                    form.cleaned_data["source"],  # type: ignore[attr-defined]
                )
            except ServiceError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("%(count)s months of prices were saved.") % {"count": count}
                )
                return redirect(_url(request, "economy_trends"))
    figures = selectors.month_figures(workplace)
    first = parse_month(request.GET.get("from"))
    if first is None and figures:
        first = figures[max(0, len(figures) - 36)].month
    shown = [f for f in figures if first is None or f.month >= first]
    points = selectors.against_prices(workplace, figures, first)
    cap = statute_rules_get(workplace, timezone.localdate()).max_pay_ratio
    return render(
        request,
        "economy/trends.html",
        {
            "form": form,
            "figures": shown,
            "points": points,
            "prices_svg": prices_chart(points) if points else "",
            "ratio_svg": pay_ratio_chart(shown, cap) if shown else "",
            "cap": cap,
            "missing_rates": any(not p.rate_known for p in points),
        },
    )
