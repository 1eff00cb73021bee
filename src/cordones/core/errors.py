"""Errors that services raise for bad input: translated messages, grouped by field."""

from __future__ import annotations

from collections.abc import Iterable


class ServiceError(Exception):
    """Bad input: nothing was saved. `errors` maps a field name ("" for the whole form)
    to translated messages."""

    def __init__(self, errors: dict[str, list[str]] | Iterable[tuple[str, str]]) -> None:
        if isinstance(errors, dict):
            self.errors = {k: list(v) for k, v in errors.items()}
        else:
            grouped: dict[str, list[str]] = {}
            for field_name, message in errors:
                grouped.setdefault(field_name, []).append(str(message))
            self.errors = grouped
        super().__init__("; ".join(m for ms in self.errors.values() for m in ms))

    @classmethod
    def single(cls, field_name: str, message: str) -> ServiceError:
        return cls({field_name: [str(message)]})


class PermissionDeniedError(Exception):
    """The person may not do this here."""
