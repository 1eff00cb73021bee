"""A local linear trend dynamic linear model with discount factors (West & Harrison,
*Bayesian Forecasting and Dynamic Models*, 2nd ed., ch. 4, 6, 10) and Bayes factor
monitoring (ch. 11), vectorised over many series with numpy.

Model, for each series: y_t = level_t + v_t, v_t ~ N(0, V);
level_t = level_{t-1} + slope_{t-1} + w1, slope_t = slope_{t-1} + w2.
The evolution variance W_t is not given but implied by a discount factor δ
(R_t = G C_{t-1} G' / δ); the unknown observation variance V is learnt (Normal/Gamma
conjugate), with a variance discount β so that old noise levels are forgotten slowly.

Monitoring compares, for each standardised one-step forecast error e_t, the model with
an alternative:
- an *outlier* alternative, the same forecast with a scale k times wider: the Bayes factor
  H = N(e; 0, 1) / N(e; 0, k²) is small when e is far out;
- *level change* alternatives, the forecast shifted by ±h standard deviations:
  H = N(e; 0, 1) / N(e; ±h, 1), cumulated as L_t = H_t · min(1, L_{t-1}) (the cumulative
  Bayes factor of West & Harrison), which detects a run of moderately surprising errors
  in the same direction.

Rules, per series and step: an outlier is held out of the update and signalled; a second
outlier in a row in the same direction is a level change; a cumulative Bayes factor under
the threshold is a level change too. After a change the model intervenes: the state's
uncertainty is inflated for one step so that the level can move to the new regime, and
the cumulative factors are reset.

Everything is plain float64 arrays of shape (n,): one row per series. Missing
observations (NaN) evolve the state without updating it. No clock, no randomness.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

OUTLIER = 1
CHANGE_UP = 2
CHANGE_DOWN = 3


@dataclass(frozen=True)
class Monitor:
    """Settings of the model and of the monitor (defaults suit daily or weekly figures)."""

    delta: float = 0.98  # state discount: lower follows changes faster, forecasts noisier
    beta: float = 0.98  # variance discount: effective memory of about 1/(1-β) steps
    outlier_scale: float = 3.0  # k: the outlier alternative's spread, in forecast sds
    shift: float = 2.0  # h: the change alternative's shift, in forecast sds
    outlier_log_bf: float = -6.0  # log H under which one observation is an outlier (|e|≈4)
    change_log_bf: float = -6.5  # log L under which a run of errors is a level change
    intervention: float = 0.05  # after a change, R is divided by this for one step
    trend: bool = False  # a local linear trend; without it, a local level (steady) model

    def __post_init__(self) -> None:
        if not (0 < self.delta <= 1 and 0 < self.beta <= 1 and 0 < self.intervention <= 1):
            raise ValueError("discount factors must be in (0, 1]")
        if self.outlier_scale <= 1 or self.shift <= 0:
            raise ValueError("outlier scale must exceed 1 and the shift be positive")
        if self.outlier_log_bf >= 0 or self.change_log_bf >= 0:
            raise ValueError("thresholds are logs of Bayes factors below 1: negative")


@dataclass
class MonitorState:
    """Posterior of every series after its last observation (arrays of shape (n,))."""

    level: Array
    slope: Array
    c00: Array  # posterior covariance of (level, slope), scaled by S
    c01: Array
    c11: Array
    dof: Array  # degrees of freedom of the variance estimate
    s: Array  # estimate of the observation variance V
    log_up: Array  # log cumulative Bayes factor against an upward shift (≤ 0)
    log_down: Array
    pending: Array  # sign of an outlier held out at the previous step (0, +1, -1)
    steps: Array = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def start(
        cls, level: Array, spread: Array, dof: float = 1.0, trend: bool = False
    ) -> MonitorState:
        """A vague prior: the level near `level`, noise of about `spread` (both (n,)),
        known as well as from `dof` observations; with `trend`, a slope is learnt too."""
        level = np.asarray(level, dtype=np.float64)
        spread = np.maximum(np.asarray(spread, dtype=np.float64), 1e-9)
        n = level.shape[0]
        s = spread**2
        return cls(
            level=level.copy(),
            slope=np.zeros(n),
            c00=np.full(n, 4.0) * s,
            c01=np.zeros(n),
            c11=np.full(n, 0.01 if trend else 0.0) * s,
            dof=np.full(n, float(dof)),
            s=s,
            log_up=np.zeros(n),
            log_down=np.zeros(n),
            pending=np.zeros(n),
            steps=np.zeros(n),
        )

    def copy(self) -> MonitorState:
        return MonitorState(**{k: v.copy() for k, v in self.__dict__.items()})

    def __len__(self) -> int:
        return int(self.level.shape[0])


@dataclass(frozen=True)
class StepResult:
    """One step for every series: forecasts, standardised errors and signals (n,)."""

    forecast: Array
    forecast_sd: Array
    z: Array  # (y - forecast) / forecast_sd as a normal deviate; NaN where y was missing
    kind: NDArray[np.int8]  # 0 none, OUTLIER, CHANGE_UP, CHANGE_DOWN
    log_bf: Array  # log Bayes factor of the signal (the more negative, the more surprising)
    run: Array  # how many steps the evidence of a change covers


def step(state: MonitorState, y: Array, monitor: Monitor) -> tuple[MonitorState, StepResult]:
    """Forecast, monitor and update every series with its observation `y` (n,)."""
    y = np.asarray(y, dtype=np.float64)
    m = monitor
    # evolution (G = [[1, 1], [0, 1]]) and discount
    a0 = state.level + state.slope
    a1 = state.slope
    r00 = (state.c00 + 2 * state.c01 + state.c11) / m.delta
    r01 = (state.c01 + state.c11) / m.delta
    r11 = state.c11 / m.delta
    s = state.s
    q = r00 + s
    sd = np.sqrt(q)
    observed = ~np.isnan(y)
    e = np.where(observed, y - a0, 0.0)
    t_err = e / sd
    # the forecast is Student-t with the variance estimate's degrees of freedom; monitor
    # its normal equivalent (Wallace's approximation), so a young series is not jumpy
    nu = np.maximum(m.beta * state.dof, 0.5)
    z = np.sign(t_err) * np.sqrt(nu * np.log1p(t_err * t_err / nu)) * (8 * nu + 1) / (8 * nu + 3)

    # Bayes factors (logs) against the alternatives
    k2 = m.outlier_scale**2
    log_h_outlier = math.log(m.outlier_scale) - 0.5 * z * z * (1 - 1 / k2)
    h = m.shift
    log_h_up = 0.5 * h * h - h * z
    log_h_down = 0.5 * h * h + h * z
    log_up = log_h_up + np.minimum(state.log_up, 0.0)
    log_down = log_h_down + np.minimum(state.log_down, 0.0)
    run_up = np.where(state.log_up < 0, state.steps + 1, 1)
    run_down = np.where(state.log_down < 0, state.steps + 1, 1)

    sign = np.sign(z)
    is_outlier = observed & (log_h_outlier < m.outlier_log_bf)
    repeat = is_outlier & (state.pending != 0) & (state.pending == sign)
    drift_up = observed & ~is_outlier & (log_up < m.change_log_bf)
    drift_down = observed & ~is_outlier & ~drift_up & (log_down < m.change_log_bf)
    change_up = (repeat & (sign > 0)) | drift_up
    change_down = (repeat & (sign < 0)) | drift_down
    change = change_up | change_down
    lone_outlier = is_outlier & ~repeat

    kind = np.zeros(y.shape[0], dtype=np.int8)
    kind[lone_outlier] = OUTLIER
    kind[change_up] = CHANGE_UP
    kind[change_down] = CHANGE_DOWN
    log_bf = np.where(
        lone_outlier | repeat,
        log_h_outlier,
        np.where(change_up, log_up, np.where(change_down, log_down, 0.0)),
    )
    run = np.where(repeat, 2.0, np.where(change_up, run_up, np.where(change_down, run_down, 0.0)))

    # intervention: after a change, the prior for this step is made much wider
    widen = np.where(change, 1.0 / m.intervention, 1.0)
    r00 = r00 * widen
    r01 = r01 * widen
    r11 = r11 * widen
    q = r00 + s
    z_upd = e / np.sqrt(q)

    update = observed & ~lone_outlier
    evidence_run = np.maximum(np.where(log_up < 0, run_up, 0), np.where(log_down < 0, run_down, 0))
    a_level = r00 / q
    a_slope = r01 / q
    dof = np.where(update, m.beta * state.dof + 1, m.beta * state.dof)
    ratio = np.where(update, (m.beta * state.dof + z_upd * z_upd) / dof, 1.0)
    s_new = s * ratio
    level = np.where(update, a0 + a_level * e, a0)
    slope = np.where(update, a1 + a_slope * e, a1)
    c00 = np.where(update, (r00 - a_level * a_level * q) * ratio, r00)
    c01 = np.where(update, (r01 - a_level * a_slope * q) * ratio, r01)
    c11 = np.where(update, (r11 - a_slope * a_slope * q) * ratio, r11)

    new = MonitorState(
        level=level,
        slope=slope,
        c00=c00,
        c01=c01,
        c11=c11,
        dof=dof,
        s=s_new,
        # reset the evidence after a change; an outlier held out or a missing value adds
        # none
        log_up=np.where(change, 0.0, np.where(update, log_up, state.log_up)),
        log_down=np.where(change, 0.0, np.where(update, log_down, state.log_down)),
        pending=np.where(lone_outlier, sign, np.where(observed, 0.0, state.pending)),
        steps=np.where(change, 0.0, np.where(update, evidence_run, state.steps)),
    )
    return new, StepResult(
        forecast=a0,
        forecast_sd=sd,
        z=np.where(observed, z, np.nan),
        kind=kind,
        log_bf=log_bf,
        run=run,
    )


@dataclass(frozen=True)
class Signal:
    """A surprising observation: which series, at which step, what was expected and seen,
    and how surprising (the log Bayes factor against the standard model: the more negative,
    the stronger the evidence)."""

    series: int
    t: int
    kind: int
    expected: float
    observed: float
    z: float
    log_bayes_factor: float
    run: int


def monitor_series(
    values: Array, monitor: Monitor | None = None, warmup: int = 5
) -> tuple[MonitorState, list[Signal], Array]:
    """Run the monitor over a matrix of series (n, T), NaN where missing. The prior is
    taken from the first `warmup` observed values of each series (their mean and spread),
    and no signal is raised during the warm-up. Returns the final state, the signals in
    time order and the one-step forecasts (n, T)."""
    monitor = monitor or Monitor()
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError("values must be a matrix: one row per series")
    n, length = values.shape
    head = values[:, : max(warmup, 1)]
    with np.errstate(all="ignore"):
        counts = np.sum(~np.isnan(head), axis=1)
        first = np.where(
            counts > 0, np.nanmean(np.where(counts[:, None] > 0, head, 0.0), axis=1), 0.0
        )
        spread = np.where(
            counts > 1, np.nanstd(np.where(counts[:, None] > 1, head, 0.0), axis=1), 0.0
        )
    spread = np.maximum(spread, 0.05 * np.abs(first) + 1e-6)
    state = MonitorState.start(
        np.nan_to_num(first), spread, dof=max(warmup - 1, 1), trend=monitor.trend
    )
    forecasts = np.full((n, length), np.nan)
    signals: list[Signal] = []
    for t in range(length):
        state, result = step(state, values[:, t], monitor)
        forecasts[:, t] = result.forecast
        if t < warmup:
            continue
        for i in np.flatnonzero(result.kind):
            signals.append(
                Signal(
                    series=int(i),
                    t=t,
                    kind=int(result.kind[i]),
                    expected=float(result.forecast[i]),
                    observed=float(values[i, t]),
                    z=float(result.z[i]),
                    log_bayes_factor=float(result.log_bf[i]),
                    run=int(result.run[i]),
                )
            )
    return state, signals, forecasts
