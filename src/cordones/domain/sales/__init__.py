"""Sales rules: how dependent a workplace is on a few customers (shares of the largest
ones and the Herfindahl-Hirschman index), and the table of imported sales."""

from cordones.domain.sales.concentration import (
    Concentration,
    concentration,
    concentration_by_period,
    line_amount,
)

__all__ = ["Concentration", "concentration", "concentration_by_period", "line_amount"]
