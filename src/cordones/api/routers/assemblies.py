from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from cordones.api.schemas import FORBIDDEN, INVALID, NOT_FOUND, UNAUTHORIZED, RowId, Slug
from cordones.assemblies.models import Motion, MotionStatus
from cordones.assemblies.selectors import inbox_get, turnout_get
from cordones.assemblies.services import votes
from cordones.core.errors import ServiceError
from cordones.members.models import Member
from cordones.members.permissions import Access
from cordones.members.selectors import access_get_by_slug
from cordones.workplaces.models import Workplace

router = Router(tags=["assemblies"])


class MotionOut(Schema):
    id: int
    title: str
    method: str
    mode: str
    candidates: list[str]
    seats: int
    status: str
    round: int


class BallotIn(Schema):
    content: dict[str, Any]


class CastOut(Schema):
    receipt: str | None
    round: int


class TurnoutOut(Schema):
    eligible: int
    voted: int


def _access(request: HttpRequest, slug: str) -> tuple[Workplace, Access]:
    workplace, access = access_get_by_slug(request.user, slug, timezone.localdate())  # type: ignore[arg-type]
    if workplace is None or access is None or not access.is_member:
        raise HttpError(404, "Not found")
    return workplace, access


@router.get(
    "/workplaces/{slug}/votes/pending",
    response={200: list[MotionOut], **UNAUTHORIZED, **NOT_FOUND, **INVALID},
)
def pending_votes(request: HttpRequest, slug: Slug) -> list[Motion]:
    """Open votes the logged-in member has not cast yet."""
    workplace, access = _access(request, slug)
    member = Member.objects.get(pk=access.member_id or 0)
    return inbox_get(workplace, member).to_vote


@router.post(
    "/workplaces/{slug}/motions/{motion_id}/ballots",
    response={
        201: CastOut,
        400: dict[str, Any],
        **UNAUTHORIZED,
        **FORBIDDEN,
        **NOT_FOUND,
        **INVALID,
    },
)
def cast(request: HttpRequest, slug: Slug, motion_id: RowId, payload: BallotIn) -> Status[Any]:
    """Cast the logged-in member's ballot. A second cast of a secret ballot is refused;
    an open ballot is replaced. The receipt is returned once, for secret ballots only.

    The hot path of a live assembly: one query finds the motion and the person's member
    record in that workplace; the roll frozen when the vote opened decides who may vote."""
    members = Member.objects.filter(workplace=OuterRef("workplace"), user_id=request.user.pk or 0)
    motion = (
        Motion.objects.filter(pk=motion_id, workplace__slug=slug)
        .annotate(voter_id=Subquery(members.values("pk")[:1]))
        .first()
    )
    if motion is None or motion.voter_id is None:  # type: ignore[attr-defined]
        return Status(404, {"detail": "Not found"})
    try:
        ballot = votes.ballot_cast_on_roll(motion.voter_id, motion, payload.content)  # type: ignore[attr-defined]
    except ServiceError as exc:
        return Status(400, {"errors": exc.errors})
    return Status(
        201, {"receipt": ballot.receipt if motion.mode == "secret" else None, "round": ballot.round}
    )


@router.get(
    "/workplaces/{slug}/motions/{motion_id}/turnout",
    response={200: TurnoutOut, **UNAUTHORIZED, **NOT_FOUND, **INVALID},
)
def turnout(request: HttpRequest, slug: Slug, motion_id: RowId) -> Any:
    workplace, _unused = _access(request, slug)
    motion = (
        Motion.objects.filter(workplace=workplace, pk=motion_id)
        .exclude(status=MotionStatus.DRAFT)
        .first()
    )
    if motion is None:
        raise HttpError(404, "Not found")
    return turnout_get(motion)
