"""Accounts and charts of accounts, as data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType

from cordones.domain.ledger.errors import LedgerError, ledger_error

CODE_RE = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")


class AccountType(StrEnum):
    ASSET = "asset"
    LIABILITY = "liability"
    EQUITY = "equity"
    INCOME = "income"
    EXPENSE = "expense"

    @property
    def debit_normal(self) -> bool:
        """Whether the account's balance is normally a debit (assets and expenses)."""
        return self in (AccountType.ASSET, AccountType.EXPENSE)


@dataclass(frozen=True)
class Account:
    code: str
    name: str
    type: AccountType


@dataclass(frozen=True)
class Chart:
    """A chart of accounts for one statute profile.

    ``result_account`` is the equity account the year's income and expenses are closed to.
    ``fund_accounts`` maps the keys of a surplus ``Allocation`` (``legal_reserve``,
    ``retorno_total`` ...) to the account credited when the surplus is distributed;
    ``retorno_capital`` is where the part of the retorno credited to members' capital goes,
    and ``losses_covered`` is the account of accumulated losses (a debit balance) that the
    surplus covers.
    """

    profile: str
    name: str
    accounts: tuple[Account, ...]
    result_account: str
    fund_accounts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, code: str) -> Account | None:
        return self._index().get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._index()

    def of_type(self, *types: AccountType) -> tuple[Account, ...]:
        return tuple(a for a in self.accounts if a.type in types)

    @cached_property
    def _index_by_code(self) -> Mapping[str, Account]:
        return MappingProxyType({a.code: a for a in self.accounts})

    def _index(self) -> Mapping[str, Account]:
        return self._index_by_code


def chart_validate(chart: Chart) -> list[LedgerError]:
    """Check codes are valid and unique and the result and fund accounts exist."""
    errors: list[LedgerError] = []
    seen: set[str] = set()
    for account in chart.accounts:
        if not CODE_RE.match(account.code):
            errors.append(ledger_error("invalid_account_code", account=account.code))
        if account.code in seen:
            errors.append(ledger_error("duplicate_account", account=account.code))
        seen.add(account.code)
    result = chart.get(chart.result_account)
    if result is None:
        errors.append(ledger_error("missing_result_account", account=chart.result_account))
    elif result.type is not AccountType.EQUITY:
        errors.append(ledger_error("result_account_not_equity", account=chart.result_account))
    for fund, code in chart.fund_accounts.items():
        if code not in seen:
            errors.append(ledger_error("missing_fund_account", account=code, fund=fund))
    return errors
