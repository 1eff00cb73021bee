"""A double-entry ledger for worker cooperatives: pure Python, errors as data.

Charts of accounts per statute profile (:mod:`.charts`), transactions and their validation
(:mod:`.transactions`), balances and statements (:mod:`.balances`), corrections by reversal
(:mod:`.reversal`), the year close and the posting of a surplus distribution (:mod:`.close`),
and a beancount exporter (:mod:`.beancount_export`).
"""

from cordones.domain.ledger.accounts import Account, AccountType, Chart, chart_validate
from cordones.domain.ledger.balances import (
    BalanceSheet,
    IncomeStatement,
    StatementLine,
    TrialBalance,
    TrialBalanceRow,
    account_balances,
    balance_sheet,
    income_statement,
    results_by_section,
    trial_balance,
)
from cordones.domain.ledger.beancount_export import beancount_account_name, ledger_to_beancount
from cordones.domain.ledger.charts import (
    CHART_AR,
    CHART_BR,
    CHART_ES,
    CHART_US,
    CHARTS,
    chart_for_policy,
    chart_get,
)
from cordones.domain.ledger.close import (
    Distribution,
    YearClose,
    year_close,
    year_distribution,
    year_result,
)
from cordones.domain.ledger.errors import MESSAGES, LedgerError
from cordones.domain.ledger.reversal import transaction_reverse
from cordones.domain.ledger.transactions import (
    Period,
    Posting,
    Transaction,
    TransactionKind,
    credit,
    debit,
    transactions_between,
    validate_ledger,
    validate_transaction,
)

__all__ = [
    "CHARTS",
    "CHART_AR",
    "CHART_BR",
    "CHART_ES",
    "CHART_US",
    "MESSAGES",
    "Account",
    "AccountType",
    "BalanceSheet",
    "Chart",
    "Distribution",
    "IncomeStatement",
    "LedgerError",
    "Period",
    "Posting",
    "StatementLine",
    "Transaction",
    "TransactionKind",
    "TrialBalance",
    "TrialBalanceRow",
    "YearClose",
    "account_balances",
    "balance_sheet",
    "beancount_account_name",
    "chart_for_policy",
    "chart_get",
    "chart_validate",
    "credit",
    "debit",
    "income_statement",
    "ledger_to_beancount",
    "results_by_section",
    "transaction_reverse",
    "transactions_between",
    "trial_balance",
    "validate_ledger",
    "validate_transaction",
    "year_close",
    "year_distribution",
    "year_result",
]
