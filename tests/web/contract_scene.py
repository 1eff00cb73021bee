"""POST rows of the page permission matrix for the writing pages of the economy, the
workplace and invitations: every writing rule has a POST row, and a denied POST writes
nothing anywhere (every row of every table of ours is compared)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D
from typing import Any

from django.utils import timezone

from cordones.ledger import services as ledger
from cordones.ledger.models import FiscalYear, Period
from cordones.members import services as members
from cordones.retiros import services as retiros
from tests.conftest import Shop
from tests.web.service_contract_cases import snapshot

PAST = 2025  # a fiscal year that has ended


def _cache(shop: Shop) -> dict[str, Any]:
    return shop.__dict__.setdefault("_contract", {})


def _last_month() -> date:
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def _income(shop: Shop, on: date) -> None:
    ledger.entry_post(
        shop.clerk,
        shop.workplace,
        on=on,
        narration="Venta de libros",
        lines=[("1.1.02", "1000.00", None, ""), ("4.1", None, "1000.00", "")],
    )


def _past_year(shop: Shop) -> FiscalYear:
    cache = _cache(shop)
    if "year" not in cache:
        _income(shop, date(PAST, 3, 1))
        cache["year"] = FiscalYear.objects.get(
            workplace=shop.workplace, start__lte=date(PAST, 3, 1), end__gte=date(PAST, 3, 1)
        )
    return cache["year"]


def _first_period(shop: Shop) -> int:
    return Period.objects.filter(fiscal_year=_past_year(shop)).order_by("start").first().pk


def _closed_year(shop: Shop) -> int:
    cache = _cache(shop)
    if "closed" not in cache:
        cache["closed"] = ledger.year_close(shop.clerk, _past_year(shop))
    return cache["closed"].pk


def _newcomer(shop: Shop) -> int:
    cache = _cache(shop)
    if "newcomer" not in cache:
        cache["newcomer"] = members.member_admit(
            shop.clerk,
            shop.workplace,
            number=60,
            full_name="Sin Cuenta",
            admitted_on=date(2025, 1, 1),
        )
    return cache["newcomer"].number


def _sheet_month(shop: Shop) -> dict[str, str]:
    retiros.scheme_create(
        shop.clerk,
        shop.workplace,
        name="Igualitario",
        kind="egalitarian",
        valid_from=_last_month(),
        decided_by="Asamblea, acta 40",
        base=D("20000.00"),
    )
    return {"month": _last_month().strftime("%Y-%m"), "pool": ""}


CONTRACT_PAGES = [
    ("economy_proposal_new", [_closed_year], "surplus.propose", "get"),
    # writes
    ("workplace_settings", [], "workplace.edit", "post"),
    ("statute", [], "workplace.edit", "post"),
    ("member_invite", [_newcomer], "member.invite", "post"),
    ("economy_product_new", [], "production.write", "post"),
    ("economy_customer_new", [], "sales.write", "post"),
    ("economy_sheet_new", [], "retiros.manage", "post"),
    ("economy_entry_new", [], "ledger.post", "post"),
    ("economy_period_close", [_first_period], "ledger.close", "post"),
    ("economy_year_close", [lambda s: _past_year(s).pk], "ledger.close", "post"),
    ("economy_proposal_new", [_closed_year], "surplus.propose", "post"),
]


def _settings(shop: Shop) -> dict[str, Any]:
    wp = shop.workplace
    return {
        "name": "Otro nombre",
        "legal_name": wp.legal_name,
        "legal_form": wp.legal_form,
        "tax_id": wp.tax_id,
        "sector": wp.sector,
        "country": wp.country,
        "founded_on": wp.founded_on.isoformat(),
        "recovered_on": wp.recovered_on.isoformat() if wp.recovered_on else "",
        "fiscal_year_end_month": wp.fiscal_year_end_month,
        "statute_profile": wp.statute_profile,
        "currency": wp.currency,
    }


CONTRACT_POST_DATA = {
    "workplace_settings": _settings,
    "statute": {"notice_days": "20"},
    "member_invite": {"email": "sin.cuenta@grafica.test"},
    "economy_product_new": {"code": "TAP", "name": "Tapas", "unit": "unit", "sector": "printing"},
    "economy_customer_new": {"name": "Kiosco"},
    "economy_sheet_new": _sheet_month,
    "economy_entry_new": lambda s: {
        "on": timezone.localdate().isoformat(),
        "narration": "Luz",
        "account_1": "5.3",
        "debit_1": "500.00",
        "account_2": "1.1.02",
        "credit_2": "500.00",
    },
    "economy_period_close": {},
    "economy_year_close": {},
    "economy_proposal_new": {"basis": "equal"},
}

CONTRACT_CHANGES = {name: lambda _shop: snapshot() for name in CONTRACT_POST_DATA}
