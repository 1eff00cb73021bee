"""Translated messages for the ledger's error codes (the domain returns codes and msgids)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext

from cordones.core.errors import ServiceError
from cordones.domain.ledger import LedgerError


def raise_ledger_errors(errors: Iterable[LedgerError], field: str = "") -> None:
    pairs = [(field, error.message(gettext)) for error in errors]
    if pairs:
        raise ServiceError(pairs)
