from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cordones.domain.register.book import DepartureReason, Entry, EntryKind, Office
from cordones.workplaces.models import Section, Workplace


class AppendOnlyError(Exception):
    pass


class Member(models.Model):
    """A worker-member (asociado/a) of one workplace. Their history is in the register."""

    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="members")
    number = models.PositiveIntegerField(_("member number"))
    full_name = models.CharField(_("full name"), max_length=200)
    national_id = models.CharField(_("national id (DNI)"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("section"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["workplace", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "number"], name="member_unique_number"),
            models.UniqueConstraint(
                fields=["workplace", "user"],
                condition=models.Q(user__isnull=False),
                name="member_one_per_user",
            ),
            models.CheckConstraint(condition=models.Q(number__gt=0), name="member_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.full_name}"


class RegisterEntry(models.Model):
    """One line of the Registro de Asociados. Never updated or deleted (a database
    trigger refuses it); a mistake is fixed by a correction entry."""

    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="register")
    seq = models.PositiveIntegerField(_("entry number"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(
        _("kind"), max_length=20, choices=[(k.value, k.value) for k in EntryKind]
    )
    on = models.DateField(_("date"))
    shares_subscribed = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    shares_paid = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    office = models.CharField(
        max_length=30, blank=True, choices=[(o.value, o.value) for o in Office]
    )
    term_end = models.DateField(null=True, blank=True)
    # entries refer to each other by their number in the same workplace's register
    term_entry_seq = models.PositiveIntegerField(null=True, blank=True)
    departure_reason = models.CharField(
        max_length=20, blank=True, choices=[(r.value, r.value) for r in DepartureReason]
    )
    corrects_seq = models.PositiveIntegerField(null=True, blank=True)
    corrected_on = models.DateField(null=True, blank=True)
    void = models.BooleanField(default=False)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["workplace", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "seq"], name="register_unique_seq"),
            models.CheckConstraint(
                condition=~models.Q(kind="correction") | models.Q(corrects_seq__isnull=False),
                name="register_correction_names_entry",
            ),
        ]
        indexes = [models.Index(fields=["workplace", "member", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind} {self.on}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("register entries are never changed; add a correction")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("register entries are never deleted; add a correction")

    def as_domain(self, member_number: int) -> Entry:
        data: dict[str, Any] = {}
        if self.shares_subscribed is not None:
            data["subscribed"] = Decimal(self.shares_subscribed)
        if self.shares_paid is not None:
            data["paid"] = Decimal(self.shares_paid)
        if self.office:
            data["office"] = self.office
        if self.term_end is not None:
            data["term_end"] = self.term_end.isoformat()
        if self.term_entry_seq is not None:
            data["term_entry"] = self.term_entry_seq
        if self.departure_reason:
            data["reason"] = self.departure_reason
        if self.void:
            data["void"] = True
        if self.corrected_on is not None:
            data["on"] = self.corrected_on
        return Entry(
            seq=self.seq,
            member_number=member_number,
            kind=EntryKind(self.kind),
            on=self.on,
            data=data,
            corrects=self.corrects_seq,
        )


class Invitation(models.Model):
    """A single-use, expiring link through which a member sets a password. Only a hash
    of the token is stored, so a leaked database does not leak working links."""

    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.member}"

    def is_usable(self, now: Any) -> bool:
        return self.accepted_at is None and now < self.expires_at
