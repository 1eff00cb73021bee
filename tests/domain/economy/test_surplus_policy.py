"""Statute policies are data: presets, their sources, and their legal limits."""

from decimal import Decimal as D

import pytest

from cordones.domain.surplus import (
    PRESETS,
    Basis,
    policy_for_statute,
    policy_get,
    policy_validate,
    policy_with,
)
from cordones.domain.surplus.policy import PRESET_BUILDERS


def test_presets():
    assert set(PRESETS) == {"ar-20337", "es-coop", "br-5764", "mondragon", "us-worker-coop"}
    assert policy_get("ar-20337") is PRESETS["ar-20337"]
    assert policy_get("nope") is None


@pytest.mark.parametrize("policy_id", sorted(PRESETS))
def test_every_preset_is_valid_and_documents_its_source(policy_id):
    policy = PRESETS[policy_id]
    assert policy_validate(policy) == []
    assert policy.source
    assert PRESET_BUILDERS[policy_id]() == policy
    doc = PRESET_BUILDERS[policy_id].__doc__ or ""
    assert "Source:" in doc


def test_ar_20337_is_art_42():
    policy = PRESETS["ar-20337"]
    assert [(f.key, f.rate) for f in policy.funds] == [
        ("legal_reserve", D("0.05")),
        ("assistance_fund", D("0.05")),
        ("education_fund", D("0.05")),
    ]
    assert policy.share_interest_allowed
    assert policy.share_interest_cap is None  # BNA rate + 1 point: set per fiscal year
    assert set(policy.allowed_bases) == set(Basis)
    assert not policy.credited_to_capital_accounts


def test_other_presets_minimums():
    assert PRESETS["es-coop"].fund("reserve_fund").minimum_rate == D("0.20")
    assert PRESETS["es-coop"].fund("education_fund").minimum_rate == D("0.05")
    assert PRESETS["br-5764"].fund("reserve_fund").minimum_rate == D("0.10")
    assert PRESETS["br-5764"].fund("fates").minimum_rate == D("0.05")
    assert PRESETS["br-5764"].share_interest_cap == D("0.12")
    assert PRESETS["mondragon"].credited_to_capital_accounts
    assert PRESETS["us-worker-coop"].retorno_cash_fraction == D("0.20")
    assert PRESETS["us-worker-coop"].fund("collective_reserve").rate == D("0.30")


def test_policy_with_and_limits():
    es = PRESETS["es-coop"]
    assert policy_validate(policy_with(es, fund_rates={"reserve_fund": D("0.30")})) == []
    low = policy_validate(policy_with(es, fund_rates={"reserve_fund": D("0.10")}))
    assert [e.code for e in low] == ["fund_below_minimum"]
    high = policy_validate(
        policy_with(PRESETS["ar-20337"], fund_rates={"legal_reserve": D("0.06")})
    )
    assert [e.code for e in high] == ["fund_above_maximum"]
    over = policy_validate(policy_with(es, fund_rates={"reserve_fund": D("0.99")}))
    assert [e.code for e in over] == ["fund_rates_exceed_total"]
    bad_cash = policy_validate(policy_with(es, retorno_cash_fraction=D("1.5")))
    assert [e.code for e in bad_cash] == ["invalid_cash_fraction"]
    with pytest.raises(KeyError):
        policy_with(es, fund_rates={"nope": D(0)})
    capped = policy_with(PRESETS["ar-20337"], share_interest_cap=D("0.41"))
    assert capped.share_interest_cap == D("0.41")
    assert PRESETS["ar-20337"].share_interest_cap is None  # presets are not mutated


@pytest.mark.parametrize("policy_id", sorted(PRESETS))
def test_presets_agree_with_the_statute_profiles(policy_id):
    """The workplace statute profiles (cordones.domain.statutes) carry the same percentages."""
    from cordones.domain.statutes import preset_versions

    rules = preset_versions(policy_id)[-1].rules
    policy = PRESETS[policy_id]
    assert policy_for_statute(policy, rules) == policy


def test_policy_for_statute_applies_a_workplace_override():
    from cordones.domain.statutes import apply_overrides, preset_versions

    us_rules = apply_overrides(
        preset_versions("us-worker-coop")[-1].rules, {"legal_reserve_pct": "0.40"}
    )
    policy = policy_for_statute(PRESETS["us-worker-coop"], us_rules)
    assert policy.fund("collective_reserve").rate == D("0.40")

    es_rules = apply_overrides(preset_versions("es-coop")[-1].rules, {"legal_reserve_pct": "0.10"})
    low = policy_for_statute(PRESETS["es-coop"], es_rules)
    assert [e.code for e in policy_validate(low)] == ["fund_below_minimum"]  # below the law

    ar_rules = apply_overrides(
        preset_versions("ar-20337")[-1].rules, {"share_interest_allowed": False}
    )
    assert not policy_for_statute(PRESETS["ar-20337"], ar_rules).share_interest_allowed
