"""Urgency: deadlines carry their rule's statutory flag and an urgency key; cases their next deadline's.

The data step fills both for the deadlines there are (the flag from the rule version that computed
each one) and points every case at its most urgent live deadline (day, statutory first, moment), as
engine.case_next_deadline_refresh does from now on. The work queue's partial indexes follow in 0011
(PostgreSQL builds no index in the transaction that updated the rows).
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

LIVE = ("open", "overdue")


# counting.urgency_key in SQL, as it stood when this migration was written (a migration stays as it was):
# (ordinal of the last day * 2 + rank) * 10^11 + epoch seconds of the due moment; rank 0 statutory, 1 not.
URGENCY_SQL = """
UPDATE cases_deadline SET urgency = (
    (((COALESCE(due_date, (due_at AT TIME ZONE 'Europe/Amsterdam')::date) - DATE '0001-01-01') + 1) * 2
     + CASE WHEN statutory THEN 0 ELSE 1 END)::bigint * 100000000000
    + floor(extract(epoch FROM due_at))::bigint
)
"""


def fill_urgency(apps, schema_editor):
    from cases.deadlines import registry
    from cases.deadlines.counting import urgency_key

    Deadline = apps.get_model("cases", "Deadline")
    Case = apps.get_model("cases", "Case")
    statutory_kinds = registry.statutory_kinds()

    def statutory(kind, version):
        try:
            return registry.rule_version(kind, on=None, version=version).statutory
        except LookupError:
            return kind in statutory_kinds

    # The flag of the rule version that computed each deadline: one UPDATE per (kind, version).
    pairs = Deadline.objects.order_by().values_list("kind", "rule_version").distinct()
    for kind, version in list(pairs):
        if statutory(kind, version):
            Deadline.objects.filter(kind=kind, rule_version=version).update(statutory=True)
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(URGENCY_SQL)
    else:
        batch = list(Deadline.objects.only("due_date", "due_at", "statutory"))
        for deadline in batch:
            deadline.urgency = urgency_key(
                due_date=deadline.due_date, due_at=deadline.due_at, statutory=deadline.statutory, tz=registry.AMSTERDAM
            )
        Deadline.objects.bulk_update(batch, ["urgency"], batch_size=2000)
    nearest = Deadline.objects.filter(case_id=OuterRef("pk"), status__in=LIVE).order_by("urgency", "id")
    Case.objects.update(
        next_deadline=Subquery(nearest.values("id")[:1]),
        next_due_at=Subquery(nearest.values("due_at")[:1]),
        next_due_key=Subquery(nearest.values("urgency")[:1]),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_user_language'),
        ('cases', '0009_foreignnational_search_key'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='next_due_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='next deadline due at'),
        ),
        migrations.AddField(
            model_name='case',
            name='next_due_key',
            field=models.BigIntegerField(blank=True, editable=False, null=True, verbose_name='urgency of the next deadline'),
        ),
        migrations.AddField(
            model_name='deadline',
            name='statutory',
            field=models.BooleanField(default=False, verbose_name='statutory term'),
        ),
        migrations.AddField(
            model_name='deadline',
            name='urgency',
            field=models.BigIntegerField(default=0, editable=False, verbose_name='urgency'),
        ),
        migrations.AddField(
            model_name='historicaldeadline',
            name='statutory',
            field=models.BooleanField(default=False, verbose_name='statutory term'),
        ),
        migrations.AddField(
            model_name='historicaldeadline',
            name='urgency',
            field=models.BigIntegerField(default=0, editable=False, verbose_name='urgency'),
        ),
        migrations.RunPython(fill_urgency, migrations.RunPython.noop, elidable=True),
    ]
