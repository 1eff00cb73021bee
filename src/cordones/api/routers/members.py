from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from cordones.api.schemas import (
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    UNAUTHORIZED,
    MemberOut,
    OfficeTermOut,
    Slug,
    WorkplaceOut,
)
from cordones.members.selectors import access_get, register_rows, workplaces_of_user
from cordones.workplaces.models import Workplace

router = Router(tags=["members"])


def _workplace_for(request: HttpRequest, slug: str, rule: str) -> Workplace:
    workplace = Workplace.objects.filter(slug=slug).first()
    if workplace is None:
        raise HttpError(404, "Not found")
    access = access_get(request.user, workplace, timezone.localdate())  # type: ignore[arg-type]
    if not access.is_member:
        raise HttpError(404, "Not found")
    if not access.can(rule):
        raise HttpError(403, "Forbidden")
    return workplace


@router.get("/workplaces", response={200: list[WorkplaceOut], **UNAUTHORIZED})
def workplace_list(request: HttpRequest) -> list[Workplace]:
    """The workplaces where the logged-in person is a member today."""
    return [w for w, _m in workplaces_of_user(request.user, timezone.localdate())]  # type: ignore[arg-type]


@router.get(
    "/workplaces/{slug}/members",
    response={200: list[MemberOut], **UNAUTHORIZED, **FORBIDDEN, **NOT_FOUND, **INVALID},
)
def member_list(request: HttpRequest, slug: Slug, active: bool = True) -> list[MemberOut]:
    workplace = _workplace_for(request, slug, "register.view")
    today = timezone.localdate()
    return [
        MemberOut(
            number=row.member.number,
            full_name=row.member.full_name,
            section=row.member.section.name if row.member.section else None,
            admitted_on=row.state.admitted_on,
            departed_on=row.state.departed_on,
            departure_reason=row.state.departure_reason.value
            if row.state.departure_reason
            else None,
            shares_subscribed=row.state.shares_subscribed,
            shares_paid=row.state.shares_paid,
            offices=[
                OfficeTermOut(office=t.office.value, start=t.start, end=t.end, ended_on=t.ended_on)
                for t in row.state.offices
            ],
        )
        for row in register_rows(workplace, only_active_on=today if active else None)
    ]
