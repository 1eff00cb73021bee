"""The convocation email's body: what a member needs to attend without opening the app
(date, place, agenda, the statute's notice rule), rendered in the reader's language."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import formats, timezone

from cordones.assemblies.models import Meeting
from cordones.assemblies.selectors import assembly_rules_get


def convocation_details(meeting: Meeting) -> str:
    """Rendered under the recipient's language (called inside its translation.override)."""
    rules = assembly_rules_get(meeting.body, meeting.scheduled_at.date())
    convened = timezone.localtime(meeting.convened_at) if meeting.convened_at else None
    context = {
        "meeting": meeting,
        "when": formats.date_format(timezone.localtime(meeting.scheduled_at), "DATETIME_FORMAT"),
        "convened_on": formats.date_format(convened, "DATE_FORMAT") if convened else "",
        "items": list(meeting.items.order_by("position")),
        "notice_days": rules.notice_days,
    }
    return render_to_string("assemblies/email/convocation.txt", context).strip()
