"""The register is append-only in the database itself, not only in Python: an UPDATE or
DELETE of a register entry fails whoever issues it."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER register_no_update BEFORE UPDATE ON members_registerentry
       BEGIN SELECT RAISE(ABORT, 'register entries are append-only'); END;""",
    """CREATE TRIGGER register_no_delete BEFORE DELETE ON members_registerentry
       BEGIN SELECT RAISE(ABORT, 'register entries are append-only'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS register_no_update;",
    "DROP TRIGGER IF EXISTS register_no_delete;",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION register_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'register entries are append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER register_no_change BEFORE UPDATE OR DELETE ON members_registerentry
       FOR EACH ROW EXECUTE FUNCTION register_append_only();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS register_no_change ON members_registerentry;",
    "DROP FUNCTION IF EXISTS register_append_only();",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = (
        POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    )
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
