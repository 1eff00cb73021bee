"""Reads of surplus proposals and member statements."""

from __future__ import annotations

from django.db.models import QuerySet

from cordones.domain.surplus import fund_labels, policy_get
from cordones.members.models import Member
from cordones.surplus.models import SurplusLine, SurplusProposal
from cordones.workplaces.models import Workplace


def proposal_list(workplace: Workplace) -> QuerySet[SurplusProposal]:
    return SurplusProposal.objects.filter(workplace=workplace).select_related("fiscal_year")


def proposal_get(workplace: Workplace, pk: int) -> SurplusProposal:
    return SurplusProposal.objects.select_related("fiscal_year", "entry").get(
        workplace=workplace, pk=pk
    )


def proposal_lines(proposal: SurplusProposal) -> QuerySet[SurplusLine]:
    return proposal.lines.select_related("member").order_by("member__number")


def proposal_funds(proposal: SurplusProposal) -> list[tuple[str, str, object]]:
    """(key, English label msgid, amount) in waterfall order."""
    from decimal import Decimal

    policy = policy_get(proposal.policy_id)
    labels = fund_labels(policy) if policy is not None else {}
    return [(k, labels.get(k, k), Decimal(v)) for k, v in proposal.funds.items()]


def member_statements(member: Member) -> QuerySet[SurplusLine]:
    return (
        SurplusLine.objects.filter(member=member)
        .exclude(proposal__status="draft")
        .select_related("proposal__fiscal_year")
        .order_by("-proposal__fiscal_year__start")
    )
