"""Form fields that carry the platform's bounds (ADR 0011, ``domain/bounds.py``).

Every number and date a page accepts goes through one of these, so a value that would not
fit its column, or would overflow date arithmetic, is refused on its field with a
translated message before any service runs. ``tests/web/test_bounded_input.py`` checks
that every form of ``web`` uses them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cordones.domain.bounds import (
    EARLIEST_DAY,
    LATEST_DAY,
    MAX_INT32,
    DecimalBound,
    day_in_range,
    parse_int,
)

# A form's decimal holds at most 14 digits (the columns' usual size) unless told otherwise.
DEFAULT_MAX_DIGITS = 14


class DecimalField(forms.DecimalField):
    """A decimal with ``max_digits`` (14 unless given) and its largest value stated, so
    ``1e20``, ``NaN`` and ``Infinity`` are refused on the field."""

    def __init__(
        self,
        *,
        bound: DecimalBound | None = None,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        **kwargs: Any,
    ) -> None:
        if bound is not None:
            max_digits, decimal_places = bound.max_digits, bound.places
            kwargs.setdefault("min_value", bound.minimum)
            kwargs.setdefault("max_value", bound.maximum)
        places = 2 if decimal_places is None else decimal_places
        digits = DEFAULT_MAX_DIGITS if max_digits is None else max_digits
        kwargs.setdefault("max_value", DecimalBound(digits, places).maximum)
        super().__init__(max_digits=digits, decimal_places=places, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        # Django reads "1e-10000000" as a Decimal and only then checks its digits; the
        # exponent is refused here first, so no arithmetic runs on such a number.
        if isinstance(value, str) and len(value.strip()) > 60:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IntegerField(forms.IntegerField):
    """A whole number no larger than a PostgreSQL ``integer`` unless a smaller maximum is
    given, so ``9223372036854775808`` is refused on the field."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_value", MAX_INT32)
        kwargs.setdefault("min_value", -MAX_INT32)
        super().__init__(**kwargs)


def _day_in_range(value: date) -> None:
    if not day_in_range(value):
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s.")
            % {"earliest": date_format(EARLIEST_DAY), "latest": date_format(LATEST_DAY)},
            code="date_out_of_range",
        )


class DateField(forms.DateField):
    """A date between 1900 and 2199 (``domain.bounds``)."""

    default_validators = [_day_in_range]


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several rows chosen by id: an id that is not a whole number within the ``integer``
    column is not a choice (Django would send it to the database in ``pk__in``, where
    SQLite overflows)."""

    def _check_values(self, value: Any) -> Any:
        if self.to_field_name is None and isinstance(value, list | tuple):
            for pk in value:
                if parse_int(pk, 1, MAX_INT32) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)  # type: ignore[misc]
