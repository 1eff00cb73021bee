"""The accounts other contexts post to. Every seeded chart (domain/ledger/charts.py) uses the
same codes for these, so sales, retiros and the year close work under any statute profile."""

CASH = "1.1.01"
BANK = "1.1.02"
RECEIVABLES = "1.1.03"
PAYABLES = "2.1.01"
RETIROS_PAYABLE = "2.1.02"
SALES = "4.1"
OTHER_INCOME = "4.2"
MATERIALS = "5.1"
RETIROS_EXPENSE = "5.2"
UTILITIES = "5.3"
TAXES = "5.4"
