"""Seed the Algemene termijnenwet holiday calendar 2000-2040 (art. 3 Atw), editable by functional admins.

The statutory days follow from art. 3(1)-(2); the designated days are the known decrees
(2023-2028) and the standing practice for other years — functional administration checks them
against each new decree in the Staatscourant.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from cases.deadlines.atw import calendar_rows

    AtwHoliday = apps.get_model("cases", "AtwHoliday")
    existing = set(AtwHoliday.objects.values_list("date", flat=True))
    AtwHoliday.objects.bulk_create(
        AtwHoliday(date=row.date, name=row.name, kind=row.kind, source=row.source)
        for row in calendar_rows(2000, 2040)
        if row.date not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_postgres_search_and_append_only")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop, elidable=False)]
