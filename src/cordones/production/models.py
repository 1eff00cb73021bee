"""Products, output, labour hours, capacity and bills of materials of a workplace."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cordones.domain.production import PeriodKind
from cordones.members.models import Member
from cordones.workplaces.models import Section, Sector, Workplace


class Unit(models.TextChoices):
    UNIT = "unit", _("units")
    KG = "kg", _("kilograms")
    TONNE = "t", _("tonnes")
    METRE = "m", _("metres")
    SQUARE_METRE = "m2", _("square metres")
    LITRE = "l", _("litres")
    DOZEN = "dozen", _("dozens")
    SHEET = "sheet", _("sheets")
    NIGHT = "night", _("room nights")
    MEAL = "meal", _("meals")
    SERVICE = "service", _("services")
    TRIP = "trip", _("trips")


PERIOD_LABELS = {
    PeriodKind.DAY: _("day"),
    PeriodKind.WEEK: _("week"),
    PeriodKind.MONTH: _("month"),
}
PERIOD_CHOICES = [(k.value, label) for k, label in PERIOD_LABELS.items()]


class Product(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="products")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.UNIT)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("main section"),
    )
    # what the machines can make in a month, in the product's unit
    machine_capacity = models.DecimalField(
        _("machine capacity per month"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    active = models.BooleanField(_("still made"), default=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["workplace", "code"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "code"], name="product_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class ProductInput(models.Model):
    """One line of a product's bill of materials: what one unit of it needs."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="inputs")
    name = models.CharField(_("input"), max_length=200)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    quantity = models.DecimalField(_("quantity per unit made"), max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        ordering = ["product", "name"]
        constraints = [
            models.UniqueConstraint(fields=["product", "name"], name="product_input_unique"),
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="product_input_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.quantity} {self.unit}"


class SectionCapacity(models.Model):
    """The hours a section can work in a month (people and machines available)."""

    section = models.OneToOneField(Section, on_delete=models.CASCADE, related_name="capacity")
    hours_per_month = models.DecimalField(_("hours per month"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("section capacity")
        verbose_name_plural = _("section capacities")


class OutputRecord(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="output")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="output")
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="output"
    )
    period = models.CharField(_("period"), max_length=5, choices=PERIOD_CHOICES)
    start = models.DateField(_("period start"))
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    rejects = models.DecimalField(_("rejects"), max_digits=14, decimal_places=3, default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("output record")
        verbose_name_plural = _("output records")
        ordering = ["workplace", "-start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="output_quantity_ok"),
            models.CheckConstraint(
                condition=models.Q(rejects__gte=0, rejects__lte=models.F("quantity")),
                name="output_rejects_ok",
            ),
        ]
        indexes = [models.Index(fields=["workplace", "start"], name="output_wp_start")]

    def __str__(self) -> str:
        return f"{self.product_id} {self.start} {self.quantity}"

    @property
    def good(self) -> object:
        return self.quantity - self.rejects


class HoursRecord(models.Model):
    """Labour hours of a member (or, with no member, of hired or former workers) in a
    section and period."""

    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="hours")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="hours"
    )
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="hours"
    )
    period = models.CharField(_("period"), max_length=5, choices=PERIOD_CHOICES)
    start = models.DateField(_("period start"))
    hours = models.DecimalField(_("hours"), max_digits=10, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hours record")
        verbose_name_plural = _("hours records")
        ordering = ["workplace", "-start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="hours_not_negative"),
        ]
        indexes = [models.Index(fields=["workplace", "start"], name="hours_wp_start")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.start} {self.hours}"
