"""Solve a scenario in three stages with HiGHS, explain the plan, re-solve after amendments.

Stage 1 maximises Σ priority × delivered. Stage 2 keeps the stage-1 objective (within
:data:`STAGE1_TOLERANCE`, relative) as a constraint and maximises the minimum fulfilment ratio
``delivered / quantity`` over the needs not starved at every stage-1 optimum: among the plans
that serve the priorities equally well, it picks one in which the worst-served community is
as well served as possible. Stage 3 keeps both and minimises the labour hours used. Later
stages never lower the stage-1 objective beyond the tolerance; the shadow prices come from
stage 1. See docs/planning.md and ADR 0015.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import highspy
import numpy as np
from numpy.typing import NDArray

from cordones.domain.planning.messages import Message, PlanningError
from cordones.domain.planning.model import LABOUR, LinearProgramme, lp_build
from cordones.domain.planning.scenario import Need, Scenario

Method = Literal["auto", "simplex", "ipm", "pdlp"]

STAGE1_TOLERANCE = 1e-9  # a later stage may give up this share of an earlier optimum, no more
# Above this many nonzeros "auto" uses PDLP (first-order, scales about linearly): on networks
# with loops and hub goods the simplex basis inverse fills in (4 s at 2,000 products, 25,000
# nonzeros, against 1 s for PDLP; see docs/benchmarks.md).
SIMPLEX_MAX_NONZEROS = 20_000
PDLP_TOLERANCE = 1e-4  # relative; the plan reports the residuals it reached
LATER_STAGE_MIN_SECONDS = 30.0  # stages 2 and 3 get this long at least ...
LATER_STAGE_FACTOR = 2.0  # ... or this many times what stage 1 took
LABOUR_SUPPLY_COST = 1e7  # hours charged for a unit no technique can make (marks "not made")
_HINF = highspy.kHighsInf


# ---------------------------------------------------------------- amendments


@dataclass(frozen=True)
class CapHours:
    """A workplace assembly caps its labour hours (never raises them)."""

    workplace: str
    hours: float


@dataclass(frozen=True)
class ChangeCapacity:
    """A workplace sets one capacity: its labour hours (machine="") or a machine's hours."""

    workplace: str
    hours: float
    machine: str = LABOUR


@dataclass(frozen=True)
class VetoTechnique:
    technique: str


@dataclass(frozen=True)
class AddNeed:
    need: Need


Amendment = CapHours | ChangeCapacity | VetoTechnique | AddNeed


def scenario_amend(scenario: Scenario, amendments: Sequence[Amendment]) -> Scenario:
    """The scenario with the amendments applied in order (raises on unknown ids)."""
    workplaces = {w.id: w for w in scenario.workplaces}
    techniques = {t.id: t for t in scenario.techniques}
    needs = list(scenario.needs)
    products = {p.id for p in scenario.products}
    problems: list[Message] = []
    for i, a in enumerate(amendments):
        path = f"amendments[{i}]"
        if isinstance(a, CapHours | ChangeCapacity) and not (
            math.isfinite(a.hours) and 0 <= a.hours <= 1e12
        ):
            problems.append(Message("not_number", {"value": repr(a.hours)}, f"{path}.hours"))
        elif isinstance(a, CapHours | ChangeCapacity):
            w = workplaces.get(a.workplace)
            if w is None:
                problems.append(Message("unknown_workplace", {"id": a.workplace}, path))
            elif isinstance(a, CapHours):
                workplaces[w.id] = replace(w, labour_hours=min(w.labour_hours, a.hours))
            elif a.machine == LABOUR:
                workplaces[w.id] = replace(w, labour_hours=a.hours)
            elif a.machine in w.machines:
                workplaces[w.id] = replace(w, machines={**w.machines, a.machine: a.hours})
            else:
                problems.append(
                    Message("unknown_machine", {"workplace": w.id, "id": a.machine}, path)
                )
        elif isinstance(a, VetoTechnique):
            t = techniques.get(a.technique)
            if t is None:
                problems.append(Message("unknown_technique", {"id": a.technique}, path))
            else:
                techniques[t.id] = replace(t, min_runs=0.0, max_runs=0.0)
        else:
            n = a.need
            if n.product not in products:
                problems.append(Message("unknown_product", {"id": n.product}, path))
            elif any(m.id == n.id for m in needs):
                problems.append(Message("duplicate_id", {"id": n.id}, path))
            elif not (0 <= n.quantity <= 1e12 and 0 <= n.priority <= 1e6):
                problems.append(Message("not_number", {"value": repr(n.quantity)}, path))
            else:
                needs.append(n)
    if problems:
        raise PlanningError(problems)
    return replace(
        scenario,
        workplaces=tuple(workplaces.values()),
        techniques=tuple(techniques.values()),
        needs=tuple(needs),
    )


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Capacity:
    workplace: str
    machine: str  # LABOUR ("") for the workplace's labour hours
    used: float
    available: float
    shadow_price: float  # stage-1 objective gained per extra hour

    @property
    def id(self) -> str:
        return self.workplace if self.machine == LABOUR else f"{self.workplace}/{self.machine}"


