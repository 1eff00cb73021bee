"""Production records as regular series: one value per day, week or month from a series'
first period to the last, NaN where nothing was recorded; and many series of different
lengths as one matrix for the vectorised monitor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from cordones.domain.monitoring.dlm import Array


def next_period(kind: str, start: date) -> date:
    if kind == "day":
        return start + timedelta(days=1)
    if kind == "week":
        return start + timedelta(days=7)
    if kind == "month":
        return (start.replace(day=1) + timedelta(days=32)).replace(day=1)
    raise ValueError(f"unknown period {kind!r}")


def period_days(kind: str, start: date) -> int:
    return (next_period(kind, start) - start).days


@dataclass(frozen=True)
class Series:
    """One indicator of one workplace: `key` names it, `points` maps period starts to
    values (periods must be regular for `kind`)."""

    key: str
    kind: str
    points: Mapping[date, float]

    def grid(self) -> tuple[list[date], list[float]]:
        """Every period from the first to the last recorded one, NaN where missing."""
        if not self.points:
            return [], []
        starts = sorted(self.points)
        current, last = starts[0], starts[-1]
        dates, values = [], []
        while current <= last:
            dates.append(current)
            values.append(float(self.points.get(current, np.nan)))
            current = next_period(self.kind, current)
        return dates, values


def series_matrix(series: Sequence[Series]) -> tuple[Array, list[list[date]]]:
    """Each series left-aligned at its own first period (row i, column t = its t-th
    period), padded with NaN on the right; with the dates of each row."""
    grids = [s.grid() for s in series]
    width = max((len(d) for d, _v in grids), default=0)
    matrix = np.full((len(series), width), np.nan)
    for i, (_dates, values) in enumerate(grids):
        matrix[i, : len(values)] = values
    return matrix, [d for d, _v in grids]
