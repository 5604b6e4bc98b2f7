"""On PostgreSQL, the timeline and the access log refuse UPDATE and DELETE at the database itself.

The model layer refuses too, but a trigger also stops raw SQL, a bulk .update() or an admin
tool: accountability records must not be editable by anyone with application credentials.
"""

from django.db import migrations

TABLES = ["cases_caseevent", "cases_accesslogentry"]

FUNCTION = """
CREATE OR REPLACE FUNCTION regie_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION regie_refuse_change();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