@dataclass(frozen=True)
class Plan:
    scenario: Scenario
    objective: float  # stage 1: Σ priority × delivered (of the final plan)
    stage1_objective: float  # the stage-1 optimum
    min_ratio: float | None  # stage 2: the smallest delivered / quantity
    runs: Mapping[str, float]
    deliveries: Mapping[str, float]
    product_prices: Mapping[str, float]  # stage-1 objective per extra unit in stock
    capacities: tuple[Capacity, ...]
    labour_content: Mapping[str, float | None]  # hours per unit; None: not made here
    explanation: tuple[Message, ...]
    method: str
    residuals: Mapping[str, float]
    amendments: tuple[Amendment, ...] = ()
    _warm: Any = field(default=None, repr=False, compare=False)

    @property
    def binding(self) -> tuple[Capacity, ...]:
        return tuple(c for c in self.capacities if _binds(c))

    @property
    def unmet(self) -> tuple[Need, ...]:
        return tuple(
            n for n in self.scenario.needs if self.deliveries[n.id] < n.quantity * (1 - 1e-6)
        )


def _binds(c: Capacity) -> bool:
    return c.shadow_price > 1e-9 or c.used >= c.available - 1e-7 * max(1.0, c.available)


# ---------------------------------------------------------------- solving


def _highs(threads: int | None = None) -> highspy.Highs:
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 0)
    return h


def _pass(h: highspy.Highs, lp: LinearProgramme) -> None:
    status = h.passModel(
        lp.num_col,
        lp.num_row,
        lp.num_nz,
        1,  # column-wise (CSC)
        -1,  # maximise
        0.0,
        lp.col_cost,
        lp.col_lower,
        np.minimum(lp.col_upper, _HINF),
        np.maximum(lp.row_lower, -_HINF),
        np.minimum(lp.row_upper, _HINF),
        lp.a_start[:-1],
        lp.a_index,
        lp.a_value,
        np.zeros(lp.num_col, dtype=np.int32),  # all continuous
    )
    if status != highspy.HighsStatus.kOk:
        raise PlanningError([Message("solver_failed", {"status": str(status)})])


def method_for(lp: LinearProgramme, method: Method = "auto") -> str:
    if method != "auto":
        return method
    return "simplex" if lp.num_nz <= SIMPLEX_MAX_NONZEROS else "pdlp"


def _set_method(h: highspy.Highs, method: str) -> None:
    h.setOptionValue("solver", method)
    if method == "pdlp":
        # HiGHS's PDLP stops on its KKT tolerance (pdlp_optimality_tolerance has no effect)
        h.setOptionValue("kkt_tolerance", PDLP_TOLERANCE)


