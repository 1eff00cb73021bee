"""Translated messages for the retiros rules' codes."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext

from cordones.core.errors import ServiceError
from cordones.domain.retiros import RetiroError

FIELDS = {"base": "base", "hourly_rate": "hourly_rate", "seniority_rate": "seniority_rate"}


def raise_retiro_errors(
    errors: Iterable[RetiroError], member_names: dict[str, str] | None = None
) -> None:
    pairs = []
    for error in errors:
        params = dict(error.params)
        if member_names and error.member in member_names:
            params["member"] = member_names[error.member]
        from cordones.domain.retiros import MESSAGES

        pairs.append((FIELDS.get(error.field, ""), gettext(MESSAGES[error.code]) % params))
    if pairs:
        raise ServiceError(pairs)
