"""iCalendar files for convocations (RFC 5545), so members can add the meeting to a phone."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from icalendar import Calendar, Event

from cordones.assemblies.models import Meeting


def meeting_ics(meeting: Meeting) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//Cordones//assemblies//ES")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{settings.SITE_DOMAIN}")
    event.add("summary", f"{meeting.body.name}: {meeting.title}")
    event.add("dtstart", meeting.scheduled_at)
    event.add("dtend", meeting.scheduled_at + timedelta(hours=3))
    event.add("dtstamp", meeting.convened_at or meeting.scheduled_at)
    event.add("location", meeting.place or meeting.online_url)
    agenda = "\n".join(f"{i.position}. {i.title}" for i in meeting.items.order_by("position"))
    event.add("description", agenda)
    calendar.add_component(event)
    return calendar.to_ical().decode()
