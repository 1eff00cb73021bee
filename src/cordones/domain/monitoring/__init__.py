"""Production monitoring: short-term forecasts of many series at once with a Bayesian
dynamic linear model, and signals when an observation or a run of them is surprising.
Pure numpy; see docs/monitoring.md."""

from cordones.domain.monitoring.dlm import (
    CHANGE_DOWN,
    CHANGE_UP,
    OUTLIER,
    Monitor,
    MonitorState,
    Signal,
    StepResult,
    monitor_series,
)

__all__ = [
    "CHANGE_DOWN",
    "CHANGE_UP",
    "OUTLIER",
    "Monitor",
    "MonitorState",
    "Signal",
    "StepResult",
    "monitor_series",
]
