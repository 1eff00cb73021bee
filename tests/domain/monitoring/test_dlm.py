"""The production monitor: a level shift is detected within a few steps, a steady noisy
series stays quiet, an outlier is held out, and the vectorised model treats every series
on its own."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cordones.domain.monitoring import (
    CHANGE_DOWN,
    CHANGE_UP,
    OUTLIER,
    Monitor,
    monitor_series,
)


def noisy(seed: int, series: int, steps: int, level: float = 100.0, sd: float = 5.0):
    return level + np.random.default_rng(seed).normal(0.0, sd, (series, steps))


@pytest.mark.parametrize("direction, kind", [(1, CHANGE_UP), (-1, CHANGE_DOWN)])
def test_a_level_shift_of_four_sds_is_signalled_within_four_steps(direction, kind):
    values = noisy(seed=11, series=20, steps=120)
    values[:, 80:] += direction * 20.0  # 4 sds
    _state, signals, _f = monitor_series(values)
    for series in range(20):
        changes = [s for s in signals if s.series == series and s.kind == kind and s.t >= 80]
        assert changes, f"series {series}: shift not detected"
        first = changes[0]
        assert first.t - 80 <= 3  # by the fourth observation of the new level
        assert first.log_bayes_factor < max(Monitor().change_log_bf, Monitor().outlier_log_bf)
        assert direction * (first.observed - first.expected) > 0
        # nothing of that kind before the shift
        assert not [s for s in signals if s.series == series and s.kind == kind and s.t < 80]


def test_the_level_follows_the_new_regime_after_a_change():
    values = noisy(seed=3, series=1, steps=100, level=50.0, sd=2.0)
    values[:, 50:] += 15.0
    state, _signals, forecasts = monitor_series(values)
    assert abs(state.level[0] - 65.0) < 3.0
    assert abs(forecasts[0, 70] - 65.0) < 3.0


def test_a_steady_noisy_series_raises_no_signal_for_three_hundred_steps():
    values = noisy(seed=2, series=1, steps=300)
    _state, signals, _f = monitor_series(values)
    assert signals == []


def test_false_alarms_on_steady_series_are_rarer_than_one_in_a_thousand_steps():
    values = noisy(seed=2026, series=200, steps=300)
    _state, signals, _f = monitor_series(values)
    assert len(signals) < 200 * 300 / 1000


def test_one_far_observation_is_an_outlier_held_out_of_the_level():
    values = noisy(seed=5, series=1, steps=60, level=200.0, sd=4.0)
    before, _s, _f = monitor_series(values[:, :40])
    values[0, 40] = 260.0  # 15 sds
    _state, signals, forecasts = monitor_series(values)
    spike = [s for s in signals if s.t == 40]
    assert [s.kind for s in spike] == [OUTLIER]
    assert spike[0].z > 4 and spike[0].observed == 260.0
    # the next forecast ignores the outlier and no change follows it
    assert abs(forecasts[0, 41] - before.level[0]) < 2.0
    assert not [s for s in signals if s.kind in (CHANGE_UP, CHANGE_DOWN)]


def test_missing_observations_raise_nothing_and_widen_the_forecast():
    values = noisy(seed=8, series=1, steps=60)
    values[0, 30:40] = np.nan
    _state, signals, forecasts = monitor_series(values)
    assert not [s for s in signals if 30 <= s.t < 40]
    assert np.isfinite(forecasts).all()


def test_monitor_settings_are_checked():
    with pytest.raises(ValueError):
        Monitor(delta=1.5)
    with pytest.raises(ValueError):
        Monitor(change_log_bf=1.0)
    with pytest.raises(ValueError):
        monitor_series(np.zeros(5))


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
matrices = arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 40)), elements=finite)


def _key(signals):
    return [(s.series, s.t, s.kind) for s in signals]


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_every_series_is_monitored_on_its_own(values):
    _state, together, forecasts = monitor_series(values)
    for i in range(values.shape[0]):
        _s, alone, f = monitor_series(values[i : i + 1])
        assert _key(alone) == [(0, t, k) for (s, t, k) in _key(together) if s == i]
        np.testing.assert_allclose(f[0], forecasts[i], rtol=1e-9, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(matrices, st.sampled_from([0.01, 3.0, 1000.0]))
def test_signals_do_not_depend_on_the_unit(values, scale):
    _s, signals, _f = monitor_series(values)
    _s, scaled, _f = monitor_series(values * scale)
    assert _key(signals) == _key(scaled)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_mirrored_series_swap_rises_and_falls(values):
    swap = {OUTLIER: OUTLIER, CHANGE_UP: CHANGE_DOWN, CHANGE_DOWN: CHANGE_UP}
    _s, signals, _f = monitor_series(values)
    _s, mirrored, _f = monitor_series(-values)
    assert [(s, t, swap[k]) for s, t, k in _key(signals)] == _key(mirrored)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_forecasts_and_surprise_stay_finite(values):
    state, signals, forecasts = monitor_series(values)
    assert np.isfinite(forecasts).all() and np.isfinite(state.s).all() and (state.s > 0).all()
    assert all(s.log_bayes_factor < 0 and np.isfinite(s.z) for s in signals)


def test_a_steady_ramp_is_a_trend_to_the_trend_model_and_a_change_to_the_level_model():
    steps = np.arange(200.0)
    values = (100.0 + 0.8 * steps + np.random.default_rng(4).normal(0, 2.0, 200))[None, :]
    _s, with_trend, forecasts = monitor_series(values, Monitor(trend=True))
    _s, level_only, _f = monitor_series(values, Monitor())
    assert not [s for s in with_trend if s.kind in (CHANGE_UP, CHANGE_DOWN)]
    assert abs(forecasts[0, 150] - (100.0 + 0.8 * 150)) < 6.0
    assert [s for s in level_only if s.kind == CHANGE_UP]  # it keeps seeing the level rise
