"""Spelling-variant keys of every name beside the folded names, with their own trigram index on PostgreSQL.

`search_key LIKE '% hasan%'` is how search and the intake duplicate check find "Hassan" for
"Hasan" and "Đorđević" for "Djordjevic" (dtv.core.text.name_key, cases.people.person_search_key);
the GIN index keeps it index-served. The backfill repeats person_search_key as of this migration.
"""

from django.db import migrations, models


def fill_search_keys(apps, schema_editor):
    from dtv.core.text import name_key

    ForeignNational = apps.get_model("cases", "ForeignNational")
    Alias = apps.get_model("cases", "Alias")
    aliases = {}
    for alias in Alias.objects.order_by("pk"):
        aliases.setdefault(alias.foreign_national_id, []).append((alias.given_names, alias.surname))
    for person in ForeignNational.objects.filter(search_key="").iterator():
        keys = []
        for names in [(person.given_names, person.surname), *aliases.get(person.pk, [])]:
            for part in names:
                words = name_key(part).split()
                keys += [name_key(part, joined=True), *words] if len(words) > 1 else words
        key = f" {' '.join(dict.fromkeys(keys))} " if keys else ""
        ForeignNational.objects.filter(pk=person.pk).update(search_key=key)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Without GIN's pending list (fastupdate): people are written one handover at a time, and a
    # pending list would make every search scan it until the next vacuum, and the planner distrust
    # the index meanwhile.
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS fn_search_key_trgm ON cases_foreignnational "
        "USING gin (search_key gin_trgm_ops) WITH (fastupdate = off);"
    )
    schema_editor.execute("ALTER INDEX IF EXISTS fn_search_name_trgm SET (fastupdate = off);")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER INDEX IF EXISTS fn_search_name_trgm RESET (fastupdate);")
    schema_editor.execute("DROP INDEX IF EXISTS fn_search_key_trgm;")


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_atw_holiday_predicted")]

    operations = [
        migrations.AddField(
            model_name="foreignnational",
            name="search_key",
            field=models.TextField(blank=True, editable=False, verbose_name="search key"),
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
