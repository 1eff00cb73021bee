"""Charts of accounts, transaction validation (errors as data), balances and reversal."""

import re
from datetime import date
from decimal import Decimal as D

import pytest

from cordones.domain.ledger import (
    CHART_AR,
    CHARTS,
    AccountType,
    Period,
    Posting,
    Transaction,
    TransactionKind,
    account_balances,
    balance_sheet,
    beancount_account_name,
    chart_for_policy,
    chart_validate,
    credit,
    debit,
    income_statement,
    results_by_section,
    transaction_reverse,
    transactions_between,
    trial_balance,
    validate_ledger,
    validate_transaction,
)
from cordones.domain.ledger.accounts import Account, Chart
from cordones.domain.surplus import PRESETS, fund_labels

BEANCOUNT_NAME = re.compile(r"^(Assets|Liabilities|Equity|Income|Expenses):[A-Z0-9][A-Za-z0-9-]*$")


def tx(*postings, day=date(2025, 3, 10), section=None, ref=None, narration="Movimiento"):
    return Transaction(day, narration, tuple(postings), section=section, ref=ref)


def codes(errors):
    return [e.code for e in errors]


@pytest.mark.parametrize("profile", sorted(CHARTS))
def test_charts_are_valid_and_export_valid_unique_names(profile):
    chart = CHARTS[profile]
    assert chart_validate(chart) == []
    names = [beancount_account_name(a) for a in chart.accounts]
    assert len(set(names)) == len(names)
    for name in names:
        assert BEANCOUNT_NAME.match(name), name


def test_argentine_chart_has_the_usual_accounts():
    assert CHART_AR.get("1.1.01").name == "Caja"
    assert CHART_AR.get("2.1.02").name.startswith("Retiros a pagar")
    assert CHART_AR.get("5.2").type is AccountType.EXPENSE  # retiros are costs
    assert CHART_AR.get("3.5").type is AccountType.EQUITY
    assert CHART_AR.result_account == "3.5"
    assert beancount_account_name(CHART_AR.get("1.1.01")) == "Assets:Caja-1-1-01"
    assert (
        beancount_account_name(CHART_AR.get("3.3"))
        == "Equity:Fondo-de-accion-asistencial-y-laboral-3-3"
    )


@pytest.mark.parametrize("policy_id", sorted(PRESETS))
def test_every_policy_has_a_chart_with_an_account_for_each_fund(policy_id):
    policy = PRESETS[policy_id]
    chart = chart_for_policy(policy_id)
    assert chart is not None
    needed = set(fund_labels(policy))
    if not policy.share_interest_allowed:
        needed.discard("share_interest")
    if policy.credited_to_capital_accounts:
        needed.add("retorno_capital")
    assert needed <= set(chart.fund_accounts)


def test_chart_validation_reports_problems():
    chart = Chart(
        profile="broken",
        name="Broken",
        accounts=(
            Account("1", "Caja", AccountType.ASSET),
            Account("1", "Caja otra vez", AccountType.ASSET),
            Account("x y", "Mal", AccountType.ASSET),
        ),
        result_account="1",
        fund_accounts={"legal_reserve": "9"},
    )
    assert codes(chart_validate(chart)) == [
        "duplicate_account",
        "invalid_account_code",
        "result_account_not_equity",
        "missing_fund_account",
    ]


def test_a_valid_transaction_has_no_errors():
    sale = tx(debit("1.1.01", D("1500.00")), credit("4.1", D("1500.00")))
    assert sale.postings[1].amount == D("-1500.00")
    assert validate_transaction(sale, CHART_AR) == []


@pytest.mark.parametrize(
    ("postings", "expected"),
    [
        ((), ["no_lines"]),
        ((Posting("1.1.01", D("10")), Posting("4.1", D("-9.99"))), ["unbalanced"]),
        ((Posting("9.9", D("10")), Posting("4.1", D("-10"))), ["unknown_account"]),
        ((Posting("1.1.01", D("10.001")), Posting("4.1", D("-10.001"))), ["too_many_decimals"] * 2),
        ((Posting("1.1.01", D("NaN")), Posting("4.1", D("-1"))), ["invalid_amount"]),
        ((Posting("1.1.01", D("0")), Posting("4.1", D("0"))), ["zero_amount"] * 2),
        ((Posting("1.1.01", D("5")),), ["unbalanced"]),
    ],
)
def test_validation_errors_are_data(postings, expected):
    errors = validate_transaction(tx(*postings, ref="A-1"), CHART_AR)
    assert codes(errors) == expected
    for error in errors:
        assert error.ref == "A-1"
        assert error.message()


def test_errors_name_the_line_and_account():
    [error] = validate_transaction(
        tx(Posting("1.1.01", D("10")), Posting("7.7", D("-10"))), CHART_AR
    )
    assert (error.code, error.line, error.account) == ("unknown_account", 2, "7.7")
    assert error.message() == "Line 2: unknown account 7.7."
    [unbalanced] = validate_transaction(
        tx(Posting("1.1.01", D("10")), Posting("4.1", D("-9.50"))), CHART_AR
    )
    assert "0.50" in unbalanced.message()


