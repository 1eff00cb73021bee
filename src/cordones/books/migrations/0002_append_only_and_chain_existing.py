"""Links and anchors are append-only in the database (UPDATE and DELETE fail for everyone),
and the journal entries and register lines written before the chains existed are chained
now, in their order, so every book verifies from its first entry."""

from django.db import migrations

from cordones.books.contents import chain_rows, journal_contents, register_contents

TABLES = ("books_booklink", "books_bookanchor")
SQLITE = [
    sql
    for table in TABLES
    for sql in (
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, 'the books are append-only'); END;""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, 'the books are append-only'); END;""",
    )
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {table}_{what};" for table in TABLES for what in ("no_update", "no_delete")
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION books_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the books are append-only'; END; $$ LANGUAGE plpgsql;""",
    *(
        f"""CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION books_append_only();"""
        for table in TABLES
    ),
]
POSTGRES_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table};" for table in TABLES),
    "DROP FUNCTION IF EXISTS books_append_only();",
]


def triggers(apps, schema_editor):
    for sql in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def no_triggers(apps, schema_editor):
    for sql in POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE:
        schema_editor.execute(sql)


def chain_existing(apps, schema_editor):
    link = apps.get_model("books", "BookLink")
    entry = apps.get_model("ledger", "JournalEntry")
    line = apps.get_model("ledger", "JournalLine")
    register = apps.get_model("members", "RegisterEntry")
    for workplace_id in apps.get_model("workplaces", "Workplace").objects.values_list("id", flat=True):
        chain_rows(link, workplace_id, "journal", journal_contents(entry, line, workplace_id))
        chain_rows(link, workplace_id, "register", register_contents(register, workplace_id))


class Migration(migrations.Migration):
    dependencies = [
        ("books", "0001_initial"),
        ("ledger", "0002_journal_append_only"),
        ("members", "0002_register_append_only"),
    ]
    operations = [
        migrations.RunPython(triggers, no_triggers),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
