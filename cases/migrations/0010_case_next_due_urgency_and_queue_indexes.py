"""Urgency: deadlines carry their rule's statutory flag and an urgency key; cases their next deadline's.

The data step fills both for the deadlines there are (the flag from the rule version that computed
each one) and points every case at its most urgent live deadline (day, statutory first, moment), as
engine.case_next_deadline_refresh does from now on. Then the work queue's partial indexes.
"""

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

LIVE = ("open", "overdue")


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

    batch = []
    for deadline in Deadline.objects.only("kind", "rule_version", "due_date", "due_at").iterator(chunk_size=2000):
        deadline.statutory = statutory(deadline.kind, deadline.rule_version)
        deadline.urgency = urgency_key(
            due_date=deadline.due_date, due_at=deadline.due_at, statutory=deadline.statutory, tz=registry.AMSTERDAM
        )
        batch.append(deadline)
        if len(batch) >= 2000:
            Deadline.objects.bulk_update(batch, ["statutory", "urgency"])
            batch = []
    Deadline.objects.bulk_update(batch, ["statutory", "urgency"])
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
        migrations.AddIndex(
            model_name='case',
            index=models.Index(models.F('case_officer'), django.db.models.functions.comparison.Coalesce(models.F('next_due_key'), models.Value(9223372036854775807), output_field=models.BigIntegerField()), models.F('id'), condition=models.Q(('phase', 'closed'), _negated=True), name='case_queue_officer'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(models.F('team'), django.db.models.functions.comparison.Coalesce(models.F('next_due_key'), models.Value(9223372036854775807), output_field=models.BigIntegerField()), models.F('id'), condition=models.Q(('phase', 'closed'), _negated=True), name='case_queue_team'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(django.db.models.functions.comparison.Coalesce(models.F('next_due_key'), models.Value(9223372036854775807), output_field=models.BigIntegerField()), models.F('id'), condition=models.Q(models.Q(('phase', 'closed'), _negated=True), ('case_officer__isnull', True), ('team__isnull', True)), name='case_queue_intake'),
        ),
    ]
