"""The legal books (ADR 0013): each body's actas in its own book with its attendance page,
the síndico's reports, the register and the journal chained; `verify-books` catches what is
changed, removed, multiplied or added behind the services' back, and truncation against an
anchor; an unknown workplace is an error."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from cordones.assemblies.models import MinuteBookEntry, Minutes
from cordones.assemblies.services import meetings
from cordones.assemblies.services.books import auditor_report_enter
from cordones.books.models import BookAnchor, BookLink
from cordones.books.selectors import books_overview
from cordones.books.services import anchors_record
from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.ledger import services as ledger
from cordones.ledger.models import JournalEntry, JournalLine
from cordones.members.models import RegisterEntry
from tests.web import test_assemblies_services as scene
from tests.web.economy_support import council_access
from tests.web.test_assemblies_services import (
    access,
    close_meeting_with_signed_minutes,
    in_session,
)

assembly = scene.assembly  # the convened general assembly fixture

pytestmark = pytest.mark.django_db

TRIGGERS = {  # table -> SQLite trigger names (PostgreSQL: all user triggers of the table)
    "assemblies_minutebookentry": ("minute_book_no_update", "minute_book_no_delete"),
    "ledger_journalentry": ("ledger_journalentry_no_update", "ledger_journalentry_no_delete"),
    "ledger_journalline": ("ledger_journalline_no_update", "ledger_journalline_no_delete"),
    "members_registerentry": ("register_no_update", "register_no_delete"),
    "books_booklink": ("books_booklink_no_update", "books_booklink_no_delete"),
    "books_bookanchor": ("books_bookanchor_no_update", "books_bookanchor_no_delete"),
}


def behind_the_triggers(tables, *statements):
    """Someone with database access lifts the append-only triggers and runs raw SQL (in the
    test's transaction, so the triggers are back afterwards)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            for table in tables:
                for trigger in TRIGGERS[table]:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        for sql, params in statements:
            cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def verify(capsys, **options):
    """Run verify-books; (exit status, output)."""
    capsys.readouterr()
    try:
        call_command("verify_books", **options)
    except SystemExit as exc:
        return exc.code, capsys.readouterr().out
    return 0, capsys.readouterr().out


def post_entry(shop, amount="100.00"):
    return ledger.entry_post(
        council_access(shop),
        shop.workplace,
        on=date(2025, 3, 1),
        narration="Compra de papel",
        lines=[("5.1", amount, None, "resmas"), ("1.1.02", None, amount, "")],
    )


def login(client, shop, persona):
    client.force_login(shop.users[persona])
    return client


def state(shop, key):
    return next(b for b in books_overview(shop.workplace) if b.key == key)


def test_unknown_workplace_is_an_error_not_silence(shop, capsys):
    with pytest.raises(CommandError) as exc:
        call_command("verify_books", workplace="typo")
    assert exc.value.returncode == 2 and "typo" in str(exc.value)
    assert capsys.readouterr().out == ""
    with pytest.raises(CommandError):
        call_command("verify_books", workplace=shop.workplace.slug, book="nonsense")
    with pytest.raises(CommandError):
        call_command("verify_books", workplace=shop.workplace.slug, anchor=["3:xyz"])
    from cordones.cli.main import main

    with pytest.raises(SystemExit) as exited:
        main(["verify-books", "--workplace", "typo"])
    assert exited.value.code == 2


def test_every_book_is_listed_and_intact_with_its_head(shop, capsys):
    post_entry(shop)
    code, out = verify(capsys, workplace=shop.workplace.slug)
    assert code == 0
    registered = RegisterEntry.objects.filter(workplace=shop.workplace).count()
    assert registered > 0
    assert f"{shop.workplace.slug}: register: {registered} entries, intact" in out
    assert f"{shop.workplace.slug}: journal: 1 entries, intact" in out
    for key in ("assembly_minutes", "assembly_attendance", "council_minutes", "auditor_reports"):
        assert f"{shop.workplace.slug}: {key}: 0 entries, intact" in out
    link = BookLink.objects.get(workplace=shop.workplace, book="journal", seq=1)
    assert f"head 1:{link.hash}" in out


def test_a_journal_line_multiplied_by_ten_is_named(shop, capsys):
    post_entry(shop)
    entry = post_entry(shop, "250.00")
    post_entry(shop)
    assert verify(capsys)[0] == 0
    line = JournalLine.objects.get(entry=entry, line_no=1)
    behind_the_triggers(
        ["ledger_journalline"],
        ("UPDATE ledger_journalline SET amount = amount * 10 WHERE id = %s", [line.pk]),
    )
    code, out = verify(capsys)
    assert code == 1
    assert (
        f"{shop.workplace.slug}: journal: entry {entry.number}: "
        "its content no longer matches its hash" in out
    )
    assert "journal: entry 1:" not in out and "journal: entry 3:" not in out


def test_a_journal_entry_added_or_removed_behind_the_service_is_named(shop, capsys):
    post_entry(shop)
    second = post_entry(shop)
    # removed: the link stays and names it
    behind_the_triggers(
        ["ledger_journalline", "ledger_journalentry"],
        ("DELETE FROM ledger_journalline WHERE entry_id = %s", [second.pk]),
        ("DELETE FROM ledger_journalentry WHERE id = %s", [second.pk]),
    )
    code, out = verify(capsys)
    assert code == 1 and "journal: entry 2: it was removed" in out
    # added without the service: no link
    JournalEntry.objects.create(
        workplace=shop.workplace, number=3, date=date(2025, 3, 2), narration="x", kind="regular"
    )
    code, out = verify(capsys)
    assert "journal: entry 3: it was never entered through the books" in out


def test_the_register_is_chained_and_an_altered_line_is_named(shop, capsys):
    register = state(shop, "register")
    first = RegisterEntry.objects.filter(workplace=shop.workplace).order_by("seq").first()
    assert (
        register.intact
        and register.count == RegisterEntry.objects.filter(workplace=shop.workplace).count()
    )
    behind_the_triggers(
        ["members_registerentry"],
        ("UPDATE members_registerentry SET shares_paid = 999999 WHERE id = %s", [first.pk]),
    )
    code, out = verify(capsys, workplace=shop.workplace.slug, book="register")
    assert code == 1
    assert f"register: entry {first.seq}: its content no longer matches its hash" in out
    assert "journal" not in out  # --book checks only that book


def test_a_register_truncated_with_its_links_is_caught_by_an_anchor(shop, capsys):
    head = state(shop, "register").head
    last = RegisterEntry.objects.get(workplace=shop.workplace, seq=head.count)
    behind_the_triggers(
        ["members_registerentry", "books_booklink"],
        ("DELETE FROM members_registerentry WHERE id = %s", [last.pk]),
        (
            "DELETE FROM books_booklink WHERE workplace_id = %s AND book = 'register' AND seq = %s",
            [shop.workplace.pk, head.count],
        ),
    )
    # the chain alone is consistent again ...
    assert state(shop, "register").intact
    # ... but the head printed on a PDF is not there
    code, out = verify(capsys, workplace=shop.workplace.slug, anchor=[f"register={head}"])
    assert code == 1
    assert f"register: entry {head.count}: it was removed: an anchor recorded" in out


def test_deleting_the_only_acta_is_caught(shop, assembly, capsys):
    meeting, now = in_session(shop, assembly)
    entry = close_meeting_with_signed_minutes(shop, meeting, now)
    assert entry.book == "assembly_minutes" and entry.number == 1
    anchors = anchors_record(access(shop, "auditor"), shop.workplace)
    assert {a.book: a.count for a in anchors}["assembly_minutes"] == 1
    code, out = verify(capsys)
    assert code == 0 and "assembly_minutes: 1 entries, intact, 1 anchors" in out
    # the careless way: only the acta goes; its attendance page and the anchor name it
    behind_the_triggers(
        ["assemblies_minutebookentry"],
        ("UPDATE assemblies_minutes SET book_entry_id = NULL WHERE id = %s", [entry.minutes.pk]),
        ("DELETE FROM assemblies_minutebookentry WHERE id = %s", [entry.pk]),
    )
    code, out = verify(capsys)
    assert code == 1
    assert "assembly_minutes: entry 1: it was removed: an anchor recorded" in out
    assert "assembly_attendance: entry 1: the acta it records attendance for is missing" in out


def test_deleting_every_trace_of_an_acta_is_caught_by_the_printed_head(shop, assembly, capsys):
    meeting, now = in_session(shop, assembly)
    entry = close_meeting_with_signed_minutes(shop, meeting, now)
    anchors_record(access(shop, "auditor"), shop.workplace)
    printed = state(shop, "assembly_minutes").head
    behind_the_triggers(
        ["assemblies_minutebookentry", "books_bookanchor"],
        ("UPDATE assemblies_minutes SET book_entry_id = NULL WHERE id = %s", [entry.minutes.pk]),
        ("DELETE FROM assemblies_minutebookentry WHERE workplace_id = %s", [shop.workplace.pk]),
        ("DELETE FROM books_bookanchor WHERE workplace_id = %s", [shop.workplace.pk]),
    )
    assert verify(capsys)[0] == 0  # nothing left inside the database says otherwise
    code, out = verify(
        capsys, workplace=shop.workplace.slug, book="assembly_minutes", anchor=[str(printed)]
    )
    assert code == 1 and "assembly_minutes: entry 1: it was removed" in out


def test_an_anchor_file_catches_a_rewritten_book(shop, capsys, tmp_path):
    post_entry(shop)
    head = state(shop, "journal").head
    path = tmp_path / "anchors.txt"
    path.write_text(f"# kept by the síndico\n{shop.workplace.slug} journal {head}\n")
    assert verify(capsys, anchors=str(path))[0] == 0
    path.write_text(f"{shop.workplace.slug} journal 1:{'a' * 64}\n")
    code, out = verify(capsys, anchors=str(path))
    assert code == 1 and "journal: entry 1: its hash differs from the one an anchor recorded" in out


def test_each_body_has_its_own_book_numbering_and_attendance(shop, assembly, capsys):
    meeting, now = in_session(shop, assembly)
    acta = close_meeting_with_signed_minutes(shop, meeting, now)
    _general, council = meetings.bodies_ensure(shop.workplace)
    # a council acta entered by the same seam, straight after
    from cordones.assemblies.services.books import book_enter_acta

    council_meeting = meetings.meeting_create(
        access(shop, "secretary"),
        shop.workplace,
        body=council,
        title="Reunión de consejo",
        scheduled_at=timezone.now() + timedelta(days=3),
        place="Oficina",
    )
    council_acta = book_enter_acta(council_meeting, {"title": "Reunión de consejo", "present": []})
    assert (acta.book, acta.number) == ("assembly_minutes", 1)
    assert (council_acta.book, council_acta.number) == ("council_minutes", 1)
    page = MinuteBookEntry.objects.get(workplace=shop.workplace, book="assembly_attendance")
    assert page.content["acta"] == {"book": "assembly_minutes", "number": 1, "hash": acta.hash}
    present = {row[0]: row for row in page.content["present"]}
    assert set(present) == {m[0] for m in acta.content["present"]} and len(present) == 4
    assert all(row[3] == "secretary" and row[2] for row in present.values())
    assert page.content["signatures"] == acta.content["signatures"]
    assert MinuteBookEntry.objects.filter(book="council_attendance").count() == 1
    assert Minutes.objects.get(meeting=meeting).book_entry_id == acta.pk
    assert verify(capsys)[0] == 0


def test_the_auditor_signs_reports_into_their_book(shop, capsys):
    auditor = access(shop, "auditor")
    with pytest.raises(PermissionDeniedError):
        auditor_report_enter(access(shop, "secretary"), shop.workplace, title="x", text="y")
    with pytest.raises(ServiceError) as exc:
        auditor_report_enter(auditor, shop.workplace, title=" ", text="")
    assert set(exc.value.errors) == {"title", "text"}
    assert not MinuteBookEntry.objects.exists()
    first = auditor_report_enter(
        auditor,
        shop.workplace,
        title="Informe trimestral",
        text="Revisé el libro diario.",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
    )
    second = auditor_report_enter(auditor, shop.workplace, title="Otro", text="Sin novedad.")
    assert (first.book, first.number, second.number) == ("auditor_reports", 1, 2)
    assert second.previous_hash == first.hash
    assert first.content["signatures"][0][:3] == [
        "auditor",
        shop.members["auditor"].number,
        shop.members["auditor"].full_name,
    ]
    assert first.content["period"] == ["2025-01-01", "2025-03-31"]
    code, out = verify(capsys, workplace=shop.workplace.slug, book="auditor_reports")
    assert code == 0 and "auditor_reports: 2 entries, intact" in out


def test_anchors_are_recorded_by_the_auditor_and_never_change(shop):
    with pytest.raises(PermissionDeniedError):
        anchors_record(access(shop, "member"), shop.workplace)
    assert not BookAnchor.objects.exists()
    anchors = anchors_record(access(shop, "auditor"), shop.workplace)
    assert {a.book for a in anchors} >= {"register", "journal", "assembly_minutes"}
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE books_bookanchor SET count = 0 WHERE id = %s", [anchors[0].pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM books_booklink")


