"""A closed case has its closing moment, and only a closed case has one.

Closing (services.case_transition) always stamped `closed_at`; rows written by other means before
this constraint get the moment of their closing event, or failing that the moment they opened.
"""

from django.db import migrations, models


def stamp_closed_cases(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    Case.objects.exclude(phase="closed").filter(closed_at__isnull=False).update(closed_at=None)
    for case in Case.objects.filter(phase="closed", closed_at__isnull=True).iterator():
        closing = (
            CaseEvent.objects.filter(case_id=case.pk, kind="case.phase_changed", data__to="closed")
            .order_by("-occurred_at", "-id")
            .values_list("occurred_at", flat=True)
            .first()
        )
        Case.objects.filter(pk=case.pk).update(closed_at=closing or case.opened_at)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_postgres_search_and_append_only")]

    operations = [
        migrations.RunPython(stamp_closed_cases, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("closed_at__isnull", False), ("phase", "closed")),
                    models.Q(models.Q(("phase", "closed"), _negated=True), ("closed_at__isnull", True)),
                    _connector="OR",
                ),
                name="case_closed_iff_closed_at",
            ),
        ),
    ]
