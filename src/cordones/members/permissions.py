"""Who may do what in a workplace, as named rules.

A person's roles in a workplace come from the members register: being an active member,
and the offices they hold today. Operators (platform staff) run the server and the admin
site; they get no role inside a workplace, which owns its data.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from cordones.core.errors import PermissionDeniedError
from cordones.domain.register.book import COUNCIL_OFFICES, Office

if TYPE_CHECKING:
    from cordones.workplaces.models import Workplace


class Role(StrEnum):
    MEMBER = "member"
    COUNCIL = "council"
    PRESIDENT = "president"
    SECRETARY = "secretary"
    TREASURER = "treasurer"
    AUDITOR = "auditor"


RULES: dict[str, frozenset[Role]] = {
    "workplace.view": frozenset({Role.MEMBER}),
    "workplace.edit": frozenset({Role.COUNCIL}),
    "register.view": frozenset({Role.MEMBER}),
    "register.export": frozenset({Role.COUNCIL, Role.AUDITOR}),
    "register.write": frozenset({Role.SECRETARY, Role.PRESIDENT}),
    "member.invite": frozenset({Role.SECRETARY, Role.PRESIDENT}),
    # work and the cooperative economy: members see aggregated figures and their own lines;
    # the council (treasurer included) writes the books; the síndico reads everything
    "economy.view": frozenset({Role.MEMBER}),
    "production.write": frozenset({Role.COUNCIL}),
    "sales.view": frozenset({Role.COUNCIL, Role.AUDITOR}),
    "sales.write": frozenset({Role.COUNCIL}),
    "retiros.view": frozenset({Role.COUNCIL, Role.TREASURER, Role.AUDITOR}),
    "retiros.manage": frozenset({Role.COUNCIL, Role.TREASURER}),
    "ledger.view": frozenset({Role.COUNCIL, Role.TREASURER, Role.AUDITOR}),
    "ledger.post": frozenset({Role.COUNCIL, Role.TREASURER}),
    "ledger.close": frozenset({Role.COUNCIL, Role.TREASURER}),
    "surplus.view": frozenset({Role.MEMBER}),
    "surplus.propose": frozenset({Role.COUNCIL}),
    "assembly.view": frozenset({Role.MEMBER}),
    "assembly.vote": frozenset({Role.MEMBER}),
    "assembly.manage": frozenset({Role.SECRETARY, Role.PRESIDENT}),
    "books.anchor": frozenset({Role.AUDITOR, Role.COUNCIL}),
    "books.auditor_report": frozenset({Role.AUDITOR}),
    "decision.manage": frozenset({Role.COUNCIL}),
    "application.manage": frozenset({Role.SECRETARY, Role.PRESIDENT}),
    # production monitoring: signals go to the workplace itself first; the council answers
    "monitoring.view": frozenset({Role.MEMBER}),
    "monitoring.acknowledge": frozenset({Role.COUNCIL}),
    "monitoring.manage": frozenset({Role.COUNCIL}),
}


def roles_from_offices(offices: tuple[Office, ...] | frozenset[Office]) -> frozenset[Role]:
    roles = {Role.MEMBER}
    for office in offices:
        if office in COUNCIL_OFFICES:
            roles.add(Role.COUNCIL)
        if office is Office.PRESIDENT:
            roles.add(Role.PRESIDENT)
        elif office is Office.SECRETARY:
            roles.add(Role.SECRETARY)
        elif office is Office.TREASURER:
            roles.add(Role.TREASURER)
        elif office is Office.AUDITOR:
            roles.add(Role.AUDITOR)
    return frozenset(roles)


@dataclass(frozen=True)
class Access:
    """What one person may do in one workplace, resolved once per request."""

    workplace_id: int
    user_id: int | None
    member_id: int | None
    roles: frozenset[Role]

    def can(self, rule: str) -> bool:
        return bool(RULES[rule] & self.roles)

    @property
    def is_member(self) -> bool:
        return Role.MEMBER in self.roles


def require(access: Access, rule: str, workplace: Workplace) -> None:
    """The service contract: every writing service calls this first, before it reads or
    validates anything. The person must hold the rule *in this workplace*: an officer of
    another workplace holds nothing here, whatever their roles there. Raises
    PermissionDeniedError (carrying the rule's name) and writes nothing."""
    if workplace is None or workplace.pk is None or access.workplace_id != workplace.pk:
        raise PermissionDeniedError(rule)
    if not access.can(rule):
        raise PermissionDeniedError(rule)
