"""Atw calendar: days no known decree designates are marked predicted; the decrees' days get their citation.

A calendar seeded before this migration lacks three days the decrees designated — 4 May 2015 (Besluit
of 17 June 2013, 2014-2016) and 24 and 31 December 2018 (Stcrt. 2016, 58653, 2017-2019) — and cites
no decree by name. This adds the days, cites each decree on its days, and marks every day of the
standing practice as predicted. Rows functional administration changed by hand are left as they
are. A fresh database is empty here and seeded after migrate from `cases/deadlines/atw.py`.
No running deadline is moved: every day added lies years in the past.
"""

import datetime as dt

from django.db import migrations, models

D = dt.date
PRACTICE = "vaste praktijk"
OLD_DECREE_SOURCE = "Besluit gelijkstelling (Stcrt.)"
DECREES = {
    "Besluit van 17 juni 2013 (Atw art. 3 lid 3, 2014-2016)": [
        (D(2014, 5, 30), "Vrijdag na Hemelvaartsdag"),
        (D(2015, 5, 4), "Maandag vóór Bevrijdingsdag"),
        (D(2015, 5, 15), "Vrijdag na Hemelvaartsdag"),
        (D(2016, 5, 6), "Vrijdag na Hemelvaartsdag"),
    ],
    "Stcrt. 2016, 58653 (Atw art. 3 lid 3, 2017-2019)": [
        (D(2017, 5, 26), "Vrijdag na Hemelvaartsdag"),
        (D(2018, 5, 11), "Vrijdag na Hemelvaartsdag"),
        (D(2018, 12, 24), "Maandag vóór Eerste Kerstdag"),
        (D(2018, 12, 31), "Maandag vóór Nieuwjaarsdag"),
        (D(2019, 5, 31), "Vrijdag na Hemelvaartsdag"),
    ],
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 "
    "met een algemeen erkende feestdag": [
        (D(2023, 4, 28), "Vrijdag na Koningsdag"),
        (D(2023, 5, 19), "Vrijdag na Hemelvaartsdag"),
        (D(2024, 5, 10), "Vrijdag na Hemelvaartsdag"),
        (D(2024, 12, 27), "Vrijdag na Tweede Kerstdag"),
        (D(2025, 5, 30), "Vrijdag na Hemelvaartsdag"),
    ],
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
    "met een algemeen erkende feestdag": [
        (D(2026, 1, 2), "Vrijdag na Nieuwjaarsdag"),
        (D(2026, 5, 15), "Vrijdag na Hemelvaartsdag"),
        (D(2027, 5, 7), "Vrijdag na Hemelvaartsdag"),
        (D(2028, 4, 28), "Vrijdag na Koningsdag"),
        (D(2028, 5, 26), "Vrijdag na Hemelvaartsdag"),
    ],
}


def cite_decrees_and_mark_predictions(apps, schema_editor):
    AtwHoliday = apps.get_model("cases", "AtwHoliday")
    if not AtwHoliday.objects.exists():
        return
    for citation, days in DECREES.items():
        for day, name in days:
            row = AtwHoliday.objects.filter(date=day).first()
            if row is None:
                AtwHoliday.objects.create(date=day, name=name, kind="designated", source=citation)
            elif row.source in (PRACTICE, OLD_DECREE_SOURCE):
                row.name, row.kind, row.source = name, "designated", citation
                row.save(update_fields=["name", "kind", "source"])
    AtwHoliday.objects.filter(kind="designated", source=PRACTICE).update(predicted=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_deadline_internal_target"),
    ]

    operations = [
        migrations.AddField(
            model_name="atwholiday",
            name="predicted",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "A day the standing practice predicts but no known decree designates yet. Confirm it "
                    "(untick, and cite the decree as the source) once the decree is published."
                ),
                verbose_name="predicted, not law",
            ),
        ),
        migrations.AddField(
            model_name="historicalatwholiday",
            name="predicted",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "A day the standing practice predicts but no known decree designates yet. Confirm it "
                    "(untick, and cite the decree as the source) once the decree is published."
                ),
                verbose_name="predicted, not law",
            ),
        ),
        migrations.RunPython(cite_decrees_and_mark_predictions, migrations.RunPython.noop),
    ]
