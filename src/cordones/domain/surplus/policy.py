"""Statute surplus policies as data.

A :class:`SurplusPolicy` is the part of a statute profile that says how a worker cooperative's
year surplus is applied: which funds get what percentage (and the legal minimum or maximum of
each), whether interest on paid-in shares is allowed and up to what rate, on which bases the
rest may be returned to the members, and whether that return is paid in cash or credited to
individual capital accounts.

Presets live in :data:`PRESETS`; each is built by a function whose docstring cites its source.
A cooperative whose assembly chose other percentages (within the legal limits) derives its own
policy with :func:`policy_with`; :func:`policy_validate` checks a policy against its limits.

Every preset applies, before any percentage, (1) the covering of losses of previous years and
(2) the rebuilding of reserves used to absorb losses, in that order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from cordones.domain.common.i18n import gettext_noop
from cordones.domain.surplus.errors import SurplusError, error

ONE = Decimal(1)
ZERO = Decimal(0)


class Basis(StrEnum):
    """What the retorno is shared in proportion to."""

    HOURS = "hours"  # hours of work actually done
    RETIROS = "retiros"  # advances (retiros / anticipos) paid during the year
    EQUAL = "equal"  # equal parts
    COEFFICIENT = "coefficient"  # a per-member coefficient agreed by the assembly


# The member field each basis reads (EQUAL needs none).
BASIS_FIELDS: Mapping[Basis, str | None] = {
    Basis.HOURS: "hours",
    Basis.RETIROS: "retiros",
    Basis.EQUAL: None,
    Basis.COEFFICIENT: "coefficient",
}


@dataclass(frozen=True)
class FundRule:
    """One step of the waterfall: ``rate`` of the distributable surplus goes to fund ``key``.

    ``label`` is an English msgid for display; ``local_name`` is the statute's own name.
    ``minimum_rate`` / ``maximum_rate`` are the legal limits an assembly may choose within
    (equal to ``rate`` when the law fixes the percentage).
    """

    key: str
    label: str
    local_name: str
    rate: Decimal
    minimum_rate: Decimal = ZERO
    maximum_rate: Decimal | None = None
    # The `cordones.domain.statutes.StatuteRules` value a workplace's statute profile sets this
    # fund's rate with (see `policy_for_statute`).
    statute_field: str | None = None


@dataclass(frozen=True)
class SurplusPolicy:
    """How a statute applies the year surplus. See the module docstring."""

    id: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    source: str  # legal source, human readable
    funds: tuple[FundRule, ...]  # the waterfall, in order
    allowed_bases: tuple[Basis, ...]
    share_interest_allowed: bool = False
    # Highest annual rate of interest on paid-in shares, when the statute caps it. ``None`` with
    # ``share_interest_capped`` means the cap depends on a rate that changes (e.g. the Banco de
    # la Nación discount rate + 1 point) and must be set per fiscal year with `policy_with`.
    share_interest_cap: Decimal | None = None
    share_interest_capped: bool = True
    # Minimum part of each member's retorno paid in cash; the rest is credited to the member's
    # individual capital account when ``credited_to_capital_accounts`` is true.
    retorno_cash_fraction: Decimal = ONE
    credited_to_capital_accounts: bool = False
    default_currency: str = "ARS"
    law_date: date | None = None  # the date of the law cited in `source`

    def fund(self, key: str) -> FundRule:
        for rule in self.funds:
            if rule.key == key:
                return rule
        raise KeyError(key)


def policy_with(
    policy: SurplusPolicy,
    *,
    fund_rates: Mapping[str, Decimal] | None = None,
    share_interest_cap: Decimal | None = None,
    retorno_cash_fraction: Decimal | None = None,
) -> SurplusPolicy:
    """The same policy with the percentages, cap or cash part an assembly chose.

    Does not check legal limits (see :func:`policy_validate`); raises ``KeyError`` for a fund
    the policy does not have, since that is a caller's mistake rather than a statute question.
    """
    funds = policy.funds
    if fund_rates:
        keys = {rule.key for rule in funds}
        for key in fund_rates:
            if key not in keys:
                raise KeyError(key)
        funds = tuple(
            dataclasses.replace(rule, rate=fund_rates[rule.key]) if rule.key in fund_rates else rule
            for rule in funds
        )
    changes: dict[str, object] = {"funds": funds}
    if share_interest_cap is not None:
        changes["share_interest_cap"] = share_interest_cap
    if retorno_cash_fraction is not None:
        changes["retorno_cash_fraction"] = retorno_cash_fraction
    return dataclasses.replace(policy, **changes)  # type: ignore[arg-type]


class StatuteSurplusRules(Protocol):
    """The surplus values of a statute profile (``cordones.domain.statutes.StatuteRules``)."""

    legal_reserve_pct: Decimal
    assistance_fund_pct: Decimal
    education_fund_pct: Decimal
    share_interest_allowed: bool


def policy_for_statute(policy: SurplusPolicy, rules: StatuteSurplusRules) -> SurplusPolicy:
    """``policy`` with the fund rates and share-interest permission of a workplace's statute.

    ``rules`` is the effective ``StatuteRules`` of the workplace (its profile's version in
    force, with the workplace's overrides): each fund takes the rate named by its
    ``statute_field``, and interest on shares is allowed only if both the law and the statute
    allow it (Ley 20.337 art. 42 inc. 4: "si lo autoriza el estatuto"). The legal limits of
    the policy still apply: :func:`policy_validate` reports a statute below the law.
    """
    rates = {
        rule.key: getattr(rules, rule.statute_field)
        for rule in policy.funds
        if rule.statute_field is not None
    }
    adjusted = policy_with(policy, fund_rates=rates)
    allowed = policy.share_interest_allowed and bool(rules.share_interest_allowed)
    return dataclasses.replace(adjusted, share_interest_allowed=allowed)


def policy_validate(policy: SurplusPolicy) -> list[SurplusError]:
    """Check each fund's rate against its legal limits and the rates' total against 100 %."""
    errors: list[SurplusError] = []
    total = ZERO
    for rule in policy.funds:
        total += rule.rate
        if not rule.rate.is_finite() or rule.rate < rule.minimum_rate:
            errors.append(
                error(
                    "fund_below_minimum",
                    field=rule.key,
                    fund=rule.key,
                    rate=rule.rate,
                    minimum=rule.minimum_rate,
                )
            )
        elif rule.maximum_rate is not None and rule.rate > rule.maximum_rate:
            errors.append(
                error(
                    "fund_above_maximum",
                    field=rule.key,
                    fund=rule.key,
                    rate=rule.rate,
                    maximum=rule.maximum_rate,
                )
            )
    if total.is_finite() and total > ONE:
        errors.append(error("fund_rates_exceed_total", total=total))
    fraction = policy.retorno_cash_fraction
    if not fraction.is_finite() or not ZERO <= fraction <= ONE:
        errors.append(error("invalid_cash_fraction", value=fraction))
    return errors


_P5 = Decimal("0.05")

#: Spain's obligatory reserve fund, 20 % of the surplus, in both the state and the Basque law.
_ES_RESERVE_FUND = FundRule(
    "reserve_fund",
    gettext_noop("Obligatory reserve fund"),
    "Fondo de reserva obligatorio",
    Decimal("0.20"),
    Decimal("0.20"),
    statute_field="legal_reserve_pct",
)


def policy_ar_20337() -> SurplusPolicy:
    """Argentina, worker cooperatives under Ley 20.337 (Ley de Cooperativas, 1973), art. 42.

    Source: art. 42 of Ley 20.337. Only surpluses from the difference between cost and price of
    the service to members are distributable. Surplus cannot be distributed without first
    compensating losses of previous years, and, where reserves were used to absorb losses,
    without rebuilding them to their previous level. Of the distributable surplus: 5 % to the
    legal reserve; 5 % to the "fondo de acción asistencial y laboral o para estímulo del
    personal"; 5 % to the "fondo de educación y capacitación cooperativas"; an undetermined sum
    to pay interest on paid-in shares if the statute authorises it, at a rate not more than one
    point above the Banco de la Nación Argentina discount rate; the rest returned to the
    members (retorno), in worker cooperatives in proportion to the work done by each.

    The Banco de la Nación rate changes, so ``share_interest_cap`` is left unset here: set it
    for the fiscal year with ``policy_with(policy, share_interest_cap=bna_rate + 0.01)``.
    Bases: hours and retiros measure work; ``equal`` and ``coefficient`` are schemes an
    assembly may adopt as its measure of work. Art. 42 (last part) sends the surplus of
    operations with non-members to a special reserve: not modelled here.
    """
    return SurplusPolicy(
        id="ar-20337",
        name="Argentina — Ley 20.337 art. 42",
        country="AR",
        source="Ley 20.337 (Argentina, 1973), art. 42",
        funds=(
            FundRule(
                "legal_reserve",
                gettext_noop("Legal reserve"),
                "Reserva legal",
                _P5,
                _P5,
                _P5,
                statute_field="legal_reserve_pct",
            ),
            FundRule(
                "assistance_fund",
                gettext_noop("Assistance and labour fund"),
                "Fondo de acción asistencial y laboral",
                _P5,
                _P5,
                _P5,
                statute_field="assistance_fund_pct",
            ),
            FundRule(
                "education_fund",
                gettext_noop("Education and training fund"),
                "Fondo de educación y capacitación cooperativas",
                _P5,
                _P5,
                _P5,
                statute_field="education_fund_pct",
            ),
        ),
        allowed_bases=(Basis.HOURS, Basis.RETIROS, Basis.EQUAL, Basis.COEFFICIENT),
        share_interest_allowed=True,
        share_interest_cap=None,
        share_interest_capped=True,
        default_currency="ARS",
        law_date=date(1973, 5, 2),
    )


def policy_es_coop() -> SurplusPolicy:
    """Spain, Ley 27/1999 de Cooperativas (state law), arts. 58 and 48.

    Source: art. 58.1: of the surplus, once losses of any kind from previous years are
    deducted, at least 20 % goes to the obligatory reserve fund (fondo de reserva obligatorio)
    and at least 5 % to the education and promotion fund (fondo de educación y promoción);
    art. 58.4: the rest may be returned to members (retorno cooperativo) in proportion to the
    cooperative activity of each. Art. 48.2: interest on capital contributions may not exceed
    the legal interest rate by more than six points (a rate that changes: set the cap per year).
    Most cooperatives are governed by their autonomous community's law instead, with other
    percentages: derive a policy with :func:`policy_with` and check it against that law.
    """
    return SurplusPolicy(
        id="es-coop",
        name="España — Ley 27/1999 art. 58",
        country="ES",
        source="Ley 27/1999, de 16 de julio, de Cooperativas (España), arts. 48 and 58",
        funds=(
            _ES_RESERVE_FUND,
            FundRule(
                "education_fund",
                gettext_noop("Education and promotion fund"),
                "Fondo de educación y promoción",
                _P5,
                _P5,
                statute_field="education_fund_pct",
            ),
        ),
        allowed_bases=(Basis.HOURS, Basis.RETIROS, Basis.COEFFICIENT),
        share_interest_allowed=True,
        share_interest_cap=None,
        default_currency="EUR",
        law_date=date(1999, 7, 16),
    )


def policy_br_5764() -> SurplusPolicy:
    """Brazil, Lei 5.764/1971 (Lei das Cooperativas), arts. 4, 24 and 28.

    Source: art. 28: at least 10 % of the net surplus (sobras líquidas) to the reserve fund
    (Fundo de Reserva) and at least 5 % to the technical, educational and social assistance
    fund (FATES); art. 4 VII: the rest is returned to members in proportion to their
    operations, unless the general assembly decides otherwise; art. 24 § 3: interest on
    paid-in quotas at most 12 % a year. Worker cooperatives are also governed by Lei
    12.690/2012, not modelled here. Losses are covered first (art. 89 uses the reserve fund).
    """
    return SurplusPolicy(
        id="br-5764",
        name="Brasil — Lei 5.764/1971 art. 28",
        country="BR",
        source="Lei 5.764, de 16 de dezembro de 1971 (Brasil), arts. 4, 24 and 28",
        funds=(
            FundRule(
                "reserve_fund",
                gettext_noop("Reserve fund"),
                "Fundo de Reserva",
                Decimal("0.10"),
                Decimal("0.10"),
                statute_field="legal_reserve_pct",
            ),
            FundRule(
                "fates",
                gettext_noop("Technical, educational and social assistance fund (FATES)"),
                "Fundo de Assistência Técnica, Educacional e Social",
                _P5,
                _P5,
                statute_field="assistance_fund_pct",
            ),
        ),
        allowed_bases=(Basis.HOURS, Basis.RETIROS, Basis.EQUAL, Basis.COEFFICIENT),
        share_interest_allowed=True,
        share_interest_cap=Decimal("0.12"),
        default_currency="BRL",
        law_date=date(1971, 12, 16),
    )


def policy_mondragon() -> SurplusPolicy:
    """Mondragon-style worker cooperative (Basque Country).

    Source: Ley 11/2019 de Cooperativas de Euskadi, art. 70 (at least 20 % to the obligatory
    reserve fund and at least 10 % to the COFIP, the obligatory contribution to education,
    cooperative promotion and other public-interest ends) and the Mondragon cooperatives'
    practice of crediting the members' share of the surplus (retornos) to their individual
    capital accounts rather than paying it in cash; the share follows each member's labour
    advances (anticipos laborales), i.e. hours times their job coefficient. Mondragon
    cooperatives often send 20–30 % or more to the reserve: the default is the legal minimum,
    raise it with :func:`policy_with`. Interest on capital is allowed within a cap that depends
    on the legal interest rate (set it per year).
    """
    return SurplusPolicy(
        id="mondragon",
        name="Mondragon (Euskadi) — individual capital accounts",
        country="ES",
        source="Ley 11/2019 de Cooperativas de Euskadi, art. 70; Mondragon practice",
        funds=(
            _ES_RESERVE_FUND,
            FundRule(
                "education_fund",
                gettext_noop("Education and social fund (COFIP)"),
                "Contribución obligatoria para educación y promoción cooperativa (COFIP)",
                Decimal("0.10"),
                Decimal("0.10"),
                statute_field="education_fund_pct",
            ),
        ),
        allowed_bases=(Basis.RETIROS, Basis.HOURS, Basis.COEFFICIENT),
        share_interest_allowed=True,
        share_interest_cap=None,
        retorno_cash_fraction=ZERO,
        credited_to_capital_accounts=True,
        default_currency="EUR",
    )


def policy_us_worker_coop() -> SurplusPolicy:
    """United States worker cooperative taxed under Subchapter T of the Internal Revenue Code.

    Source: 26 U.S.C. §§ 1381–1388 (Subchapter T); § 1388(c)(1)(B): a patronage dividend is
    deductible when paid with a qualified written notice of allocation and at least 20 % of it
    in cash. The collective (unallocated) reserve is a bylaw choice (30 % here, configurable);
    the rest is allocated as patronage by hours (or by wages), with the cash part paid and the
    rest credited to each member's internal capital account. State cooperative statutes vary;
    interest on membership shares is not modelled (most worker co-ops pay none).
    """
    return SurplusPolicy(
        id="us-worker-coop",
        name="United States — worker cooperative (Subchapter T)",
        country="US",
        source="26 U.S.C. §§ 1381–1388 (Subchapter T), § 1388(c)(1)(B); cooperative bylaws",
        funds=(
            FundRule(
                "collective_reserve",
                gettext_noop("Collective reserve (unallocated)"),
                "Collective reserve",
                Decimal("0.30"),
                ZERO,
                ONE,
                statute_field="legal_reserve_pct",
            ),
        ),
        allowed_bases=(Basis.HOURS, Basis.RETIROS),
        share_interest_allowed=False,
        retorno_cash_fraction=Decimal("0.20"),
        credited_to_capital_accounts=True,
        default_currency="USD",
    )


PRESETS: Mapping[str, SurplusPolicy] = {
    p.id: p
    for p in (
        policy_ar_20337(),
        policy_es_coop(),
        policy_br_5764(),
        policy_mondragon(),
        policy_us_worker_coop(),
    )
}

PRESET_BUILDERS = {
    "ar-20337": policy_ar_20337,
    "es-coop": policy_es_coop,
    "br-5764": policy_br_5764,
    "mondragon": policy_mondragon,
    "us-worker-coop": policy_us_worker_coop,
}


def policy_get(policy_id: str) -> SurplusPolicy | None:
    """The preset with this id, or ``None``."""
    return PRESETS.get(policy_id)
