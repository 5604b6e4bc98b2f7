"""Departure interviews and the actions agreed in them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dtv.core.exceptions import DomainError
from dtv.core.fields import date_in_range, date_out_of_range_message

from .. import events
from ..constants import (
    InterpreterMode,
    InterviewKind,
)
from ..deadlines.engine import (
    deadline_meet,
    deadline_open,
    deadlines_for_source,
)
from ..languages import is_language_code
from ..models import (
    AgreedAction,
    DepartureInterview,
)
from ._common import _lock, _require_edit


@transaction.atomic
def interview_record(
    *,
    case,
    kind,
    held_at,
    interpreter_mode,
    stance,
    summary,
    actor,
    now,
    interpreter_language="",
    no_interpreter_reason="",
    location="",
    actions=(),
) -> DepartureInterview:
    """Record a departure interview with its agreed actions; each action's due date becomes a deadline.

    `actions` are (description, party, due date); an action without a party is the foreign national's,
    who agrees to most of them (documents, an embassy visit), in the browser and the API alike.
    """
    actions = [(description, party or AgreedAction.Party.FOREIGN_NATIONAL, due) for description, party, due in actions]
    case = _lock(case)
    _require_edit(actor, case)
    errors = {}
    if held_at > now:
        errors["held_at"] = _("An interview cannot be recorded before it has been held.")
    if interpreter_mode == InterpreterMode.NONE:
        if not no_interpreter_reason.strip():
            errors["no_interpreter_reason"] = _("An interview without an interpreter needs a recorded reason.")
        interpreter_language = ""
    elif not is_language_code(interpreter_language):
        errors["interpreter_language"] = _("Give the interpreter's language as an ISO 639 code (for example ar, ti).")
    if not summary.strip():
        errors["summary"] = _("Summarise the interview.")
    for index, (description, party, due_date) in enumerate(actions):
        if party not in AgreedAction.Party.values:
            errors[f"actions[{index}].party"] = _("Choose who acts on the agreed action.")
        if not description.strip():
            errors[f"actions[{index}].description"] = _("Describe the agreed action.")
        if not date_in_range(due_date):
            # The deadline engine counts days past it: 9999-12-31 would overflow (review 1, finding 6).
            errors[f"actions[{index}].due_date"] = date_out_of_range_message()
        elif due_date < timezone.localdate(held_at):
            errors[f"actions[{index}].due_date"] = _("An agreed action cannot be due before the interview.")
    if errors:
        raise ValidationError(errors)
    kinds = set(case.interviews.values_list("kind", flat=True))
    if kind == InterviewKind.FIRST and InterviewKind.FIRST in kinds:
        raise DomainError(_("This case already has a first departure interview."), code="first_interview_exists")
    if kind != InterviewKind.FIRST and InterviewKind.FIRST not in kinds:
        raise DomainError(_("Record the first departure interview first."), code="no_first_interview")
    if InterviewKind.FINAL in kinds:
        raise DomainError(_("The final interview has been held: no further interviews."), code="after_final_interview")
    interview = DepartureInterview.objects.create(
        case=case,
        kind=kind,
        held_at=held_at,
        location=location,
        interpreter_mode=interpreter_mode,
        interpreter_language=interpreter_language.lower(),
        no_interpreter_reason=no_interpreter_reason.strip() if interpreter_mode == InterpreterMode.NONE else "",
        stance=stance,
        summary=summary.strip(),
        conducted_by=actor,
        recorded_at=now,
    )
    for description, party, due_date in actions:
        action = AgreedAction.objects.create(
            interview=interview, case=case, description=description.strip(), party=party, due_date=due_date
        )
        deadline_open(
            case=case,
            kind="agreed_action",
            start=due_date,
            actor=actor,
            now=now,
            source=action,
            trigger=description.strip(),
        )
    events.case_event_record(
        case=case,
        kind=events.INTERVIEW_RECORDED,
        actor=actor,
        now=now,
        data={
            "interview": interview.pk,
            "kind": kind,
            "stance": stance,
            "interpreter_mode": interpreter_mode,
            "interpreter_language": interview.interpreter_language,
            "actions": len(actions),
        },
    )
    return interview


@transaction.atomic
def agreed_action_complete(*, action, actor, now, remark="") -> AgreedAction:
    """Mark an agreed action done (with how, if the officer says so); its deadline is met."""
    case = _lock(action.case)
    _require_edit(actor, case)
    action = AgreedAction.objects.select_for_update().get(pk=action.pk)
    if action.completed_at:
        raise DomainError(_("This action has been completed already."), code="already_completed")
    action.completed_at = now
    action.save(update_fields=["completed_at"])
    for deadline in deadlines_for_source(action):
        deadline_meet(deadline=deadline, actor=actor, now=now)
    events.case_event_record(
        case=case,
        kind=events.ACTION_COMPLETED,
        actor=actor,
        now=now,
        data={"action": action.pk, "text": action.description, "remark": (remark or "").strip()},
    )
    return action
