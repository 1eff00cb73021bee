"""The planning engine on small scenarios computed by hand (docs/examples/plan-schoolbooks.json).

Paper mill: 4 h makes 10 reams. Print shop (100 h): 1 h and 2 reams make 40 schoolbooks.
Mill: 2 h makes 50 kg flour. Bakery (300 h): 3 h and 15 kg flour make 20 kg bread (or by
hand, 2 h and 8 kg for 10 kg). Needs: 5,000 books at priority 3, 2,500 kg bread at priority 2.
The print shop can make 4,000 books and the bakery 2,000 kg: both bind, everyone gets 80 %.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from cordones.domain.planning import (
    AddNeed,
    CapHours,
    ChangeCapacity,
    Need,
    PlanningError,
    VetoTechnique,
    plan_resolve,
    plan_solve,
    scenario_from_dict,
)

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "plan-schoolbooks.json"


def _data() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan():
    return plan_solve(scenario_from_dict(_data()))


def test_hand_computed_plan(plan) -> None:
    assert plan.stage1_objective == pytest.approx(3 * 4000 + 2 * 2000)
    assert plan.objective == pytest.approx(16000, rel=1e-8)
    assert plan.runs["print-book"] == pytest.approx(100)
    assert plan.runs["bake"] == pytest.approx(100)
    assert plan.runs["bake-by-hand"] == pytest.approx(0, abs=1e-7)
    # stage 3 makes no paper or flour for nothing: 180 reams beyond the 20 in stock, 1,500 kg
    assert plan.runs["make-paper"] == pytest.approx(18)
    assert plan.runs["grind"] == pytest.approx(30)
    # stage 2 shares the shortfall: every need gets 80 %
    assert plan.min_ratio == pytest.approx(0.8)
    for need in plan.scenario.needs:
        assert plan.deliveries[need.id] == pytest.approx(0.8 * need.quantity)


def test_shadow_prices_and_binding_capacities(plan) -> None:
    prices = {c.id: c.shadow_price for c in plan.capacities}
    assert prices["print-shop"] == pytest.approx(120)  # 1 h -> 40 books x priority 3
    assert prices["bakery"] == pytest.approx(40 / 3)  # 1 h -> 20/3 kg x priority 2
    assert prices["paper-mill"] == 0 and prices["mill"] == 0
    assert {c.id for c in plan.binding} == {"print-shop", "bakery"}
    assert plan.product_prices == pytest.approx(
        {"paper": 0, "schoolbook": 3, "flour": 0, "bread": 2}
    )


def test_shadow_prices_are_what_one_more_unit_buys(plan) -> None:
    """Each capacity's and product's shadow price equals the stage-1 gain of one more unit."""
    base = plan.stage1_objective
    for c in plan.capacities:
        more = plan_resolve(plan, [ChangeCapacity(c.workplace, c.available + 1)])
        assert more.stage1_objective - base == pytest.approx(c.shadow_price, abs=1e-6), c.id
    for product, price in plan.product_prices.items():
        stocks = {**plan.scenario.stocks, product: plan.scenario.stocks.get(product, 0) + 1}
        more = plan_solve(replace(plan.scenario, stocks=stocks))
        assert more.stage1_objective - base == pytest.approx(price, abs=1e-6), product


def test_explanation_sentences(plan) -> None:
    sentences = [m.render() for m in plan.explanation]
    assert (
        "One more hour at print-shop would let 40 more book of schoolbook be delivered."
        in sentences
    )
    assert "One more hour at bakery would let 6.667 more kg of bread be delivered." in sentences
    assert (
        "Escuela Norte asked for 3000 book of schoolbook and would receive 2400 (80 %)."
        in sentences
    )
    assert {n.id for n in plan.unmet} == {n.id for n in plan.scenario.needs}
    # the sentence goes through the translation seam
    seen = []
    rendered = plan.explanation[0].render(lambda msgid: seen.append(msgid) or "»" + msgid)
    assert seen and seen[0].startswith("%(community)s asked for")
    assert rendered.startswith("»Escuela Norte asked for")


def test_labour_content(plan) -> None:
    assert plan.labour_content == pytest.approx(
        {
            "paper": 0.4,  # 4 h / 10 reams
            "schoolbook": (1 + 2 * 0.4) / 40,
            "flour": 2 / 50,
            "bread": (3 + 15 * 0.04) / 20,  # the cheaper of the two bakery techniques
        }
    )


def test_product_nobody_makes_has_no_labour_content() -> None:
    data = _data()
    data["products"].append({"id": "salt", "unit": "kg"})
    data["stocks"]["salt"] = 5
    plan = plan_solve(scenario_from_dict(data))
    assert plan.labour_content["salt"] is None


def test_enough_capacity_meets_every_need() -> None:
    data = _data()
    for w in data["workplaces"]:
        w["labour_hours"] = 10_000
    plan = plan_solve(scenario_from_dict(data))
    assert plan.min_ratio == pytest.approx(1)
    assert plan.unmet == ()
    assert all(c.shadow_price == 0 for c in plan.capacities)


def test_stage2_lifts_the_worst_served_without_lowering_stage1() -> None:
    """Two schools, one priority: stage 1 alone is indifferent between them; stage 2 splits
    the 4,000 books so that both get the same share."""
    data = _data()
    data["needs"] = data["needs"][:2]
    unfair = plan_solve(scenario_from_dict(data), fair=False)
    fair = plan_solve(scenario_from_dict(data))
    assert fair.stage1_objective == pytest.approx(unfair.stage1_objective)
    assert fair.objective == pytest.approx(unfair.objective, rel=1e-8)
    assert fair.deliveries["school-norte"] / 3000 == pytest.approx(0.8)
    assert fair.deliveries["school-sur"] / 2000 == pytest.approx(0.8)


def test_infeasible_commitment_is_named() -> None:
    data = _data()
    data["techniques"][1]["min_runs"] = 150  # 150 h in a 100-hour print shop
    with pytest.raises(PlanningError) as caught:
        plan_solve(scenario_from_dict(data))
    message = caught.value.problems[0].render()
    assert "print-shop" in message and "print-book" in message


# ---------------------------------------------------------------- amendments


def test_veto_and_cap_are_constraints(plan) -> None:
    vetoed = plan_resolve(plan, [VetoTechnique("bake")])
    assert vetoed.runs["bake"] == 0
    assert vetoed.runs["bake-by-hand"] == pytest.approx(150)  # 300 h / 2 h
    capped = plan_resolve(plan, [CapHours("print-shop", 50)])
    assert capped.runs["print-book"] == pytest.approx(50)
    assert capped.stage1_objective == pytest.approx(16000 - 50 * 120)
    # a cap never raises hours
    same = plan_resolve(plan, [CapHours("print-shop", 500)])
    assert same.runs["print-book"] == pytest.approx(100)
    assert [type(a).__name__ for a in same.amendments] == ["CapHours"]
    # amendments accumulate over rounds
    both = plan_resolve(vetoed, [CapHours("print-shop", 50)])
    assert len(both.amendments) == 2 and both.runs["bake"] == 0


def test_added_need_is_served_after_resolve(plan) -> None:
    urgent = Need("posta", "Posta de salud", "bread", 100, 10)
    after = plan_resolve(plan, [AddNeed(urgent)])
    assert after.deliveries["posta"] == pytest.approx(100)
    assert after.stage1_objective == pytest.approx(16000 + 100 * (10 - 2))


def test_warm_resolve_matches_cold_solve(plan) -> None:
    amendments = [VetoTechnique("bake"), ChangeCapacity("print-shop", 80)]
    warm = plan_resolve(plan, amendments)
    from cordones.domain.planning import scenario_amend

    cold = plan_solve(scenario_amend(plan.scenario, amendments))
    assert warm.stage1_objective == pytest.approx(cold.stage1_objective)
    assert warm.min_ratio == pytest.approx(cold.min_ratio)


def test_bad_amendments_are_refused(plan) -> None:
    with pytest.raises(PlanningError) as caught:
        plan_resolve(
            plan,
            [
                VetoTechnique("nope"),
                CapHours("nowhere", 3),
                ChangeCapacity("bakery", float("nan")),
                AddNeed(Need("school-sur", "x", "bread", 1, 1)),
                AddNeed(Need("n2", "x", "cement", 1, 1)),
            ],
        )
    paths = [p.path for p in caught.value.problems]
    assert paths == [
        "amendments[0]",
        "amendments[1]",
        "amendments[2].hours",
        "amendments[3]",
        "amendments[4]",
    ]


# ---------------------------------------------------------------- scenario validation


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [
        (lambda d: d["needs"][0].update(product="cement"), "needs[0].product", "cement"),
        (lambda d: d["techniques"][0].update(workplace="x"), "techniques[0].workplace", '"x"'),
        (lambda d: d["techniques"][1]["inputs"].update(ink=1), "techniques[1].inputs.ink", "ink"),
        (lambda d: d["needs"][1].update(quantity=-1), "needs[1].quantity", "between"),
        (lambda d: d["needs"][1].update(priority=1e9), "needs[1].priority", "between"),
        (lambda d: d["needs"][1].update(quantity="3"), "needs[1].quantity", "finite number"),
        (lambda d: d["needs"][1].update(quantity=True), "needs[1].quantity", "finite number"),
        (
            lambda d: d["workplaces"][0].pop("labour_hours"),
            "workplaces[0].labour_hours",
            "required",
        ),
        (lambda d: d["products"].append({"id": "paper", "unit": "t"}), "products[4].id", "twice"),
        (lambda d: d["techniques"][0].update(output={}), "techniques[0].output", "at least one"),
        (lambda d: d["techniques"][0].update(colour=1), "techniques[0].colour", "unknown field"),
        (lambda d: d["products"][0].update(id=""), "products[0].id", "non-empty"),
        (lambda d: d.update(stocks={"paper": float("inf")}), "stocks.paper", "finite"),
        (lambda d: d.update(needs={}), "needs", "list"),
    ],
)
def test_malformed_scenario_names_the_field(change, path, fragment) -> None:
    data = _data()
    change(data)
    with pytest.raises(PlanningError) as caught:
        scenario_from_dict(data)
    problems = {p.path: p.render() for p in caught.value.problems}
    assert path in problems, problems
    assert fragment in problems[path]


# ---------------------------------------------------------------- generated networks, methods


def test_generated_network_round_trips_through_json() -> None:
    from cordones.domain.planning import scenario_to_dict
    from cordones.domain.planning.generate import network_generate

    scenario = network_generate(60, 8, seed=3)
    again = scenario_from_dict(json.loads(json.dumps(scenario_to_dict(scenario))))
    assert again == scenario


def test_method_by_size_and_pdlp_agrees_with_simplex() -> None:
    from cordones.domain.planning import lp_build, method_for
    from cordones.domain.planning.generate import network_generate
    from cordones.domain.planning.solve import SIMPLEX_MAX_NONZEROS

    small = network_generate(100, 10, seed=4)
    assert method_for(lp_build(small)) == "simplex"
    big = lp_build(network_generate(2500, 250, seed=4))
    assert big.num_nz > SIMPLEX_MAX_NONZEROS and method_for(big) == "pdlp"
    exact = plan_solve(small, method="simplex", fair=False, thrifty=False)
    approximate = plan_solve(small, method="pdlp", fair=False, thrifty=False)
    assert approximate.method == "pdlp"
    assert approximate.stage1_objective == pytest.approx(exact.stage1_objective, rel=1e-3)
    assert approximate.residuals["pdlp_iterations"] > 0
    assert approximate.residuals["max_relative_primal_infeasibility"] < 1e-2
    # the residuals are checked and said: only the PDLP plan says it is approximate
    assert [m.code for m in approximate.explanation].count("approximate") == 1
    assert "approximate" not in [m.code for m in exact.explanation]


@pytest.mark.parametrize(
    "change",
    [
        {"needs": []},
        {"techniques": []},
        {"techniques": [], "needs": [], "stocks": {}},
        {"products": [], "workplaces": [], "techniques": [], "needs": [], "stocks": {}},
    ],
)
def test_degenerate_scenarios_give_an_empty_plan(change) -> None:
    plan = plan_solve(scenario_from_dict({**_data(), **change}))
    assert plan.objective == 0
    assert all(runs == 0 for runs in plan.runs.values())
    assert all(delivered == 0 for delivered in plan.deliveries.values())


def test_a_starved_need_does_not_stop_stage_2_lifting_the_others() -> None:
    """A need whose priority (0.5) is below its product's shadow price (bread: 2) gets nothing
    at every stage-1 optimum, so the least-served ratio is 0; stage 2 still shares the rest
    fairly among the other needs (80 % each), instead of stopping at a max-min of 0."""
    data = _data()
    data["needs"].append(
        {"id": "low", "community": "X", "product": "bread", "quantity": 100, "priority": 0.5}
    )
    plan = plan_solve(scenario_from_dict(data))
    assert plan.deliveries["low"] == 0
    assert plan.min_ratio == 0
    for need in plan.scenario.needs[:4]:
        assert plan.deliveries[need.id] == pytest.approx(0.8 * need.quantity)
    assert plan.stage1_objective == pytest.approx(16000)
    assert plan.objective == pytest.approx(16000, rel=1e-8)
    # stage 3 still ran: no paper made for nothing
    assert plan.runs["make-paper"] == pytest.approx(18)
