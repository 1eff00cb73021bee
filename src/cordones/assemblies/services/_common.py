from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from cordones.core.errors import PermissionDeniedError
from cordones.members.models import Member
from cordones.members.permissions import Access


def member_of(access: Access) -> Member:
    """The member acting; only members act in their own name (votes, signatures)."""
    member = acting_member(access)
    if member is None:
        raise PermissionDeniedError("member")
    return member


def acting_member(access: Access) -> Member | None:
    return Member.objects.filter(pk=access.member_id).first() if access.member_id else None


def absolute(name: str, *args: object) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def signing_started_message() -> str:
    return _(
        "Signing of these minutes has started: what was signed cannot change. "
        "Withdraw the signatures (reopen the draft) first."
    )
