"""The timeline event kinds of the deadline engine, the sweep and the work items."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..events import choice_label, event_kind, moment_text
from .rules import DeadlineKind


def _deadline(data):
    return _("%(kind)s (%(basis)s), due %(due)s") % {
        "kind": choice_label(DeadlineKind, data.get("kind")),
        "basis": data.get("legal_basis", ""),
        "due": moment_text(data.get("due_at")),
    }


def _moved(data):
    return (
        _deadline(data)
        + " — "
        + _("was %(old)s: %(why)s") % {"old": moment_text(data.get("old_due_at")), "why": data.get("reason", "")}
    )


DEADLINE_OPENED = event_kind("deadline.opened", gettext_lazy("Deadline opened"), _deadline)
DEADLINE_RECOMPUTED = event_kind("deadline.recomputed", gettext_lazy("Deadline recomputed"), _moved)
DEADLINE_MET = event_kind("deadline.met", gettext_lazy("Deadline met"), _deadline)
DEADLINE_CANCELLED = event_kind("deadline.cancelled", gettext_lazy("Deadline cancelled"), _deadline)
DEADLINE_SUSPENDED = event_kind("deadline.suspended", gettext_lazy("Deadline suspended"), _deadline)
DEADLINE_RESUMED = event_kind("deadline.resumed", gettext_lazy("Deadline resumed"), _moved)
DEADLINE_OVERDUE = event_kind("deadline.overdue", gettext_lazy("Deadline passed"), _deadline)
DEADLINE_ESCALATED = event_kind("deadline.escalated", gettext_lazy("Deadline escalated to the team lead"), _deadline)
WORK_ITEM_DONE = event_kind("work_item.done", gettext_lazy("Work item done"))
