"""Members' petitions: to call an extraordinary assembly, or to put an item on the agenda.
At the statute's threshold (10 % of members by default) the council is told and the
petition falls due."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cordones.assemblies.models import (
    AgendaItem,
    NoticeKind,
    Petition,
    PetitionKind,
    PetitionSignature,
)
from cordones.assemblies.notices import notify
from cordones.assemblies.services._common import absolute, acting_member
from cordones.core.errors import ServiceError
from cordones.domain.assemblies.rules import Matter, extraordinary_due_by, petition_reached
from cordones.domain.register.book import COUNCIL_OFFICES
from cordones.members.models import Member
from cordones.members.permissions import Access, require
from cordones.members.selectors import register_rows
from cordones.workplaces.models import Workplace
from cordones.workplaces.selectors import statute_rules_get


def _active_count(workplace: Workplace) -> int:
    today = timezone.localdate()
    return sum(1 for r in register_rows(workplace) if r.state.is_member_on(today))


def petition_create(
    access: Access,
    workplace: Workplace,
    *,
    kind: str,
    title: str,
    description: str = "",
    matter: str = Matter.OTHER,
) -> Petition:
    require(access, "assembly.vote", workplace)
    if kind not in PetitionKind.values:
        raise ServiceError.single("kind", _("Choose what the petition asks for."))
    if matter not in {m.value for m in Matter}:
        raise ServiceError.single("matter", _("Choose a kind of matter from the list."))
    if not title.strip():
        raise ServiceError.single("title", _("Say what the petition is about."))
    author = acting_member(access)
    assert author is not None
    with transaction.atomic():
        petition = Petition.objects.create(
            workplace=workplace,
            kind=kind,
            title=title.strip(),
            description=description.strip(),
            matter=matter,
            created_by=author,
            members_at_start=_active_count(workplace),
        )
        _sign(access, petition)
    return petition


def petition_sign(access: Access, petition: Petition) -> Petition:
    require(access, "assembly.vote", petition.workplace)
    return _sign(access, petition)


def _sign(access: Access, petition: Petition) -> Petition:
    member = acting_member(access)
    if member is None or member.workplace_id != petition.workplace_id:
        raise ServiceError.single("", _("Only members can sign."))
    try:
        with transaction.atomic():
            PetitionSignature.objects.create(petition=petition, member=member)
    except IntegrityError:
        raise ServiceError.single("", _("You have already signed this petition.")) from None
    with transaction.atomic():
        fresh = Petition.objects.select_for_update().get(pk=petition.pk)
        if fresh.reached_at is None:
            rules = statute_rules_get(fresh.workplace, timezone.localdate())
            threshold = (
                rules.extraordinary_threshold
                if fresh.kind == PetitionKind.EXTRAORDINARY
                else rules.agenda_initiative_threshold
            )
            if petition_reached(fresh.signatures.count(), fresh.members_at_start, threshold):
                fresh.reached_at = timezone.now()
                fresh.due_by = extraordinary_due_by(
                    timezone.localdate(), rules.extraordinary_within_days
                )
                fresh.save(update_fields=["reached_at", "due_by"])
                _tell_council(fresh)
    return fresh


def _tell_council(petition: Petition) -> None:
    today = timezone.localdate()
    council_ids = [
        r.member.pk
        for r in register_rows(petition.workplace)
        if set(r.state.offices_on(today)) & COUNCIL_OFFICES
    ]
    notify(
        Member.objects.filter(pk__in=council_ids).select_related("user"),
        NoticeKind.PETITION,
        {
            "title": petition.title,
            "due": formats.date_format(petition.due_by, "SHORT_DATE_FORMAT")
            if petition.due_by
            else "",
        },
        absolute("petitions", petition.workplace.slug),
    )


def petition_fulfil(access: Access, petition: Petition, item: AgendaItem) -> Petition:
    require(access, "assembly.manage", petition.workplace)
    if item.meeting.workplace_id != petition.workplace_id:
        raise ServiceError.single("", _("That item is on another workplace's agenda."))
    Petition.objects.filter(pk=petition.pk).update(fulfilled_by=item)
    petition.fulfilled_by = item
    return petition
