"""Generated supply networks for benchmarks and demos: hub goods, loops, alternatives.

Each product has one or two techniques (the second at another workplace), each technique
makes one product (sometimes a by-product too) from a few inputs: some are *hub* goods
(energy, steel, transport: used by many techniques), the others mostly made upstream, with a
share (``loop_share``) from anywhere, so the network has loops. With loops everywhere
(``loop_share=1``) the basis inverse fills in and exact methods slow down sharply.
Input coefficients keep every column's inputs below half its output, so the network is
productive. Capacities are set from the labour a Leontief estimate of the
needs would take, times a factor drawn per workplace, so some capacities bind and others not.
"""

from __future__ import annotations

import numpy as np

from cordones.domain.planning.scenario import Need, Product, Scenario, Technique, Workplace


def network_generate(
    products: int,
    workplaces: int,
    *,
    seed: int = 0,
    inputs_per_technique: int = 6,
    hub_share: float = 0.01,
    alternative_share: float = 0.5,
    need_share: float = 0.5,
    capacity_factor: tuple[float, float] = (0.5, 1.3),
    loop_share: float = 0.05,
) -> Scenario:
    rng = np.random.default_rng(seed)
    hubs = max(1, int(products * hub_share))
    product_list = tuple(
        Product(f"p{i}", "t" if i < hubs else "u", f"hub {i}" if i < hubs else "")
        for i in range(products)
    )
    # techniques: one per product, plus alternatives for a share of them
    makes = np.concatenate(
        [np.arange(products), rng.choice(products, int(products * alternative_share), False)]
    )
    n_tech = len(makes)
    at = rng.integers(0, workplaces, n_tech)
    labour = rng.uniform(0.5, 2.0, n_tech)
    k = inputs_per_technique
    hub_inputs = rng.integers(0, hubs, (n_tech, 2))
    # supply chains run mostly upstream (inputs made "earlier", at a higher index), with a
    # share of inputs from anywhere, which closes loops
    upstream = makes[:, None] + 1 + rng.integers(0, max(1, products // 10), (n_tech, k - 2))
    anywhere = rng.integers(0, products, (n_tech, k - 2))
    loop = rng.random((n_tech, k - 2)) < loop_share
    any_inputs = np.where(loop | (upstream >= products), anywhere, upstream)
    coefficient = rng.uniform(0.01, 0.08, (n_tech, k))
    byproduct = rng.random(n_tech) < 0.05
    by_what = rng.integers(0, products, n_tech)

    needs_on = rng.choice(products, int(products * need_share), False)
    quantity = rng.uniform(10, 100, len(needs_on)).round(1)
    priority = rng.choice([1.0, 2.0, 3.0, 5.0], len(needs_on))

    # gross output estimate with the first technique of each product (Jacobi sweeps)
    demand = np.zeros(products)
    np.add.at(demand, needs_on, quantity)
    first = np.arange(products)
    cols = np.concatenate([hub_inputs, any_inputs], axis=1)[first]
    gross = demand.copy()
    for _ in range(30):
        gross = demand + np.bincount(
            cols.ravel(), weights=(coefficient[first] * gross[:, None]).ravel(), minlength=products
        )
    hours_needed = np.bincount(at[first], weights=labour[first] * gross, minlength=workplaces)
    factor = rng.uniform(*capacity_factor, workplaces)
    capacity = np.maximum(1.0, hours_needed * factor).round(1)

    techniques = []
    for j in range(n_tech):
        made = int(makes[j])
        inputs: dict[str, float] = {}
        for c, q in zip(
            np.concatenate([hub_inputs[j], any_inputs[j]]).tolist(),
            coefficient[j].tolist(),
            strict=True,
        ):
            if c != made:
                inputs[f"p{c}"] = inputs.get(f"p{c}", 0.0) + round(q, 4)
        output = {f"p{made}": 1.0}
        if byproduct[j] and int(by_what[j]) != made and f"p{by_what[j]}" not in inputs:
            output[f"p{by_what[j]}"] = 0.2
        techniques.append(
            Technique(f"t{j}", f"w{at[j]}", output, inputs, round(float(labour[j]), 3))
        )
    return Scenario(
        products=product_list,
        workplaces=tuple(Workplace(f"w{i}", float(capacity[i])) for i in range(workplaces)),
        techniques=tuple(techniques),
        needs=tuple(
            Need(f"n{i}", f"community {i % 97}", f"p{p}", float(q), float(w))
            for i, (p, q, w) in enumerate(
                zip(needs_on.tolist(), quantity.tolist(), priority.tolist(), strict=True)
            )
        ),
        stocks={f"p{i}": 50.0 for i in range(hubs)},
    )
