"""Which books a workplace keeps, and the key each is stored under.

Ley 20.337 and INAES practice keep separate books: Actas de Asambleas, Asistencia a
Asambleas, Actas de Reuniones del Consejo de Administración (with its own attendance),
Informes del Síndico and the Registro de Asociados; the accounts keep the Libro Diario.
Other bodies (section assemblies, commissions) get a book of their own each.
"""

from __future__ import annotations

JOURNAL = "journal"
REGISTER = "register"
AUDITOR_REPORTS = "auditor_reports"
LEGACY_MINUTES = "legacy_minutes"  # the one mixed minute book kept before ADR 0013

ASSEMBLY_MINUTES = "assembly_minutes"
ASSEMBLY_ATTENDANCE = "assembly_attendance"
COUNCIL_MINUTES = "council_minutes"
COUNCIL_ATTENDANCE = "council_attendance"

# the books every workplace keeps, in the order they are shown
STANDARD = (
    ASSEMBLY_MINUTES,
    ASSEMBLY_ATTENDANCE,
    COUNCIL_MINUTES,
    COUNCIL_ATTENDANCE,
    AUDITOR_REPORTS,
    REGISTER,
    JOURNAL,
)


def _prefix(body_kind: str, body_id: int) -> str:
    if body_kind == "general_assembly":
        return "assembly"
    if body_kind == "council":
        return "council"
    return f"body{body_id}"


def minutes_book(body_kind: str, body_id: int) -> str:
    """The book a body's actas enter."""
    return f"{_prefix(body_kind, body_id)}_minutes"


def attendance_book(body_kind: str, body_id: int) -> str:
    """The book where attendance at a body's meetings is entered, with its acta."""
    return f"{_prefix(body_kind, body_id)}_attendance"


def body_id_of(book: str) -> int | None:
    """The body a body-specific book belongs to (None for the standard books)."""
    prefix = book.split("_", 1)[0]
    if prefix.startswith("body") and prefix[4:].isdigit():
        return int(prefix[4:])
    return None


def is_attendance(book: str) -> bool:
    return book.endswith("_attendance")


def is_valid(book: str) -> bool:
    if book in STANDARD or book == LEGACY_MINUTES:
        return True
    return body_id_of(book) is not None and book.split("_", 1)[1] in ("minutes", "attendance")
