"""Property tests of the economy's pure rules: customer concentration, retiro sheets,
retiros against prices, import cells and the SVG charts. No database."""

import random
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from cordones.domain.charts import Marker, Series, line_chart
from cordones.domain.production import before_after, output_per_hour, parse_decimal, table_parse
from cordones.domain.production.tables import HOURS_SPEC, OUTPUT_SPEC
from cordones.domain.retiros import (
    Scheme,
    SchemeKind,
    Worker,
    pay_ratio,
    retiros_against_prices,
    retiros_compute,
)
from cordones.domain.sales import concentration, line_amount

cents = st.integers(1, 10**9).map(lambda c: D(c).scaleb(-2))
ids = st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=5)


@given(st.dictionaries(ids, cents, min_size=1, max_size=30))
def test_concentration_bounds_and_order_independence(amounts):
    result = concentration(amounts)
    n = len(amounts)
    assert result.customers == n
    assert D(0) < result.top1 <= result.top3 <= result.top5 <= D(1)
    # the HHI lies between 10,000/n (equal shares) and 10,000 (one customer), up to rounding
    assert D(10_000) / n - D("0.01") <= result.hhi <= D(10_000)
    assert result.top1 * 100 * result.top1 * 100 <= result.hhi + D(2)
    shuffled = list(amounts.items())
    random.Random(7).shuffle(shuffled)
    assert concentration(dict(shuffled)) == result
    if n <= 5:
        assert result.top5 == D(1)


def test_concentration_known_values_and_returns():
    result = concentration({"a": D(50), "b": D(30), "c": D(20), "refund": D(-10)})
    assert (result.top1, result.top3, result.hhi) == (D("0.5000"), D("1.0000"), D("3800.00"))
    assert result.customers == 3 and result.level == "high"
    assert concentration({}).customers == 0 and concentration({}).level == "none"
    assert concentration({str(i): D(1) for i in range(10)}).hhi == D("1000.00")


@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 300)), min_size=1, max_size=40),
    st.integers(0, 10**8),
    st.sampled_from(list(SchemeKind)),
)
@settings(max_examples=200)
def test_a_pool_is_shared_exactly_to_the_cent(rows, pool_cents, kind):
    workers = [
        Worker(str(i), date(2000 + years, 1, 1), D(hours), D("1.0") + D(years) / 10)
        for i, (years, hours) in enumerate(rows)
    ]
    scheme = Scheme(
        kind,
        base=D("1000.00"),
        hourly_rate=D("10.00"),
        seniority_rate=D(0) if kind is SchemeKind.EGALITARIAN else D("0.01"),
    )
    pool = D(pool_cents).scaleb(-2)
    sheet = retiros_compute(scheme, workers, date(2025, 3, 1), pool)
    if sheet.errors:
        assert kind is SchemeKind.HOURS and all(h == 0 for _y, h in rows) and pool > 0
        return
    assert sum(line.amount for line in sheet.lines) == sheet.total == pool
    assert all(line.amount >= 0 for line in sheet.lines)
    if kind is SchemeKind.EGALITARIAN:
        amounts = [line.amount for line in sheet.lines]
        assert max(amounts) - min(amounts) <= D("0.01")


def test_coefficient_scheme_with_seniority():
    scheme = Scheme(SchemeKind.COEFFICIENT, base=D("100000.00"), seniority_rate=D("0.01"))
    sheet = retiros_compute(
        scheme,
        [
            Worker("a", date(2015, 4, 1), coefficient=D("1.3")),
            Worker("b", date(2025, 1, 10), coefficient=D(1)),
        ],
        date(2025, 3, 1),
    )
    a, b = sheet.lines
    assert (a.seniority_years, a.amount) == (9, D("141700.00"))  # 100000 x 1.3 x 1.09
    assert (b.seniority_years, b.amount) == (0, D("100000.00"))
    assert pay_ratio([a.amount, b.amount]) == D("1.42")


def test_retiro_scheme_errors_come_back_as_data():
    sheet = retiros_compute(
        Scheme(SchemeKind.COEFFICIENT, base=D("100.001")), [Worker("a")], date(2025, 1, 1)
    )
    assert {e.code for e in sheet.errors} == {"not_cents", "missing_coefficient"}
    assert sheet.lines == () and sheet.total == 0
    assert (
        retiros_compute(Scheme(SchemeKind.EGALITARIAN, base=D(1)), [], date(2025, 1, 1))
        .errors[0]
        .code
        == "no_workers"
    )
    assert Scheme(SchemeKind.HOURS).hourly_rate is None
    assert (
        retiros_compute(Scheme(SchemeKind.HOURS), [Worker("a", hours=D(1))], date(2025, 1, 1))
        .errors[0]
        .code
        == "rate_required"
    )


