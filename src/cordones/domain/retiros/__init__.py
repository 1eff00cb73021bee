"""Retiros (monthly advances on the year's surplus) under the scheme an assembly chose, and
the indicators around them: pay ratio and retiros against prices. Pure Python."""

from cordones.domain.retiros.indicators import (
    PricePoint,
    pay_ratio,
    retiros_against_prices,
)
from cordones.domain.retiros.schemes import (
    MESSAGES,
    RetiroError,
    RetiroLine,
    RetiroSheet,
    Scheme,
    SchemeKind,
    Worker,
    full_years,
    retiros_compute,
    scheme_validate,
)

__all__ = [
    "MESSAGES",
    "PricePoint",
    "RetiroError",
    "RetiroLine",
    "RetiroSheet",
    "Scheme",
    "SchemeKind",
    "Worker",
    "full_years",
    "pay_ratio",
    "retiros_against_prices",
    "retiros_compute",
    "scheme_validate",
]
