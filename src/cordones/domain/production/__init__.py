"""Production rules: periods of output and hours, output per hour, capacity, bills of
materials, and the validation of imported tables (CSV/XLSX rows), all pure Python."""

from cordones.domain.production.imports import (
    CellType,
    Column,
    ImportProblem,
    ParsedRow,
    ParsedTable,
    TableSpec,
    parse_date,
    parse_decimal,
    table_parse,
)
from cordones.domain.production.output import (
    BeforeAfter,
    MonthPoint,
    PeriodKind,
    before_after,
    capacity_use,
    inputs_required,
    month_start,
    month_starts,
    output_per_hour,
    period_problem,
)

__all__ = [
    "BeforeAfter",
    "CellType",
    "Column",
    "ImportProblem",
    "MonthPoint",
    "ParsedRow",
    "ParsedTable",
    "PeriodKind",
    "TableSpec",
    "before_after",
    "capacity_use",
    "inputs_required",
    "month_start",
    "month_starts",
    "output_per_hour",
    "parse_date",
    "parse_decimal",
    "period_problem",
    "table_parse",
]
