"""Posted journal entries and their lines are immutable in the database itself: an UPDATE
or DELETE fails whoever issues it (corrections are reversals)."""

from django.db import migrations

TABLES = ("ledger_journalentry", "ledger_journalline")

SQLITE = [
    sql
    for table in TABLES
    for sql in (
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable'); END;""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable'); END;""",
    )
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {table}_{what};" for table in TABLES for what in ("no_update", "no_delete")
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION journal_immutable() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'posted journal entries are immutable'; END; $$ LANGUAGE plpgsql;""",
    *(
        f"""CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION journal_immutable();"""
        for table in TABLES
    ),
]
POSTGRES_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table};" for table in TABLES),
    "DROP FUNCTION IF EXISTS journal_immutable();",
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
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
