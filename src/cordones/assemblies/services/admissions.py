"""Admissions (hiring): an application goes to the council or the assembly; when the motion
is adopted, the person enters the members register, citing the decision."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cordones.assemblies import effects
from cordones.assemblies.models import AdmissionApplication, ApplicationStatus, Meeting, Motion
from cordones.assemblies.services import meetings, votes
from cordones.core.errors import ServiceError
from cordones.members import services as members
from cordones.members.models import Member
from cordones.members.permissions import Access, Role, require
from cordones.workplaces.models import Section, Workplace


def application_create(
    access: Access,
    workplace: Workplace,
    *,
    full_name: str,
    national_id: str = "",
    email: str = "",
    section: Section | None = None,
    shares_subscribed: Any = 0,
    statement: str = "",
) -> AdmissionApplication:
    require(access, "application.manage", workplace)
    if not full_name.strip():
        raise ServiceError.single("full_name", _("Enter the applicant's full name."))
    if section is not None and section.workplace_id != workplace.pk:
        raise ServiceError.single("section", _("That section belongs to another workplace."))
    return AdmissionApplication.objects.create(
        workplace=workplace,
        full_name=full_name.strip(),
        national_id=national_id.strip(),
        email=email.strip().lower(),
        section=section,
        shares_subscribed=Decimal(str(shares_subscribed or 0)),
        statement=statement.strip(),
    )


def application_to_agenda(
    access: Access, application: AdmissionApplication, meeting: Meeting
) -> Motion:
    """Put the application on a meeting's agenda, with its motion to admit."""
    require(access, "application.manage", application.workplace)
    if application.status != ApplicationStatus.PENDING:
        raise ServiceError.single("", _("This application is already on an agenda or decided."))
    if meeting.workplace_id != application.workplace_id:
        raise ServiceError.single("", _("That meeting belongs to another workplace."))
    item = meetings.item_add(
        access,
        meeting,
        matter="admission",
        title=_("Admission of %(name)s") % {"name": application.full_name},
        description=application.statement,
        source=f"application:{application.pk}",
    )
    AdmissionApplication.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.ON_AGENDA, item=item
    )
    return votes.motion_create(
        access, meeting, item=item, title=item.title, text=application.statement
    )


def _decide(ident: str, adopted: bool, motion: Motion) -> None:
    application = AdmissionApplication.objects.select_for_update().filter(pk=int(ident)).first()
    if application is None or application.status != ApplicationStatus.ON_AGENDA:
        return
    if not adopted:
        AdmissionApplication.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.REJECTED
        )
        return
    workplace = application.workplace
    clerk = Access(workplace.pk, None, None, frozenset({Role.MEMBER, Role.SECRETARY}))
    number = (Member.objects.filter(workplace=workplace).aggregate(m=Max("number"))["m"] or 0) + 1
    meeting = motion.meeting
    member = members.member_admit(
        clerk,
        workplace,
        number=number,
        full_name=application.full_name,
        national_id=application.national_id,
        email=application.email,
        section=application.section,
        admitted_on=timezone.localdate(motion.closed_at),
        shares_subscribed=application.shares_subscribed,
        note=_("Admitted by %(body)s, “%(meeting)s”, motion %(motion)s")
        % {
            "body": meeting.body.name,
            "meeting": meeting.title,
            "motion": motion.pk,
        },
    )
    AdmissionApplication.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.APPROVED, member=member
    )


effects.register("application", _decide)