def test_amount_exact_to_the_cent_with_more_digits_is_accepted():
    assert (
        validate_transaction(
            tx(Posting("1.1.01", D("10.500")), Posting("4.1", D("-10.5"))), CHART_AR
        )
        == []
    )


def test_dates_must_fall_in_an_open_period():
    periods = [
        Period(date(2024, 1, 1), date(2024, 12, 31), closed=True),
        Period(date(2025, 1, 1), date(2025, 12, 31)),
    ]
    lines = (debit("1.1.01", D(1)), credit("4.1", D(1)))
    assert validate_transaction(tx(*lines, day=date(2025, 6, 1)), CHART_AR, periods) == []
    assert codes(validate_transaction(tx(*lines, day=date(2024, 6, 1)), CHART_AR, periods)) == [
        "period_closed"
    ]
    assert codes(validate_transaction(tx(*lines, day=date(2026, 1, 1)), CHART_AR, periods)) == [
        "date_outside_period"
    ]


def test_validate_ledger_reports_positions():
    good = tx(debit("1.1.01", D(1)), credit("4.1", D(1)))
    bad = tx(debit("1.1.01", D(1)))
    assert [(i, e.code) for i, e in validate_ledger([good, bad, good], CHART_AR)] == [
        (1, "unbalanced")
    ]


def year():
    """A small year of a printing cooperative, in two sections."""
    return [
        tx(
            debit("1.1.02", D("600000.00")),
            credit("3.1", D("600000.00")),
            day=date(2025, 1, 2),
            ref="apertura",
            narration="Integración de cuotas sociales",
        ),
        tx(
            debit("1.1.03", D("9000000.00")),
            credit("4.1", D("9000000.00")),
            section="imprenta",
            ref="V-1",
        ),
        tx(
            debit("1.1.01", D("1000000.00")),
            credit("4.1", D("1000000.00")),
            section="encuadernación",
            ref="V-2",
        ),
        tx(
            debit("5.1", D("3000000.00")),
            credit("2.1.01", D("3000000.00")),
            section="imprenta",
            ref="C-1",
        ),
        tx(
            debit("5.2", D("5500000.00")),
            credit("1.1.02", D("5500000.00")),
            ref="R-1",
            narration="Retiros del año",
        ),
        tx(
            debit("5.3", D("500000.00")),
            credit("1.1.02", D("500000.00")),
            section="encuadernación",
            ref="S-1",
        ),
    ]


def test_trial_balance():
    balance = trial_balance(CHART_AR, year())
    assert balance.balanced
    assert balance.total_debits == balance.total_credits == D("19600000.00")
    assert balance.balance_total == 0
    rows = {r.account.code: r for r in balance.rows}
    assert rows["1.1.02"].debits == D("600000.00")
    assert rows["1.1.02"].credits == D("6000000.00")
    assert rows["1.1.02"].balance == D("-5400000.00")
    assert [r.account.code for r in balance.rows] == [
        a.code for a in CHART_AR.accounts if a.code in rows
    ]  # chart order


def test_income_statement_counts_retiros_as_costs():
    statement = income_statement(CHART_AR, year())
    assert statement.total_income == D("10000000.00")
    assert statement.total_expenses == D("9000000.00")
    assert statement.result == D("1000000.00")
    assert {line.account.code for line in statement.expenses} == {"5.1", "5.2", "5.3"}


def test_results_by_section_add_up():
    results = results_by_section(CHART_AR, year())
    assert results == {
        "imprenta": D("6000000.00"),
        "encuadernación": D("500000.00"),
        None: D("-5500000.00"),
    }
    assert sum(results.values()) == income_statement(CHART_AR, year()).result
    assert income_statement(CHART_AR, year(), section="imprenta").result == D("6000000.00")


def test_balance_sheet_balances_with_the_unclosed_result():
    sheet = balance_sheet(CHART_AR, year())
    assert sheet.balanced
    assert sheet.unclosed_result == D("1000000.00")
    assert sheet.total_assets == D("4600000.00")
    assert sheet.total_liabilities == D("3000000.00")
    assert sheet.total_equity == D("600000.00")


def test_reversal_undoes_a_transaction():
    wrong = tx(debit("5.3", D("120.00")), credit("1.1.01", D("120.00")), ref="S-9", section="x")
    fix = transaction_reverse(wrong, date(2025, 4, 1), ref="S-9-R")
    assert fix.kind is TransactionKind.REVERSAL
    assert fix.reverses == "S-9"
    assert fix.date == date(2025, 4, 1)
    assert fix.section == "x"
    assert fix.narration == "Reversal of: Movimiento"
    assert [(p.account, p.amount) for p in fix.postings] == [
        ("5.3", D("-120.00")),
        ("1.1.01", D("120.00")),
    ]
    assert validate_transaction(fix, CHART_AR) == []
    before = account_balances(year())
    after = account_balances([*year(), wrong, fix])
    for code in set(before) | set(after):
        assert after.get(code, 0) == before.get(code, 0)


def test_transactions_between():
    days = [t.date for t in transactions_between(year(), date(2025, 1, 1), date(2025, 1, 31))]
    assert days == [date(2025, 1, 2)]
