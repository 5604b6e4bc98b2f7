"""How each kind of CaseEvent reads in the timeline (label and one line of facts), in the user's language."""

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .constants import (
    ClosureReason,
    DuplicateReview,
    FamilyRelation,
    HandoverOutcome,
    InterpreterMode,
    InterviewKind,
    Phase,
    ProcedureKind,
    ProcedureOutcome,
    Source,
    Stance,
)
from .deadlines.rules import DeadlineKind
from .languages import language_name

LABELS = {
    "case.opened": gettext_lazy("Case opened"),
    "handover.received": gettext_lazy("Handover received"),
    "case.possible_duplicate": gettext_lazy("Possible duplicate flagged"),
    "case.assigned": gettext_lazy("Case assigned"),
    "case.phase_changed": gettext_lazy("Phase changed"),
    "case.confidential_changed": gettext_lazy("Confidentiality changed"),
    "case.duplicate_reviewed": gettext_lazy("Possible duplicate reviewed"),
    "case.break_glass": gettext_lazy("Opened outside the normal scope (break the glass)"),
    "person.changed": gettext_lazy("Personal data corrected"),
    "family.linked": gettext_lazy("Family link recorded"),
    "note.added": gettext_lazy("Note added"),
    "interview.recorded": gettext_lazy("Departure interview recorded"),
    "action.completed": gettext_lazy("Agreed action completed"),
    "procedure.recorded": gettext_lazy("Legal procedure recorded"),
    "procedure.decided": gettext_lazy("Legal procedure decided"),
    "departure_term.recorded": gettext_lazy("Departure term recorded"),
    "departure_term.corrected": gettext_lazy("Departure term corrected"),
    "deadline.opened": gettext_lazy("Deadline opened"),
    "deadline.recomputed": gettext_lazy("Deadline recomputed"),
    "deadline.met": gettext_lazy("Deadline met"),
    "deadline.cancelled": gettext_lazy("Deadline cancelled"),
    "deadline.suspended": gettext_lazy("Deadline suspended"),
    "deadline.resumed": gettext_lazy("Deadline resumed"),
    "deadline.overdue": gettext_lazy("Deadline passed"),
    "deadline.escalated": gettext_lazy("Deadline escalated to the team lead"),
    "document.uploaded": gettext_lazy("Document uploaded"),
    "work_item.done": gettext_lazy("Work item done"),
}


def _label(choices, value):
    try:
        return str(choices(value).label)
    except ValueError:
        return value or "–"


def _moment(iso):
    if not iso:
        return "–"
    value = dt.datetime.fromisoformat(iso)
    return formats.date_format(timezone.localtime(value), "j F Y H:i")


def _day(iso):
    return formats.date_format(dt.date.fromisoformat(iso), "j F Y") if iso else "–"


def _deadline(data):
    return _("%(kind)s (%(basis)s), due %(due)s") % {
        "kind": _label(DeadlineKind, data.get("kind")),
        "basis": data.get("legal_basis", ""),
        "due": _moment(data.get("due_at")),
    }


def _describe(kind, data):
    if kind == "case.opened":
        return _("Source: %(source)s, reference %(reference)s") % {
            "source": _label(Source, data.get("source")),
            "reference": data.get("reference", "–"),
        }
    if kind == "handover.received":
        return f"{data.get('reference', '')} — {_label(HandoverOutcome, data.get('outcome'))}"
    if kind == "case.assigned":
        return _("To %(to)s (%(team)s)") % {"to": data.get("to", "–"), "team": data.get("team", "")} + (
            f" — {data['reason']}" if data.get("reason") else ""
        )
    if kind == "case.phase_changed":
        text = f"{_label(Phase, data.get('from'))} → {_label(Phase, data.get('to'))}"
        if data.get("closure_reason"):
            text += f" ({_label(ClosureReason, data['closure_reason'])})"
        return text
    if kind == "case.confidential_changed":
        state = _("confidential") if data.get("confidential") else _("not confidential")
        return f"{state} — {data.get('reason', '')}"
    if kind == "case.duplicate_reviewed":
        return f"{data.get('other', '')}: {_label(DuplicateReview, data.get('verdict'))}"
    if kind in ("case.break_glass",):
        return data.get("reason", "")
    if kind == "person.changed":
        return ", ".join(data.get("fields", []))
    if kind == "family.linked":
        return f"{data.get('relative', '')} ({_label(FamilyRelation, data.get('relation'))})"
    if kind == "interview.recorded":
        interpreter = _label(InterpreterMode, data.get("interpreter_mode"))
        if data.get("interpreter_language"):
            interpreter += f" ({language_name(data['interpreter_language'])})"
        return f"{_label(InterviewKind, data.get('kind'))} — {interpreter} — {_label(Stance, data.get('stance'))}"
    if kind == "action.completed":
        return data.get("text", "")
    if kind in ("procedure.recorded", "procedure.decided"):
        text = f"{_label(ProcedureKind, data.get('kind'))}: {_label(ProcedureOutcome, data.get('outcome'))}"
        if "removable_after" in data:
            text += " — " + (_("removable") if data["removable_after"] else _("not removable"))
        return text
    if kind == "departure_term.recorded":
        return _("%(days)s days from %(date)s") % {"days": data.get("days"), "date": _day(data.get("effective_on"))}
    if kind == "departure_term.corrected":
        old, new = data.get("old", {}), data.get("new", {})
        return _("%(old_days)s days from %(old)s → %(new_days)s days from %(new)s: %(why)s") % {
            "old_days": old.get("days"),
            "old": _day(old.get("effective_on")),
            "new_days": new.get("days"),
            "new": _day(new.get("effective_on")),
            "why": data.get("correction", ""),
        }
    if kind in ("deadline.recomputed", "deadline.resumed"):
        return (
            _deadline(data)
            + " — "
            + _("was %(old)s: %(why)s")
            % {
                "old": _moment(data.get("old_due_at")),
                "why": data.get("reason", ""),
            }
        )
    if kind.startswith("deadline."):
        return _deadline(data)
    if kind == "document.uploaded":
        return data.get("filename", "")
    return ""


def describe(event) -> tuple[str, str]:
    """(label, facts) of a timeline event; unknown kinds show their code rather than failing."""
    label = LABELS.get(event.kind)
    return (str(label) if label else event.kind), _describe(event.kind, event.data or {})
