"""The economy's charts in a real Chromium, on a phone and a desktop, with and without
JavaScript: output and output per hour around the recovery date, retiros against the
prices entered, the pay ratio and customer concentration. Each is drawn, has an accessible
name, comes with its table, fits the screen and passes axe."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from cordones.production import services as production
from cordones.retiros import services as retiros
from tests.browser.support import axe_blocking_violations, log_in, no_horizontal_overflow
from tests.conftest import Shop
from tests.web.economy_support import build_economy

pytestmark = pytest.mark.browser

CHARTS = [
    ("economy/production/?from=2002-01&to=2004-12", ["chart-output", "chart-per-hour"]),
    ("economy/retiros/trends/", ["chart-prices", "chart-ratio"]),
    ("economy/customers/concentration/", ["chart-concentration"]),
]


@pytest.fixture
def economy_shop(live_shop: Shop) -> Shop:
    econ = build_economy(live_shop, months=6)
    workplace = live_shop.workplace
    # the former firm's output and hours, before and after the recovery (May 2003)
    rows = [["date", "period", "product", "quantity"]]
    for year in (2002, 2003, 2004):
        for month in range(1, 13):
            day = date(year, month, 1)
            before = day < date(2003, 5, 1)
            rows.append([day, "month", "LIB", D(900 if before else 1400)])
            production.workforce_hours_record(
                econ.council, workplace, section=None, period="month", start=day, hours=D(2000)
            )
    production.output_import_rows(econ.council, workplace, rows)
    retiros.price_rates_set(
        econ.council, workplace, "\n".join(f"{m:%Y-%m} 2.5" for m in econ.months)
    )
    return live_shop


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_economy_charts_render(new_context, economy_shop: Shop, size: str, javascript: bool):
    slug = economy_shop.workplace.slug
    page = new_context(size, javascript=javascript).new_page()
    log_in(page, "member@grafica.test")
    problems: list[str] = []
    for path, chart_ids in CHARTS:
        page.goto(f"/w/{slug}/{path}")
        for chart_id in chart_ids:
            chart = page.locator(f"svg#{chart_id}")
            expect(chart).to_be_visible()
            box = chart.bounding_box()
            assert box is not None and box["width"] > 250 and box["height"] > 100, (path, box)
            expect(chart).to_have_attribute("role", "img")
            assert chart.locator("polyline, circle").count() >= 1, (path, chart_id)
        expect(page.locator("main table caption").first).to_be_visible()
        fits, detail = no_horizontal_overflow(page)
        if not fits:
            problems.append(detail)
        if javascript:
            problems.extend(axe_blocking_violations(page))
    assert problems == []


def test_the_recovery_is_marked_and_compared(new_context, economy_shop: Shop):
    page = new_context("desktop").new_page()
    log_in(page, "member@grafica.test")
    page.goto(f"/w/{economy_shop.workplace.slug}/economy/production/?from=2002-01&to=2004-12")
    chart = page.locator("svg#chart-per-hour")
    # a dashed vertical line at the recovery date, and the averages before and after
    expect(chart.locator("line[stroke-dasharray='3 3']")).to_have_count(1)
    expect(page.locator("main p.notice")).to_contain_text("0,45")
    expect(page.locator("main p.notice")).to_contain_text("0,70")
