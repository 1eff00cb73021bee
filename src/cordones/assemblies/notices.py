"""Notices to members: in the app always, by email when the member wants it. Texts are
stored as a kind and parameters and rendered in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from cordones.assemblies.models import Meeting, Notice, NoticeKind, NoticePreference
from cordones.members.models import Member

TEXTS = {
    NoticeKind.CONVOCATION: _("%(body)s convened: %(title)s, %(when)s"),
    NoticeKind.VOTE_OPEN: _("Vote open: %(title)s"),
    NoticeKind.RESULT: _("Result: %(title)s — %(outcome)s"),
    NoticeKind.MINUTES_READY: _("Minutes of %(title)s: %(state)s"),
    NoticeKind.PETITION: _("Petition reached its threshold: %(title)s (due by %(due)s)"),
    NoticeKind.TASK: _("A decision is in your hands: %(title)s"),
}


# values of "outcome" and "state" that are translated when the notice is read
gettext_noop("adopted")
gettext_noop("rejected")
gettext_noop("in the minute book")


def notice_text(notice: Notice) -> str:
    params = {k: (gettext(v) if k in ("outcome", "state") else v) for k, v in notice.params.items()}
    return str(TEXTS[NoticeKind(notice.kind)]) % params


def notify(
    members: Iterable[Member],
    kind: NoticeKind,
    params: dict[str, str],
    url: str = "",
    attachment: tuple[str, str, str] | None = None,
    convocation_of: Meeting | None = None,
) -> int:
    """Write one in-app notice per member, and after commit email those who want it.
    `convocation_of`, if given, adds the meeting's convocation (date, place, agenda,
    notice rule) to the email's body in each reader's language."""
    people = list(members)
    Notice.objects.bulk_create(Notice(member=m, kind=kind, params=params, url=url) for m in people)
    muted = set(
        NoticePreference.objects.filter(member__in=people, kind=kind, by_email=False).values_list(
            "member_id", flat=True
        )
    )
    recipients = [
        (address, m.user.preferred_language if m.user else "es")
        for m in people
        if (address := m.email or (m.user.email if m.user else "")) and m.pk not in muted
    ]
    if recipients:
        from cordones.assemblies.tasks import notices_email
        from cordones.jobs.services import enqueue_after_commit

        # a background task, enqueued with this transaction (ADR 0006)
        enqueue_after_commit(
            notices_email,
            [list(r) for r in recipients],
            str(kind),
            params,
            url,
            list(attachment) if attachment else None,
            convocation_of.pk if convocation_of else None,
        )
    return len(people)


def _send(
    recipients: list[tuple[str, str]],
    kind: NoticeKind,
    params: dict[str, str],
    url: str,
    attachment: tuple[str, str, str] | None,
    convocation_of: int | None = None,
) -> None:
    from cordones.assemblies.convocation import convocation_details  # it reads selectors

    meeting = Meeting.objects.filter(pk=convocation_of).first() if convocation_of else None
    for email, language in recipients:
        with translation.override(language):
            text = str(TEXTS[kind]) % {
                k: (gettext(v) if k in ("outcome", "state") else v) for k, v in params.items()
            }
            details = convocation_details(meeting) if meeting else ""
            body = text + (f"\n\n{details}" if details else "") + (f"\n\n{url}" if url else "")
            message = EmailMessage(subject=text[:150], body=body, to=[email])
            if attachment:
                message.attach(*attachment)
            message.send(fail_silently=True)


def notices_mark_read(member: Member) -> int:
    """Mark every unread notice of the member as read; returns how many."""
    from django.utils import timezone

    return Notice.objects.filter(member=member, read_at__isnull=True).update(read_at=timezone.now())


def preference_set(member: Member, kind: str, by_email: bool) -> None:
    NoticePreference.objects.update_or_create(
        member=member, kind=kind, defaults={"by_email": by_email}
    )
