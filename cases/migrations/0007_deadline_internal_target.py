"""Every deadline keeps its legal last day and its internal target (art. 94 Vw 2000 under the Atw).

Existing deadlines get the target their rules had: the legal last day itself. A running court-notice
deadline computed before keeps day 28 as both until it is recomputed. The sweep gains the target
stage, which only deadlines whose target precedes the legal last day pass through.
"""

from django.db import migrations, models

STAGES = [
    ("reminder", "Reminder before the deadline"),
    ("target", "Internal target reached"),
    ("due", "Deadline passed"),
    ("escalation", "Escalated to the team lead"),
]


def targets_are_the_legal_days(apps, schema_editor):
    for name in ("Deadline", "HistoricalDeadline"):
        model = apps.get_model("cases", name)
        model.objects.filter(target_at__isnull=True).update(
            target_at=models.F("due_at"), target_date=models.F("due_date")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_case_legal_obstacle_and_closure_details"),
    ]

    operations = [
        migrations.AddField(
            model_name="deadline",
            name="target_date",
            field=models.DateField(blank=True, null=True, verbose_name="internal target day"),
        ),
        migrations.AddField(
            model_name="deadline",
            name="target_at",
            field=models.DateTimeField(null=True, verbose_name="internal target"),
        ),
        migrations.AddField(
            model_name="historicaldeadline",
            name="target_date",
            field=models.DateField(blank=True, null=True, verbose_name="internal target day"),
        ),
        migrations.AddField(
            model_name="historicaldeadline",
            name="target_at",
            field=models.DateTimeField(null=True, verbose_name="internal target"),
        ),
        migrations.RunPython(targets_are_the_legal_days, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="deadline",
            name="target_at",
            field=models.DateTimeField(verbose_name="internal target"),
        ),
        migrations.AlterField(
            model_name="historicaldeadline",
            name="target_at",
            field=models.DateTimeField(verbose_name="internal target"),
        ),
        migrations.AlterField(
            model_name="deadline",
            name="sweep_stage",
            field=models.CharField(blank=True, choices=STAGES, max_length=20, verbose_name="next sweep stage"),
        ),
        migrations.AlterField(
            model_name="historicaldeadline",
            name="sweep_stage",
            field=models.CharField(blank=True, choices=STAGES, max_length=20, verbose_name="next sweep stage"),
        ),
        migrations.AlterField(
            model_name="workitem",
            name="stage",
            field=models.CharField(blank=True, choices=STAGES, max_length=20, verbose_name="stage"),
        ),
        migrations.AlterField(
            model_name="historicalworkitem",
            name="stage",
            field=models.CharField(blank=True, choices=STAGES, max_length=20, verbose_name="stage"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="stage",
            field=models.CharField(choices=STAGES, max_length=20, verbose_name="stage"),
        ),
    ]