def _run(h: highspy.Highs, lp: LinearProgramme, scenario: Scenario) -> None:
    h.run()
    status = h.getModelStatus()
    if status in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kModelEmpty):
        return
    if status == highspy.HighsModelStatus.kInfeasible:
        raise PlanningError([Message("infeasible", {"conflict": _conflict(h, lp, scenario)})])
    raise PlanningError([Message("solver_failed", {"status": h.modelStatusToString(status)})])


def _row_name(lp: LinearProgramme, scenario: Scenario, row: int) -> str:
    if row < lp.num_products:
        return f"product {scenario.products[row].id}"
    workplace, machine = lp.capacities[row - lp.num_products]
    return f"workplace {workplace}" + (f" machine {machine}" if machine else " labour hours")


def _col_name(lp: LinearProgramme, scenario: Scenario, col: int) -> str:
    if col < lp.num_techniques:
        return f"technique {scenario.techniques[col].id} min_runs"
    return f"need {scenario.needs[col - lp.num_techniques].id}"


def _conflict(h: highspy.Highs, lp: LinearProgramme, scenario: Scenario) -> str:
    """Name the rows and columns of an irreducible infeasible subset, if HiGHS finds one."""
    try:
        _status, iis = h.getIis()
        rows = [_row_name(lp, scenario, int(r)) for r in iis.row_index_]
        cols = [_col_name(lp, scenario, int(c)) for c in iis.col_index_]
    except Exception:  # pragma: no cover - the IIS is a courtesy; the error stands without it
        return "?"
    names = rows + cols
    return ", ".join(names[:12]) + (" ..." if len(names) > 12 else "") if names else "?"


def _residuals(h: highspy.Highs) -> dict[str, float]:
    info = h.getInfo()
    return {
        "max_primal_infeasibility": float(info.max_primal_infeasibility),
        "max_dual_infeasibility": float(info.max_dual_infeasibility),
        # present at run time in HiGHS 1.16, not in its type stubs
        "max_relative_primal_infeasibility": float(
            getattr(info, "max_relative_primal_infeasibility", math.nan)
        ),
        "max_relative_dual_infeasibility": float(
            getattr(info, "max_relative_dual_infeasibility", math.nan)
        ),
        "simplex_iterations": float(info.simplex_iteration_count),
        "pdlp_iterations": float(info.pdlp_iteration_count),
        "ipm_iterations": float(info.ipm_iteration_count),
    }


@dataclass(frozen=True)
class _Warm:
    method: str
    col_status: tuple[Any, ...]
    row_status: tuple[Any, ...]


def _apply_warm(h: highspy.Highs, warm: _Warm | None, lp: LinearProgramme) -> None:
    if warm is None or not warm.col_status:
        return
    cols = list(warm.col_status)
    if len(cols) > lp.num_col or len(warm.row_status) != lp.num_row:
        return
    cols += [highspy.HighsBasisStatus.kLower] * (lp.num_col - len(cols))  # added needs
    basis = highspy.HighsBasis()
    basis.col_status = cols
    basis.row_status = list(warm.row_status)
    basis.valid = True
    h.setBasis(basis)


