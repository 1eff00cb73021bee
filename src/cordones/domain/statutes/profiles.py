"""Statute profiles as data.

A profile (e.g. ``ar-20337``) has one or more *versions*, each valid from a date (and
until the next one). A workplace follows one profile and may override single values; the
effective rules are the version in force on a date with the overrides applied.

Sources for the Argentine defaults: Ley 20.337 (arts. 42, 47-53, 58-60, 64), INAES
resolutions on the minimum number of members of worker cooperatives (Res. 302/94: 6;
Res. 1000/21 lowered it to 3; Res. 2024 restored 6 in December 2024).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from cordones.domain.bounds import (
    MAX_PAY_RATIO,
    STATUTE_INT_RANGES,
    DecimalBound,
    parse_decimal,
    parse_fraction,
)

MATTERS = (
    "ordinary",
    "election",
    "admission",
    "exclusion_appeal",
    "annual_report",
    "surplus_distribution",
    "statute_reform",
    "merger_dissolution",
    "change_of_object",
    "officer_removal",
    "other",
)


class StatuteError(ValueError):
    """An override or profile value that cannot be applied. `field` names the value."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class StatuteRules:
    """The values an assembly, the council and the books follow."""

    min_members: int
    notice_days: int
    ordinary_assembly_months_after_year_end: int
    quorum_fraction: Fraction  # of members, plus one member: "half + 1" is 0.5
    second_call_minutes: int  # any number present after this delay
    extraordinary_threshold: Fraction  # share of members who can demand an assembly
    extraordinary_within_days: int
    agenda_initiative_threshold: Fraction
    simple_majority: Fraction
    qualified_majority: Fraction
    qualified_matters: tuple[str, ...]
    secret_ballot_matters: tuple[str, ...]
    conflicted_matters: tuple[str, ...]  # council and síndico do not vote on these
    abstentions_count_as_absent: bool
    proxies_allowed: bool
    minutes_member_signers: int
    minutes_copy_days: int
    adjournment_max_days: int
    council_meets_every_days: int
    legal_reserve_pct: Decimal
    assistance_fund_pct: Decimal
    education_fund_pct: Decimal
    share_interest_allowed: bool
    retorno_uncollected_days: int
    max_pay_ratio: Decimal | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Decimal | Fraction):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out


@dataclass(frozen=True)
class StatuteVersion:
    profile: str
    name: str
    country: str
    valid_from: date
    rules: StatuteRules
    source: str = ""
    valid_until: date | None = None  # exclusive; filled from the next version

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


def version_in_force(versions: list[StatuteVersion], day: date) -> StatuteVersion:
    for version in versions:
        if version.in_force_on(day):
            return version
    raise StatuteError("valid_from", f"no version in force on {day.isoformat()}")


def _field_types() -> dict[str, Any]:
    return {f.name: f.type for f in dataclasses.fields(StatuteRules)}


def apply_overrides(rules: StatuteRules, overrides: dict[str, Any]) -> StatuteRules:
    """Return `rules` with the workplace's own values; reject unknown or invalid ones."""
    types = _field_types()
    changes: dict[str, Any] = {}
    for name, raw in overrides.items():
        if name not in types:
            raise StatuteError(name, "unknown statute value")
        current = getattr(rules, name)
        changes[name] = _coerce(name, raw, current, types[name])
    return dataclasses.replace(rules, **changes)


def _coerce(name: str, raw: Any, current: Any, annotation: str) -> Any:
    if isinstance(current, bool) or annotation == "bool":
        if not isinstance(raw, bool):
            raise StatuteError(name, "must be true or false")
        return raw
    if isinstance(current, int) and annotation == "int":
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise StatuteError(name, "must be a whole number, zero or more")
        allowed = STATUTE_INT_RANGES.get(name)
        if allowed is not None and not allowed.contains(raw):
            raise StatuteError(name, f"must be between {allowed.minimum} and {allowed.maximum}")
        return raw
    if isinstance(current, tuple):
        if not isinstance(raw, list | tuple) or any(m not in MATTERS for m in raw):
            raise StatuteError(name, "must be a list of known matters")
        return tuple(raw)
    if raw is None and "None" in annotation:
        return None
    if annotation == "Fraction":
        fraction = parse_fraction(raw if isinstance(raw, Fraction | int) else str(raw))
        if fraction is None:
            raise StatuteError(name, "must be a fraction such as 1/2 or 2/3")
        if not 0 <= fraction <= 1:
            raise StatuteError(name, "must be a fraction between 0 and 1")
        return fraction
    value = parse_decimal(raw if isinstance(raw, Decimal | int) else str(raw), _STATUTE_DECIMAL)
    if value is None or value < 0:
        raise StatuteError(name, "must be a decimal number, zero or more")
    if name == "max_pay_ratio" and not 1 <= value <= MAX_PAY_RATIO:
        raise StatuteError(name, f"must be between 1 and {MAX_PAY_RATIO}")
    if name.endswith(("_pct", "_fraction", "_threshold", "_majority")) and value > 1:
        raise StatuteError(name, "must be a fraction between 0 and 1")
    return value


# statute percentages and ratios: up to 999.9999
_STATUTE_DECIMAL = DecimalBound(7, 4)

