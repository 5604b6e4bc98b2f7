"""What the throwaway app registers with `cases`, the way a real app does in its ready()."""

import datetime as dt

from django.db import transaction

from cases.constants import ObstacleKind, Responsible
from cases.deadlines import registry
from cases.deadlines.rules import calendar_term
from cases.events import event_kind
from cases.panels import Panel, register_panel
from cases.removability import Obstacle, RemovabilityCheck, register_removability_check
from cases.signals import case_closed

from .models import PluginMark

PLUGIN_MARKED = event_kind("plugin.marked", "Plugin mark", lambda data: f"mark {data.get('text', '')}")

PLUGIN_REVIEW = "plugin_review"
registry.register(
    registry.RuleVersion(
        kind=PLUGIN_REVIEW,
        version="plugin-1",
        label="Plugin review",
        in_force_from=dt.date(2001, 4, 1),
        in_force_until=None,
        legal_basis="Plugin werkafspraak",
        legal_text="Review what the plugin marked",
        statutory=False,
        atw_applies=False,
        atw_note="A working agreement of the plugin.",
        counting="days",
        params={"days": 14},
        params_from_settings={"days": "PLUGIN_REVIEW_DAYS"},
        responsible=Responsible.CASE_OFFICER,
        remind_before=None,
        task_text="Review the plugin mark",
        compute=calendar_term("days", param="days", note="working_agreement"),
    )
)


def _marks(case, *, on, user, params):
    return {"marks": PluginMark.objects.filter(case_id=case.pk)}


register_panel(
    Panel(
        key="plugin",
        title="Plugin",
        template="plugin_app/panel.html",
        order=95,
        querysets=_marks,
        permission="plugin_app.view_board",
    )
)


def _rows(cases, *, on):
    return {"blocking_marks": PluginMark.objects.filter(case__in=[c.pk for c in cases], blocks_removal=True)}


def _evaluate(cases, rows, *, on):
    found = {}
    for mark in rows["blocking_marks"]:
        found.setdefault(mark.case_id, []).append(
            Obstacle(check="plugin", kind=ObstacleKind.PRACTICAL, reason=f"Plugin obstacle: {mark.text}")
        )
    return found


register_removability_check(
    RemovabilityCheck(key="plugin", kind=ObstacleKind.PRACTICAL, order=90, rows=_rows, evaluate=_evaluate)
)


def _closed(sender, *, case_id, closure_reason, **facts):
    # Idempotent, in its own transaction, as the signals' contract asks of every receiver.
    with transaction.atomic():
        PluginMark.objects.get_or_create(case_id=case_id, text=f"closed: {closure_reason}")


case_closed.connect(_closed, dispatch_uid="plugin_app.case_closed")
