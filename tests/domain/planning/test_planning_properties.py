"""Optimality against an independent formulation, on random scenarios.

The independent side builds its own dense matrices from the scenario's JSON form (not from
our arrays) and solves them with ``scipy.optimize.linprog(method="highs")``: same stage-1
optimum, our plan feasible in every balance, capacity and bound, and our least-served ratio
not below the independent max-min under the stage-1 optimum.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from cordones.domain.planning import STAGE1_TOLERANCE, plan_resolve, plan_solve, scenario_from_dict
from cordones.domain.planning.solve import CapHours, VetoTechnique

TOL = 1e-6


def _amount(low: int, high: int):
    return st.integers(low, high).map(lambda v: v / 10)


@st.composite
def scenarios(draw) -> dict:
    n_p = draw(st.integers(1, 5))
    n_w = draw(st.integers(1, 3))
    products = [f"p{i}" for i in range(n_p)]
    workplaces = [{"id": f"w{i}", "labour_hours": draw(_amount(0, 1000))} for i in range(n_w)]
    techniques = []
    for j in range(draw(st.integers(1, 7))):
        made = draw(st.sampled_from(products))
        inputs = draw(st.dictionaries(st.sampled_from(products), _amount(1, 30), max_size=2))
        techniques.append(
            {
                "id": f"t{j}",
                "workplace": draw(st.sampled_from(workplaces))["id"],
                "output": {made: draw(_amount(5, 50))},
                "inputs": inputs,  # may include the product made: a loop within a run
                "labour_hours": draw(_amount(1, 50)),
            }
        )
    needs = [
        {
            "id": f"n{k}",
            "community": f"c{k % 3}",
            "product": draw(st.sampled_from(products)),
            "quantity": draw(_amount(1, 1000)),
            "priority": draw(st.integers(0, 5)),
        }
        for k in range(draw(st.integers(1, 6)))
    ]
    stocks = draw(st.dictionaries(st.sampled_from(products), _amount(0, 200), max_size=n_p))
    return {
        "products": [{"id": p, "unit": "u"} for p in products],
        "workplaces": workplaces,
        "techniques": techniques,
        "needs": needs,
        "stocks": stocks,
    }


def _independent(data: dict):
    """Dense A_ub x ≤ b_ub over [runs..., delivered...] straight from the JSON data."""
    products = [p["id"] for p in data["products"]]
    workplaces = [w["id"] for w in data["workplaces"]]
    techs, needs = data["techniques"], data["needs"]
    nt, nk = len(techs), len(needs)
    a = np.zeros((len(products) + len(workplaces), nt + nk))
    b = np.zeros(len(products) + len(workplaces))
    for j, t in enumerate(techs):
        for p, q in t["output"].items():
            a[products.index(p), j] -= q  # −(output − inputs)·x + Σ d ≤ stock
        for p, q in t["inputs"].items():
            a[products.index(p), j] += q
        a[len(products) + workplaces.index(t["workplace"]), j] += t["labour_hours"]
    for k, n in enumerate(needs):
        a[products.index(n["product"]), nt + k] += 1
    for p, q in data["stocks"].items():
        b[products.index(p)] = q
    for i, w in enumerate(data["workplaces"]):
        b[len(products) + i] = w["labour_hours"]
    bounds = [(0, None)] * nt + [(0, n["quantity"]) for n in needs]
    priority = np.array([0.0] * nt + [n["priority"] for n in needs])
    return a, b, bounds, priority


def _maxmin(data: dict, a, b, bounds, priority, z1: float) -> float:
    """Independent stage 2: max t s.t. the plan keeps z1 and delivered_k ≥ quantity_k · t."""
    nt = len(data["techniques"])
    nk = len(data["needs"])
    size = nt + nk + 1
    rows = [np.append(a, np.zeros((a.shape[0], 1)), axis=1)]
    rhs = [b]
    keep = np.zeros(size)
    keep[: nt + nk] = -priority
    rows.append(keep[None, :])
    rhs.append(np.array([-z1 + STAGE1_TOLERANCE * max(1.0, abs(z1))]))  # the same slack as ours
    for k, n in enumerate(data["needs"]):
        if n["quantity"] > 0:
            row = np.zeros(size)
            row[nt + k] = -1
            row[-1] = n["quantity"]
            rows.append(row[None, :])
            rhs.append(np.array([0.0]))
    c = np.zeros(size)
    c[-1] = -1
    result = linprog(
        c,
        A_ub=np.vstack(rows),
        b_ub=np.concatenate(rhs),
        bounds=[*bounds, (0, 1)],
        method="highs",
    )
    assert result.status == 0
    return float(result.x[-1])


def _check_feasible(data: dict, plan) -> None:
    a, b, bounds, _ = _independent(data)
    x = np.array(
        [plan.runs[t["id"]] for t in data["techniques"]]
        + [plan.deliveries[n["id"]] for n in data["needs"]]
    )
    scale = 1 + np.abs(a).sum(axis=1) * (1 + np.abs(x).max())
    assert np.all(a @ x <= b + TOL * scale), a @ x - b
    for value, (low, high) in zip(x, bounds, strict=True):
        assert value >= low - TOL
        assert high is None or value <= high * (1 + TOL) + TOL


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_same_optimum_as_an_independent_formulation(data: dict) -> None:
    a, b, bounds, priority = _independent(data)
    reference = linprog(-priority, A_ub=a, b_ub=b, bounds=bounds, method="highs")
    assert reference.status == 0
    z_ref = -reference.fun
    plan = plan_solve(scenario_from_dict(data))
    assert plan.stage1_objective == pytest.approx(z_ref, rel=1e-7, abs=1e-6)
    # the final plan (after stages 2 and 3) keeps the stage-1 optimum
    assert plan.objective == pytest.approx(z_ref, rel=1e-6, abs=1e-5)
    _check_feasible(data, plan)
    # stage 2: nobody worse off than the independent max-min allows
    needs = [n for n in data["needs"] if n["quantity"] > 0]
    ours = min(plan.deliveries[n["id"]] / n["quantity"] for n in needs)
    assert plan.min_ratio == pytest.approx(ours, abs=1e-6)
    assert ours >= _maxmin(data, a, b, bounds, priority, z_ref) - 1e-5


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.data())
def test_warm_resolve_equals_independent_solve_of_the_amended_scenario(
    data: dict, more: st.DataObject
) -> None:
    plan = plan_solve(scenario_from_dict(data))
    workplace = more.draw(st.sampled_from(data["workplaces"]))
    technique = more.draw(st.sampled_from(data["techniques"]))
    hours = more.draw(_amount(0, 1000))
    after = plan_resolve(plan, [CapHours(workplace["id"], hours), VetoTechnique(technique["id"])])
    # the amended scenario, written independently
    workplace["labour_hours"] = min(workplace["labour_hours"], hours)
    technique["max_runs"] = 0
    a, b, bounds, priority = _independent(data)
    veto = [t["id"] for t in data["techniques"]].index(technique["id"])
    bounds[veto] = (0, 0)
    reference = linprog(-priority, A_ub=a, b_ub=b, bounds=bounds, method="highs")
    assert after.stage1_objective == pytest.approx(-reference.fun, rel=1e-7, abs=1e-6)
    assert after.runs[technique["id"]] == 0
    _check_feasible(data, after)
