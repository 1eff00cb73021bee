"""The year close and the posting of an approved surplus distribution, end to end, with the
books exported to beancount and checked by beancount itself."""

import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal as D
from pathlib import Path

from beancount import loader
from beancount.core import realization

from cordones.domain.ledger import (
    CHART_AR,
    CHART_US,
    AccountType,
    Posting,
    Transaction,
    TransactionKind,
    account_balances,
    balance_sheet,
    beancount_account_name,
    credit,
    debit,
    ledger_to_beancount,
    trial_balance,
    year_close,
    year_distribution,
)
from cordones.domain.surplus import PRESETS, Member, policy_with, surplus_distribute

DAY = date(2025, 6, 1)
CLOSE = date(2025, 12, 31)


def tx(*postings, day=DAY, **kwargs):
    return Transaction(day, kwargs.pop("narration", "Movimiento"), tuple(postings), **kwargs)


def books():
    """Opening balances with a loss of previous years, then the year's operations."""
    return [
        tx(
            debit("1.1.02", D("500000.00")),
            debit("3.6", D("100000.00")),
            credit("3.1", D("600000.00")),
            day=date(2025, 1, 1),
            ref="apertura",
            narration="Asiento de apertura",
        ),
        tx(debit("1.1.03", D("10000000.00")), credit("4.1", D("10000000.00")), ref="V-1"),
        tx(debit("5.1", D("3000000.00")), credit("2.1.01", D("3000000.00")), ref="C-1"),
        tx(debit("5.2", D("5500000.00")), credit("1.1.02", D("5500000.00")), ref="R-1"),
        tx(debit("5.3", D("500000.00")), credit("1.1.02", D("500000.00")), ref="S-1"),
    ]


MEMBERS = [
    Member("ana", hours=D("1600"), paid_in_shares=D("300000.00")),
    Member("beto", hours=D("800"), paid_in_shares=D("300000.00")),
    Member("carla", hours=D("1600")),
]


def allocation_for(surplus):
    return surplus_distribute(
        policy_with(PRESETS["ar-20337"], share_interest_cap=D("0.40")),
        surplus,
        "hours",
        MEMBERS,
        losses_to_cover=D("100000.00"),
        share_interest_rate=D("0.05"),
    )


def test_year_close_moves_exactly_the_result():
    closed = year_close(CHART_AR, books(), CLOSE)
    assert closed.errors == ()
    assert closed.surplus == D("1000000.00")
    assert (closed.total_income, closed.total_expenses) == (D("10000000.00"), D("9000000.00"))
    assert [t.kind for t in closed.transactions] == [TransactionKind.CLOSING] * 2
    after = account_balances([*books(), *closed.transactions])
    for account in CHART_AR.of_type(AccountType.INCOME, AccountType.EXPENSE):
        assert after.get(account.code, 0) == 0
    assert after["3.5"] == D("-1000000.00")  # a credit: the surplus
    # closing twice closes nothing more
    again = year_close(CHART_AR, [*books(), *closed.transactions], CLOSE)
    assert again.transactions == ()
    assert again.surplus == D("1000000.00")


def test_year_close_of_a_loss():
    loss = [tx(debit("5.3", D("10.00")), credit("1.1.01", D("10.00")))]
    closed = year_close(CHART_AR, loss, CLOSE)
    assert closed.surplus == D("-10.00")
    assert account_balances([*loss, *closed.transactions])["3.5"] == D("10.00")


def test_year_close_refuses_invalid_books():
    bad = [*books(), tx(debit("1.1.01", D("1.00")), ref="X")]
    closed = year_close(CHART_AR, bad, CLOSE)
    assert [e.code for e in closed.errors] == ["invalid_transaction"]
    assert "does not balance" in closed.errors[0].message()
    assert closed.transactions == ()