def plan_solve(
    scenario: Scenario,
    *,
    method: Method = "auto",
    fair: bool = True,
    thrifty: bool = True,
    explain: int = 10,
    labour_content: bool = True,
    time_limit: float | None = None,
    _warm: _Warm | None = None,
    _amendments: tuple[Amendment, ...] = (),
) -> Plan:
    """Solve stage 1 (then stage 2 if ``fair``, stage 3 if ``thrifty``); explain the plan.

    ``explain`` bounds how many binding capacities get a sentence (each costs one warm
    re-solve); ``labour_content`` adds one labour-minimising LP; ``time_limit`` (seconds, per
    solver run) turns a solve that takes too long into a :class:`PlanningError`.
    """
    lp = lp_build(scenario)
    chosen = method_for(lp, method)
    if _warm is not None and _warm.col_status:
        chosen = "simplex"  # a basis is only useful to the simplex method
    h = _highs()
    _set_method(h, chosen)
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    _pass(h, lp)
    _apply_warm(h, _warm, lp)
    _run(h, lp, scenario)
    residuals = _residuals(h)
    explanation: list[Message] = []
    if chosen == "pdlp":  # check the residuals, and say how far the plan can be trusted
        worst = residuals["max_relative_primal_infeasibility"]
        explanation.append(Message("approximate", {"percent": _fmt(100 * worst)}))
    solution = h.getSolution()
    x1 = np.asarray(solution.col_value)
    starved = _starved(lp, np.asarray(solution.col_dual), chosen)
    row_dual = np.asarray(solution.row_dual)
    z1 = float(h.getInfo().objective_function_value)
    warm = _Warm(chosen, (), ())
    if chosen in ("simplex", "ipm"):
        basis = h.getBasis()
        if basis.valid:
            warm = _Warm(chosen, tuple(basis.col_status), tuple(basis.row_status))

    # Shadow prices: HiGHS reports duals as d(objective)/d(bound) for the sense it solved; with
    # sense = maximise a row dual is the objective gained per unit the active bound moves up.
    # Product rows are "≥ −stock": one more unit in stock lowers the bound by one.
    product_prices = {p.id: _clean(-float(row_dual[i])) for i, p in enumerate(scenario.products)}
    capacity_prices = row_dual[lp.num_products :]
    if explain > 0 and chosen != "pdlp":  # each sentence is a warm simplex re-solve
        explanation += _capacity_sentences(h, lp, scenario, x1, capacity_prices, explain)

    x = x1
    min_ratio = lifted = None
    stage1_seconds = h.getRunTime()
    stages = 1
    try:
        # later stages get a budget: on large networks PDLP may crawl on the max-min
        budget = max(LATER_STAGE_MIN_SECONDS, LATER_STAGE_FACTOR * stage1_seconds)
        if fair and scenario.needs:
            h.setOptionValue("time_limit", h.getRunTime() + budget)
            x, lifted = _stage2(h, lp, scenario, z1, starved)
            min_ratio = 0.0 if starved.any() else lifted
            stages = 2
        if thrifty:
            h.setOptionValue("time_limit", h.getRunTime() + budget)
            x = _stage3(h, lp, scenario, lifted, z1)
            stages = 3
    except PlanningError:
        explanation.append(Message("stage_unfinished", {"stage": stages + 1, "done": stages}))
    residuals["stages"] = float(stages)
    used = _row_activity(lp, x)
    capacities = tuple(
        Capacity(
            workplace,
            machine,
            _clean(float(used[lp.num_products + k])),
            float(lp.row_upper[lp.num_products + k]),
            _clean(float(capacity_prices[k])),
        )
        for k, (workplace, machine) in enumerate(lp.capacities)
    )
    runs = {t.id: _clean(float(x[j])) for j, t in enumerate(scenario.techniques)}
    nt = lp.num_techniques
    deliveries = {n.id: _clean(float(x[nt + k])) for k, n in enumerate(scenario.needs)}
    objective = sum(n.priority * deliveries[n.id] for n in scenario.needs)

    units = {p.id: p.unit for p in scenario.products}
    unmet = [
        Message(
            "need_unmet",
            {
                "community": n.community,
                "quantity": _fmt(n.quantity),
                "unit": units[n.product],
                "product": n.product,
                "delivered": _fmt(deliveries[n.id]),
                "percent": _fmt(100 * deliveries[n.id] / n.quantity),
            },
            n.id,
        )
        for n in scenario.needs
        if n.quantity > 0 and deliveries[n.id] < n.quantity * (1 - 1e-6)
    ]
    scarce = sorted(
        (p for p in scenario.products if product_prices[p.id] > 1e-9),
        key=lambda p: -product_prices[p.id],
    )[: max(explain, 0)]
    explanation = unmet + explanation
    explanation += [
        Message(
            "product_scarce",
            {"unit": p.unit, "product": p.id, "value": _fmt(product_prices[p.id])},
            p.id,
        )
        for p in scarce
    ]

    content: dict[str, float | None] = {}
    if labour_content:
        content = _labour_content(lp, scenario, deliveries, chosen)
    return Plan(
        scenario=scenario,
        objective=objective,
        stage1_objective=z1,
        min_ratio=min_ratio,
        runs=runs,
        deliveries=deliveries,
        product_prices=product_prices,
        capacities=capacities,
        labour_content=content,
        explanation=tuple(explanation),
        method=chosen,
        residuals=residuals,
        amendments=_amendments,
        _warm=warm,
    )


