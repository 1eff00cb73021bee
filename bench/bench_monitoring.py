"""Production monitoring at movement scale: 100,000 daily series (about 400 workplaces ×
250 indicators), monitored for one day, and refitted over their last 90 days, beside a
plain numpy exponential smoothing with a z-score alarm over the same data in the same run.

Run: `make bench` (or `.venv/bin/python bench/bench_monitoring.py [--series 100000]`).
Prints figures; asserts nothing about time (goal: one day of 100,000 series < 60 s).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from cordones.domain.monitoring import Monitor, monitor_series
from cordones.domain.monitoring.dlm import step


def generate(series: int, days: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Levels from 10 to 10,000, noise 2-10 %, 2 % of values missing; 1 % of the series
    fall by 30 % on the last day."""
    rng = np.random.default_rng(seed)
    level = 10 ** rng.uniform(1, 4, series)
    noise = level * rng.uniform(0.02, 0.10, series)
    values = level[:, None] + noise[:, None] * rng.standard_normal((series, days + 1))
    values[rng.random((series, days + 1)) < 0.02] = np.nan
    shifted = rng.choice(series, series // 100, replace=False)
    values[shifted, -1] = level[shifted] * 0.7
    values[shifted, -1] += noise[shifted] * rng.standard_normal(shifted.size)
    changed = np.zeros(series, dtype=bool)
    changed[shifted] = True
    return values, changed


def smoothing(values: np.ndarray, alpha: float = 0.1, z: float = 4.0) -> tuple[np.ndarray, ...]:
    """Baseline: exponentially weighted mean and variance, alarm when |y - mean| > z sd."""
    mean = np.nan_to_num(values[:, 0])
    var = (0.05 * np.abs(mean)) ** 2 + 1e-9
    alarms = np.zeros(values.shape, dtype=bool)
    for t in range(1, values.shape[1]):
        y = values[:, t]
        seen = ~np.isnan(y)
        diff = np.where(seen, y - mean, 0.0)
        alarms[:, t] = seen & (np.abs(diff) > z * np.sqrt(var))
        mean = mean + alpha * diff
        var = np.where(seen, (1 - alpha) * (var + alpha * diff * diff), var)
    return mean, var, alarms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--series", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=90)
    args = parser.parse_args()
    values, changed = generate(args.series, args.days)
    history, today = values[:, :-1], values[:, -1]
    monitor = Monitor()
    print(f"{args.series:,} daily series, {args.days} days of history, one new day")

    t0 = time.perf_counter()
    state, _signals, _f = monitor_series(history, monitor)
    refit = time.perf_counter() - t0

    t0 = time.perf_counter()
    new_state, result = step(state, today, monitor)
    flagged = np.flatnonzero(result.kind)
    day = time.perf_counter() - t0

    t0 = time.perf_counter()
    mean, var, _alarms = smoothing(history)
    base_refit = time.perf_counter() - t0
    t0 = time.perf_counter()
    y = today
    seen = ~np.isnan(y)
    base_flag = seen & (np.abs(np.where(seen, y - mean, 0.0)) > 4 * np.sqrt(var))
    base_day = time.perf_counter() - t0

    dlm_hits = int(np.isin(flagged, np.flatnonzero(changed)).sum())
    dlm_false = int(flagged.size - dlm_hits)
    base_hits = int((base_flag & changed).sum())
    base_false = int((base_flag & ~changed).sum())
    print(f"| | one day | refit {args.days} days | falls caught (of {changed.sum()}) | false |")
    print("|---|---|---|---|---|")
    print(
        f"| exponential smoothing, z beyond ±4 (baseline) | {base_day * 1000:.1f} ms "
        f"| {base_refit:.2f} s | {base_hits} | {base_false} |"
    )
    print(
        f"| DLM + Bayes factor monitor | {day * 1000:.1f} ms | {refit:.2f} s "
        f"| {dlm_hits} | {dlm_false} |"
    )
    print(f"goal: one day of {args.series:,} series < 60 s; measured {day:.3f} s")
    del new_state


if __name__ == "__main__":
    main()
