"""The distribution of a closed year's surplus: the council drafts a proposal under the
statute's policy (the domain's waterfall), submits it to the ordinary assembly, and the
assembly's decision approves or rejects it; an approved proposal is posted to the books.

The assemblies app calls :func:`surplus_proposal_decide` when the secret vote on the agenda
item closes.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cordones.core.errors import ServiceError
from cordones.domain.ledger import account_balances, year_distribution
from cordones.domain.surplus import MESSAGES as SURPLUS_MESSAGES
from cordones.domain.surplus import (
    Allocation,
    Basis,
    Member,
    MemberLine,
    policy_for_statute,
    policy_get,
    policy_with,
    surplus_distribute,
)
from cordones.ledger.errors import raise_ledger_errors
from cordones.ledger.models import FiscalYear
from cordones.ledger.selectors import ledger_summary
from cordones.ledger.services import Draft, transactions_post, workplace_chart
from cordones.members.models import Member as MemberModel
from cordones.members.permissions import Access, require
from cordones.members.selectors import register_rows
from cordones.production.selectors import hours_by_member
from cordones.retiros.selectors import coefficients_at, retiros_by_member
from cordones.surplus.models import ProposalStatus, SurplusLine, SurplusProposal
from cordones.workplaces.selectors import statute_rules_get


def _member_id(number: int) -> str:
    return f"{number:06d}"


def losses_pending(year: FiscalYear) -> Decimal:
    """The debit balance of the chart's account of accumulated losses at the year's end."""
    chart = workplace_chart(year.workplace)
    account = chart.fund_accounts.get("losses_covered")
    if account is None:
        return Decimal("0.00")
    balance = account_balances(ledger_summary(year.workplace, None, year.end)).get(account)
    return max(balance or Decimal("0.00"), Decimal("0.00"))


def proposal_inputs(year: FiscalYear, basis: Basis) -> list[Member]:
    """Every member during the fiscal year, with the measure of work the basis needs (hours
    recorded, retiros posted, the role coefficient at the year's end) and paid-in shares."""
    workplace = year.workplace
    rows = [
        r
        for r in register_rows(workplace)
        if r.state.admitted_on is not None
        and r.state.admitted_on <= year.end
        and (r.state.departed_on is None or r.state.departed_on > year.start)
    ]
    hours = hours_by_member(workplace, year.start, year.end) if basis is Basis.HOURS else {}
    retiros = retiros_by_member(workplace, year.start, year.end) if basis is Basis.RETIROS else {}
    coefficients = coefficients_at(workplace, year.end) if basis is Basis.COEFFICIENT else {}
    return [
        Member(
            id=_member_id(r.member.number),
            hours=hours.get(r.member.pk, Decimal(0)) if basis is Basis.HOURS else None,
            retiros=retiros.get(r.member.pk, Decimal(0)) if basis is Basis.RETIROS else None,
            coefficient=coefficients.get(r.member.pk, Decimal(0))
            if basis is Basis.COEFFICIENT
            else None,
            paid_in_shares=r.state.shares_paid,
        )
        for r in rows
    ]


def _surplus_errors(allocation: Allocation) -> None:
    pairs = [
        (
            e.field if e.field in ("basis", "share_interest_rate") else "",
            _(SURPLUS_MESSAGES[e.code]) % dict(e.params),
        )
        for e in allocation.errors
    ]
    if pairs:
        raise ServiceError(pairs)


def surplus_proposal_create(
    access: Access,
    year: FiscalYear,
    *,
    basis: str,
    share_interest_rate: Decimal | None = None,
    share_interest_cap: Decimal | None = None,
    losses_to_cover: Decimal | None = None,
    reserves_to_rebuild: Decimal = Decimal("0.00"),
) -> SurplusProposal:
    """Draft the distribution of a closed year's surplus under the workplace's statute."""
    require(access, "surplus.propose", year.workplace)
    workplace = year.workplace
    if not year.closed or year.surplus is None:
        raise ServiceError.single("", _("Close the fiscal year before proposing its distribution."))
    base_policy = policy_get(workplace.statute_profile) or policy_get("ar-20337")
    assert base_policy is not None
    policy = policy_for_statute(base_policy, statute_rules_get(workplace, year.end))  # type: ignore[arg-type]
    if share_interest_cap is not None:
        policy = policy_with(policy, share_interest_cap=share_interest_cap)
    try:
        chosen = Basis(basis)
    except ValueError:
        chosen = Basis.HOURS
    if losses_to_cover is None:
        losses_to_cover = losses_pending(year)
    members = proposal_inputs(year, chosen)
    allocation = surplus_distribute(
        policy,
        year.surplus,
        basis,
        members,
        losses_to_cover=losses_to_cover,
        reserves_to_rebuild=reserves_to_rebuild,
        share_interest_rate=share_interest_rate,
        currency=workplace.currency,
    )
    _surplus_errors(allocation)
    by_id = {
        _member_id(n): pk
        for pk, n in MemberModel.objects.filter(workplace=workplace).values_list("pk", "number")
    }
    with transaction.atomic():
        proposal = SurplusProposal.objects.create(
            workplace=workplace,
            fiscal_year=year,
            policy_id=policy.id,
            basis=allocation.basis,
            currency=allocation.currency,
            surplus=allocation.surplus,
            losses_to_cover=losses_to_cover,
            reserves_to_rebuild=reserves_to_rebuild,
            share_interest_rate=share_interest_rate,
            share_interest_cap=share_interest_cap,
            distributable=allocation.distributable,
            funds={k: str(v) for k, v in allocation.funds.items()},
            inputs=[
                {k: (str(v) if v is not None else None) for k, v in dataclasses.asdict(m).items()}
                for m in members
            ],
            warnings=[w.message(_) for w in allocation.warnings],
            created_by_id=access.user_id,
        )
        SurplusLine.objects.bulk_create(
            [
                SurplusLine(
                    proposal=proposal,
                    member_id=by_id[line.id],
                    basis_value=line.basis_value,
                    share=line.share,
                    retorno=line.retorno,
                    share_interest=line.share_interest,
                    retorno_cash=line.retorno_cash,
                    retorno_capital=line.retorno_capital,
                )
                for line in allocation.members
            ]
        )
    return proposal


def surplus_proposal_submit(access: Access, proposal: SurplusProposal) -> SurplusProposal:
    """Send the draft to the ordinary assembly (the assemblies app makes it an agenda item,
    voted by secret ballot)."""
    require(access, "surplus.propose", proposal.workplace)
    with transaction.atomic():
        fresh = SurplusProposal.objects.select_for_update().get(pk=proposal.pk)
        if fresh.status != ProposalStatus.DRAFT:
            raise ServiceError.single("", _("Only a draft can be submitted."))
        if SurplusProposal.objects.filter(
            fiscal_year=fresh.fiscal_year,
            status__in=[ProposalStatus.SUBMITTED, ProposalStatus.APPROVED, ProposalStatus.POSTED],
        ).exists():
            raise ServiceError.single(
                "", _("Another proposal for this year is already before the assembly.")
            )
        SurplusProposal.objects.filter(pk=fresh.pk).update(
            status=ProposalStatus.SUBMITTED, submitted_at=timezone.now()
        )
        fresh.refresh_from_db()
        return fresh


def surplus_proposal_discard(access: Access, proposal: SurplusProposal) -> None:
    require(access, "surplus.propose", proposal.workplace)
    deleted, _n = SurplusProposal.objects.filter(
        pk=proposal.pk, status=ProposalStatus.DRAFT
    ).delete()
    if not deleted:
        raise ServiceError.single("", _("Only a draft can be discarded."))


def allocation_of(proposal: SurplusProposal) -> Allocation:
    """The allocation exactly as proposed (and, once decided, as the assembly voted it)."""
    lines = tuple(
        MemberLine(
            id=_member_id(line.member.number),
            basis_value=line.basis_value,
            share=line.share,
            retorno=line.retorno,
            share_interest=line.share_interest,
            retorno_cash=line.retorno_cash,
            retorno_capital=line.retorno_capital,
        )
        for line in proposal.lines.select_related("member")
    )
    return Allocation(
        policy_id=proposal.policy_id,
        currency=proposal.currency,
        basis=proposal.basis,
        surplus=proposal.surplus,
        distributable=proposal.distributable,
        funds=MappingProxyType({k: Decimal(v) for k, v in proposal.funds.items()}),
        members=lines,
    )


def _post(proposal: SurplusProposal, on: date, posted_by_id: int | None) -> None:
    workplace = proposal.workplace
    chart = workplace_chart(workplace)
    distribution = year_distribution(
        chart,
        allocation_of(proposal),
        on,
        expected_surplus=proposal.fiscal_year.surplus,
        narration=_("Distribution of the surplus of the fiscal year %(year)s (%(reference)s)")
        % {"year": proposal.fiscal_year.label, "reference": proposal.decision_reference},
        ref=f"surplus-{proposal.fiscal_year.label}",
    )
    raise_ledger_errors(distribution.errors)
    assert distribution.transaction is not None
    entry = transactions_post(
        workplace, [Draft(distribution.transaction, "surplus")], posted_by_id=posted_by_id
    )[0]
    SurplusProposal.objects.filter(pk=proposal.pk).update(
        status=ProposalStatus.POSTED, entry=entry, posting_error=""
    )


def surplus_proposal_decide(
    proposal: SurplusProposal,
    approved: bool,
    decision_reference: str,
    *,
    on: date | None = None,
) -> SurplusProposal:
    """Record the assembly's decision on a submitted proposal.

    Rejected: the proposal is closed and nothing is posted. Approved: the distribution is
    posted to the books dated ``on`` (today by default) and the proposal becomes ``posted``.
    If the books refuse the posting (e.g. that month is closed), the approval still stands
    (``approved``, with ``posting_error``) and the council posts it later with
    :func:`surplus_proposal_post`. The assembly is the authority here: no permission check.
    """
    reference = decision_reference.strip()
    if not reference:
        raise ServiceError.single(
            "decision_reference", _("Name the assembly decision (date and minutes).")
        )
    on = on or timezone.localdate()
    with transaction.atomic():
        fresh = SurplusProposal.objects.select_for_update().get(pk=proposal.pk)
        if fresh.status != ProposalStatus.SUBMITTED:
            raise ServiceError.single(
                "", _("Only a proposal submitted to the assembly can be decided.")
            )
        SurplusProposal.objects.filter(pk=fresh.pk).update(
            status=ProposalStatus.APPROVED if approved else ProposalStatus.REJECTED,
            decided_on=on,
            decision_reference=reference[:200],
        )
        fresh.refresh_from_db()
        if approved:
            try:
                with transaction.atomic():
                    _post(fresh, on, None)
            except ServiceError as exc:
                SurplusProposal.objects.filter(pk=fresh.pk).update(posting_error=str(exc))
        fresh.refresh_from_db()
        return fresh


def surplus_proposal_post(
    access: Access, proposal: SurplusProposal, *, on: date | None = None
) -> SurplusProposal:
    """Post an approved proposal whose posting failed when the assembly decided."""
    require(access, "ledger.post", proposal.workplace)
    with transaction.atomic():
        fresh = SurplusProposal.objects.select_for_update().get(pk=proposal.pk)
        if fresh.status != ProposalStatus.APPROVED:
            raise ServiceError.single("", _("Only an approved, unposted proposal can be posted."))
        _post(fresh, on or timezone.localdate(), access.user_id)
        fresh.refresh_from_db()
        return fresh
