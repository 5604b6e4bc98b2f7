"""The complaints registered before the register kept its history get one history row each, dated at registration.

The KPI "complaints handled on time" counts a complaint on the day its handling was first recorded (its history);
of an existing complaint only the registration moment is known, so a handling already recorded counts on that day.
"""

from django.db import migrations


def backfill(apps, schema_editor):
    complaint = apps.get_model("reports", "Complaint")
    history = apps.get_model("reports", "HistoricalComplaint")
    known = set(history.objects.values_list("id", flat=True))
    history.objects.bulk_create(
        [
            history(
                id=row.pk,
                reference=row.reference,
                received_on=row.received_on,
                subject=row.subject,
                deferred=row.deferred,
                handled_on=row.handled_on,
                registered_at=row.registered_at,
                registered_by_id=row.registered_by_id,
                history_date=row.registered_at,
                history_type="+",
                history_user_id=row.registered_by_id,
                history_change_reason="Registered before the register kept its history",
            )
            for row in complaint.objects.order_by("registered_at", "id")
            if row.pk not in known
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0006_ruling_complaint_quality_counts")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