def test_distribution_transaction_balances_and_empties_the_result():
    closed = year_close(CHART_AR, books(), CLOSE)
    allocation = allocation_for(closed.surplus)
    assert allocation.ok
    posted = year_distribution(CHART_AR, allocation, CLOSE, expected_surplus=closed.surplus)
    assert posted.errors == ()
    distribution = posted.transaction
    assert distribution.kind is TransactionKind.DISTRIBUTION
    assert sum(p.amount for p in distribution.postings) == 0
    everything = [*books(), *closed.transactions, distribution]
    balances = account_balances(everything)
    assert balances["3.5"] == 0
    assert balances["3.6"] == 0  # the loss of previous years is covered
    assert balances["3.2"] == -allocation.funds["legal_reserve"]
    assert balances["3.3"] == -allocation.funds["assistance_fund"]
    assert balances["3.4"] == -allocation.funds["education_fund"]
    assert balances["2.1.04"] == -allocation.funds["share_interest"] == D("-30000.00")
    assert balances["2.1.03"] == -allocation.funds["retorno_total"]
    assert trial_balance(CHART_AR, everything).balanced
    sheet = balance_sheet(CHART_AR, everything)
    assert sheet.balanced and sheet.unclosed_result == 0


def test_distribution_with_capital_accounts():
    allocation = surplus_distribute(
        PRESETS["us-worker-coop"], D("10000.00"), "hours", [Member("a", hours=D(5))]
    )
    posted = year_distribution(CHART_US, allocation, CLOSE)
    lines = {p.account: p.amount for p in posted.transaction.postings}
    assert lines == {
        "3.5": D("10000.00"),
        "3.2": D("-3000.00"),
        "2.1.03": D("-1400.00"),  # 20 % in cash
        "3.3": D("-5600.00"),  # internal capital accounts
    }


def test_distribution_errors():
    closed = year_close(CHART_AR, books(), CLOSE)
    wrong = year_distribution(
        CHART_AR, allocation_for(D("999999.00")), CLOSE, expected_surplus=closed.surplus
    )
    assert [e.code for e in wrong.errors] == ["allocation_surplus_mismatch"]
    assert wrong.transaction is None
    loss = year_distribution(CHART_AR, allocation_for(D("-5.00")), CLOSE)
    assert [e.code for e in loss.errors] == ["allocation_has_errors"]
    foreign = year_distribution(CHART_US, allocation_for(D("1000000.00")), CLOSE)
    assert {e.code for e in foreign.errors} == {"no_account_for_fund"}


def beancount_balances(text, names):
    entries, errors, _options = loader.load_string(text)
    assert errors == [], [e.message for e in errors]
    root = realization.realize(entries)
    result = {}
    for code, name in names.items():
        account = realization.get(root, name)
        units = account.balance.get_currency_units("ARS") if account is not None else None
        result[code] = units.number if units else D(0)
    return result


def test_beancount_export_is_accepted_and_agrees_with_the_trial_balance():
    closed = year_close(CHART_AR, books(), CLOSE)
    distribution = year_distribution(CHART_AR, allocation_for(closed.surplus), CLOSE).transaction
    quirky = tx(
        Posting("1.1.01", D("12.34"), memo='nota; con "comillas"'),
        Posting("4.2", D("-12.34")),
        narration='Donación "especial" de la vecinal\ncon acentos: ñandú \\ fin',
        section="Comedor San Martín",
        ref="D-1",
    )
    everything = [*books(), quirky, *closed.transactions, distribution]
    text = ledger_to_beancount(CHART_AR, everything, "ARS")
    names = {a.code: beancount_account_name(a) for a in CHART_AR.accounts}
    from_beancount = beancount_balances(text, names)
    domain = trial_balance(CHART_AR, everything).balances()
    for code in names:
        assert from_beancount[code] == domain.get(code, 0), code
    assert "#closing" in text and "#distribution" in text
    entries, _, _ = loader.load_string(text)
    quirky_entry = next(e for e in entries if getattr(e, "meta", {}).get("ref") == "D-1")
    assert quirky_entry.narration == 'Donación "especial" de la vecinal con acentos: ñandú \\ fin'
    assert quirky_entry.meta["section"] == "Comedor San Martín"


def test_bean_check_accepts_the_file(tmp_path):
    bean_check = Path(sys.executable).with_name("bean-check")
    if not bean_check.exists():
        found = shutil.which("bean-check")
        assert found, "bean-check is installed with beancount"
        bean_check = Path(found)
    closed = year_close(CHART_AR, books(), CLOSE)
    path = tmp_path / "libros.beancount"
    path.write_text(
        ledger_to_beancount(CHART_AR, [*books(), *closed.transactions], "ARS"), encoding="utf-8"
    )
    result = subprocess.run(
        [str(bean_check), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""
