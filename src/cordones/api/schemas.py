from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema


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
