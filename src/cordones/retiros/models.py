"""Retiros: the scheme the assembly chose, the month's sheet per member, and the price
series (monthly inflation) the workplace compares them with."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cordones.domain.retiros import SchemeKind
from cordones.ledger.models import JournalEntry
from cordones.members.models import Member
from cordones.workplaces.models import Workplace

SCHEME_LABELS = {
    SchemeKind.EGALITARIAN: _("Egalitarian: the same for everyone"),
    SchemeKind.COEFFICIENT: _("Coefficient: base × role coefficient, plus seniority"),
    SchemeKind.HOURS: _("Hours: hourly rate × hours worked"),
}


class RetiroScheme(models.Model):
    workplace = models.ForeignKey(
        Workplace, on_delete=models.PROTECT, related_name="retiro_schemes"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("scheme"), max_length=20, choices=[(k.value, v) for k, v in SCHEME_LABELS.items()]
    )
    base = models.DecimalField(
        _("monthly base"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    hourly_rate = models.DecimalField(
        _("hourly rate"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    seniority_rate = models.DecimalField(
        _("seniority, per full year"), max_digits=6, decimal_places=4, default=0
    )
    valid_from = models.DateField(_("in force from"))
    decided_by = models.CharField(
        _("assembly decision"),
        max_length=200,
        help_text=_("The assembly and its minutes that chose this scheme."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("retiro scheme")
        verbose_name_plural = _("retiro schemes")
        ordering = ["workplace", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["workplace", "valid_from"], name="retiro_scheme_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RetiroCategory(models.Model):
    """A role with its coefficient under a coefficient scheme (e.g. helper 1.0)."""

    scheme = models.ForeignKey(RetiroScheme, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("role"), max_length=120)
    coefficient = models.DecimalField(_("coefficient"), max_digits=6, decimal_places=3)

    class Meta:
        verbose_name = _("role coefficient")
        verbose_name_plural = _("role coefficients")
        ordering = ["scheme", "coefficient", "name"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="retiro_category_unique"),
            models.CheckConstraint(
                condition=models.Q(coefficient__gt=0), name="retiro_coef_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.coefficient})"


class MemberCategory(models.Model):
    scheme = models.ForeignKey(RetiroScheme, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="retiro_categories")
    category = models.ForeignKey(RetiroCategory, on_delete=models.CASCADE, related_name="members")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "member"], name="member_category_unique")
        ]


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    POSTED = "posted", _("Posted to the books")
    PAID = "paid", _("Paid")


class RetiroSheet(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="retiro_sheets")
    scheme = models.ForeignKey(RetiroScheme, on_delete=models.PROTECT, related_name="sheets")
    month = models.DateField(_("month"))
    status = models.CharField(
        _("status"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    pool = models.DecimalField(
        _("amount to share"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    total = models.DecimalField(_("total"), max_digits=16, decimal_places=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    posted_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    payment_entry = models.OneToOneField(
        JournalEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("retiros sheet")
        verbose_name_plural = _("retiros sheets")
        ordering = ["workplace", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["workplace", "month"], name="retiro_sheet_one_per_month"
            )
        ]

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")


class RetiroLine(models.Model):
    sheet = models.ForeignKey(RetiroSheet, on_delete=models.CASCADE, related_name="lines")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="retiros")
    section = models.CharField(_("section"), max_length=120, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=10, decimal_places=2, default=0)
    coefficient = models.DecimalField(
        _("coefficient"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    weight = models.DecimalField(_("weight"), max_digits=14, decimal_places=4)
    seniority_years = models.PositiveSmallIntegerField(_("years of seniority"), default=0)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("retiro")
        verbose_name_plural = _("retiros")
        ordering = ["sheet", "member__number"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "member"], name="retiro_line_unique_member")
        ]


class SheetEntry(models.Model):
    """The journal entries a sheet was posted with (one per section)."""

    sheet = models.ForeignKey(RetiroSheet, on_delete=models.PROTECT, related_name="entries")
    entry = models.OneToOneField(JournalEntry, on_delete=models.PROTECT, related_name="+")


class PriceRate(models.Model):
    """A month's inflation (consumer prices, percent change on the previous month), as the
    workplace enters it from its source (e.g. INDEC)."""

    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="price_rates")
    month = models.DateField(_("month"))
    rate = models.DecimalField(_("monthly inflation (%)"), max_digits=7, decimal_places=2)
    source = models.CharField(_("source"), max_length=120, blank=True)

    class Meta:
        ordering = ["workplace", "month"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "month"], name="price_rate_one_per_month")
        ]
