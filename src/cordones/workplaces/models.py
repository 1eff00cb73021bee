from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cordones.domain.statutes import PRESETS
from cordones.workplaces.validators import normalize_cuit


class LegalForm(models.TextChoices):
    WORKER_COOPERATIVE = "worker_coop", _("Worker cooperative")
    RECOVERED_IN_CONTINUITY = "continuity", _("Cooperative running a bankrupt firm (continuity)")
    OTHER_COOPERATIVE = "other_coop", _("Other cooperative")
    ASSOCIATION = "association", _("Civil association")
    INFORMAL = "informal", _("Workers' collective (not yet registered)")


class Sector(models.TextChoices):
    METALWORK = "metalwork", _("Metalwork")
    PRINTING = "printing", _("Printing and graphics")
    TEXTILE = "textile", _("Textile and clothing")
    FOOD = "food", _("Food processing")
    HOSPITALITY = "hospitality", _("Hotels and restaurants")
    CERAMICS = "ceramics", _("Ceramics")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    TRANSPORT = "transport", _("Transport and logistics")
    CHEMICALS = "chemicals", _("Chemicals and plastics")
    CONSTRUCTION = "construction", _("Construction")
    OTHER = "other", _("Other")


STATUTE_CHOICES = [(code, versions[-1].name) for code, versions in PRESETS.items()]


class Workplace(models.Model):
    """The tenant: a recovered enterprise or worker cooperative."""

    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    legal_name = models.CharField(_("legal name"), max_length=250)
    legal_form = models.CharField(
        _("legal form"),
        max_length=20,
        choices=LegalForm.choices,
        default=LegalForm.WORKER_COOPERATIVE,
    )
    tax_id = models.CharField(_("CUIT / tax id"), max_length=20, blank=True)
    registration_number = models.CharField(
        _("registration number (matrícula)"), max_length=40, blank=True, default=""
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    country = models.CharField(_("country"), max_length=2, default="AR")
    address = models.CharField(_("address"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    province = models.CharField(_("province or state"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    recovered_on = models.DateField(_("recovered on"), null=True, blank=True)
    fiscal_year_end_month = models.PositiveSmallIntegerField(
        _("fiscal year ends in month"), default=12
    )
    statute_profile = models.CharField(
        _("statute profile"), max_length=40, choices=STATUTE_CHOICES, default="ar-20337"
    )
    statute_overrides = models.JSONField(_("statute values of our own"), default=dict, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="ARS")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recovered_on__isnull=True)
                | models.Q(founded_on__isnull=True)
                | models.Q(recovered_on__gte=models.F("founded_on")),
                name="workplace_recovered_after_founded",
            ),
            models.CheckConstraint(
                condition=models.Q(fiscal_year_end_month__gte=1, fiscal_year_end_month__lte=12),
                name="workplace_fiscal_month_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.tax_id:
            try:
                self.tax_id = normalize_cuit(self.tax_id) if self.country == "AR" else self.tax_id
            except ValidationError as exc:
                errors["tax_id"] = list(exc.messages)
        if self.founded_on and self.recovered_on and self.recovered_on < self.founded_on:
            errors["recovered_on"] = [
                str(_("The recovery date cannot be before the founding date."))
            ]
        if errors:
            raise ValidationError(errors)


class SectionKind(models.TextChoices):
    LINE = "line", _("Production line")
    SHIFT = "shift", _("Shift")
    DEPARTMENT = "department", _("Department")
    COMMISSION = "commission", _("Commission")


class Section(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind.choices)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "name"], name="section_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
