"""The scenario's linear programme as sparse column-wise (CSC) arrays, ready for HiGHS.

Columns: one per technique (runs), then one per need (quantity delivered).
Rows: one balance per product, then one capacity per workplace (labour hours), then one per
declared machine. Stage 1 maximises Σ priority × delivered::

    product p:   Σ_t (output[p,t] − inputs[p,t]) · runs_t − Σ_{needs of p} delivered ≥ −stock_p
    labour w:    Σ_{t at w} labour_hours_t · runs_t ≤ labour_hours_w
    machine w/m: Σ_{t at w} machine_hours[m,t] · runs_t ≤ machines[m]_w
    min_runs_t ≤ runs_t ≤ max_runs_t,   0 ≤ delivered_k ≤ quantity_k

Inputs passed between workplaces need no extra variable: a product made at one workplace and
used at another meets in the same balance row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cordones.domain.planning.scenario import Scenario

INF = float("inf")
LABOUR = ""  # the machine name of a workplace's labour row


@dataclass(frozen=True)
class LinearProgramme:
    num_col: int
    num_row: int
    col_cost: NDArray[np.float64]
    col_lower: NDArray[np.float64]
    col_upper: NDArray[np.float64]
    row_lower: NDArray[np.float64]
    row_upper: NDArray[np.float64]
    a_start: NDArray[np.int32]
    a_index: NDArray[np.int32]
    a_value: NDArray[np.float64]
    num_products: int
    num_techniques: int
    capacities: tuple[tuple[str, str], ...]  # (workplace, machine or LABOUR), in row order

    @property
    def num_nz(self) -> int:
        return len(self.a_value)


def lp_build(scenario: Scenario) -> LinearProgramme:
    """Build the stage-1 programme; every id has been checked by the scenario reader."""
    product_row = {p.id: i for i, p in enumerate(scenario.products)}
    num_products = len(product_row)
    capacities: list[tuple[str, str]] = []
    cap_upper: list[float] = []
    for w in scenario.workplaces:
        capacities.append((w.id, LABOUR))
        cap_upper.append(w.labour_hours)
        for machine, hours in w.machines.items():
            capacities.append((w.id, machine))
            cap_upper.append(hours)
    capacity_row = {key: num_products + i for i, key in enumerate(capacities)}

    starts = [0]
    index: list[int] = []
    value: list[float] = []
    col_lower: list[float] = []
    col_upper: list[float] = []
    for t in scenario.techniques:
        net = dict(t.output)
        for product, quantity in t.inputs.items():
            net[product] = net.get(product, 0.0) - quantity
        for product, quantity in net.items():
            if quantity != 0.0:
                index.append(product_row[product])
                value.append(quantity)
        if t.labour_hours > 0:
            index.append(capacity_row[(t.workplace, LABOUR)])
            value.append(t.labour_hours)
        for machine, hours in t.machine_hours.items():
            index.append(capacity_row[(t.workplace, machine)])
            value.append(hours)
        starts.append(len(index))
        col_lower.append(t.min_runs)
        col_upper.append(INF if t.max_runs is None else t.max_runs)
    cost = [0.0] * len(scenario.techniques)
    for n in scenario.needs:
        index.append(product_row[n.product])
        value.append(-1.0)
        starts.append(len(index))
        col_lower.append(0.0)
        col_upper.append(n.quantity)
        cost.append(n.priority)

    stock = np.zeros(num_products)
    for product, quantity in scenario.stocks.items():
        stock[product_row[product]] = quantity
    num_caps = len(capacities)
    return LinearProgramme(
        num_col=len(col_lower),
        num_row=num_products + num_caps,
        col_cost=np.asarray(cost, dtype=np.float64),
        col_lower=np.asarray(col_lower, dtype=np.float64),
        col_upper=np.asarray(col_upper, dtype=np.float64),
        row_lower=np.concatenate([-stock, np.full(num_caps, -INF)]),
        row_upper=np.concatenate([np.full(num_products, INF), np.asarray(cap_upper, float)]),
        a_start=np.asarray(starts, dtype=np.int32),
        a_index=np.asarray(index, dtype=np.int32),
        a_value=np.asarray(value, dtype=np.float64),
        num_products=num_products,
        num_techniques=len(scenario.techniques),
        capacities=tuple(capacities),
    )
