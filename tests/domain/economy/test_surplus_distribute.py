"""Worked examples and error cases of `surplus_distribute` (no Django, no database)."""

from decimal import Decimal as D

import pytest

from cordones.domain.surplus import (
    PRESETS,
    Basis,
    Member,
    member_statement,
    member_statements,
    policy_with,
    surplus_distribute,
)

AR = PRESETS["ar-20337"]
AR_KEYS = [
    "losses_covered",
    "reserves_rebuilt",
    "legal_reserve",
    "assistance_fund",
    "education_fund",
    "share_interest",
    "retorno_total",
]


def codes(allocation):
    return [e.code for e in allocation.errors]


def test_ar_20337_worked_example_follows_art_42_waterfall():
    members = [
        Member("ana", hours=D("1600"), paid_in_shares=D("5000.00")),
        Member("beto", hours=D("800"), paid_in_shares=D("2000.00")),
        Member("carla", hours=D("1600")),
    ]
    allocation = surplus_distribute(
        policy_with(AR, share_interest_cap=D("0.40")),
        D("1000000.00"),
        "hours",
        members,
        losses_to_cover=D("100000.00"),
        reserves_to_rebuild=D("50000.00"),
        share_interest_rate=D("0.06"),
    )
    assert allocation.ok and allocation.distributed
    assert list(allocation.funds) == AR_KEYS
    assert allocation.distributable == D("850000.00")
    assert dict(allocation.funds) == {
        "losses_covered": D("100000.00"),
        "reserves_rebuilt": D("50000.00"),
        # 5 % of the surplus AFTER losses and reserves (850,000), not of 1,000,000
        "legal_reserve": D("42500.00"),
        "assistance_fund": D("42500.00"),
        "education_fund": D("42500.00"),
        "share_interest": D("420.00"),  # 6 % of 7,000 paid in
        "retorno_total": D("722080.00"),
    }
    assert sum(allocation.funds.values()) == D("1000000.00")
    by_id = {m.id: m for m in allocation.members}
    assert by_id["ana"].retorno == D("288832.00")
    assert by_id["beto"].retorno == D("144416.00")
    assert by_id["carla"].retorno == D("288832.00")
    assert by_id["ana"].share_interest == D("300.00")
    assert by_id["beto"].share_interest == D("120.00")
    assert by_id["ana"].retorno_cash == by_id["ana"].retorno
    assert by_id["ana"].retorno_capital == D("0.00")
    assert allocation.warnings == ()


def test_amounts_are_decimals_with_two_places():
    allocation = surplus_distribute(AR, D("1000"), "equal", [Member("a"), Member("b")])
    for amount in allocation.funds.values():
        assert amount.as_tuple().exponent == -2
    for line in allocation.members:
        assert line.retorno.as_tuple().exponent == -2


def test_members_come_back_sorted_by_id():
    allocation = surplus_distribute(AR, D("1000"), "equal", [Member("z"), Member("a")])
    assert [m.id for m in allocation.members] == ["a", "z"]


def test_fund_amounts_round_half_even():
    # 5 % of 0.10 is 0.005 -> 0.00 (to even); 5 % of 0.30 is 0.015 -> 0.02 (to even)
    small = surplus_distribute(AR, D("0.10"), "equal", [Member("a")])
    assert small.funds["legal_reserve"] == D("0.00")
    assert small.funds["retorno_total"] == D("0.10")
    other = surplus_distribute(AR, D("0.30"), "equal", [Member("a")])
    assert other.funds["legal_reserve"] == D("0.02")
    assert other.funds["retorno_total"] == D("0.24")


def test_leftover_cent_goes_by_largest_remainder_then_member_id():
    # retorno 0.10 among three equal members: 0.04 + 0.03 + 0.03, the extra cent to "a"
    policy = policy_with(PRESETS["us-worker-coop"], fund_rates={"collective_reserve": D(0)})
    allocation = surplus_distribute(
        policy, D("0.10"), "hours", [Member(i, hours=D(8)) for i in ("c", "a", "b")]
    )
    assert [(m.id, m.retorno) for m in allocation.members] == [
        ("a", D("0.04")),
        ("b", D("0.03")),
        ("c", D("0.03")),
    ]


