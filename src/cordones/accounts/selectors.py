"""Reads about accounts."""

from __future__ import annotations

from dataclasses import dataclass

from cordones.accounts.models import User

DEMO_DOMAIN = ".demo"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str  # the local part: secretaria, presidente, sindico, asociada, operador
    place: str  # the workplace's slug, or "" for the platform's operator


def demo_accounts() -> list[DemoAccount]:
    """The demo's logins (addresses under `.demo`), grouped by workplace. Only shown when
    the site runs in demo mode: these addresses exist nowhere else."""
    emails = User.objects.filter(is_active=True, email__endswith=DEMO_DOMAIN).values_list(
        "email", flat=True
    )
    accounts = []
    for email in emails:
        role, _, domain = email.partition("@")
        place = domain.removesuffix(DEMO_DOMAIN)
        accounts.append(DemoAccount(email, role, "" if place == "cordones" else place))
    return sorted(accounts, key=lambda a: (a.place != "", a.place, a.role))
