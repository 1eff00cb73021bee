"""Background tasks of members: the invitation email (ADR 0006)."""

from __future__ import annotations

from django_tasks import task


@task()
def invitation_email(invitation_id: int, url: str, language: str = "es") -> bool:
    """Send the invitation email in the inviter's language; False if the invitation no
    longer exists."""
    from django.utils import translation

    from cordones.members.models import Invitation
    from cordones.members.services import _send_invitation

    invitation = Invitation.objects.select_related("workplace").filter(pk=invitation_id).first()
    if invitation is None:
        return False
    with translation.override(language):
        _send_invitation(invitation, url)
    return True