def plan_resolve(previous: Plan, amendments: Sequence[Amendment], **options: Any) -> Plan:
    """Re-solve after a round's amendments, warm-started from the previous stage-1 basis.

    Amendments accumulate: the new plan carries the previous ones and these.
    """
    scenario = scenario_amend(previous.scenario, amendments)
    return plan_solve(
        scenario,
        _warm=previous._warm,
        _amendments=(*previous.amendments, *amendments),
        **options,
    )


def _stage2(
    h: highspy.Highs,
    lp: LinearProgramme,
    scenario: Scenario,
    z1: float,
    starved: NDArray[np.bool_],
) -> tuple[NDArray[np.float64], float]:
    """Keep Σ priority × delivered ≥ z1 (within tolerance); maximise min delivered/quantity
    over the needs not starved at every stage-1 optimum. Returns the plan and that least
    ratio (over the needs not starved)."""
    nt, nk = lp.num_techniques, len(scenario.needs)
    need_cols = np.arange(nt, nt + nk, dtype=np.int32)
    t_col = lp.num_col
    h.addCol(1.0, 0.0, 1.0, 0, np.empty(0, np.int32), np.empty(0, np.float64))
    h.changeColsCost(nk, need_cols, np.zeros(nk))
    priority = lp.col_cost[nt:]
    quantity = lp.col_upper[nt:]
    floor = z1 - _slack(h) * max(1.0, abs(z1))
    positive = np.flatnonzero((quantity > 0) & ~starved)
    # row 0: the stage-1 objective; rows 1..: delivered_k − quantity_k · t ≥ 0
    starts = [0]
    index: list[int] = []
    value: list[float] = []
    keep = np.flatnonzero(priority != 0)
    index += (need_cols[keep]).tolist()
    value += priority[keep].tolist()
    starts.append(len(index))
    for k in positive.tolist():
        index += [int(need_cols[k]), t_col]
        value += [1.0, -float(quantity[k])]
        starts.append(len(index))
    num_rows = 1 + len(positive)
    h.addRows(
        num_rows,
        np.concatenate([[floor], np.zeros(len(positive))]),
        np.full(num_rows, _HINF),
        len(index),
        np.asarray(starts[:-1], dtype=np.int32),
        np.asarray(index, dtype=np.int32),
        np.asarray(value, dtype=np.float64),
    )
    _run(h, lp, scenario)
    x = np.asarray(h.getSolution().col_value)
    t = float(x[t_col]) if len(positive) else 1.0
    return x[: lp.num_col], _clean(t)


def _starved(lp: LinearProgramme, col_dual: NDArray[np.float64], method: str) -> NDArray[np.bool_]:
    """The needs that get nothing in *every* stage-1 optimum: a need column with a strictly
    negative reduced cost (its priority is below its product's shadow price) is 0 in every
    optimal solution, by complementary slackness. Stage 2 lifts the others (so the max-min
    is not stuck at 0 because of them). PDLP's duals are approximate: a wider margin."""
    nt = lp.num_techniques
    quantity = lp.col_upper[nt:]
    if not len(quantity):
        return np.zeros(0, dtype=bool)
    scale = max(1.0, float(np.max(lp.col_cost[nt:])))
    margin = (1e-3 if method == "pdlp" else 1e-7) * scale
    return np.asarray((col_dual[nt:] < -margin) & (quantity > 0), dtype=bool)


