"""Customers and sales of a workplace. Every sale is posted to the books when recorded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cordones.ledger.models import JournalEntry
from cordones.production.models import Product
from cordones.workplaces.models import Section, Workplace


class Customer(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="customers")
    name = models.CharField(_("name"), max_length=200)
    tax_id = models.CharField(_("CUIT / tax id"), max_length=20, blank=True)
    former_owner_customer = models.BooleanField(
        _("was a customer of the former owners"),
        default=False,
        help_text=_("Bought from the firm before the workers recovered it."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["workplace", "name"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "name"], name="customer_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Sale(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="sales")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="sales")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="sales")
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="sales"
    )
    on = models.DateField(_("date"))
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit_price = models.DecimalField(_("unit price"), max_digits=14, decimal_places=2)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    invoice = models.CharField(_("invoice"), max_length=60, blank=True)
    entry = models.OneToOneField(
        JournalEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="sale"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sale")
        verbose_name_plural = _("sales")
        ordering = ["workplace", "-on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="sale_quantity_positive"
            ),
            models.CheckConstraint(condition=models.Q(unit_price__gte=0), name="sale_price_ok"),
        ]
        indexes = [models.Index(fields=["workplace", "on"], name="sale_wp_on")]

    def __str__(self) -> str:
        return f"{self.on} {self.customer_id} {self.amount}"
