"""Pages of work and the cooperative economy: overview, production, imports, sales and
customers, and each member's own figures. Thin: parse, call one service or selector,
render."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cordones.core.errors import ServiceError
from cordones.domain.bounds import EARLIEST_DAY, LATEST_DAY, MAX_INT32, parse_int
from cordones.production import selectors as production_selectors
from cordones.production import services as production
from cordones.production.importing import ImportRejected
from cordones.production.models import Product
from cordones.retiros import selectors as retiros_selectors
from cordones.sales import selectors as sales_selectors
from cordones.sales import services as sales
from cordones.surplus import selectors as surplus_selectors
from cordones.web.forms_economy import (
    CapacityForm,
    CustomerForm,
    HoursForm,
    ImportForm,
    OutputForm,
    ProductForm,
    ProductInputForm,
    SaleForm,
)
from cordones.web.views.base import add_service_errors, workplace_view
from cordones.web.views.economy_charts import concentration_chart, productivity_charts


def form_page(
    request: HttpRequest,
    form: Any,
    template: str,
    context: dict[str, Any],
    action: Callable[[dict[str, Any]], str],
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            target = action(form.cleaned_data)
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(target)
    return render(request, template, {"form": form, **context})


def parse_month(value: str | None) -> date | None:
    if not value:
        return None
    year, _sep, month = value[:7].partition("-")
    number_of_year = parse_int(year, EARLIEST_DAY.year, LATEST_DAY.year)
    number_of_month = parse_int(month, 1, 12)
    if number_of_year is None or number_of_month is None:
        return None  # out of range or not a month: the page's default
    return date(number_of_year, number_of_month, 1)


def _url(request: HttpRequest, name: str, *args: object) -> str:
    return reverse(name, args=[request.workplace.slug, *args])  # type: ignore[attr-defined]


@workplace_view("economy.view")
def overview(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    today = timezone.localdate()
    figures = retiros_selectors.month_figures(workplace)
    years = sales_selectors.concentration_by_year(workplace)
    first = (today.replace(day=1) - timedelta(days=365)).replace(day=1)
    productivity = production_selectors.productivity_get(workplace, None, first, today)
    return render(
        request,
        "economy/overview.html",
        {
            "last_retiros": figures[-1] if figures else None,
            "last_year": years[-1] if years else None,
            "hours_12": sum((p.hours for p in productivity.points), Decimal(0)),
            "products": production_selectors.product_list(workplace),
        },
    )


@workplace_view("economy.view")
def production_page(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    today = timezone.localdate()
    products = list(production_selectors.product_list(workplace))
    product: Product | None = None
    chosen = request.GET.get("product")
    chosen_pk = parse_int(chosen, 1, MAX_INT32) if chosen else None
    if chosen_pk is not None:
        product = next((p for p in products if p.pk == chosen_pk), None)
    product = product or production_selectors.default_product(workplace)
    last = parse_month(request.GET.get("to")) or today.replace(day=1)
    first = parse_month(request.GET.get("from")) or date(last.year - 3, 1, 1)
    last_day = (last + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    data = production_selectors.productivity_get(workplace, product, first, last_day)
    output_svg, per_hour_svg = productivity_charts(
        data.points, workplace.recovered_on, product.get_unit_display() if product else ""
    )
    month = parse_month(request.GET.get("month")) or (
        today.replace(day=1) - timedelta(days=1)
    ).replace(day=1)
    section_capacity, product_capacity = production_selectors.capacity_get(workplace, month)
    return render(
        request,
        "economy/production.html",
        {
            "products": products,
            "product": product,
            "first": first,
            "last": last,
            "data": data,
            "output_svg": output_svg,
            "per_hour_svg": per_hour_svg,
            "month": month,
            "section_capacity": section_capacity,
            "product_capacity": product_capacity,
            "recent": production_selectors.output_recent(workplace)
            if request.access.can("production.write")  # type: ignore[attr-defined]
            else [],
        },
    )


@workplace_view("production.write")
@require_http_methods(["GET", "POST"])
def product_new(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    form = ProductForm(
        request.POST or None, workplace=workplace, initial={"sector": workplace.sector}
    )

    def action(data: dict[str, Any]) -> str:
        product = production.product_save(request.access, workplace, **data)  # type: ignore[attr-defined]
        messages.success(request, _("The product was saved."))
        return _url(request, "economy_product", product.pk)

    return form_page(request, form, "economy/form.html", {"title": _("New product")}, action)


@workplace_view("production.write")
@require_http_methods(["GET", "POST"])
def product_detail(request: HttpRequest, product_id: int) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    try:
        product = production_selectors.product_get(workplace, product_id)
    except Product.DoesNotExist:
        raise Http404 from None
    if request.method == "POST" and "remove" in request.POST:
        try:
            production.product_input_remove(
                request.access,  # type: ignore[attr-defined]
                product,
                parse_int(request.POST["remove"], 1, MAX_INT32) or 0,
            )
        except (ServiceError, ValueError):
            messages.error(request, _("That input does not exist."))
        return redirect(_url(request, "economy_product", product.pk))
    form = ProductInputForm(request.POST or None)

    def action(data: dict[str, Any]) -> str:
        production.product_input_add(request.access, product, **data)  # type: ignore[attr-defined]
        messages.success(request, _("The input was added."))
        return _url(request, "economy_product", product.pk)

    return form_page(
        request,
        form,
        "economy/product.html",
        {"product": product, "inputs": product.inputs.all()},
        action,
    )


@workplace_view("production.write")
@require_http_methods(["GET", "POST"])
def output_new(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    form = OutputForm(
        request.POST or None,
        workplace=workplace,
        initial={"period": "day", "start": timezone.localdate()},
    )

    def action(data: dict[str, Any]) -> str:
        data["rejects"] = data.get("rejects") or Decimal(0)
        production.output_record(request.access, workplace, **data)  # type: ignore[attr-defined]
        messages.success(request, _("The output was recorded."))
        return _url(request, "economy_production")

    return form_page(request, form, "economy/form.html", {"title": _("Record output")}, action)


@workplace_view("production.write")
@require_http_methods(["GET", "POST"])
def hours_new(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    form = HoursForm(
        request.POST or None,
        workplace=workplace,
        initial={"period": "day", "start": timezone.localdate()},
    )

    def action(data: dict[str, Any]) -> str:
        production.hours_record(request.access, workplace, **data)  # type: ignore[attr-defined]
        messages.success(request, _("The hours were recorded."))
        return _url(request, "economy_production")

    return form_page(request, form, "economy/form.html", {"title": _("Record hours")}, action)


@workplace_view("production.write")
@require_http_methods(["GET", "POST"])
def capacity(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    form = CapacityForm(request.POST or None, workplace=workplace)

    def action(data: dict[str, Any]) -> str:
        production.section_capacity_set(
            request.access,  # type: ignore[attr-defined]
            workplace,
            data["section"],
            data.get("hours_per_month"),  # type: ignore[attr-defined]
        )
        messages.success(request, _("The capacity was saved."))
        return _url(request, "economy_production")

    return form_page(
        request, form, "economy/form.html", {"title": _("Capacity of a section")}, action
    )


@workplace_view("production.write")
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        service = {
            "output": production.output_import,
            "hours": production.hours_import,
            "sales": sales.sales_import,
        }[kind]
        try:
            created = service(
                request.access,  # type: ignore[attr-defined]
                workplace,
                filename=upload.name,
                data=upload.read(),
            )
        except ImportRejected as exc:
            report = exc.lines
            add_service_errors(form, exc)
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            count = len(created)  # type: ignore[arg-type]
            messages.success(request, _("%(count)s rows were imported.") % {"count": count})
            return redirect(_url(request, "economy_import"))
    return render(request, "economy/import.html", {"form": form, "report": report})


@workplace_view("sales.view")
@require_http_methods(["GET", "POST"])
def sales_page(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    form = SaleForm(request.POST or None, workplace=workplace, initial={"on": timezone.localdate()})

    def action(data: dict[str, Any]) -> str:
        sales.sale_record(request.access, workplace, **data)  # type: ignore[attr-defined]
        messages.success(request, _("The sale was recorded and posted to the books."))
        return _url(request, "economy_sales")

    return form_page(
        request,
        form,
        "economy/sales.html",
        {
            "customers": sales_selectors.customer_list(workplace),
            "recent": sales_selectors.sales_recent(workplace),
        },
        action,
    )


@workplace_view("sales.write")
@require_http_methods(["GET", "POST"])
def customer_new(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    form = CustomerForm(request.POST or None)

    def action(data: dict[str, Any]) -> str:
        sales.customer_save(request.access, workplace, **data)  # type: ignore[attr-defined]
        messages.success(request, _("The customer was saved."))
        return _url(request, "economy_sales")

    return form_page(request, form, "economy/form.html", {"title": _("New customer")}, action)


@workplace_view("economy.view")
def concentration(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    years = sales_selectors.concentration_by_year(workplace)
    return render(
        request,
        "economy/concentration.html",
        {
            "years": years,
            "chart": concentration_chart(years) if years else "",
            "show_names": request.access.can("sales.view"),  # type: ignore[attr-defined]
        },
    )


@workplace_view("economy.view")
def my_work(request: HttpRequest) -> HttpResponse:
    """The person's own hours, retiros (with receipts) and surplus statements."""
    workplace = request.workplace  # type: ignore[attr-defined]
    from cordones.members.models import Member

    member = Member.objects.get(pk=request.access.member_id)  # type: ignore[attr-defined]
    today = timezone.localdate()
    first = date(today.year - 2, 1, 1)
    return render(
        request,
        "economy/my_work.html",
        {
            "member": member,
            "hours": production_selectors.member_hours_by_month(member, first, today),
            "retiros": retiros_selectors.member_lines(member)[:36],
            "statements": surplus_selectors.member_statements(member),
            "workplace": workplace,
        },
    )