def test_surplus_fully_absorbed_by_losses_distributes_nothing_else():
    allocation = surplus_distribute(
        AR, D("100.00"), "hours", [Member("a", hours=D(1))], losses_to_cover=D("150.00")
    )
    assert allocation.ok
    assert allocation.funds["losses_covered"] == D("100.00")
    assert allocation.losses_carried_forward == D("50.00")
    assert allocation.distributable == D("0.00")
    assert allocation.funds["retorno_total"] == D("0.00")
    assert allocation.members[0].retorno == D("0.00")


def test_losses_first_then_reserves():
    allocation = surplus_distribute(
        AR,
        D("100.00"),
        "equal",
        [Member("a")],
        losses_to_cover=D("30.00"),
        reserves_to_rebuild=D("100.00"),
    )
    assert allocation.funds["losses_covered"] == D("30.00")
    assert allocation.funds["reserves_rebuilt"] == D("70.00")
    assert allocation.reserves_pending == D("30.00")
    assert allocation.distributable == D("0.00")


@pytest.mark.parametrize("surplus", [D("-500.00"), D("0")])
def test_no_surplus_nothing_distributed_and_loss_carried(surplus):
    allocation = surplus_distribute(
        AR, surplus, "hours", [Member("a", hours=D(5))], losses_to_cover=D("100.00")
    )
    assert codes(allocation) == ["no_surplus"]
    assert not allocation.distributed
    assert set(allocation.funds.values()) == {D("0.00")}
    assert allocation.losses_carried_forward == D("100.00") - surplus
    assert [m.retorno for m in allocation.members] == [D("0.00")]
    assert "nothing is distributed" in allocation.errors[0].message()


def test_share_interest_cap_unset_for_argentina_is_a_warning():
    allocation = surplus_distribute(
        AR,
        D("1000"),
        "equal",
        [Member("a", paid_in_shares=D(100))],
        share_interest_rate=D("0.06"),
    )
    assert allocation.ok
    assert [w.code for w in allocation.warnings] == ["share_interest_cap_unset"]
    assert "Banco de la Nación" in allocation.warnings[0].message()


@pytest.mark.parametrize(
    ("policy", "rate", "shares", "code"),
    [
        (
            policy_with(AR, share_interest_cap=D("0.40")),
            D("0.41"),
            D(100),
            "share_interest_above_cap",
        ),
        (PRESETS["br-5764"], D("0.13"), D(100), "share_interest_above_cap"),
        (PRESETS["us-worker-coop"], D("0.05"), D(100), "share_interest_not_allowed"),
        (AR, D("-0.01"), D(100), "share_interest_negative"),
        (AR, D("0.10"), D("100000"), "share_interest_exceeds_remainder"),
    ],
)
def test_share_interest_errors(policy, rate, shares, code):
    basis = policy.allowed_bases[0]
    member = Member("a", hours=D(1), retiros=D(1), coefficient=D(1), paid_in_shares=shares)
    allocation = surplus_distribute(policy, D("1000"), basis, [member], share_interest_rate=rate)
    assert codes(allocation) == [code]
    assert allocation.errors[0].field == "share_interest_rate"
    assert not allocation.distributed
    assert dict(allocation.funds) == {}


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"basis": "weight"}, "unknown_basis", "basis"),
        ({"surplus": D("10.001")}, "not_cents", "surplus"),
        ({"surplus": D("NaN")}, "invalid_amount", "surplus"),
        ({"losses_to_cover": D("-1")}, "negative_amount", "losses_to_cover"),
        ({"reserves_to_rebuild": D("0.001")}, "not_cents", "reserves_to_rebuild"),
        ({"members": []}, "no_members", "members"),
        ({"members": [Member("a", hours=D(0))]}, "no_work", "basis"),
    ],
)
def test_input_errors_are_data(kwargs, code, field):
    args = {
        "policy": AR,
        "surplus": D("1000"),
        "basis": "hours",
        "members": [Member("a", hours=D(10))],
    }
    args.update(kwargs)
    allocation = surplus_distribute(**args)
    assert codes(allocation) == [code]
    assert allocation.errors[0].field == field
    assert allocation.errors[0].message()  # renders
    assert allocation.members == ()


