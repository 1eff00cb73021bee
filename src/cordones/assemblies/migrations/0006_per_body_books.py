"""One book per body, and the attendance books (ADR 0013).

Until now every acta of a workplace entered one mixed minute book. That book is kept as it
was, under the key ``legacy_minutes``: its rows, numbers and hashes are not touched, so it
verifies exactly as before. Each of its actas is then entered anew, in order, into its body's
book (assemblies, council, or the body's own) with that book's numbering and chain, its
content unchanged but for the new number and book and a ``provenance`` naming the legacy
entry (number and hash); `verify-books` checks that the legacy entry still holds that very
content. The attendance book of the body gets an entry per acta, generated from the acta's
list of those present and the check-ins, bound to the acta's new hash. The signed minutes
then point to their entry in their body's book.

The append-only triggers are dropped for the schema change (SQLite rebuilds the table) and
created again at the end; no existing row is updated or deleted.
"""

from django.db import migrations, models

from cordones.domain.assemblies.minute_book import GENESIS, entry_hash
from cordones.domain.books import catalog
from cordones.domain.books.minutes import attendance_content, migrated_content

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS minute_book_no_update;",
    "DROP TRIGGER IF EXISTS minute_book_no_delete;",
]
SQLITE_CREATE = [
    """CREATE TRIGGER minute_book_no_update BEFORE UPDATE ON assemblies_minutebookentry
       BEGIN SELECT RAISE(ABORT, 'the minute book is append-only'); END;""",
    """CREATE TRIGGER minute_book_no_delete BEFORE DELETE ON assemblies_minutebookentry
       BEGIN SELECT RAISE(ABORT, 'the minute book is append-only'); END;""",
]
POSTGRES_DROP = ["DROP TRIGGER IF EXISTS minute_book_no_change ON assemblies_minutebookentry;"]
POSTGRES_CREATE = [
    """CREATE TRIGGER minute_book_no_change BEFORE UPDATE OR DELETE ON assemblies_minutebookentry
       FOR EACH ROW EXECUTE FUNCTION minute_book_append_only();""",
]


def _run(schema_editor, postgres, sqlite):
    for sql in postgres if schema_editor.connection.vendor == "postgresql" else sqlite:
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


def create_triggers(apps, schema_editor):
    _run(schema_editor, POSTGRES_CREATE, SQLITE_CREATE)


def into_body_books(apps, schema_editor):
    entry_model = apps.get_model("assemblies", "MinuteBookEntry")
    minutes_model = apps.get_model("assemblies", "Minutes")
    body_model = apps.get_model("assemblies", "Body")
    attendance_model = apps.get_model("assemblies", "Attendance")
    heads: dict[tuple[int, str], tuple[int, str]] = {}

    def append(workplace_id, book, content_for):
        number, previous = heads.get((workplace_id, book), (0, GENESIS))
        number += 1
        content = content_for(number)
        digest = entry_hash(number, content, previous)
        heads[(workplace_id, book)] = (number, digest)
        return entry_model.objects.create(
            workplace_id=workplace_id,
            book=book,
            number=number,
            content=content,
            previous_hash=previous,
            hash=digest,
        )

    for old in entry_model.objects.filter(book=catalog.LEGACY_MINUTES).order_by(
        "workplace_id", "number"
    ):
        minutes = minutes_model.objects.filter(book_entry_id=old.pk).select_related(
            "meeting__body"
        ).first()
        body = minutes.meeting.body if minutes else None
        if body is None:  # an acta without its minutes: find its body by name
            body = body_model.objects.filter(
                workplace_id=old.workplace_id, name=old.content.get("body", "")
            ).first()
        kind = body.kind if body else "general_assembly"
        body_id = body.pk if body else 0
        acta_book = catalog.minutes_book(kind, body_id)
        acta = append(
            old.workplace_id,
            acta_book,
            lambda n, old=old, acta_book=acta_book: migrated_content(
                old.content, book=acta_book, number=n, old_number=old.number, old_hash=old.hash
            ),
        )
        checkins = {}
        if minutes:
            for number, at, by_self in attendance_model.objects.filter(
                meeting_id=minutes.meeting_id
            ).values_list("member__number", "checked_in_at", "by_self"):
                checkins[number] = (at.isoformat(), by_self)
        attendance_book = catalog.attendance_book(kind, body_id)
        append(
            old.workplace_id,
            attendance_book,
            lambda n, acta=acta, attendance_book=attendance_book, checkins=checkins: (
                attendance_content(
                    book=attendance_book,
                    number=n,
                    acta_book=acta.book,
                    acta_number=acta.number,
                    acta_hash=acta.hash,
                    acta=acta.content,
                    checkins=checkins,
                )
            ),
        )
        if minutes:
            minutes_model.objects.filter(pk=minutes.pk).update(book_entry_id=acta.pk)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [("assemblies", "0002_minute_book_append_only")]

    operations = [
        migrations.RunPython(drop_triggers, create_triggers),
        migrations.RemoveConstraint(model_name="minutebookentry", name="book_unique_number"),
        migrations.AddField(
            model_name="minutebookentry",
            name="book",
            field=models.CharField(default=catalog.LEGACY_MINUTES, max_length=40),
            preserve_default=False,
        ),
        migrations.AlterModelOptions(
            name="minutebookentry", options={"ordering": ["workplace", "book", "number"]}
        ),
        migrations.AddConstraint(
            model_name="minutebookentry",
            constraint=models.UniqueConstraint(
                fields=("workplace", "book", "number"), name="book_unique_number_per_book"
            ),
        ),
        migrations.RunPython(into_body_books, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
