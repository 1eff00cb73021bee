"""Retiro roles and body rules, built through the services, for the page tests and the
permission matrix."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from django.utils import timezone

from cordones.assemblies.models import Body
from cordones.assemblies.services import meetings
from cordones.retiros import services as retiros
from cordones.retiros.models import MemberCategory, RetiroCategory, RetiroScheme
from tests.conftest import Shop
from tests.web.economy_support import council_access


def coefficient_scheme(shop: Shop, **kwargs: Any) -> RetiroScheme:
    kwargs.setdefault("valid_from", timezone.localdate().replace(day=1))
    return retiros.scheme_create(
        council_access(shop),
        shop.workplace,
        name=kwargs.pop("name", "Por roles"),
        kind="coefficient",
        decided_by="Asamblea del 2025-12-15, acta 41",
        base=D("400000.00"),
        categories=[("Ayudante", D("1.000")), ("Oficial", D("1.300")), ("Maquinista", D("1.500"))],
        **kwargs,
    )


def category(scheme: RetiroScheme, name: str) -> RetiroCategory:
    return scheme.categories.get(name=name)


def assignments(scheme: RetiroScheme | None = None) -> list[tuple[int, int]]:
    rows = MemberCategory.objects.all() if scheme is None else scheme.assignments.all()
    return sorted(rows.values_list("member_id", "category_id"))


def general(shop: Shop) -> Body:
    return meetings.bodies_ensure(shop.workplace)[0]


def body_rules(body: Body) -> tuple[Any, ...]:
    body.refresh_from_db()
    return (
        body.notice_days,
        body.quorum_fraction,
        body.second_call_minutes,
        body.simple_majority,
        body.qualified_majority,
    )


# --- the permission matrix's pages -------------------------------------------------------------


def _scheme(shop: Shop) -> RetiroScheme:
    cache = shop.__dict__.setdefault("_gap", {})
    if "scheme" not in cache:
        cache["scheme"] = coefficient_scheme(shop)
    return cache["scheme"]


GAP_PAGES = [
    ("economy_scheme_roles", [lambda s: _scheme(s).pk], "retiros.manage", "get"),
    ("body_create", [], "assembly.manage", "get"),
    ("body_rules", [lambda s: general(s).pk], "assembly.manage", "get"),
    # writes
    ("economy_scheme_roles", [lambda s: _scheme(s).pk], "retiros.manage", "post"),
    ("body_create", [], "assembly.manage", "post"),
    ("body_rules", [lambda s: general(s).pk], "assembly.manage", "post"),
]

GAP_POST_DATA = {
    "economy_scheme_roles": lambda s: {
        f"member-{s.members['member'].pk}": category(_scheme(s), "Oficial").pk
    },
    "body_create": lambda s: {
        "kind": "commission",
        "name": "Comisión de compras",
        "members": [s.members["member"].pk, s.members["auditor"].pk],
    },
    "body_rules": {"notice_days": "7", "quorum_fraction": "2/3", "second_call_minutes": "30"},
}

GAP_CHANGES = {
    "economy_scheme_roles": lambda s: assignments(),
    "body_create": lambda s: Body.objects.count(),
    "body_rules": lambda s: body_rules(general(s)),
}
