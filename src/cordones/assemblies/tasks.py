"""Background tasks of assemblies: the notice emails (ADR 0006)."""

from __future__ import annotations

from django_tasks import task

from cordones.assemblies.models import NoticeKind


@task()
def notices_email(
    recipients: list[list[str]],
    kind: str,
    params: dict[str, str],
    url: str,
    attachment: list[str] | None,
    convocation_of: int | None = None,
) -> int:
    """Email one notice to each (address, language); returns how many were sent."""
    from cordones.assemblies.notices import _send

    _send(
        [(email, language) for email, language in recipients],
        NoticeKind(kind),
        params,
        url,
        (attachment[0], attachment[1], attachment[2]) if attachment else None,
        convocation_of,
    )
    return len(recipients)