def _slack(h: highspy.Highs) -> float:
    """What a later stage may give up of an earlier optimum: 1e-9, or PDLP's own tolerance
    when the earlier optimum is only that accurate."""
    # highspy answers (status, value)
    solver = h.getOptionValue("solver")[1]
    return PDLP_TOLERANCE if solver == "pdlp" else STAGE1_TOLERANCE


def _stage3(
    h: highspy.Highs, lp: LinearProgramme, scenario: Scenario, min_ratio: float | None, z1: float
) -> NDArray[np.float64]:
    """Among the plans as good in stages 1 and 2, take one that uses the fewest hours of
    work (no surplus made for nothing). Labour rows give each technique's hours per run."""
    nt = lp.num_techniques
    current = h.getNumCol()
    if min_ratio is not None and current > lp.num_col:  # stage 2 added the ratio column
        floor = min_ratio - _slack(h)
        h.changeColBounds(lp.num_col, max(0.0, floor), 1.0)
        h.changeColCost(lp.num_col, 0.0)
    else:  # keep the stage-1 objective
        nk = len(scenario.needs)
        starts = np.zeros(1, dtype=np.int32)
        cols = np.arange(nt, nt + nk, dtype=np.int32)
        h.addRows(
            1,
            np.asarray([z1 - _slack(h) * max(1.0, abs(z1))]),
            np.asarray([_HINF]),
            nk,
            starts,
            cols,
            lp.col_cost[nt:].astype(np.float64),
        )
        h.changeColsCost(nk, cols, np.zeros(nk))
    hours = _technique_labour(lp)
    h.changeColsCost(nt, np.arange(nt, dtype=np.int32), -hours)  # maximise −hours
    _run(h, lp, scenario)
    return np.asarray(h.getSolution().col_value)[: lp.num_col]


def _technique_labour(lp: LinearProgramme) -> NDArray[np.float64]:
    nt, np_ = lp.num_techniques, lp.num_products
    end = int(lp.a_start[nt])
    col_of = np.repeat(np.arange(nt), np.diff(lp.a_start[: nt + 1]))
    idx, val = lp.a_index[:end], lp.a_value[:end]
    labour_rows = np.zeros(lp.num_row, dtype=bool)
    for k, (_workplace, machine) in enumerate(lp.capacities):
        labour_rows[np_ + k] = machine == LABOUR
    mask = labour_rows[idx]
    return np.asarray(np.bincount(col_of[mask], weights=val[mask], minlength=nt), float)


def _row_activity(lp: LinearProgramme, x: NDArray[np.float64]) -> NDArray[np.float64]:
    col_of = np.repeat(np.arange(lp.num_col), np.diff(lp.a_start))
    activity = np.bincount(lp.a_index, weights=lp.a_value * x[col_of], minlength=lp.num_row)
    return np.asarray(activity, dtype=np.float64)


