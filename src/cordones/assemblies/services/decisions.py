"""The register of decisions: who carries each one out, by when, and how it is going."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from cordones.assemblies.models import Body, Decision, DecisionNote, DecisionStatus, NoticeKind
from cordones.assemblies.notices import notify
from cordones.assemblies.services._common import absolute, acting_member
from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.members.models import Member
from cordones.members.permissions import Access, require


def decision_assign(
    access: Access,
    decision: Decision,
    *,
    responsible: Member | None,
    responsible_body: Body | None,
    due_on: date | None,
) -> Decision:
    require(access, "decision.manage", decision.workplace)
    for thing in (responsible, responsible_body):
        if thing is not None and thing.workplace_id != decision.workplace_id:
            raise ServiceError.single("responsible", _("That belongs to another workplace."))
    if due_on is not None and due_on < decision.decided_on:
        raise ServiceError.single("due_on", _("The due date cannot be before the decision."))
    changed = responsible is not None and responsible.pk != decision.responsible_id
    decision.responsible = responsible
    decision.responsible_body = responsible_body
    decision.due_on = due_on
    decision.save(update_fields=["responsible", "responsible_body", "due_on"])
    if changed and responsible is not None:
        notify(
            [responsible],
            NoticeKind.TASK,
            {"title": decision.title},
            absolute("decision_detail", decision.workplace.slug, decision.pk),
        )
    return decision


def decision_note_add(
    access: Access, decision: Decision, *, text: str, status: str = ""
) -> DecisionNote:
    """Follow-up by the person responsible or the council; a note may change the status."""
    require(access, "assembly.vote", decision.workplace)
    author = acting_member(access)
    may = access.can("decision.manage") or (
        author is not None and author.pk == decision.responsible_id
    )
    if not may:
        raise PermissionDeniedError("decision.follow_up")
    if status and status not in DecisionStatus.values:
        raise ServiceError.single("status", _("Choose a status from the list."))
    if not text.strip():
        raise ServiceError.single("text", _("Write what happened."))
    with transaction.atomic():
        note = DecisionNote.objects.create(
            decision=decision, author=author, text=text.strip(), status=status
        )
        if status:
            Decision.objects.filter(pk=decision.pk).update(status=status)
            decision.status = status
    return note
