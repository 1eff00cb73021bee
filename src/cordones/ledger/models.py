"""The books of a workplace: accounts, fiscal years and monthly periods, and the journal.

Journal entries and their lines are never updated or deleted: a database trigger refuses it
(migration ``ledger/0002``); a mistake is corrected by posting a reversal.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cordones.domain.ledger import AccountType
from cordones.workplaces.models import Workplace


class PostedEntryError(Exception):
    """Posted entries are immutable."""


ACCOUNT_TYPE_LABELS = {
    AccountType.ASSET: _("Asset"),
    AccountType.LIABILITY: _("Liability"),
    AccountType.EQUITY: _("Equity"),
    AccountType.INCOME: _("Income"),
    AccountType.EXPENSE: _("Expense"),
}


class LedgerAccount(models.Model):
    workplace = models.ForeignKey(
        Workplace, on_delete=models.PROTECT, related_name="ledger_accounts"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(
        _("type"),
        max_length=10,
        choices=[(t.value, label) for t, label in ACCOUNT_TYPE_LABELS.items()],
    )

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["workplace", "code"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "code"], name="ledger_account_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class FiscalYear(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="fiscal_years")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    surplus = models.DecimalField(
        _("result of the year"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        ordering = ["workplace", "start"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "start"], name="fiscal_year_unique_start"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="fiscal_year_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def label(self) -> str:
        return (
            str(self.end.year)
            if self.start.year == self.end.year
            else f"{self.start.year}/{self.end.year}"
        )


class Period(models.Model):
    """A month of the books. Once closed, nothing more can be posted in it."""

    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="periods")
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="periods")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["workplace", "start"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "start"], name="period_unique_start")
        ]

    def __str__(self) -> str:
        return self.start.strftime("%Y-%m")

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


class EntryKind(models.TextChoices):
    REGULAR = "regular", _("Entry")
    REVERSAL = "reversal", _("Reversal")
    CLOSING = "closing", _("Year close")
    DISTRIBUTION = "distribution", _("Surplus distribution")


class JournalEntry(models.Model):
    """A posted journal entry (asiento). Immutable."""

    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="journal")
    number = models.PositiveIntegerField(_("entry number"))
    date = models.DateField(_("date"))
    narration = models.CharField(_("description"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    # the section's name when posted (a text, so removing a section never touches the books)
    section = models.CharField(_("section"), max_length=120, blank=True)
    ref = models.CharField(_("reference"), max_length=80, blank=True)
    source = models.CharField(max_length=40, blank=True)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversal"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    posted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["workplace", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "number"], name="journal_unique_number")
        ]
        indexes = [models.Index(fields=["workplace", "date"], name="journal_wp_date")]

    def __str__(self) -> str:
        return f"#{self.number} {self.date.isoformat()} {self.narration}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PostedEntryError("posted entries are never changed; post a reversal")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PostedEntryError("posted entries are never deleted; post a reversal")


class JournalLine(models.Model):
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    line_no = models.PositiveSmallIntegerField()
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="lines")
    # positive: debit; negative: credit (as in beancount)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    memo = models.CharField(_("memo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("journal line")
        verbose_name_plural = _("journal lines")
        ordering = ["entry", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "line_no"], name="journal_line_unique_no"),
            models.CheckConstraint(condition=~models.Q(amount=0), name="journal_line_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PostedEntryError("posted lines are never changed; post a reversal")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PostedEntryError("posted lines are never deleted; post a reversal")

    @property
    def debit(self) -> Any:
        return self.amount if self.amount > 0 else None

    @property
    def credit(self) -> Any:
        return -self.amount if self.amount < 0 else None
