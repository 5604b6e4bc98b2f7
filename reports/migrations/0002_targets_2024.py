"""The KPI targets of the Jaarplan 2024 (seed 001): reference data, kept in the admin afterwards."""

from decimal import Decimal

from django.db import migrations

SOURCE = "DT&V Jaarplan 2024"
TARGETS = [
    ("demonstrable_departure", "at_least", "50"),
    ("unknown_destination", "at_most", "50"),
    ("vris_demonstrable", "at_least", "78"),
    ("lawful_detention", "at_least", "90"),
    ("complaints_on_time", "at_least", "75"),
    ("data_quality", "at_least", "95"),
]


def seed(apps, schema_editor):
    Target = apps.get_model("reports", "Target")
    for kpi, comparison, percentage in TARGETS:
        Target.objects.update_or_create(
            kpi=kpi, year=2024, defaults={"comparison": comparison, "percentage": Decimal(percentage), "source": SOURCE}
        )


def unseed(apps, schema_editor):
    apps.get_model("reports", "Target").objects.filter(year=2024, source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_summaries_targets_complaints")]
    operations = [migrations.RunPython(seed, unseed)]
