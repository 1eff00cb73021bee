"""Export the books as a beancount file any accountant can check with ``bean-check``.

Pure: returns a string. Account names are built from the chart: the type gives the root
(Assets, Liabilities, Equity, Income, Expenses) and the name and code give one component,
accents transliterated and everything but letters and digits turned into dashes, e.g.
``1.1.01 Caja`` -> ``Assets:Caja-1-1-01``. Amounts keep the ledger's sign convention, which
is beancount's own (debits positive), so beancount's balances equal the domain's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date

from cordones.domain.ledger.accounts import Account, AccountType, Chart
from cordones.domain.ledger.transactions import Transaction, TransactionKind

ROOTS = {
    AccountType.ASSET: "Assets",
    AccountType.LIABILITY: "Liabilities",
    AccountType.EQUITY: "Equity",
    AccountType.INCOME: "Income",
    AccountType.EXPENSE: "Expenses",
}
DEFAULT_OPEN_DATE = date(1970, 1, 1)
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_CURRENCY = re.compile(r"^[A-Z][A-Z0-9'._-]{0,22}[A-Z0-9]$")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def beancount_account_name(account: Account) -> str:
    """A valid beancount account name for ``account``, unique within a chart (the code is in
    it)."""
    words = _NOT_ALNUM.sub("-", _ascii(account.name)).strip("-")
    code = _NOT_ALNUM.sub("-", _ascii(account.code)).strip("-")
    component = f"{words}-{code}" if words else f"Cuenta-{code}"
    component = component[0].upper() + component[1:]
    return f"{ROOTS[account.type]}:{component}"


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ledger_to_beancount(
    chart: Chart,
    transactions: Sequence[Transaction],
    currency: str = "ARS",
    *,
    open_date: date | None = None,
    title: str | None = None,
) -> str:
    """The chart and transactions as a beancount file.

    Every chart account is opened on ``open_date`` (default: the first transaction's date)
    with ``currency`` as its only commodity. Each transaction carries its ``ref``, ``section``
    and ``reverses`` as metadata and its kind (other than regular) as a tag. Validate the
    transactions first: a posting to an account not in the chart raises ``ValueError``.
    """
    if not _CURRENCY.match(currency):
        raise ValueError(f"not a valid beancount currency: {currency!r}")
    names = {a.code: beancount_account_name(a) for a in chart.accounts}
    start = open_date or min((t.date for t in transactions), default=DEFAULT_OPEN_DATE)
    out = [
        f"option {_quote('title')} {_quote(title or chart.name)}",
        f"option {_quote('operating_currency')} {_quote(currency)}",
        "",
        f"; {chart.profile}",
    ]
    for account in chart.accounts:
        out.append(f"{start.isoformat()} open {names[account.code]} {currency}")
        out.append(f"  code: {_quote(account.code)}")
        out.append(f"  name: {_quote(account.name)}")
    for transaction in transactions:
        out.append("")
        tag = "" if transaction.kind is TransactionKind.REGULAR else f" #{transaction.kind.value}"
        out.append(f"{transaction.date.isoformat()} * {_quote(transaction.narration)}{tag}")
        for key in ("ref", "section", "reverses"):
            value = getattr(transaction, key)
            if value is not None:
                out.append(f"  {key}: {_quote(value)}")
        for posting in transaction.postings:
            name = names.get(posting.account)
            if name is None:
                raise ValueError(f"account {posting.account!r} is not in the chart")
            memo = f"  ; {' '.join(posting.memo.split())}" if posting.memo else ""
            out.append(f"  {name}  {posting.amount:f} {currency}{memo}")
    return "\n".join(out) + "\n"