@given(st.lists(st.integers(-50, 300), min_size=1, max_size=24), cents)
def test_a_retiro_that_follows_prices_keeps_its_real_value(rates, start):
    months = [date(2020 + (i // 12), i % 12 + 1, 1) for i in range(len(rates) + 1)]
    level = D(1)
    averages = {months[0]: start}
    rate_map = {}
    for month, rate in zip(months[1:], rates, strict=True):
        r = D(rate) / 10
        rate_map[month] = r
        level *= 1 + r / 100
        averages[month] = start * level
    points = retiros_against_prices(averages, rate_map)
    assert [p.month for p in points] == months
    assert points[0].retiro_index == points[0].price_index == D("100.00")
    for p in points:
        assert abs(p.real - start) <= D("0.01")
        assert abs(p.retiro_index - p.price_index) <= D("0.01")


@given(st.integers(-(10**9), 10**9))
def test_decimal_cells_in_every_spelling(cents_value):
    value = D(cents_value).scaleb(-2)
    whole, frac = f"{abs(value):.2f}".split(".")
    sign = "-" if value < 0 else ""
    grouped = f"{int(whole):,}"
    assert parse_decimal(f"{sign}{whole}.{frac}") == value
    assert parse_decimal(f"{sign}{whole},{frac}") == value
    assert parse_decimal(f"{sign}{grouped.replace(',', '.')},{frac}") == value
    assert parse_decimal(f"{sign}{grouped}.{frac}") == value
    assert parse_decimal(float(value)) == value.normalize() or parse_decimal(float(value)) == value


def test_import_rows_report_row_and_column_for_every_problem():
    parsed = table_parse(
        OUTPUT_SPEC,
        [
            ["Fecha", "Período", "Producto", "Cantidad", "Rechazos"],
            ["2025-03-03", "semana", "P1", "10,5", "1"],
            ["2025-03-04", "semana", "P1", "abc", ""],
            ["31/02/2025", "mes", "P1", "3", "4"],
            ["2025-03-01", "mes", "P1", "3", "4"],
            ["2025-03-03", "semana", "P1", "1", "0"],
            [None, None, None, None, None],
        ],
    )
    problems = {(p.row, p.column, p.code) for p in parsed.problems}
    assert problems == {
        (3, "date", "week_not_monday"),
        (3, "quantity", "not_a_number"),
        (4, "date", "not_a_date"),
        (5, "rejects", "rejects_exceed_quantity"),
        (6, "", "duplicate_row"),
    } - {(3, "date", "week_not_monday")}  # a row with a bad cell is not cross-checked
    assert [r.row for r in parsed.rows] == [2]
    assert parsed.rows[0].values["quantity"] == D("10.5")


def test_import_header_problems_stop_the_check():
    parsed = table_parse(
        HOURS_SPEC, [["date", "horas", "colour", "horas"], ["2025-01-01", "8", "x", "8"]]
    )
    assert {p.code for p in parsed.problems} == {
        "unknown_column",
        "duplicate_column",
        "missing_column",
    }
    assert parsed.rows == ()
    assert table_parse(HOURS_SPEC, []).problems[0].code == "empty_file"


def test_output_per_hour_and_the_recovery():
    before = {date(2001, m, 1): D(100) for m in range(1, 7)}
    after = {date(2001, m, 1): D(300) for m in range(7, 13)}
    hours = {date(2001, m, 1): D(200) for m in range(1, 13)}
    points = output_per_hour({**before, **after}, hours)
    comparison = before_after(points, date(2001, 7, 14))
    assert comparison.comparable and comparison.months_before == 6
    assert (comparison.per_hour_before, comparison.per_hour_after) == (D("0.5000"), D("1.5000"))
    assert output_per_hour({date(2001, 1, 1): D(5)}, {})[0].per_hour is None


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(-(10**6), 10**6).map(D)), min_size=3, max_size=3),
        min_size=1,
        max_size=3,
    ),
    st.text(max_size=20),
)
def test_charts_are_well_formed_and_have_no_style_or_script(values, label):
    svg = line_chart(
        label,
        "desc <&>",
        ["a", "b", "c"],
        [Series(f"{label}{i}", v) for i, v in enumerate(values)],
        marker=Marker(1, label),
    )
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("role") == "img"
    assert "style" not in svg.lower() and "<script" not in svg.lower()
    title = root.find("{http://www.w3.org/2000/svg}title").text or ""
    kept = "".join(c for c in label if c >= " " or c in "\t\n\r")
    assert title == kept.replace("\r\n", "\n").replace("\r", "\n")


def test_line_amount_rounds_half_even_to_the_cent():
    assert line_amount(D("3"), D("0.125")) == D("0.38")
    assert line_amount(D("1.5"), D("0.01")) == D("0.02")
    assert line_amount(D("0.5"), D("0.01")) == D("0.00")
