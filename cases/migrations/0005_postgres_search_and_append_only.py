"""PostgreSQL only: trigram search on folded names, and break-the-glass grants that nobody can edit.

`search_name LIKE '%…%'` is what name search runs; a trigram GIN index keeps it fast at national
scale (400,000 people). SQLite (the embedded demo database) does without.
"""

from django.db import migrations


def fill_search_names(apps, schema_editor):
    from dtv.core.text import fold

    ForeignNational = apps.get_model("cases", "ForeignNational")
    Alias = apps.get_model("cases", "Alias")
    aliases = {}
    for alias in Alias.objects.all():
        aliases.setdefault(alias.foreign_national_id, []).append(f"{alias.given_names} {alias.surname}")
    for person in ForeignNational.objects.filter(search_name=""):
        names = [f"{person.given_names} {person.surname}", *aliases.get(person.pk, [])]
        person.search_name = fold(" | ".join(names))
        person.save(update_fields=["search_name"])


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm;")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS fn_search_name_trgm ON cases_foreignnational "
        "USING gin (search_name gin_trgm_ops);"
    )
    schema_editor.execute(
        "CREATE TRIGGER cases_breakglassgrant_append_only BEFORE UPDATE OR DELETE ON cases_breakglassgrant "
        "FOR EACH ROW EXECUTE FUNCTION regie_refuse_change();"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS cases_breakglassgrant_append_only ON cases_breakglassgrant;")
    schema_editor.execute("DROP INDEX IF EXISTS fn_search_name_trgm;")


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_case_file_and_deadlines")]
    operations = [
        migrations.RunPython(fill_search_names, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
