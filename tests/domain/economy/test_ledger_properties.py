"""Property tests of the ledger: generated transactions balance, the trial balance sums to
zero, reversals restore balances, closing moves exactly the result, and beancount agrees."""

from datetime import date, timedelta
from decimal import Decimal as D

from beancount import loader
from beancount.core import realization
from hypothesis import given, settings
from hypothesis import strategies as st

from cordones.domain.ledger import (
    CHARTS,
    AccountType,
    Posting,
    Transaction,
    account_balances,
    balance_sheet,
    beancount_account_name,
    income_statement,
    ledger_to_beancount,
    transaction_reverse,
    trial_balance,
    validate_transaction,
    year_close,
)

CHART_LIST = [CHARTS[k] for k in sorted(CHARTS)]
amounts = st.integers(1, 10**10).map(lambda c: D(c).scaleb(-2))
days = st.integers(0, 364).map(lambda n: date(2025, 1, 1) + timedelta(days=n))


@st.composite
def transactions(draw: st.DrawFn, chart) -> Transaction:
    """A balanced transaction: random debits and credits, the last line balancing them."""
    codes = [a.code for a in chart.accounts]
    lines = [
        Posting(draw(st.sampled_from(codes)), draw(amounts) * draw(st.sampled_from([1, -1])))
        for _ in range(draw(st.integers(1, 5)))
    ]
    rest = -sum(p.amount for p in lines)
    if rest == 0:
        lines.append(Posting(draw(st.sampled_from(codes)), D("1.00")))
        rest = D("-1.00")
    lines.append(Posting(draw(st.sampled_from(codes)), rest))
    return Transaction(
        date=draw(days),
        narration=draw(st.text(max_size=30)),
        postings=tuple(lines),
        section=draw(st.sampled_from([None, "taller", "comedor"])),
        ref=draw(st.one_of(st.none(), st.text(min_size=1, max_size=8))),
    )


@st.composite
def books(draw: st.DrawFn, max_size: int = 20):
    chart = draw(st.sampled_from(CHART_LIST))
    return chart, draw(st.lists(transactions(chart), min_size=1, max_size=max_size))


@settings(max_examples=200, deadline=None)
@given(books())
def test_generated_transactions_are_valid_and_the_trial_balance_sums_to_zero(case):
    chart, txs = case
    for t in txs:
        assert validate_transaction(t, chart) == []
    balance = trial_balance(chart, txs)
    assert balance.balanced
    assert balance.balance_total == 0
    assert sum(account_balances(txs).values()) == 0
    assert balance_sheet(chart, txs).balanced


@settings(max_examples=200, deadline=None)
@given(books(), st.data())
def test_reversing_a_transaction_restores_the_balances(case, data):
    chart, txs = case
    victim = data.draw(st.sampled_from(txs))
    reversal = transaction_reverse(victim, date(2025, 12, 31))
    assert validate_transaction(reversal, chart) == []
    before = account_balances([t for t in txs if t is not victim])
    after = account_balances([*txs, reversal])
    for code in set(before) | set(after):
        assert after.get(code, 0) == before.get(code, 0)


@settings(max_examples=200, deadline=None)
@given(books())
def test_closing_zeroes_income_and_expenses_and_moves_exactly_the_result(case):
    chart, txs = case
    result = income_statement(chart, txs).result
    closed = year_close(chart, txs, date(2025, 12, 31))
    assert closed.errors == ()
    assert closed.surplus == result
    for t in closed.transactions:
        assert validate_transaction(t, chart) == []
    before = account_balances(txs)
    after = account_balances([*txs, *closed.transactions])
    for account in chart.of_type(AccountType.INCOME, AccountType.EXPENSE):
        assert after.get(account.code, 0) == 0
    moved = after.get(chart.result_account, 0) - before.get(chart.result_account, 0)
    assert moved == -result  # a surplus is credited (negative), a loss debited
    for account in chart.of_type(AccountType.ASSET, AccountType.LIABILITY):
        assert after.get(account.code, 0) == before.get(account.code, 0)
    assert trial_balance(chart, [*txs, *closed.transactions]).balanced


@settings(max_examples=30, deadline=None)
@given(books(max_size=8))
def test_beancount_balances_equal_the_domain_trial_balance(case):
    chart, txs = case
    entries, errors, _ = loader.load_string(ledger_to_beancount(chart, txs, "ARS"))
    assert errors == [], [e.message for e in errors]
    root = realization.realize(entries)
    domain = trial_balance(chart, txs).balances()
    for account in chart.accounts:
        real = realization.get(root, beancount_account_name(account))
        units = real.balance.get_currency_units("ARS").number if real is not None else D(0)
        assert units == domain.get(account.code, 0)
