"""Property tests of the surplus distribution: exact sums, proportionality, order."""

from decimal import Decimal as D
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from cordones.domain.surplus import (
    PRESETS,
    RETORNO_TOTAL,
    SHARE_INTEREST,
    Basis,
    Member,
    largest_remainder,
    policy_with,
    surplus_distribute,
)


def cents(low: int, high: int) -> st.SearchStrategy[D]:
    return st.integers(low, high).map(lambda c: D(c).scaleb(-2))


member_ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
quantities = st.one_of(st.just(D(0)), cents(0, 400_000))  # hours, retiros, coefficients


@st.composite
def member_lists(draw: st.DrawFn) -> list[Member]:
    ids = draw(st.lists(member_ids, min_size=1, max_size=25, unique=True))
    return [
        Member(
            id=member_id,
            hours=draw(quantities),
            retiros=draw(quantities),
            coefficient=draw(quantities),
            paid_in_shares=draw(cents(0, 2_000_000)),
        )
        for member_id in ids
    ]


SURPLUSES = cents(1, 10**11)


@st.composite
def cases(draw: st.DrawFn, surpluses: st.SearchStrategy[D] = SURPLUSES) -> dict:
    policy = draw(st.sampled_from(sorted(PRESETS.values(), key=lambda p: p.id)))
    if policy.share_interest_allowed:
        policy = policy_with(policy, share_interest_cap=D("0.50"))
        rate = draw(st.one_of(st.none(), st.decimals("0", "0.12", places=3)))
    else:
        rate = None
    return {
        "policy": policy,
        "surplus": draw(surpluses),
        "basis": draw(st.sampled_from(policy.allowed_bases)),
        "members": draw(member_lists()),
        "losses_to_cover": draw(st.one_of(st.just(D(0)), cents(0, 10**9))),
        "reserves_to_rebuild": draw(st.one_of(st.just(D(0)), cents(0, 10**9))),
        "share_interest_rate": rate,
    }


def weight(member: Member, basis: str) -> Fraction:
    if basis == Basis.EQUAL:
        return Fraction(1)
    return Fraction(getattr(member, basis))


ALLOWED_OUTCOMES = {"no_work", "share_interest_exceeds_remainder"}


@settings(max_examples=300, deadline=None)
@given(cases())
def test_sums_are_exact_to_the_cent(case):
    allocation = surplus_distribute(**case)
    assert {e.code for e in allocation.errors} <= ALLOWED_OUTCOMES
    if allocation.errors:
        assert not allocation.distributed
        return
    funds = allocation.funds
    assert sum(funds.values()) == case["surplus"]
    assert (
        allocation.distributable
        == case["surplus"] - funds["losses_covered"] - funds["reserves_rebuilt"]
    )
    policy_funds = sum(funds[rule.key] for rule in case["policy"].funds)
    assert policy_funds + funds[SHARE_INTEREST] + funds[RETORNO_TOTAL] == allocation.distributable
    assert sum(m.retorno for m in allocation.members) == funds[RETORNO_TOTAL]
    assert sum(m.share_interest for m in allocation.members) == funds[SHARE_INTEREST]
    for amount in [*funds.values(), allocation.losses_carried_forward]:
        assert amount >= 0 and amount.as_tuple().exponent == -2
    for line in allocation.members:
        for part in (line.retorno, line.share_interest, line.retorno_cash, line.retorno_capital):
            assert part >= 0 and part.as_tuple().exponent == -2
        assert line.retorno_cash + line.retorno_capital == line.retorno
        assert line.retorno_cash >= line.retorno * case["policy"].retorno_cash_fraction


@settings(max_examples=100, deadline=None)
@given(cases(surpluses=cents(-(10**8), 0)))
def test_no_surplus_distributes_nothing_and_carries_the_loss(case):
    allocation = surplus_distribute(**case)
    assert [e.code for e in allocation.errors] == ["no_surplus"]
    assert not allocation.distributed
    assert set(allocation.funds.values()) == {D("0.00")}
    assert all(m.retorno == 0 and m.share_interest == 0 for m in allocation.members)
    assert allocation.losses_carried_forward == case["losses_to_cover"] - case["surplus"]
    assert allocation.reserves_pending == case["reserves_to_rebuild"]


@settings(max_examples=300, deadline=None)
@given(cases())
def test_each_retorno_is_proportional_within_one_cent_and_zero_work_gets_zero(case):
    allocation = surplus_distribute(**case)
    if allocation.errors:
        return
    total = Fraction(allocation.funds[RETORNO_TOTAL])
    weights = {m.id: weight(m, allocation.basis) for m in case["members"]}
    weight_sum = sum(weights.values())
    for line in allocation.members:
        exact = total * weights[line.id] / weight_sum if weight_sum else Fraction(0)
        assert abs(Fraction(line.retorno) - exact) < Fraction(1, 100)
        if weights[line.id] == 0:
            assert line.retorno == 0


@settings(max_examples=200, deadline=None)
@given(cases(surpluses=cents(-(10**6), 10**11)), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_member_order(case, random):
    shuffled = list(case["members"])
    random.shuffle(shuffled)
    assert surplus_distribute(**case) == surplus_distribute(**{**case, "members": shuffled})


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 10**9),
    st.lists(
        st.tuples(member_ids, st.fractions(min_value=0, max_value=10**6)),
        min_size=1,
        max_size=30,
        unique_by=lambda t: t[0],
    ),
)
def test_largest_remainder(total, weights):
    weight_sum = sum(w for _, w in weights)
    if weight_sum == 0:
        weights = [(weights[0][0], Fraction(1)), *weights[1:]]
        weight_sum = Fraction(1)
    parts = largest_remainder(total, weights)
    assert sum(parts.values()) == total
    for key, w in weights:
        assert abs(parts[key] - Fraction(total) * w / weight_sum) < 1
        assert parts[key] >= 0
        if w == 0:
            assert parts[key] == 0
    assert largest_remainder(total, list(reversed(weights))) == parts
