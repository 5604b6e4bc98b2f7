"""The work queue's partial indexes on the urgency of the next deadline (querysets.queue_urgency(), then id)."""

import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0010_case_next_due_urgency'),
    ]

    operations = [
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
