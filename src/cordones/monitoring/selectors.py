"""Reads: a workplace's production series, its signals and their log."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Case, IntegerField, Sum, Value, When

from cordones.domain.monitoring.series import Series, period_days
from cordones.monitoring.models import Indicator, MonitoringSettings, Signal, SignalState
from cordones.production.models import HoursRecord, OutputRecord, Product
from cordones.workplaces.models import Workplace


def settings_get(workplace: Workplace) -> MonitoringSettings:
    found = MonitoringSettings.objects.filter(workplace=workplace).first()
    return found or MonitoringSettings(workplace=workplace)


def series_for_workplace(workplace: Workplace) -> list[tuple[Series, str, str]]:
    """Every production series of the workplace, as (series, indicator, label): per product
    and period kind the output, the rejects share and the output against machine capacity;
    per period kind the hours worked."""
    out: list[tuple[Series, str, str]] = []
    products = {p.pk: p for p in Product.objects.filter(workplace=workplace)}
    rows = (
        OutputRecord.objects.filter(workplace=workplace)
        .values("product_id", "period", "start")
        .annotate(quantity=Sum("quantity"), rejects=Sum("rejects"))
        .order_by()
    )
    grouped: dict[tuple[int, str], dict[date, tuple[float, float]]] = defaultdict(dict)
    for row in rows:
        grouped[(row["product_id"], row["period"])][row["start"]] = (
            float(row["quantity"]),
            float(row["rejects"]),
        )
    for (product_id, kind), points in sorted(grouped.items()):
        product = products[product_id]
        name = f"{product.code} — {product.name}"
        out.append(
            (
                Series(
                    f"output:{product_id}:{kind}", kind, {d: q for d, (q, _r) in points.items()}
                ),
                Indicator.OUTPUT,
                name,
            )
        )
        out.append(
            (
                Series(
                    f"rejects:{product_id}:{kind}",
                    kind,
                    {d: 100 * r / q for d, (q, r) in points.items() if q > 0},
                ),
                Indicator.REJECTS,
                name,
            )
        )
        if product.machine_capacity:
            monthly = float(product.machine_capacity)
            out.append(
                (
                    Series(
                        f"capacity:{product_id}:{kind}",
                        kind,
                        {
                            # monthly capacity spread over the days of the period
                            d: 100 * (q - r) / (monthly * period_days(kind, d) / 30.4375)
                            for d, (q, r) in points.items()
                        },
                    ),
                    Indicator.CAPACITY,
                    name,
                )
            )
    hours: dict[str, dict[date, float]] = defaultdict(dict)
    for row in (
        HoursRecord.objects.filter(workplace=workplace)
        .values("period", "start")
        .annotate(total=Sum("hours"))
        .order_by()
    ):
        hours[row["period"]][row["start"]] = float(row["total"])
    for kind, worked in sorted(hours.items()):
        # no label: the page says "the whole workplace" in the reader's language
        out.append((Series(f"hours:{kind}", kind, worked), Indicator.HOURS, ""))
    return out


def signal_list(workplace: Workplace, limit: int = 200) -> list[Signal]:
    """Signals waiting for the workplace first, then escalated, then acknowledged; newest
    first within each."""
    order = Case(
        When(state=SignalState.OPEN, then=Value(0)),
        When(state=SignalState.ESCALATED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(
        Signal.objects.filter(workplace=workplace)
        .select_related("acknowledged_by")
        .prefetch_related("events", "events__by")
        .annotate(order=order)
        .order_by("order", "-period_start", "series_label")[:limit]
    )


def signal_get(workplace: Workplace, signal_id: int) -> Signal | None:
    return Signal.objects.filter(workplace=workplace, pk=signal_id).first()