def test_member_errors_name_the_member_and_position():
    members = [
        Member("a", hours=D("-3")),
        Member("a", hours=D(1)),
        Member("b"),
        Member("", hours=D(1)),
        Member("c", hours=D(1), paid_in_shares=D("-5")),
    ]
    allocation = surplus_distribute(AR, D("1000"), Basis.HOURS, members)
    found = {(e.code, e.index, e.field) for e in allocation.errors}
    assert found == {
        ("negative_basis_value", 0, "hours"),
        ("duplicate_member", 1, "id"),
        ("missing_basis_value", 2, "hours"),
        ("empty_member_id", 3, "id"),
        ("negative_amount", 4, "paid_in_shares"),
    }
    missing = next(e for e in allocation.errors if e.code == "missing_basis_value")
    assert missing.member_id == "b"
    assert missing.message() == "Member b has no hours, which the basis hours needs."


def test_basis_not_allowed_by_policy():
    allocation = surplus_distribute(PRESETS["es-coop"], D("1000"), "equal", [Member("a")])
    assert codes(allocation) == ["basis_not_allowed"]


def test_messages_pass_through_gettext():
    catalog = {
        "Unknown retorno basis %(basis)s; use one of: %(allowed)s.": (
            "Base de retorno desconocida %(basis)s; use una de: %(allowed)s."
        )
    }
    allocation = surplus_distribute(AR, D("1000"), "weight", [Member("a")])
    message = allocation.errors[0].message(lambda msgid: catalog.get(msgid, msgid))
    assert message == "Base de retorno desconocida weight; use una de: " + (
        "hours, retiros, equal, coefficient."
    )


def test_bases_read_their_member_field():
    members = [
        Member("a", hours=D(1), retiros=D(3), coefficient=D("1.5")),
        Member("b", hours=D(3), retiros=D(1), coefficient=D("0.5")),
    ]
    retorno = {}
    for basis in ("hours", "retiros", "coefficient", "equal"):
        allocation = surplus_distribute(
            policy_with(PRESETS["us-worker-coop"], fund_rates={"collective_reserve": D(0)})
            if basis in ("hours", "retiros")
            else AR,
            D("100.00"),
            basis,
            members,
        )
        retorno[basis] = [m.retorno for m in allocation.members]
    assert retorno["hours"] == [D("25.00"), D("75.00")]
    assert retorno["retiros"] == [D("75.00"), D("25.00")]
    assert retorno["coefficient"] == [D("63.75"), D("21.25")]  # of 85.00 after AR funds
    assert retorno["equal"] == [D("42.50"), D("42.50")]


def test_mondragon_credits_the_whole_retorno_to_capital_accounts():
    allocation = surplus_distribute(
        PRESETS["mondragon"], D("10000.00"), "retiros", [Member("a", retiros=D(30000))]
    )
    assert allocation.credited_to_capital_accounts
    assert allocation.funds["reserve_fund"] == D("2000.00")
    assert allocation.funds["education_fund"] == D("1000.00")
    line = allocation.members[0]
    assert line.retorno == D("7000.00")
    assert line.retorno_cash == D("0.00")
    assert line.retorno_capital == D("7000.00")


def test_us_worker_coop_pays_at_least_20_percent_in_cash():
    allocation = surplus_distribute(
        PRESETS["us-worker-coop"],
        D("10000.00"),
        "hours",
        [Member("a", hours=D(5)), Member("b", hours=D(7))],
    )
    assert allocation.funds["collective_reserve"] == D("3000.00")
    assert allocation.credited_to_capital_accounts
    for line in allocation.members:
        assert line.retorno_cash + line.retorno_capital == line.retorno
        assert line.retorno_cash >= line.retorno * D("0.20")
    assert allocation.retorno_cash_total + allocation.retorno_capital_total == D("7000.00")


def test_member_statements():
    allocation = surplus_distribute(
        policy_with(AR, share_interest_cap=D("0.5")),
        D("1000.00"),
        "hours",
        [Member("a", hours=D(3), paid_in_shares=D(100)), Member("b", hours=D(1))],
        share_interest_rate=D("0.10"),
    )
    statements = member_statements(allocation)
    assert [s.member_id for s in statements] == ["a", "b"]
    a = member_statement(allocation, "a")
    assert a is not None
    assert a.basis == "hours"
    assert (a.basis_value, a.basis_total, a.share) == (D(3), D(4), D("0.750000"))
    assert a.retorno_total == D("840.00")  # 1000 - 150 funds - 10 interest
    assert a.retorno == D("630.00")
    assert a.share_interest == D("10.00")
    assert a.total == a.cash_total == D("640.00")
    assert member_statement(allocation, "nobody") is None
    assert sum(s.retorno for s in statements) == a.retorno_total
