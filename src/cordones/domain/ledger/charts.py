"""Charts of accounts for worker cooperatives, one per statute profile, as data.

These are small starting charts for a worker cooperative (a council's accountant will extend
them), not official plans: the Argentine one follows the usual layout of cooperative balance
sheets (Resolución Técnica 24 FACPCE style names); the Spanish, Brazilian and US ones are
minimal variants with the same structure so the year close and the surplus distribution work
the same way everywhere. Codes are ``1`` assets, ``2`` liabilities, ``3`` equity, ``4``
income, ``5`` expenses.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from cordones.domain.ledger.accounts import Account, AccountType, Chart

A = AccountType.ASSET
L = AccountType.LIABILITY
E = AccountType.EQUITY
I = AccountType.INCOME  # noqa: E741
X = AccountType.EXPENSE


def _accounts(*rows: tuple[str, str, AccountType]) -> tuple[Account, ...]:
    return tuple(Account(code, name, kind) for code, name, kind in rows)


CHART_AR = Chart(
    profile="ar-worker-coop",
    name="Cooperativa de trabajo (Argentina, Ley 20.337)",
    accounts=_accounts(
        ("1.1.01", "Caja", A),
        ("1.1.02", "Banco cuenta corriente", A),
        ("1.1.03", "Deudores por ventas", A),
        ("1.1.04", "Bienes de cambio (materias primas e insumos)", A),
        ("1.2", "Bienes de uso", A),
        ("2.1.01", "Proveedores", L),
        ("2.1.02", "Retiros a pagar (anticipos de retorno a pagar)", L),
        ("2.1.03", "Retornos a pagar", L),
        ("2.1.04", "Intereses a pagar sobre cuotas sociales", L),
        ("2.1.05", "Cargas fiscales a pagar", L),
        ("3.1", "Capital suscripto (cuotas sociales)", E),
        ("3.2", "Reserva legal", E),
        ("3.3", "Fondo de acción asistencial y laboral", E),
        ("3.4", "Fondo de educación y capacitación cooperativa", E),
        ("3.5", "Resultados no asignados (excedente del ejercicio)", E),
        ("3.6", "Pérdidas de ejercicios anteriores a compensar", E),
        ("4.1", "Ventas", I),
        ("4.2", "Otros ingresos", I),
        ("5.1", "Materias primas e insumos", X),
        ("5.2", "Retiros a cuenta de excedentes (anticipos)", X),
        ("5.3", "Servicios (luz, gas, agua)", X),
        ("5.4", "Impuestos y tasas", X),
        ("5.5", "Mantenimiento y reparaciones", X),
        ("5.6", "Gastos bancarios", X),
    ),
    result_account="3.5",
    fund_accounts=MappingProxyType(
        {
            "losses_covered": "3.6",
            "reserves_rebuilt": "3.2",
            "legal_reserve": "3.2",
            "assistance_fund": "3.3",
            "education_fund": "3.4",
            "share_interest": "2.1.04",
            "retorno_total": "2.1.03",
            "retorno_capital": "3.1",
        }
    ),
)

# Spain (Ley 27/1999) and Mondragon (Ley 11/2019 de Euskadi). Simplified: the accounting
# adaptation for cooperatives (Orden EHA/3360/2010) shows the education fund as a liability,
# which is followed here; it also treats part of the capital as debt, which is not.
CHART_ES = Chart(
    profile="es-worker-coop",
    name="Cooperativa de trabajo asociado (España)",
    accounts=_accounts(
        ("1.1.01", "Caja", A),
        ("1.1.02", "Bancos", A),
        ("1.1.03", "Clientes", A),
        ("1.2", "Inmovilizado material", A),
        ("2.1.01", "Proveedores", L),
        ("2.1.02", "Anticipos laborales a pagar", L),
        ("2.1.03", "Retornos cooperativos a pagar", L),
        ("2.1.04", "Intereses de aportaciones al capital a pagar", L),
        ("2.2", "Fondo de educación y promoción", L),
        ("3.1", "Capital social (aportaciones de los socios)", E),
        ("3.2", "Fondo de reserva obligatorio", E),
        ("3.5", "Excedente del ejercicio", E),
        ("3.6", "Resultados negativos de ejercicios anteriores", E),
        ("4.1", "Ventas", I),
        ("4.2", "Otros ingresos", I),
        ("5.1", "Compras de materias primas", X),
        ("5.2", "Anticipos laborales de socios trabajadores", X),
        ("5.3", "Suministros", X),
        ("5.4", "Tributos", X),
    ),
    result_account="3.5",
    fund_accounts=MappingProxyType(
        {
            "losses_covered": "3.6",
            "reserves_rebuilt": "3.2",
            "reserve_fund": "3.2",
            "education_fund": "2.2",
            "share_interest": "2.1.04",
            "retorno_total": "2.1.03",
            "retorno_capital": "3.1",
        }
    ),
)

CHART_BR = Chart(
    profile="br-worker-coop",
    name="Cooperativa de trabalho (Brasil, Lei 5.764/1971)",
    accounts=_accounts(
        ("1.1.01", "Caixa", A),
        ("1.1.02", "Bancos conta movimento", A),
        ("1.1.03", "Clientes", A),
        ("1.2", "Imobilizado", A),
        ("2.1.01", "Fornecedores", L),
        ("2.1.02", "Retiradas a pagar", L),
        ("2.1.03", "Sobras a pagar", L),
        ("2.1.04", "Juros sobre o capital a pagar", L),
        ("3.1", "Capital social (quotas-partes)", E),
        ("3.2", "Fundo de Reserva", E),
        ("3.3", "Fundo de Assistência Técnica, Educacional e Social (FATES)", E),
        ("3.5", "Sobras ou perdas do exercício", E),
        ("3.6", "Perdas de exercícios anteriores", E),
        ("4.1", "Receita de vendas", I),
        ("4.2", "Outras receitas", I),
        ("5.1", "Matérias-primas e insumos", X),
        ("5.2", "Retiradas dos cooperados (antecipação de sobras)", X),
        ("5.3", "Serviços (energia, gás, água)", X),
        ("5.4", "Impostos e taxas", X),
    ),
    result_account="3.5",
    fund_accounts=MappingProxyType(
        {
            "losses_covered": "3.6",
            "reserves_rebuilt": "3.2",
            "reserve_fund": "3.2",
            "fates": "3.3",
            "share_interest": "2.1.04",
            "retorno_total": "2.1.03",
            "retorno_capital": "3.1",
        }
    ),
)

CHART_US = Chart(
    profile="us-worker-coop",
    name="Worker cooperative (United States)",
    accounts=_accounts(
        ("1.1.01", "Cash", A),
        ("1.1.02", "Bank", A),
        ("1.1.03", "Accounts receivable", A),
        ("1.2", "Equipment", A),
        ("2.1.01", "Accounts payable", L),
        ("2.1.02", "Member pay payable", L),
        ("2.1.03", "Patronage dividends payable", L),
        ("3.1", "Member shares", E),
        ("3.2", "Collective reserve", E),
        ("3.3", "Internal capital accounts", E),
        ("3.5", "Net margin of the year", E),
        ("3.6", "Accumulated losses", E),
        ("4.1", "Sales", I),
        ("4.2", "Other income", I),
        ("5.1", "Materials", X),
        ("5.2", "Member pay (advances on patronage)", X),
        ("5.3", "Utilities", X),
        ("5.4", "Taxes and fees", X),
    ),
    result_account="3.5",
    fund_accounts=MappingProxyType(
        {
            "losses_covered": "3.6",
            "reserves_rebuilt": "3.2",
            "collective_reserve": "3.2",
            "retorno_total": "2.1.03",
            "retorno_capital": "3.3",
        }
    ),
)

CHARTS: Mapping[str, Chart] = MappingProxyType(
    {c.profile: c for c in (CHART_AR, CHART_ES, CHART_BR, CHART_US)}
)

# surplus policy id -> chart profile
CHART_FOR_POLICY: Mapping[str, str] = MappingProxyType(
    {
        "ar-20337": "ar-worker-coop",
        "es-coop": "es-worker-coop",
        "mondragon": "es-worker-coop",
        "br-5764": "br-worker-coop",
        "us-worker-coop": "us-worker-coop",
    }
)


def chart_get(profile: str) -> Chart | None:
    return CHARTS.get(profile)


def chart_for_policy(policy_id: str) -> Chart | None:
    profile = CHART_FOR_POLICY.get(policy_id)
    return None if profile is None else CHARTS[profile]
