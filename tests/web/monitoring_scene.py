"""A workplace with sixty days of daily output whose level falls in the last week, and the
permission-matrix rows of the monitoring pages."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from django.utils import timezone

from cordones.jobs.models import TaskProgress
from cordones.members.permissions import Access, Role
from cordones.monitoring.models import MonitoringSettings, Signal, SignalState
from cordones.production import services as production
from cordones.production.models import Product

FIRST_DAY = date(2026, 9, 1)
DROP_DAY = FIRST_DAY + timedelta(days=52)


def council_access(shop) -> Access:
    member = shop.members["council_member"]
    return Access(
        shop.workplace.pk, member.user_id, member.pk, frozenset({Role.MEMBER, Role.COUNCIL})
    )


def record_output(shop) -> Product:
    """Daily output around 100 (sd 3), 55 from DROP_DAY on; rejects around 2."""
    product = Product.objects.create(
        workplace=shop.workplace,
        code="CUAD",
        name="Cuadernos",
        sector="printing",
        machine_capacity=Decimal("4000"),
    )
    rng = np.random.default_rng(42)
    rows: list[list[object]] = [["date", "period", "product", "section", "quantity", "rejects"]]
    for n in range(60):
        day = FIRST_DAY + timedelta(days=n)
        level = 55.0 if day >= DROP_DAY else 100.0
        quantity = round(level + rng.normal(0, 3), 1)
        rows.append([day, "day", "CUAD", "", Decimal(str(quantity)), Decimal("2")])
    production.output_import_rows(council_access(shop), shop.workplace, rows)
    return product


def open_signal(shop, days_after_drop: int = 0) -> Signal:
    now = timezone.now()
    return Signal.objects.create(
        workplace=shop.workplace,
        series_key="output:1:day",
        series_label="CUAD — Cuadernos",
        indicator="output",
        period="day",
        period_start=DROP_DAY + timedelta(days=days_after_drop),
        kind="fall",
        expected=100.0,
        observed=55.0,
        z=-9.0,
        log_bayes_factor=-30.0,
        run=1,
        raised_at=now,
        deadline_at=now + timedelta(hours=72),
    )


def _signal_id(shop) -> int:
    return open_signal(shop).pk


MONITORING_PAGES = [
    ("monitoring", [], "monitoring.view", "get"),
    ("monitoring_recompute", [], "monitoring.manage", "post"),
    ("monitoring_settings", [], "monitoring.manage", "post"),
    ("monitoring_acknowledge", [_signal_id], "monitoring.acknowledge", "post"),
]
MONITORING_POST_DATA = {
    "monitoring_recompute": {},
    "monitoring_settings": {"ack_deadline_hours": "24"},
    "monitoring_acknowledge": {"note": "Faltó papel"},
}
MONITORING_CHANGES = {
    "monitoring_recompute": lambda shop: TaskProgress.objects.count(),
    "monitoring_settings": lambda shop: MonitoringSettings.objects.count(),
    "monitoring_acknowledge": lambda shop: Signal.objects.filter(
        state=SignalState.ACKNOWLEDGED
    ).count(),
}