def test_the_mixed_minute_book_moves_into_the_body_books_keeping_its_hashes(shop, capsys):
    """The data migration (assemblies 0006) on actas entered the old way: one mixed book,
    numbered across bodies. The old entries stay as they were; each acta enters its body's
    book with its own numbering, naming where it came from; altering the old entry shows."""
    import importlib

    from django.apps import apps

    from cordones.assemblies.models import Meeting
    from cordones.domain.assemblies import minute_book

    migration = importlib.import_module("cordones.assemblies.migrations.0006_per_body_books")
    general, council = meetings.bodies_ensure(shop.workplace)
    previous, old = minute_book.GENESIS, []
    for number, body in enumerate((general, council, general), start=1):
        meeting = Meeting.objects.create(
            workplace=shop.workplace,
            body=body,
            title=f"Reunión {number}",
            scheduled_at=timezone.now(),
            status="closed",
        )
        content = {
            "number": number,
            "body": body.name,
            "title": meeting.title,
            "present": [[1, "Ana"]],
            "signatures": [],
        }
        digest = minute_book.entry_hash(number, content, previous)
        entry = MinuteBookEntry.objects.create(
            workplace=shop.workplace,
            book="legacy_minutes",
            number=number,
            content=content,
            previous_hash=previous,
            hash=digest,
        )
        Minutes.objects.create(meeting=meeting, book_entry=entry)
        old.append(entry)
        previous = digest

    class Editor:
        def __init__(self):
            self.connection = connection

        def execute(self, sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

    migration.into_body_books(apps, Editor())
    moved = {
        (e.book, e.number): e
        for e in MinuteBookEntry.objects.filter(workplace=shop.workplace).exclude(
            book="legacy_minutes"
        )
    }
    assert set(moved) == {
        ("assembly_minutes", 1),
        ("assembly_minutes", 2),
        ("council_minutes", 1),
        ("assembly_attendance", 1),
        ("assembly_attendance", 2),
        ("council_attendance", 1),
    }
    third = moved[("assembly_minutes", 2)]
    assert third.content["provenance"] == {
        "book": "legacy_minutes",
        "number": 3,
        "hash": old[2].hash,
    }
    assert third.content["title"] == "Reunión 3"
    assert Minutes.objects.get(meeting__title="Reunión 3").book_entry_id == third.pk
    for entry in old:  # untouched
        entry.refresh_from_db()
        assert entry.book == "legacy_minutes"
    code, out = verify(capsys, workplace=shop.workplace.slug)
    assert code == 0 and "legacy_minutes: 3 entries, intact" in out
    # the copy of an old acta removed from its body's book (the last one, with its page)
    behind_the_triggers(
        ["assemblies_minutebookentry"],
        ("UPDATE assemblies_minutes SET book_entry_id = NULL WHERE book_entry_id = %s", [third.pk]),
        (
            "DELETE FROM assemblies_minutebookentry WHERE id IN (%s, %s)",
            [third.pk, moved[("assembly_attendance", 2)].pk],
        ),
    )
    code, out = verify(capsys, workplace=shop.workplace.slug)
    assert code == 1 and "legacy_minutes: entry 3: its copy in its body's book is missing" in out
    behind_the_triggers(
        ["assemblies_minutebookentry"],
        (
            "UPDATE assemblies_minutebookentry SET hash = %s, content = %s WHERE id = %s",
            [
                minute_book.entry_hash(
                    1, {**old[0].content, "title": "otra"}, old[0].previous_hash
                ),
                __import__("json").dumps({**old[0].content, "title": "otra"}),
                old[0].pk,
            ],
        ),
    )
    code, out = verify(capsys, workplace=shop.workplace.slug)
    assert code == 1
    assert "assembly_minutes: entry 1: the entry of the former minute book it came from" in out


# --- pages ---------------------------------------------------------------------------------


def test_books_page_lists_every_book_with_its_head_and_records_anchors(client, shop, assembly):
    from django.urls import reverse

    from cordones.books.models import BookAnchor

    meeting, now = in_session(shop, assembly)
    close_meeting_with_signed_minutes(shop, meeting, now)
    slug = shop.workplace.slug
    page = login(client, shop, "member").get(reverse("minute_book", args=[slug])).content.decode()
    head = state(shop, "assembly_minutes").head
    for key in ("assembly_minutes", "assembly_attendance", "council_minutes", "auditor_reports"):
        assert reverse("book_pdf", args=[slug, key]) in page
    assert f'title="{head}"' in page and 'role="alert"' not in page
    assert reverse("books_anchors_record", args=[slug]) not in page  # a member may not
    assert client.post(reverse("books_anchors_record", args=[slug])).status_code == 403
    assert not BookAnchor.objects.exists()
    login(client, shop, "auditor")
    response = client.post(reverse("books_anchors_record", args=[slug]))
    assert response.status_code == 302
    assert BookAnchor.objects.get(book="assembly_minutes").hash == head.hash
    text = client.get(reverse("books_anchors_txt", args=[slug])).content.decode()
    assert f"{slug} assembly_minutes {head}" in text
    detail = client.get(reverse("book_detail", args=[slug, "assembly_attendance"]))
    assert detail.status_code == 200 and "4" in detail.content.decode()
    assert client.get(reverse("book_detail", args=[slug, "nonsense"])).status_code == 404
    assert client.get(reverse("book_detail", args=[slug, "journal"])).status_code == 404
    pdf = client.get(reverse("book_pdf", args=[slug, "assembly_attendance"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_books_page_names_an_altered_entry(client, shop, assembly):
    from django.urls import reverse

    meeting, now = in_session(shop, assembly)
    entry = close_meeting_with_signed_minutes(shop, meeting, now)
    behind_the_triggers(
        ["assemblies_minutebookentry"],
        ("UPDATE assemblies_minutebookentry SET hash = %s WHERE id = %s", ["0" * 64, entry.pk]),
    )
    page = login(client, shop, "member").get(reverse("minute_book", args=[shop.workplace.slug]))
    assert 'role="alert"' in page.content.decode()


def test_a_book_prints_with_heading_folios_and_head(shop, assembly):
    from cordones.web.views.books import book_pdf_html

    shop.workplace.registration_number = "12.345"
    meeting, now = in_session(shop, assembly)
    close_meeting_with_signed_minutes(shop, meeting, now)
    book = state(shop, "assembly_minutes")
    html = book_pdf_html(shop.workplace, book, "minutes", [])
    assert "Actas de Asambleas" in html and shop.workplace.legal_name in html
    assert "Matrícula" in html and "12.345" in html
    assert 'content: "Folio " counter(page)' in html and "Folios" in html
    assert f"{book.head.count}:{book.head.hash}" in html


def test_the_auditor_writes_a_report_on_a_page(client, shop):
    from django.urls import reverse

    slug = shop.workplace.slug
    assert (
        login(client, shop, "secretary").get(reverse("auditor_report_new", args=[slug])).status_code
        == 403
    )
    login(client, shop, "auditor")
    response = client.post(
        reverse("auditor_report_new", args=[slug]), {"title": "", "text": "algo"}
    )
    assert response.status_code == 200 and not MinuteBookEntry.objects.exists()
    response = client.post(
        reverse("auditor_report_new", args=[slug]),
        {"title": "Informe anual", "text": "Todo en orden.", "period_start": "2025-01-01"},
    )
    assert response.status_code == 302
    entry = MinuteBookEntry.objects.get(book="auditor_reports")
    page = client.get(response["Location"]).content.decode()
    assert "Informe anual" in page and "Todo en orden." in page and entry.hash[:10] in page


def test_the_matricula_is_set_in_the_workplace_settings(client, shop):
    from django.urls import reverse

    from cordones.workplaces.models import Workplace
    from tests.web.test_workplaces import settings_form

    login(client, shop, "secretary")
    response = client.post(
        reverse("workplace_settings", args=[shop.workplace.slug]),
        settings_form(shop.workplace, registration_number="INAES 45.678"),
    )
    assert response.status_code == 302
    assert Workplace.objects.get(pk=shop.workplace.pk).registration_number == "INAES 45.678"


def test_an_altered_book_cannot_be_anchored(shop):
    post_entry(shop)
    line = JournalLine.objects.filter(entry__workplace=shop.workplace).first()
    behind_the_triggers(
        ["ledger_journalline"],
        ("UPDATE ledger_journalline SET amount = amount * 10 WHERE id = %s", [line.pk]),
    )
    from django.utils import translation

    with translation.override("en"), pytest.raises(ServiceError) as exc:
        anchors_record(access(shop, "auditor"), shop.workplace)
    assert str(exc.value).endswith(": Journal.")
    assert not BookAnchor.objects.exists()