def _capacity_sentences(
    h: highspy.Highs,
    lp: LinearProgramme,
    scenario: Scenario,
    x1: NDArray[np.float64],
    prices: NDArray[np.float64],
    limit: int,
) -> list[Message]:
    """For the capacities with the highest positive shadow prices, re-solve stage 1 with one
    more hour (warm, from the optimal basis) and say which product's deliveries rise most."""
    order = sorted(
        (k for k in range(len(lp.capacities)) if prices[k] > 1e-9),
        key=lambda k: -prices[k],
    )[:limit]
    if not order:
        return []
    nt = lp.num_techniques
    need_product = np.asarray(
        [lp.a_index[lp.a_start[nt + k]] for k in range(len(scenario.needs))], dtype=np.int64
    )
    before = np.bincount(need_product, weights=x1[nt:], minlength=lp.num_products)
    basis = h.getBasis()
    sentences = []
    for k in order:
        workplace, machine = lp.capacities[k]
        cap_id = workplace if machine == LABOUR else f"{workplace}/{machine}"
        row = lp.num_products + k
        available = float(lp.row_upper[row])
        h.changeRowBounds(row, -_HINF, available + 1.0)
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            x = np.asarray(h.getSolution().col_value)
            after = np.bincount(need_product, weights=x[nt:], minlength=lp.num_products)
            gain = after - before
            best = int(np.argmax(gain))
            product = scenario.products[best]
            params = {"capacity": cap_id}
            if gain[best] > 1e-7:
                sentences.append(
                    Message(
                        "capacity_binds",
                        {
                            **params,
                            "quantity": _fmt(float(gain[best])),
                            "unit": product.unit,
                            "product": product.id,
                        },
                        cap_id,
                    )
                )
            else:
                sentences.append(Message("capacity_binds_no_gain", params, cap_id))
        h.changeRowBounds(row, -_HINF, available)
        h.setBasis(basis)
    h.run()  # back to the stage-1 optimum for stage 2
    return sentences


def _labour_content(
    lp: LinearProgramme, scenario: Scenario, deliveries: Mapping[str, float], method: str
) -> dict[str, float | None]:
    """Hours of labour, direct and indirect, per unit of each product: the duals of the
    labour-minimising production of the plan's deliveries (plus a little of every product),
    with the same techniques and no capacity limits. A product no technique can make gets
    None (it can only come from stock)."""
    nt, np_ = lp.num_techniques, lp.num_products
    end = int(lp.a_start[nt])
    idx = lp.a_index[:end]
    val = lp.a_value[:end]
    in_products = idx < np_
    # technique columns restricted to product rows
    col_of = np.repeat(np.arange(nt), np.diff(lp.a_start[: nt + 1]))
    starts = np.concatenate(
        [[0], np.cumsum(np.bincount(col_of[in_products], minlength=nt))]
    ).astype(np.int32)
    labour = _technique_labour(lp)
    # free supply of every product at a prohibitive cost
    supply_starts = starts[-1] + np.arange(1, np_ + 1, dtype=np.int32)
    a_start = np.concatenate([starts, supply_starts]).astype(np.int32)
    a_index = np.concatenate([idx[in_products], np.arange(np_)]).astype(np.int32)
    a_value = np.concatenate([val[in_products], np.ones(np_)])
    demand = np.full(np_, 1e-3)
    row = {p.id: i for i, p in enumerate(scenario.products)}
    for n in scenario.needs:
        demand[row[n.product]] += deliveries[n.id]
    h = _highs()
    h.setOptionValue("solver", "simplex" if method != "pdlp" else "pdlp")
    status = h.passModel(
        nt + np_,
        np_,
        len(a_value),
        1,
        1,  # minimise
        0.0,
        np.concatenate([labour, np.full(np_, LABOUR_SUPPLY_COST)]),
        np.zeros(nt + np_),
        np.concatenate([np.minimum(lp.col_upper[:nt], _HINF), np.full(np_, _HINF)]),
        demand,
        np.full(np_, _HINF),
        a_start[:-1],
        a_index,
        a_value,
        np.zeros(nt + np_, dtype=np.int32),
    )
    if status != highspy.HighsStatus.kOk:
        return {}
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return {}
    dual = np.asarray(h.getSolution().row_dual)
    result: dict[str, float | None] = {}
    for i, p in enumerate(scenario.products):
        v = float(dual[i])
        result[p.id] = None if v >= LABOUR_SUPPLY_COST * (1 - 1e-9) else _clean(v)
    return result


def _clean(value: float) -> float:
    """Round away solver noise (below 1e-9 relative) so that plans print and compare cleanly."""
    if abs(value) < 1e-9:
        return 0.0
    return float(f"{value:.9g}")


def _fmt(value: float) -> str:
    return f"{value:.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
