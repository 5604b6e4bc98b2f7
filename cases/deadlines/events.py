"""The timeline event kinds of the deadline engine, the sweep and the work items.

A deadline event stores facts (kind, legal last day, internal target, the explanation steps of that
revision), never text; these describe functions render them in the reader's language, with the same
date formatting as the deadline card (`explain.due_text`).
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..events import event_kind
from . import registry
from .explain import due_text, explain


def _last_day(data):
    """The due date as the card shows it; events written before the last day was stored are read back."""
    if "due_date" in data:
        due_date = dt.date.fromisoformat(data["due_date"]) if data["due_date"] else None
    else:
        due_date = _legacy_last_day(data)
    if data.get("due_at") is None and due_date is None:
        return "–"
    due_at = dt.datetime.fromisoformat(data["due_at"]) if data.get("due_at") else None
    return due_text(due_date=due_date, due_at=due_at, style="long")


def _legacy_last_day(data):
    # Older events hold only the exclusive end (00:00 after the last day of a term in days).
    known = registry.versions(data.get("kind"))
    if not data.get("due_at") or not known or known[0].counting.startswith("hours"):
        return None
    end = timezone.localtime(dt.datetime.fromisoformat(data["due_at"]))
    return end.date() - dt.timedelta(days=1) if end.time() == dt.time(0) else end.date()


def _deadline(data):
    text = _("%(kind)s (%(basis)s), due %(due)s") % {
        "kind": registry.kind_label(data.get("kind")),
        "basis": data.get("legal_basis", ""),
        "due": _last_day(data),
    }
    if data.get("target_at"):
        target = dt.date.fromisoformat(data["target_date"]) if data.get("target_date") else None
        target_at = dt.datetime.fromisoformat(data["target_at"])
        text += " " + _("(internal target %(target)s)") % {
            "target": due_text(due_date=target, due_at=target_at, style="long")
        }
    return text


def _with_steps(data):
    text = _deadline(data)
    if data.get("steps"):
        text += ". " + explain(data["steps"])
    return text


def _moved(data):
    old = {"kind": data.get("kind"), "due_at": data.get("old_due_at")}
    if "old_due_date" in data:
        old["due_date"] = data["old_due_date"]
    text = _deadline(data) + " — " + _("was %(old)s: %(why)s") % {"old": _last_day(old), "why": data.get("reason", "")}
    if data.get("steps"):
        text += ". " + explain(data["steps"])
    return text


def _met(data):
    text = _deadline(data)
    if data.get("late"):
        text += " — " + _("after the legal last day")
    if data.get("reason"):
        text += " — " + data["reason"]
    return text


def _with_reason(data):
    return _deadline(data) + (f" — {data['reason']}" if data.get("reason") else "")


DEADLINE_OPENED = event_kind("deadline.opened", gettext_lazy("Deadline opened"), _with_steps)
DEADLINE_RECOMPUTED = event_kind("deadline.recomputed", gettext_lazy("Deadline recomputed"), _moved)
DEADLINE_MET = event_kind("deadline.met", gettext_lazy("Deadline met"), _met)
DEADLINE_CANCELLED = event_kind("deadline.cancelled", gettext_lazy("Deadline cancelled"), _with_reason)
DEADLINE_SUSPENDED = event_kind("deadline.suspended", gettext_lazy("Deadline suspended"), _with_reason)
DEADLINE_RESUMED = event_kind("deadline.resumed", gettext_lazy("Deadline resumed"), _moved)
DEADLINE_TARGET_REACHED = event_kind(
    "deadline.target_reached", gettext_lazy("Internal target of the deadline reached"), _deadline
)
DEADLINE_OVERDUE = event_kind("deadline.overdue", gettext_lazy("Deadline passed"), _deadline)
DEADLINE_ESCALATED = event_kind("deadline.escalated", gettext_lazy("Deadline escalated to the team lead"), _deadline)
WORK_ITEM_DONE = event_kind("work_item.done", gettext_lazy("Work item done"))
