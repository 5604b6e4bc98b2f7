"""The timeline of a case: one registry of event kinds, and the one way to write an event.

Every kind of `CaseEvent` is declared once, as a constant made by `event_kind(...)`: its code (stored
data, never renamed), its label, how its facts read on the timeline (rendered in the reader's
language when the timeline is shown, never stored as text) and who may see it. Apps above `cases`
declare their own kinds in their `events.py`, imported from their `AppConfig.ready()`; `cases` never
names them. Writing an event of a kind nobody registered is a programming error and is refused, so a
typo cannot silently produce an event nobody can read or count.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .constants import (
    ClosureEvidence,
    ClosureReason,
    DestinationType,
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
from .countries import country_name
from .languages import language_name
from .models import CaseEvent


@dataclass(frozen=True)
class EventKind:
    """A kind of timeline event: `describe(data)` gives its facts in the active language."""

    code: str
    label: Promise | str
    describe: Callable[[dict], str]
    # A permission the reader needs beyond reading the case (None: whoever may read the case's timeline).
    permission: str | None = None

    def __str__(self):
        return self.code


_KINDS: dict[str, EventKind] = {}


def _no_facts(data):
    return ""


def event_kind(code, label, describe=None, *, permission=None) -> EventKind:
    """Declare (register) an event kind; a code can be declared only once."""
    if code in _KINDS:
        raise ValueError(f"Event kind {code!r} is declared twice.")
    kind = EventKind(code=code, label=label, describe=describe or _no_facts, permission=permission)
    _KINDS[code] = kind
    return kind


def unregister_event_kind(code):
    """Remove a kind from the registry (for tests that declare throwaway kinds)."""
    _KINDS.pop(code, None)


def event_kinds() -> dict[str, EventKind]:
    """Every registered kind by code (reports count events by these)."""
    return dict(_KINDS)


def event_kind_for(code) -> EventKind | None:
    """The registered kind with this code, or None."""
    return _KINDS.get(code)


def _require_registered(kind) -> EventKind:
    if not isinstance(kind, EventKind):
        # A code typed as a string is how typos slip in: services pass the declared constant.
        raise TypeError(f"Pass the declared EventKind constant, not {kind!r}.")
    if _KINDS.get(kind.code) is not kind:
        raise ValueError(f"Event kind {kind.code!r} is not registered: declare it with event_kind() first.")
    return kind


def case_event_record(*, case, kind: EventKind, actor, now, data=None) -> CaseEvent:
    """Append one event to the case's timeline (call inside the service's own transaction)."""
    kind = _require_registered(kind)
    return CaseEvent.objects.create(case=case, kind=kind.code, actor=actor, occurred_at=now, data=data or {})


def case_event(*, case_id, kind: EventKind, actor, now, data=None) -> CaseEvent:
    """An unsaved event for a bulk insert (`case_events_record_many`), checked like a single one."""
    kind = _require_registered(kind)
    return CaseEvent(case_id=case_id, kind=kind.code, actor=actor, occurred_at=now, data=data or {})


def case_events_record_many(events) -> list[CaseEvent]:
    """Append many events in one statement (the sweep); every kind must be registered."""
    unknown = {event.kind for event in events} - set(_KINDS)
    if unknown:
        raise ValueError(f"Event kinds {sorted(unknown)} are not registered: declare them with event_kind() first.")
    return CaseEvent.objects.bulk_create(events)


def describe(event) -> tuple[str, str]:
    """(label, facts) of a timeline event in the active language; an unknown kind shows its code."""
    kind = _KINDS.get(event.kind)
    if kind is None:
        return event.kind, ""
    return str(kind.label), kind.describe(event.data or {})


def may_see(user, event) -> bool:
    """Whether a reader of the case also sees this event (some kinds need a permission of their own)."""
    kind = _KINDS.get(event.kind)
    return kind is None or kind.permission is None or user.has_perm(kind.permission)


# --- Helpers for describe functions (apps above use them too) ----------------------------------------


def choice_label(choices, value) -> str:
    """The label of `value` in a TextChoices class, or the value itself when it is not (or no longer) one."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value or "–"


def moment_text(iso) -> str:
    """An ISO moment as the reader reads it, in Amsterdam time."""
    if not iso:
        return "–"
    return formats.date_format(timezone.localtime(dt.datetime.fromisoformat(iso)), "j F Y H:i")


def day_text(iso) -> str:
    """An ISO date as the reader reads it."""
    return formats.date_format(dt.date.fromisoformat(iso), "j F Y") if iso else "–"


# --- The kinds of `cases` ------------------------------------------------------------------------------


def _opened(data):
    return _("Source: %(source)s, reference %(reference)s") % {
        "source": choice_label(Source, data.get("source")),
        "reference": data.get("reference", "–"),
    }


def _handover(data):
    return f"{data.get('reference', '')} — {choice_label(HandoverOutcome, data.get('outcome'))}"


def _assigned(data):
    text = _("To %(to)s (%(team)s)") % {"to": data.get("to", "–"), "team": data.get("team", "")}
    return text + (f" — {data['reason']}" if data.get("reason") else "")


