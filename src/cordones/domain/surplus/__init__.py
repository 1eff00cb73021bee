"""Surplus distribution under a statute policy (Ley 20.337 art. 42 by default).

Pure Python: statute policies are data (:mod:`.policy`), :func:`surplus_distribute` applies
one to a year surplus and returns an :class:`Allocation` carrying its errors as data, and
:func:`member_statements` explains each member's part.
"""

from cordones.domain.common.i18n import gettext_noop
from cordones.domain.common.money import largest_remainder
from cordones.domain.surplus.distribute import (
    FIXED_FUND_LABELS,
    LOSSES_COVERED,
    RESERVES_REBUILT,
    RETORNO_TOTAL,
    SHARE_INTEREST,
    Allocation,
    Member,
    MemberLine,
    fund_labels,
    surplus_distribute,
)
from cordones.domain.surplus.errors import MESSAGES, SurplusError
from cordones.domain.surplus.policy import (
    BASIS_FIELDS,
    PRESETS,
    Basis,
    FundRule,
    SurplusPolicy,
    policy_for_statute,
    policy_get,
    policy_validate,
    policy_with,
)
from cordones.domain.surplus.statement import MemberStatement, member_statement, member_statements

__all__ = [
    "BASIS_FIELDS",
    "FIXED_FUND_LABELS",
    "LOSSES_COVERED",
    "MESSAGES",
    "PRESETS",
    "RESERVES_REBUILT",
    "RETORNO_TOTAL",
    "SHARE_INTEREST",
    "Allocation",
    "Basis",
    "FundRule",
    "Member",
    "MemberLine",
    "MemberStatement",
    "SurplusError",
    "SurplusPolicy",
    "fund_labels",
    "gettext_noop",
    "largest_remainder",
    "member_statement",
    "member_statements",
    "policy_for_statute",
    "policy_get",
    "policy_validate",
    "policy_with",
    "surplus_distribute",
]
