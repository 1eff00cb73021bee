"""The minute book is append-only in the database: UPDATE and DELETE fail for everyone."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER minute_book_no_update BEFORE UPDATE ON assemblies_minutebookentry
       BEGIN SELECT RAISE(ABORT, 'the minute book is append-only'); END;""",
    """CREATE TRIGGER minute_book_no_delete BEFORE DELETE ON assemblies_minutebookentry
       BEGIN SELECT RAISE(ABORT, 'the minute book is append-only'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS minute_book_no_update;",
    "DROP TRIGGER IF EXISTS minute_book_no_delete;",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION minute_book_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the minute book is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER minute_book_no_change BEFORE UPDATE OR DELETE ON assemblies_minutebookentry
       FOR EACH ROW EXECUTE FUNCTION minute_book_append_only();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS minute_book_no_change ON assemblies_minutebookentry;",
    "DROP FUNCTION IF EXISTS minute_book_append_only();",
]


def forwards(apps, schema_editor):
    for sql in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("assemblies", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