def _phase(data):
    text = f"{choice_label(Phase, data.get('from'))} → {choice_label(Phase, data.get('to'))}"
    if data.get("closure_reason"):
        text += f" ({choice_label(ClosureReason, data['closure_reason'])})"
    if data.get("departed_on"):
        text += " — " + _("departed on %(date)s") % {"date": day_text(data["departed_on"])}
    if data.get("destination_type"):
        text += f", {choice_label(DestinationType, data['destination_type'])}"
    if data.get("destination_country"):
        text += f": {country_name(data['destination_country'])}"
    if data.get("evidence"):
        text += f" — {choice_label(ClosureEvidence, data['evidence'])}"
    if data.get("remark"):
        text += f" — {data['remark']}"
    return text


def _reopened(data):
    closure = data.get("closure") or {}
    text = _("Closed before as: %(reason)s") % {"reason": choice_label(ClosureReason, closure.get("closure_reason"))}
    return f"{data.get('reason', '')} ({text})"


def _confidential(data):
    state = _("confidential") if data.get("confidential") else _("not confidential")
    return f"{state} — {data.get('reason', '')}"


def _duplicate_reviewed(data):
    return f"{data.get('other', '')}: {choice_label(DuplicateReview, data.get('verdict'))}"


def _reason(data):
    return data.get("reason", "")


def _person_changed(data):
    return ", ".join(data.get("fields", []))


def _family_linked(data):
    # Earlier events held the relative's V-number; the timeline no longer shows it to every reader.
    return str(choice_label(FamilyRelation, data.get("relation")))


def _family_link_requested(data):
    return f"{data.get('relative_v_number', '')} ({choice_label(FamilyRelation, data.get('relation'))})"


def _interview(data):
    interpreter = choice_label(InterpreterMode, data.get("interpreter_mode"))
    if data.get("interpreter_language"):
        interpreter += f" ({language_name(data['interpreter_language'])})"
    kind = choice_label(InterviewKind, data.get("kind"))
    return f"{kind} — {interpreter} — {choice_label(Stance, data.get('stance'))}"


def _action_completed(data):
    text = data.get("text", "")
    return f"{text} — {data['remark']}" if data.get("remark") else text


def _procedure(data):
    text = f"{choice_label(ProcedureKind, data.get('kind'))}: {choice_label(ProcedureOutcome, data.get('outcome'))}"
    if "legal_obstacle_after" in data:
        text += " — " + (_("legal obstacle to removal") if data["legal_obstacle_after"] else _("no legal obstacle"))
    elif "removable_after" in data:  # events written before the removability checks
        text += " — " + (_("no legal obstacle") if data["removable_after"] else _("legal obstacle to removal"))
    return text


def _term_recorded(data):
    return _("%(days)s days from %(date)s") % {"days": data.get("days"), "date": day_text(data.get("effective_on"))}


def _term_corrected(data):
    old, new = data.get("old", {}), data.get("new", {})
    return _("%(old_days)s days from %(old)s → %(new_days)s days from %(new)s: %(why)s") % {
        "old_days": old.get("days"),
        "old": day_text(old.get("effective_on")),
        "new_days": new.get("days"),
        "new": day_text(new.get("effective_on")),
        "why": data.get("correction", ""),
    }


def _document(data):
    return data.get("filename", "")


CASE_OPENED = event_kind("case.opened", gettext_lazy("Case opened"), _opened)
HANDOVER_RECEIVED = event_kind("handover.received", gettext_lazy("Handover received"), _handover)
CASE_POSSIBLE_DUPLICATE = event_kind("case.possible_duplicate", gettext_lazy("Possible duplicate flagged"))
CASE_ASSIGNED = event_kind("case.assigned", gettext_lazy("Case assigned"), _assigned)
CASE_PHASE_CHANGED = event_kind("case.phase_changed", gettext_lazy("Phase changed"), _phase)
CASE_REOPENED = event_kind("case.reopened", gettext_lazy("Case reopened"), _reopened)
CASE_CONFIDENTIAL_CHANGED = event_kind(
    "case.confidential_changed", gettext_lazy("Confidentiality changed"), _confidential
)
CASE_DUPLICATE_REVIEWED = event_kind(
    "case.duplicate_reviewed", gettext_lazy("Possible duplicate reviewed"), _duplicate_reviewed
)
CASE_BREAK_GLASS = event_kind(
    "case.break_glass", gettext_lazy("Opened outside the normal scope (break the glass)"), _reason
)
PERSON_CHANGED = event_kind("person.changed", gettext_lazy("Personal data corrected"), _person_changed)
FAMILY_LINKED = event_kind("family.linked", gettext_lazy("Family link recorded"), _family_linked)
FAMILY_LINK_REQUESTED = event_kind(
    "family.link_requested", gettext_lazy("Family link requested"), _family_link_requested
)
NOTE_ADDED = event_kind("note.added", gettext_lazy("Note added"))
INTERVIEW_RECORDED = event_kind("interview.recorded", gettext_lazy("Departure interview recorded"), _interview)
ACTION_COMPLETED = event_kind("action.completed", gettext_lazy("Agreed action completed"), _action_completed)
PROCEDURE_RECORDED = event_kind("procedure.recorded", gettext_lazy("Legal procedure recorded"), _procedure)
PROCEDURE_DECIDED = event_kind("procedure.decided", gettext_lazy("Legal procedure decided"), _procedure)
DEPARTURE_TERM_RECORDED = event_kind("departure_term.recorded", gettext_lazy("Departure term recorded"), _term_recorded)
DEPARTURE_TERM_CORRECTED = event_kind(
    "departure_term.corrected", gettext_lazy("Departure term corrected"), _term_corrected
)
DOCUMENT_UPLOADED = event_kind("document.uploaded", gettext_lazy("Document uploaded"), _document)
