"""Create the load benchmark's workplace: N members with accounts and sessions, a general
assembly in session with everyone checked in, and a secret vote open. Prints the slug,
the motion id and writes one session key per line to the file given."""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.load_settings")
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from cordones.accounts.models import User  # noqa: E402
from cordones.assemblies.models import Attendance  # noqa: E402
from cordones.assemblies.services import meetings, votes  # noqa: E402
from cordones.members.models import Member, RegisterEntry  # noqa: E402
from cordones.members.permissions import Access, Role  # noqa: E402
from cordones.workplaces import services as workplaces  # noqa: E402


def main(count: int, sessions_file: str) -> None:
    workplace = workplaces.workplace_create(
        slug="carga",
        name="Cooperativa Carga",
        legal_name="Cooperativa Carga Ltda.",
        sector="metalwork",
    )
    admitted = date(2010, 1, 4)
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"voter{i}@carga.test", password=password) for i in range(count)
    )
    members = Member.objects.bulk_create(
        Member(workplace=workplace, number=i + 1, full_name=f"Asociada {i + 1}", user=u)
        for i, u in enumerate(users)
    )
    RegisterEntry.objects.bulk_create(
        RegisterEntry(
            workplace=workplace,
            seq=i + 1,
            member=m,
            kind="admission",
            on=admitted,
            shares_subscribed=0,
            shares_paid=0,
        )
        for i, m in enumerate(members)
    )
    clerk = Access(workplace.pk, None, None, frozenset({Role.MEMBER, Role.SECRETARY}))
    general, _council = meetings.bodies_ensure(workplace)
    start = timezone.now() - timedelta(minutes=5)
    meeting = meetings.meeting_create(
        clerk, workplace, body=general, title="Carga", scheduled_at=start, place="Planta"
    )
    item = meetings.item_add(clerk, meeting, matter="ordinary", title="Votación de carga")
    meetings.meeting_convene(clerk, meeting, now=start - timedelta(days=20))
    Attendance.objects.bulk_create(Attendance(meeting=meeting, member=m) for m in members)
    meetings.meeting_open(clerk, meeting, now=start)
    motion = votes.motion_create(clerk, meeting, item=item, title="Moción de carga", mode="secret")
    votes.motion_open(clerk, motion, now=start + timedelta(minutes=1))
    keys = []
    for user in users:
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    with open(sessions_file, "w") as out:
        out.write("\n".join(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_bare (id bigserial primary key, payload text)"
        )
    print(workplace.slug, motion.pk)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
