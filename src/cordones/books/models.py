"""Links of the books whose rows live elsewhere (the journal, the register), and anchors:
copies of each book's head the síndico keeps. Both are append-only (database triggers)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cordones.workplaces.models import Workplace


class BookLink(models.Model):
    """One entry's link in the hash chain of the journal or the members register."""

    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="+")
    book = models.CharField(max_length=40)
    seq = models.PositiveIntegerField()
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["workplace", "book", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "book", "seq"], name="book_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.book} {self.seq}"


class BookAnchor(models.Model):
    """A book's head (how many entries, the last one's hash) as it was when recorded."""

    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="+")
    book = models.CharField(max_length=40)
    count = models.PositiveIntegerField()
    hash = models.CharField(max_length=64)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["workplace", "-recorded_at", "book"]

    def __str__(self) -> str:
        return f"{self.book} {self.count}:{self.hash}"