_AR_BASE = StatuteRules(
    min_members=10,
    notice_days=15,
    ordinary_assembly_months_after_year_end=4,
    quorum_fraction=Fraction("1/2"),
    second_call_minutes=60,
    extraordinary_threshold=Fraction("1/10"),
    extraordinary_within_days=30,
    agenda_initiative_threshold=Fraction("1/10"),
    simple_majority=Fraction("1/2"),
    qualified_majority=Fraction("2/3"),
    qualified_matters=("statute_reform", "change_of_object", "merger_dissolution"),
    secret_ballot_matters=(
        "election",
        "exclusion_appeal",
        "annual_report",
        "surplus_distribution",
        "merger_dissolution",
        "change_of_object",
        "officer_removal",
    ),
    conflicted_matters=("annual_report",),
    abstentions_count_as_absent=True,
    proxies_allowed=False,
    minutes_member_signers=2,
    minutes_copy_days=30,
    adjournment_max_days=30,
    council_meets_every_days=30,
    legal_reserve_pct=Decimal("0.05"),
    assistance_fund_pct=Decimal("0.05"),
    education_fund_pct=Decimal("0.05"),
    share_interest_allowed=True,
    retorno_uncollected_days=180,
)


def _chain(versions: list[StatuteVersion]) -> list[StatuteVersion]:
    """Close each version on the day the next one starts."""
    ordered = sorted(versions, key=lambda v: v.valid_from)
    closed = [
        dataclasses.replace(v, valid_until=ordered[i + 1].valid_from)
        for i, v in enumerate(ordered[:-1])
    ]
    return [*closed, ordered[-1]]


AR = "ar-20337"
_AR_NAME = "Argentina — Ley 20.337 (cooperativa de trabajo)"

PRESETS: dict[str, list[StatuteVersion]] = {
    AR: _chain(
        [
            StatuteVersion(AR, _AR_NAME, "AR", date(1973, 5, 2), _AR_BASE, "Ley 20.337"),
            StatuteVersion(
                AR,
                _AR_NAME,
                "AR",
                date(1994, 1, 1),
                dataclasses.replace(_AR_BASE, min_members=6),
                "Ley 20.337; INAES Res. 302/94 (mínimo 6 asociados)",
            ),
            StatuteVersion(
                AR,
                _AR_NAME,
                "AR",
                date(2021, 1, 1),
                dataclasses.replace(_AR_BASE, min_members=3),
                "Ley 20.337; INAES Res. 1000/21 (mínimo 3 asociados)",
            ),
            StatuteVersion(
                AR,
                _AR_NAME,
                "AR",
                date(2024, 12, 1),
                dataclasses.replace(_AR_BASE, min_members=6),
                "Ley 20.337; INAES, diciembre de 2024 (mínimo 6 asociados)",
            ),
        ]
    ),
    "es-coop": _chain(
        [
            StatuteVersion(
                "es-coop",
                "España — Ley 27/1999 de Cooperativas",
                "ES",
                date(1999, 7, 17),
                dataclasses.replace(
                    _AR_BASE,
                    min_members=3,
                    legal_reserve_pct=Decimal("0.20"),
                    assistance_fund_pct=Decimal("0"),
                    education_fund_pct=Decimal("0.05"),
                    quorum_fraction=Fraction("1/2"),
                    second_call_minutes=30,
                    retorno_uncollected_days=0,
                ),
                "Ley 27/1999, arts. 55-58 (FRO ≥ 20 %, FEP ≥ 5 %)",
            )
        ]
    ),
    "br-5764": _chain(
        [
            StatuteVersion(
                "br-5764",
                "Brasil — Lei 5.764/71 e Lei 12.690/12 (cooperativa de trabalho)",
                "BR",
                date(2012, 7, 19),
                dataclasses.replace(
                    _AR_BASE,
                    min_members=7,
                    notice_days=10,
                    legal_reserve_pct=Decimal("0.10"),
                    assistance_fund_pct=Decimal("0.05"),
                    education_fund_pct=Decimal("0"),
                    quorum_fraction=Fraction("2/3"),
                    retorno_uncollected_days=0,
                ),
                "Lei 5.764/71 art. 28 (reserva ≥ 10 %, FATES ≥ 5 %); "
                "Lei 12.690/12 art. 6 (7 sócios)",
            )
        ]
    ),
    "mondragon": _chain(
        [
            StatuteVersion(
                "mondragon",
                "Mondragon — Corporación (Euskadi, Ley 11/2019)",
                "ES",
                date(2019, 12, 20),
                dataclasses.replace(
                    _AR_BASE,
                    min_members=2,
                    legal_reserve_pct=Decimal("0.20"),
                    assistance_fund_pct=Decimal("0"),
                    education_fund_pct=Decimal("0.10"),
                    max_pay_ratio=Decimal("6"),
                    retorno_uncollected_days=0,
                ),
                "Ley 11/2019 de Cooperativas de Euskadi; principios de Mondragon (COFIP 10 %)",
            )
        ]
    ),
    "us-worker-coop": _chain(
        [
            StatuteVersion(
                "us-worker-coop",
                "United States — worker cooperative (Subchapter T)",
                "US",
                date(1962, 10, 16),
                dataclasses.replace(
                    _AR_BASE,
                    min_members=2,
                    notice_days=10,
                    legal_reserve_pct=Decimal("0.30"),
                    assistance_fund_pct=Decimal("0"),
                    education_fund_pct=Decimal("0"),
                    share_interest_allowed=False,
                    secret_ballot_matters=("election",),
                    retorno_uncollected_days=0,
                ),
                "Internal Revenue Code Subchapter T (§§ 1381-1388): patronage by hours",
            )
        ]
    ),
}


def preset_versions(profile: str) -> list[StatuteVersion]:
    try:
        return PRESETS[profile]
    except KeyError:
        raise StatuteError("profile", f"unknown statute profile {profile!r}") from None
