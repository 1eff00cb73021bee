"""Numbers as the rest of the app writes them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def percent(value: object, places: int = 2) -> str:
    """A fraction (0.005182) as a percentage in the reader's locale ("0,52 %"); enough
    decimals that a small share does not read as a round 1 %."""
    try:
        number = Decimal(str(value)) * 100
    except (InvalidOperation, ValueError):
        return ""
    return f"{floatformat(number, f'{places}g')}\u00a0%"
