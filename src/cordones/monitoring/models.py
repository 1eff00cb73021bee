"""Production monitoring of a workplace: its settings, the signals the monitor raised on
its production series, and the log of what happened to each signal."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cordones.workplaces.models import Workplace

DEADLINE_MAX_HOURS = 24 * 60


class MonitoringSettings(models.Model):
    workplace = models.OneToOneField(
        Workplace, on_delete=models.CASCADE, related_name="monitoring_settings"
    )
    # a signal not acknowledged within this many hours escalates to the network
    ack_deadline_hours = models.PositiveIntegerField(
        _("hours to acknowledge a signal"),
        default=72,
        validators=[MinValueValidator(1), MaxValueValidator(DEADLINE_MAX_HOURS)],
    )

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")


class Indicator(models.TextChoices):
    OUTPUT = "output", _("output")
    REJECTS = "rejects", _("rejects (% of output)")
    HOURS = "hours", _("hours worked")
    CAPACITY = "capacity", _("output / machine capacity (%)")


class SignalKind(models.TextChoices):
    OUTLIER = "outlier", _("unusual figure")
    RISE = "rise", _("level went up")
    FALL = "fall", _("level went down")


class SignalState(models.TextChoices):
    OPEN = "open", _("waiting for the workplace")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    ESCALATED = "escalated", _("escalated to the network")


class Signal(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="signals")
    series_key = models.CharField(max_length=80)
    series_label = models.CharField(_("series"), max_length=250)
    indicator = models.CharField(_("indicator"), max_length=10, choices=Indicator.choices)
    period = models.CharField(_("period"), max_length=5)
    period_start = models.DateField(_("period start"))
    kind = models.CharField(_("kind"), max_length=10, choices=SignalKind.choices)
    expected = models.FloatField(_("expected"))
    observed = models.FloatField(_("observed"))
    z = models.FloatField(_("forecast errors (standard deviations)"))
    log_bayes_factor = models.FloatField(_("log Bayes factor"))
    run = models.PositiveSmallIntegerField(default=1)
    state = models.CharField(
        _("state"), max_length=12, choices=SignalState.choices, default=SignalState.OPEN
    )
    raised_at = models.DateTimeField(_("raised at"))
    deadline_at = models.DateTimeField(_("acknowledge by"))
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-period_start", "series_label"]
        constraints = [
            models.UniqueConstraint(
                fields=["workplace", "series_key", "period_start", "kind"],
                name="signal_once_per_series_period",
            )
        ]
        indexes = [models.Index(fields=["workplace", "state"], name="signal_wp_state")]

    def __str__(self) -> str:
        return f"{self.series_label} {self.period_start} {self.kind}"

    @property
    def change(self) -> float:
        return self.observed - self.expected

    @property
    def surprise(self) -> float:
        """How many times likelier the figure is under 'something changed' than under
        'business as usual' (1 / the Bayes factor)."""
        import math

        return math.exp(min(-self.log_bayes_factor, 700.0))


class SignalAction(models.TextChoices):
    RAISED = "raised", _("raised to the workplace")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    ESCALATED = "escalated", _("escalated")


class SignalEvent(models.Model):
    """The log: every signal raised, acknowledged or escalated, when and by whom."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=SignalAction.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("signal event")
        verbose_name_plural = _("signal events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.signal_id} {self.action} {self.at}"
