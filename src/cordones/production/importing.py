"""All-or-nothing imports: a file is read, every row checked (by the domain, then against
the workplace's products, sections, members and customers and what is already recorded),
and either every row is saved or none is, with a report naming each problem's row and
column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cordones.core.errors import ServiceError
from cordones.domain.production import ImportProblem, ParsedTable, TableSpec, table_parse
from cordones.domain.production.imports import problem
from cordones.production.tabular import MAX_BYTES, FileTooLarge, UnreadableFile, read_rows


@dataclass(frozen=True)
class ReportLine:
    row: int
    column: str
    message: str
    key: str = ""  # the column's key ("" for the row or the file)


class ImportRejected(ServiceError):
    """The file was refused: nothing was saved. ``lines`` is the report."""

    def __init__(self, lines: Sequence[ReportLine]) -> None:
        self.lines = list(lines)
        super().__init__({"file": [_("The file was not imported: nothing was saved.")]})


def column_label(spec: TableSpec, key: str) -> str:
    for column in spec.columns:
        if column.key == key:
            return column.aliases[0]
    return ""


def report(spec: TableSpec, problems: Sequence[ImportProblem]) -> ImportRejected:
    ordered = sorted(problems, key=lambda p: (p.row, p.column))
    return ImportRejected(
        [
            ReportLine(p.row, column_label(spec, p.column), p.message(_), p.column)
            for p in ordered[:500]
        ]
    )


def on_fields(rejected: ImportRejected, fields: dict[str, str]) -> ServiceError:
    """A one-row "import" made by a plain form (output, hours, a sale): its problems as
    messages on the form's fields (``fields`` maps column keys to field names), not the
    import's "the file was not imported", which names a file the person never sent."""
    errors: list[tuple[str, str]] = [
        (fields.get(line.key, line.key), line.message) for line in rejected.lines
    ]
    return ServiceError(errors or [("", _("Nothing was saved."))])


def _too_large_message(exc: FileTooLarge) -> str:
    if exc.kind == "rows":
        return _("The file has more than %(limit)s rows; split it.") % {"limit": exc.limit}
    if exc.kind == "columns":
        return _("The file has more than %(limit)s columns; keep only the table's.") % {
            "limit": exc.limit
        }
    message = _("The file expands to more than %(limit)s MB; save it as a plain XLSX or CSV.")
    return message % {"limit": exc.limit}


def parse_upload(spec: TableSpec, filename: str, data: bytes) -> ParsedTable:
    if len(data) > MAX_BYTES:
        raise ImportRejected([ReportLine(0, "", _("The file is larger than 10 MB."))])
    try:
        rows = read_rows(filename, data)
    except UnreadableFile as exc:
        raise report(spec, [problem(0, "", "unreadable_file", kind=exc.kind)]) from None
    except FileTooLarge as exc:
        raise ImportRejected([ReportLine(0, "", _too_large_message(exc))]) from None
    parsed = table_parse(spec, rows)
    if parsed.problems:
        raise report(spec, parsed.problems)
    return parsed


Resolver = Callable[[ParsedTable], list[ImportProblem]]
