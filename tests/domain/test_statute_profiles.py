from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

import pytest

from cordones.domain.statutes import (
    PRESETS,
    StatuteError,
    apply_overrides,
    preset_versions,
    version_in_force,
)


@pytest.mark.parametrize(
    "day,minimum",
    [
        (date(1980, 1, 1), 10),
        (date(2000, 1, 1), 6),
        (date(2022, 6, 1), 3),
        (date(2024, 11, 30), 3),
        (date(2024, 12, 1), 6),
        (date(2026, 11, 29), 6),
    ],
)
def test_argentine_minimum_members_follows_the_regime_in_force(day, minimum):
    assert version_in_force(preset_versions("ar-20337"), day).rules.min_members == minimum


def test_argentine_defaults_match_the_law():
    rules = version_in_force(preset_versions("ar-20337"), date(2026, 1, 1)).rules
    assert rules.notice_days == 15
    assert rules.quorum_fraction == Fraction(1, 2)
    assert rules.second_call_minutes == 60
    assert rules.qualified_majority == Fraction(2, 3)
    assert rules.extraordinary_threshold == Fraction(1, 10)
    assert {"election", "annual_report", "surplus_distribution"} <= set(rules.secret_ballot_matters)
    assert (rules.legal_reserve_pct, rules.assistance_fund_pct, rules.education_fund_pct) == (
        Decimal("0.05"),
    ) * 3
    assert rules.proxies_allowed is False
    assert rules.minutes_member_signers == 2


def test_every_preset_has_contiguous_versions():
    assert {"ar-20337", "es-coop", "br-5764", "mondragon", "us-worker-coop"} <= set(PRESETS)
    for versions in PRESETS.values():
        for earlier, later in pairwise(versions):
            assert earlier.valid_until == later.valid_from
        assert versions[-1].valid_until is None


def test_presets_differ_where_the_law_differs():
    on = date(2026, 1, 1)
    assert version_in_force(preset_versions("es-coop"), on).rules.legal_reserve_pct == Decimal(
        "0.20"
    )
    assert version_in_force(preset_versions("br-5764"), on).rules.min_members == 7
    assert version_in_force(preset_versions("mondragon"), on).rules.max_pay_ratio == Decimal(6)


def test_overrides_apply_and_bad_ones_are_rejected():
    base = version_in_force(preset_versions("ar-20337"), date(2026, 1, 1)).rules
    mine = apply_overrides(
        base, {"notice_days": 20, "qualified_majority": "3/4", "max_pay_ratio": "4"}
    )
    assert (mine.notice_days, mine.qualified_majority, mine.max_pay_ratio) == (
        20,
        Fraction(3, 4),
        Decimal(4),
    )
    assert base.notice_days == 15  # the profile itself is unchanged
    for bad in (
        {"nope": 1},
        {"notice_days": -1},
        {"notice_days": "x"},
        {"qualified_majority": "3/2"},
        {"proxies_allowed": "yes"},
        {"secret_ballot_matters": ["picnic"]},
    ):
        with pytest.raises(StatuteError):
            apply_overrides(base, bad)


def test_unknown_profile_and_date_before_the_law():
    with pytest.raises(StatuteError):
        preset_versions("xx")
    with pytest.raises(StatuteError):
        version_in_force(preset_versions("ar-20337"), date(1950, 1, 1))
