"""Planner statistics on the work queue's sort key (querysets.queue_urgency()), PostgreSQL only.

Without them PostgreSQL guesses how many cases lie beyond a keyset cursor (most open cases without a
deadline share the one "no deadline" key): at 100,000 cases it guessed 128 of 6,206 for a deep intake
page, joined all of them and sorted (150 ms) instead of reading the index in order (1 ms).
"""

from django.db import migrations

CREATE = """
CREATE STATISTICS IF NOT EXISTS case_queue_urgency_stats
ON (COALESCE(next_due_key, 9223372036854775807::bigint)) FROM cases_case
"""
DROP = "DROP STATISTICS IF EXISTS case_queue_urgency_stats"


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_family_link_request"),
    ]

    operations = [
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]
