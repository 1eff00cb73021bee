"""The tables a workplace can import: output and labour hours (sales: see
``cordones.domain.sales.tables``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

from cordones.domain.production.imports import CellType, Column, TableSpec
from cordones.domain.production.output import PeriodKind, period_problem

PERIOD_CHOICES: Mapping[str, str] = MappingProxyType(
    {
        "day": PeriodKind.DAY,
        "dia": PeriodKind.DAY,
        "diario": PeriodKind.DAY,
        "d": PeriodKind.DAY,
        "week": PeriodKind.WEEK,
        "semana": PeriodKind.WEEK,
        "semanal": PeriodKind.WEEK,
        "w": PeriodKind.WEEK,
        "month": PeriodKind.MONTH,
        "mes": PeriodKind.MONTH,
        "mensual": PeriodKind.MONTH,
        "mensal": PeriodKind.MONTH,
        "m": PeriodKind.MONTH,
    }
)

DATE = Column("date", ("date", "fecha", "data", "period start", "inicio"), CellType.DATE)
PERIOD = Column(
    "period",
    ("period", "periodo", "periodicidad"),
    CellType.CHOICE,
    required=False,
    default=PeriodKind.DAY.value,
    choices=PERIOD_CHOICES,
)
SECTION = Column(
    "section", ("section", "seccion", "secao", "sector"), CellType.TEXT, required=False, default=""
)
PRODUCT = Column(
    "product", ("product", "producto", "produto", "product code", "codigo"), CellType.TEXT
)


def check_period(values: Mapping[str, object]) -> list[tuple[str, str, dict[str, object]]]:
    code = period_problem(str(values["period"]), values["date"])  # type: ignore[arg-type]
    return [("date", code, {})] if code else []


def check_rejects(values: Mapping[str, object]) -> list[tuple[str, str, dict[str, object]]]:
    quantity, rejects = values["quantity"], values["rejects"]
    if isinstance(quantity, Decimal) and isinstance(rejects, Decimal) and rejects > quantity:
        return [("rejects", "rejects_exceed_quantity", {})]
    return []


OUTPUT_SPEC = TableSpec(
    kind="output",
    columns=(
        DATE,
        PERIOD,
        PRODUCT,
        SECTION,
        Column(
            "quantity", ("quantity", "cantidad", "quantidade", "output"), CellType.DECIMAL, places=3
        ),
        Column(
            "rejects",
            ("rejects", "rechazos", "descarte", "refugo", "scrap"),
            CellType.DECIMAL,
            required=False,
            default=Decimal(0),
            places=3,
        ),
    ),
    unique=("date", "period", "product", "section"),
    checks=(check_period, check_rejects),
)

HOURS_SPEC = TableSpec(
    kind="hours",
    columns=(
        DATE,
        PERIOD,
        Column(
            "member",
            ("member", "member number", "asociado", "socio", "numero", "numero de asociado"),
            CellType.INTEGER,
            max_digits=7,
        ),
        SECTION,
        Column("hours", ("hours", "horas"), CellType.DECIMAL, places=2, max_digits=10),
    ),
    unique=("date", "period", "member", "section"),
    checks=(check_period,),
)
