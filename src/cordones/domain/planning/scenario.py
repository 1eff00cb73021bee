"""A planning scenario: products, workplaces, techniques, needs and stocks, as plain data.

:func:`scenario_from_dict` reads the JSON form (``cordones plan SCENARIO.json``) and refuses
it whole with a :class:`PlanningError` naming every bad field; every number is checked to be
finite and inside :data:`LIMITS`, every list to be of sane size, every reference to exist.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cordones.domain.planning.messages import Message, PlanningError

ID_MAX = 200
# (low, high) accepted for each kind of number; quantities are physical, not money.
LIMITS: Mapping[str, tuple[float, float]] = {
    "quantity": (0.0, 1e12),
    "coefficient": (0.0, 1e9),
    "hours": (0.0, 1e12),
    "priority": (0.0, 1e6),
}
MAX_ITEMS: Mapping[str, int] = {
    "products": 2_000_000,
    "workplaces": 200_000,
    "techniques": 2_000_000,
    "needs": 2_000_000,
    "per_technique": 10_000,
}


@dataclass(frozen=True)
class Product:
    id: str
    unit: str
    name: str = ""


@dataclass(frozen=True)
class Workplace:
    id: str
    labour_hours: float
    name: str = ""
    machines: Mapping[str, float] = field(default_factory=dict)  # machine -> hours


@dataclass(frozen=True)
class Technique:
    id: str
    workplace: str
    output: Mapping[str, float]  # product -> quantity per run
    inputs: Mapping[str, float]  # product -> quantity per run
    labour_hours: float  # per run
    machine_hours: Mapping[str, float] = field(default_factory=dict)  # machine -> h per run
    min_runs: float = 0.0  # a commitment the workplace has already made
    max_runs: float | None = None


@dataclass(frozen=True)
class Need:
    id: str
    community: str
    product: str
    quantity: float
    priority: float


@dataclass(frozen=True)
class Scenario:
    products: tuple[Product, ...]
    workplaces: tuple[Workplace, ...]
    techniques: tuple[Technique, ...]
    needs: tuple[Need, ...]
    stocks: Mapping[str, float] = field(default_factory=dict)


# ---------------------------------------------------------------- reading JSON data

_TOP = ("products", "workplaces", "techniques", "needs", "stocks", "name", "description")
_PRODUCT = ("id", "unit", "name")
_WORKPLACE = ("id", "labour_hours", "name", "machines")
_TECHNIQUE = (
    "id",
    "workplace",
    "output",
    "inputs",
    "labour_hours",
    "machine_hours",
    "min_runs",
    "max_runs",
)
_NEED = ("id", "community", "product", "quantity", "priority")


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Message] = []

    def problem(self, path: str, code: str, **params: object) -> None:
        self.problems.append(Message(code, params, path))

    def obj(self, value: object, path: str, allowed: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, "not_object")
            return None
        for key in value:
            if key not in allowed:
                self.problem(
                    f"{path}.{key}" if path else str(key),
                    "unknown_field",
                    allowed=", ".join(allowed),
                )
        return value

    def items(self, value: object, path: str, limit: int) -> list[Any]:
        if not isinstance(value, list):
            self.problem(path, "not_list")
            return []
        if len(value) > limit:
            self.problem(path, "too_many", count=len(value), max=limit)
            return []
        return value

    def ident(self, data: dict[str, Any], key: str, path: str, required: bool = True) -> str | None:
        if key not in data:
            if required:
                self.problem(f"{path}.{key}", "missing")
            return None
        value = data[key]
        if not isinstance(value, str) or not value.strip() or len(value) > ID_MAX:
            self.problem(f"{path}.{key}", "bad_id", max=ID_MAX)
            return None
        return value.strip()

    def number(
        self, data: Mapping[str, Any], key: str, path: str, kind: str, default: float | None = None
    ) -> float | None:
        if key not in data:
            if default is None:
                self.problem(f"{path}.{key}" if path else key, "missing")
            return default
        return self.value(data[key], f"{path}.{key}" if path else key, kind)

    def value(self, value: object, path: str, kind: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(path, "not_number", value=_show(value))
            return None
        number = float(value)
        if not math.isfinite(number):
            self.problem(path, "not_number", value=_show(value))
            return None
        low, high = LIMITS[kind]
        if not low <= number <= high:
            self.problem(path, "out_of_range", low=_num(low), high=_num(high), value=_num(number))
            return None
        return number

    def amounts(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        kind: str,
        known: Mapping[str, Any] | None,
        unknown_code: str = "unknown_product",
        **params: object,
    ) -> dict[str, float]:
        raw = data.get(key, {})
        where = f"{path}.{key}" if path else key
        if not isinstance(raw, dict):
            self.problem(where, "not_object")
            return {}
        if len(raw) > MAX_ITEMS["per_technique"]:
            self.problem(where, "too_many", count=len(raw), max=MAX_ITEMS["per_technique"])
            return {}
        result: dict[str, float] = {}
        for name, amount in raw.items():
            if known is not None and name not in known:
                self.problem(f"{where}.{name}", unknown_code, id=name, **params)
                continue
            number = self.value(amount, f"{where}.{name}", kind)
            if number is not None and number > 0:
                result[name] = number
        return result


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _num(value: float) -> str:
    return f"{value:g}"


def scenario_from_dict(data: object) -> Scenario:
    """Read and validate a scenario; raise :class:`PlanningError` listing every problem."""
    r = _Reader()
    top = r.obj(data, "", _TOP)
    if top is None:
        raise PlanningError(r.problems)
    for key in ("products", "workplaces", "techniques", "needs"):
        if key not in top:
            r.problem(key, "missing")

    products: dict[str, Product] = {}
    for i, raw in enumerate(r.items(top.get("products", []), "products", MAX_ITEMS["products"])):
        path = f"products[{i}]"
        item = r.obj(raw, path, _PRODUCT)
        if item is None:
            continue
        pid, unit = r.ident(item, "id", path), r.ident(item, "unit", path)
        name = r.ident(item, "name", path, required=False) or ""
        if pid is not None and pid in products:
            r.problem(f"{path}.id", "duplicate_id", id=pid)
        elif pid is not None and unit is not None:
            products[pid] = Product(pid, unit, name)

    workplaces: dict[str, Workplace] = {}
    raw_workplaces = r.items(top.get("workplaces", []), "workplaces", MAX_ITEMS["workplaces"])
    for i, raw in enumerate(raw_workplaces):
        path = f"workplaces[{i}]"
        item = r.obj(raw, path, _WORKPLACE)
        if item is None:
            continue
        wid = r.ident(item, "id", path)
        hours = r.number(item, "labour_hours", path, "hours")
        name = r.ident(item, "name", path, required=False) or ""
        machines = r.amounts(item, "machines", path, "hours", None)
        if wid is not None and wid in workplaces:
            r.problem(f"{path}.id", "duplicate_id", id=wid)
        elif wid is not None and hours is not None:
            workplaces[wid] = Workplace(wid, hours, name, machines)

    techniques: dict[str, Technique] = {}
    raw_techniques = r.items(top.get("techniques", []), "techniques", MAX_ITEMS["techniques"])
    for i, raw in enumerate(raw_techniques):
        path = f"techniques[{i}]"
        item = r.obj(raw, path, _TECHNIQUE)
        if item is None:
            continue
        tid = r.ident(item, "id", path)
        wid = r.ident(item, "workplace", path)
        workplace = workplaces.get(wid) if wid is not None else None
        if wid is not None and workplace is None:
            r.problem(f"{path}.workplace", "unknown_workplace", id=wid)
        if "output" not in item:
            r.problem(f"{path}.output", "missing")
        output = r.amounts(item, "output", path, "coefficient", products)
        inputs = r.amounts(item, "inputs", path, "coefficient", products)
        hours = r.number(item, "labour_hours", path, "coefficient")
        machine_hours = r.amounts(
            item,
            "machine_hours",
            path,
            "coefficient",
            workplace.machines if workplace is not None else None,
            unknown_code="unknown_machine",
            workplace=wid,
        )
        min_runs = r.number(item, "min_runs", path, "quantity", default=0.0)
        max_runs = r.number(item, "max_runs", path, "quantity", default=math.inf)
        if "output" in item and isinstance(item["output"], dict) and not output:
            r.problem(f"{path}.output", "no_output")
        if min_runs is not None and max_runs is not None and min_runs > max_runs:
            r.problem(f"{path}.min_runs", "min_above_max", low=_num(min_runs), high=_num(max_runs))
        if tid is not None and tid in techniques:
            r.problem(f"{path}.id", "duplicate_id", id=tid)
        elif None not in (tid, workplace, hours, min_runs, max_runs) and output:
            assert tid is not None and wid is not None and hours is not None
            techniques[tid] = Technique(
                tid,
                wid,
                output,
                inputs,
                hours,
                machine_hours,
                min_runs or 0.0,
                None if max_runs == math.inf else max_runs,
            )

    needs: dict[str, Need] = {}
    for i, raw in enumerate(r.items(top.get("needs", []), "needs", MAX_ITEMS["needs"])):
        path = f"needs[{i}]"
        item = r.obj(raw, path, _NEED)
        if item is None:
            continue
        nid = r.ident(item, "id", path)
        community = r.ident(item, "community", path)
        product = r.ident(item, "product", path)
        if product is not None and product not in products:
            r.problem(f"{path}.product", "unknown_product", id=product)
            product = None
        quantity = r.number(item, "quantity", path, "quantity")
        priority = r.number(item, "priority", path, "priority")
        if nid is not None and nid in needs:
            r.problem(f"{path}.id", "duplicate_id", id=nid)
        elif None not in (nid, community, product, quantity, priority):
            assert nid and community and product and quantity is not None and priority is not None
            needs[nid] = Need(nid, community, product, quantity, priority)

    stocks = r.amounts(top, "stocks", "", "quantity", products)
    if r.problems:
        raise PlanningError(r.problems)
    return Scenario(
        tuple(products.values()),
        tuple(workplaces.values()),
        tuple(techniques.values()),
        tuple(needs.values()),
        stocks,
    )


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The JSON form read by :func:`scenario_from_dict` (so scenarios can be shared)."""

    def technique(t: Technique) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": t.id,
            "workplace": t.workplace,
            "output": dict(t.output),
            "inputs": dict(t.inputs),
            "labour_hours": t.labour_hours,
        }
        if t.machine_hours:
            data["machine_hours"] = dict(t.machine_hours)
        if t.min_runs:
            data["min_runs"] = t.min_runs
        if t.max_runs is not None:
            data["max_runs"] = t.max_runs
        return data

    def workplace(w: Workplace) -> dict[str, Any]:
        data: dict[str, Any] = {"id": w.id, "labour_hours": w.labour_hours}
        if w.name:
            data["name"] = w.name
        if w.machines:
            data["machines"] = dict(w.machines)
        return data

    return {
        "products": [
            {"id": p.id, "unit": p.unit, **({"name": p.name} if p.name else {})}
            for p in scenario.products
        ],
        "workplaces": [workplace(w) for w in scenario.workplaces],
        "techniques": [technique(t) for t in scenario.techniques],
        "needs": [
            {
                "id": n.id,
                "community": n.community,
                "product": n.product,
                "quantity": n.quantity,
                "priority": n.priority,
            }
            for n in scenario.needs
        ],
        "stocks": dict(scenario.stocks),
    }
