"""Proposals to distribute a closed year's surplus, and each member's line of them.

A proposal goes draft → submitted (to the ordinary assembly, as an agenda item voted by
secret ballot) → approved or rejected; an approved proposal is posted to the books, and
then it is ``posted``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cordones.ledger.models import FiscalYear, JournalEntry
from cordones.members.models import Member
from cordones.workplaces.models import Workplace


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the assembly")
    APPROVED = "approved", _("Approved, not yet posted")
    REJECTED = "rejected", _("Rejected by the assembly")
    POSTED = "posted", _("Approved and posted")


class SurplusProposal(models.Model):
    workplace = models.ForeignKey(
        Workplace, on_delete=models.PROTECT, related_name="surplus_proposals"
    )
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="proposals")
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    policy_id = models.CharField(_("statute policy"), max_length=40)
    basis = models.CharField(_("retorno in proportion to"), max_length=20)
    currency = models.CharField(max_length=3)
    surplus = models.DecimalField(_("surplus"), max_digits=18, decimal_places=2)
    losses_to_cover = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    reserves_to_rebuild = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    share_interest_rate = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    share_interest_cap = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    distributable = models.DecimalField(max_digits=18, decimal_places=2)
    funds = models.JSONField(default=dict)  # key -> decimal string, in waterfall order
    inputs = models.JSONField(default=list)  # the member inputs the allocation was made from
    warnings = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_reference = models.CharField(_("assembly decision"), max_length=200, blank=True)
    posting_error = models.TextField(blank=True)
    entry = models.OneToOneField(
        JournalEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("surplus proposal")
        verbose_name_plural = _("surplus proposals")
        ordering = ["workplace", "-fiscal_year__start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year"],
                condition=models.Q(status__in=["submitted", "approved", "posted"]),
                name="surplus_one_live_proposal_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.status}"


class SurplusLine(models.Model):
    """One member's part of a proposal: the member's statement."""

    proposal = models.ForeignKey(SurplusProposal, on_delete=models.CASCADE, related_name="lines")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="surplus_lines")
    basis_value = models.DecimalField(max_digits=18, decimal_places=4)
    share = models.DecimalField(max_digits=9, decimal_places=6)
    retorno = models.DecimalField(max_digits=16, decimal_places=2)
    share_interest = models.DecimalField(max_digits=16, decimal_places=2)
    retorno_cash = models.DecimalField(max_digits=16, decimal_places=2)
    retorno_capital = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["proposal", "member__number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="surplus_line_unique")
        ]

    @property
    def total(self) -> object:
        return self.retorno + self.share_interest
