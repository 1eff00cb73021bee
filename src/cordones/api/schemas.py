from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from ninja import Path, Schema

from cordones.domain.bounds import MAX_INT32


class OfficeTermOut(Schema):
    office: str
    start: date
    end: date
    ended_on: date | None


class MemberOut(Schema):
    number: int
    full_name: str
    section: str | None
    admitted_on: date | None
    departed_on: date | None
    departure_reason: str | None
    shares_subscribed: Decimal
    shares_paid: Decimal
    offices: list[OfficeTermOut]


class WorkplaceOut(Schema):
    slug: str
    name: str
    legal_name: str
    legal_form: str
    tax_id: str
    sector: str
    city: str
    province: str
    founded_on: date | None
    recovered_on: date | None
    statute_profile: str


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    """A request whose parameters or body do not fit the operation (django-ninja's 422)."""

    detail: list[dict[str, Any]]


# Every operation documents the answers it can give besides its success (ADR 0011); the
# audit's schemathesis run checks that the API answers nothing else.
UNAUTHORIZED = {401: ErrorOut}  # not logged in
FORBIDDEN = {403: ErrorOut}  # a rule the person lacks, or a POST without its CSRF token
NOT_FOUND = {404: ErrorOut}  # no such workplace/motion, or not a member of it
INVALID = {422: ValidationErrorOut}

# Path parameters bounded like the columns they look up: a slug as workplaces have them,
# an id that fits a PostgreSQL integer.
Slug = Annotated[str, Path(min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
RowId = Annotated[int, Path(ge=1, le=MAX_INT32)]
