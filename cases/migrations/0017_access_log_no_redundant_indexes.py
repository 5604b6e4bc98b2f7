"""The access log's own indexes on user and person go: accesslog_user and accesslog_person start with them.

Every list page writes one row per person shown, and each index is a write. Only the indexes are dropped:
Django's AlterField would also drop and re-add both foreign keys, which re-checks every row of the
(append-only, ever-growing) table under a lock.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEXES = {
    "cases_accesslogentry_foreign_national_id_ed754f64": "foreign_national_id",
    "cases_accesslogentry_user_id_068bce3d": "user_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_edit_versions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accesslogentry",
                    name="foreign_national",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.foreignnational",
                        verbose_name="foreign national",
                    ),
                ),
                migrations.AlterField(
                    model_name="accesslogentry",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "cases_accesslogentry" ("{column}")',
                )
                for name, column in INDEXES.items()
            ],
        ),
    ]
