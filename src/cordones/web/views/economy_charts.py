"""The economy charts: series from the selectors, drawn by the domain's SVG writer with
translated labels. Each chart goes with a table of the same numbers on its page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cordones.domain.charts import Marker, Series, line_chart
from cordones.domain.production import MonthPoint
from cordones.domain.retiros import PricePoint
from cordones.retiros.selectors import MonthFigures
from cordones.sales.selectors import YearConcentration


def month_label(month: date) -> str:
    return formats.date_format(month, "M Y")


def _marker(months: Sequence[date], day: date | None) -> Marker | None:
    if day is None or not months or not months[0] <= day.replace(day=1) <= months[-1]:
        return None
    position = [m for m in months if m < day.replace(day=1)]
    return Marker(len(position), _("recovery"))


def productivity_charts(
    points: Sequence[MonthPoint], recovered_on: date | None, unit: str
) -> tuple[SafeString, SafeString]:
    months = [p.month for p in points]
    labels = [month_label(m) for m in months]
    marker = _marker(months, recovered_on)
    output = line_chart(
        _("Output by month"),
        _("Good units made each month; the dashed vertical line is the recovery date."),
        labels,
        [Series(_("Output (%(unit)s)") % {"unit": unit}, [p.output for p in points])],
        marker=marker,
        chart_id="chart-output",
    )
    per_hour = line_chart(
        _("Output per hour worked, by month"),
        _("Good units per hour of work recorded in the sections that made them."),
        labels,
        [Series(_("Output per hour"), [p.per_hour for p in points])],
        marker=marker,
        chart_id="chart-per-hour",
    )
    return mark_safe(output), mark_safe(per_hour)


def prices_chart(points: Sequence[PricePoint]) -> SafeString:
    labels = [month_label(p.month) for p in points]
    return mark_safe(
        line_chart(
            _("Retiros against prices"),
            _(
                "The average retiro and the price index, both 100 in the first month; "
                "when the retiro line is below the price line, retiros buy less."
            ),
            labels,
            [
                Series(_("Average retiro (index)"), [p.retiro_index for p in points]),
                Series(_("Prices (index)"), [p.price_index for p in points]),
            ],
            chart_id="chart-prices",
        )
    )


def pay_ratio_chart(figures: Sequence[MonthFigures], cap: object | None) -> SafeString:
    labels = [month_label(f.month) for f in figures]
    series = [Series(_("Highest to lowest retiro"), [f.ratio for f in figures])]
    if cap is not None:
        series.append(Series(_("Statute's cap"), [cap for _f in figures]))  # type: ignore[misc]
    return mark_safe(
        line_chart(
            _("Pay ratio by month"),
            _("The highest retiro of each month divided by the lowest."),
            labels,
            series,
            chart_id="chart-ratio",
        )
    )


def concentration_chart(years: Sequence[YearConcentration]) -> SafeString:
    labels = [str(y.year) for y in years]
    return mark_safe(
        line_chart(
            _("Customer concentration by year"),
            _("Share of sales of the largest customer and of the three and five largest."),
            labels,
            [
                Series(_("Largest customer (%)"), [y.concentration.top1 * 100 for y in years]),
                Series(_("Top 3 (%)"), [y.concentration.top3 * 100 for y in years]),
                Series(_("Top 5 (%)"), [y.concentration.top5 * 100 for y in years]),
            ],
            chart_id="chart-concentration",
        )
    )
