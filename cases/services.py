"""Every change to a case or its person: one function each, the same for browser, API, tasks and shell.

Each service takes the acting user and `now`, checks who may act (permissions.py) and the rules,
raises ValidationError (a field is wrong: 400 / form error) or DomainError (a rule says no: 409),
writes the change, its CaseEvent and (through django-simple-history) its history row, all in one
transaction.
"""

import datetime as dt

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dtv.accounts.constants import Role
from dtv.core.exceptions import DomainError
from dtv.core.text import fold

from .constants import (
    INVERSE_FAMILY_RELATION,
    PROTECTIVE_MEASURES,
    ClosureReason,
    DuplicateReview,
    InterpreterMode,
    InterviewKind,
    Phase,
    ProcedureOutcome,
    Vulnerability,
)
from .deadlines.engine import (
    deadline_meet,
    deadline_open,
    deadline_recompute,
    deadlines_cancel,
    deadlines_for_source,
)
from .models import (
    AgreedAction,
    Alias,
    Assignment,
    BreakGlassGrant,
    Case,
    CaseNote,
    DepartureInterview,
    DepartureTerm,
    FamilyLink,
    ForeignNational,
    LegalProcedure,
    Nationality,
)
from .permissions import can_assign_case, can_edit_case, can_mark_confidential
from .records import case_event_record
from .selectors import case_removability
from .workflow import check_transition

BREAK_GLASS_MINUTES = 30


def _lock(case) -> Case:
    return Case.objects.select_for_update().select_related("foreign_national").get(pk=case.pk)


def _require_edit(actor, case):
    if not can_edit_case(actor, case):
        raise PermissionDenied(_("You may not change this case."))


def _local_today(now) -> dt.date:
    return timezone.localdate(now)


def _not_in_future(field, value, now):
    moment_is_future = value > now if isinstance(value, dt.datetime) else value > _local_today(now)
    if moment_is_future:
        raise ValidationError({field: _("This cannot lie in the future.")}, code="future")


# --- The person --------------------------------------------------------------------------------


def person_search_name(person, aliases=()) -> str:
    """The folded text name search runs on: names and aliases, accent- and case-free."""
    names = [f"{person.given_names} {person.surname}", *(f"{a.given_names} {a.surname}" for a in aliases)]
    return fold(" | ".join(names))


def is_unaccompanied_minor(person) -> bool:
    return Vulnerability.UNACCOMPANIED_MINOR in (person.vulnerabilities or [])


def is_language_code(code) -> bool:
    """An ISO 639-1 (two letters) or 639-3 (three letters) language code."""
    if not code or not code.isalpha():
        return False
    field = "alpha_2" if len(code) == 2 else "alpha_3"
    return len(code) in (2, 3) and pycountry.languages.get(**{field: code.lower()}) is not None


_PERSON_FIELDS = (
    "surname",
    "given_names",
    "date_of_birth",
    "date_of_birth_precision",
    "sex",
    "languages",
    "vulnerabilities",
    "legal_representative_name",
    "legal_representative_office",
    "legal_representative_contact",
)


@transaction.atomic
def foreign_national_update(*, case, actor, now, nationalities=None, aliases=None, **changes) -> ForeignNational:
    """Correct the identity of the case's person; every open case of the person records what changed."""
    _require_edit(actor, case)
    person = ForeignNational.objects.select_for_update().get(pk=case.foreign_national_id)
    unknown = set(changes) - set(_PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Not a person field: {sorted(unknown)}")
    bad_languages = [code for code in changes.get("languages", []) if not is_language_code(code)]
    if bad_languages:
        raise ValidationError({"languages": _("Unknown language code: %s.") % ", ".join(bad_languages)})
    changed = sorted(name for name, value in changes.items() if getattr(person, name) != value)
    for name in changed:
        setattr(person, name, changes[name])
    if nationalities is not None:
        current = set(person.nationalities.values_list("country", "status"))
        wanted = {(code, status) for code, status in nationalities}
        if current != wanted:
            person.nationalities.all().delete()
            for code, status in sorted(wanted):
                Nationality.objects.create(foreign_national=person, country=code, status=status)
            changed.append("nationalities")
    alias_rows = list(person.aliases.all())
    if aliases is not None and {(a.surname, a.given_names) for a in alias_rows} != set(aliases):
        person.aliases.all().delete()
        alias_rows = [Alias.objects.create(foreign_national=person, surname=s, given_names=g) for s, g in aliases]
        changed.append("aliases")
    if not changed:
        return person
    person.search_name = person_search_name(person, alias_rows)
    person.save()
    for open_case in person.cases.exclude(phase=Phase.CLOSED):
        case_event_record(case=open_case, kind="person.changed", actor=actor, now=now, data={"fields": changed})
    return person


@transaction.atomic
def family_link_add(*, case, relative_v_number, relation, actor, now) -> FamilyLink:
    """Link the case's person to another foreign national, both ways (parent ↔ child, partner ↔ partner)."""
    _require_edit(actor, case)
    person = case.foreign_national
    relative = ForeignNational.objects.filter(v_number=relative_v_number).first()
    if relative is None:
        raise ValidationError({"relative_v_number": _("No foreign national has this V-number.")}, code="unknown")
    if relative.pk == person.pk:
        raise ValidationError({"relative_v_number": _("A person cannot be their own relative.")}, code="self")
    if FamilyLink.objects.filter(foreign_national=person, relative=relative).exists():
        raise DomainError(_("This family link has been recorded already."), code="family_link_exists")
    link = FamilyLink.objects.create(foreign_national=person, relative=relative, relation=relation)
    FamilyLink.objects.get_or_create(
        foreign_national=relative, relative=person, defaults={"relation": INVERSE_FAMILY_RELATION[relation]}
    )
    case_event_record(
        case=case,
        kind="family.linked",
        actor=actor,
        now=now,
        data={"relative": relative.v_number, "relation": relation},
    )
    return link


# --- Assignment --------------------------------------------------------------------------------


def _assignment_refusal(*, case, officer, actor):
    """Why `actor` may not give `case` to `officer`, or None. The AMV rule lives here and only here."""
    if not can_assign_case(actor, case):
        return DomainError(_("You may not assign this case."), code="not_allowed")
    if case.phase == Phase.CLOSED:
        return DomainError(_("A closed case cannot be assigned."), code="case_closed")
    if not officer.is_active or not officer.has_role(Role.CASE_OFFICER):
        return DomainError(_("Cases can only be assigned to an active case officer."), code="not_a_case_officer")
    if officer.team_id != actor.team_id:
        return DomainError(_("Cases can only be assigned to a case officer of your own team."), code="other_team")
    if is_unaccompanied_minor(case.foreign_national) and not officer.is_unaccompanied_minor_specialist:
        return DomainError(
            _(
                "The case of an unaccompanied minor (AMV) can only be assigned to a designated AMV specialist; "
                "%(officer)s is not one."
            )
            % {"officer": officer},
            code="unaccompanied_minor_specialist_required",
        )
    if case.case_officer_id == officer.pk:
        return DomainError(_("This case is already assigned to %(officer)s.") % {"officer": officer}, code="unchanged")
    return None


def _assign(case, officer, actor, now, reason):
    previous = case.case_officer
    Assignment.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    Assignment.objects.create(
        case=case, team=officer.team, case_officer=officer, assigned_at=now, assigned_by=actor, reason=reason
    )
    case.team = officer.team
    case.case_officer = officer
    case.save(update_fields=["team", "case_officer"])
    case_event_record(
        case=case,
        kind="case.assigned",
        actor=actor,
        now=now,
        data={
            "from": str(previous) if previous else "",
            "to": str(officer),
            "to_id": officer.pk,
            "team": officer.team.name,
            "reason": reason,
        },
    )


@transaction.atomic
def case_assign(*, case, officer, actor, now, reason="") -> Case:
    """Give `case` to `officer` (team lead only; AMV cases only to AMV specialists)."""
    if not actor.has_perm("cases.assign_case"):
        raise PermissionDenied(_("You may not assign cases."))
    case = _lock(case)
    refusal = _assignment_refusal(case=case, officer=officer, actor=actor)
    if refusal:
        raise refusal
    _assign(case, officer, actor, now, reason)
    return case


class BulkAssignmentRefused(DomainError):
    """Some cases of a bulk assignment may not go to the officer; none was assigned."""

    code = "bulk_assignment_refused"

    def __init__(self, refusals):
        self.refusals = refusals  # {case: DomainError}
        super().__init__(
            _("None of the cases was assigned, because %(count)d of them may not go to this case officer.")
            % {"count": len(refusals)}
        )


@transaction.atomic
def cases_assign_bulk(*, cases, officer, actor, now, reason="") -> list[Case]:
    """Assign several cases at once, all or none: one refused case leaves every case as it was."""
    if not actor.has_perm("cases.assign_case"):
        raise PermissionDenied(_("You may not assign cases."))
    locked = list(
        Case.objects.select_for_update(of=("self",))
        .select_related("foreign_national")
        .filter(pk__in=[c.pk for c in cases])
        .order_by("pk")
    )
    refusals = {}
    for case in locked:
        refusal = _assignment_refusal(case=case, officer=officer, actor=actor)
        if refusal and refusal.code != "unchanged":
            refusals[case] = refusal
    if refusals:
        raise BulkAssignmentRefused(refusals)
    changed = [case for case in locked if case.case_officer_id != officer.pk]
    for case in changed:
        _assign(case, officer, actor, now, reason)
    return changed


# --- Phase, confidentiality, duplicates, notes ---------------------------------------------------


@transaction.atomic
def case_transition(*, case, transition, actor, now, closure_reason="") -> Case:
    """Move the case along its workflow (workflow.py); closing needs a reason and cancels live deadlines."""
    case = _lock(case)
    _require_edit(actor, case)
    step = check_transition(case=case, name=transition)
    if step.target == Phase.CLOSED:
        if closure_reason not in ClosureReason.values:
            raise ValidationError({"closure_reason": _("Choose why the case is closed.")}, code="required")
        case.closure_reason = closure_reason
        case.closed_at = now
        deadlines_cancel(case=case, actor=actor, now=now, reason=_("Case closed"))
    previous = case.phase
    case.phase = step.target
    case.save(update_fields=["phase", "closure_reason", "closed_at"])
    case_event_record(
        case=case,
        kind="case.phase_changed",
        actor=actor,
        now=now,
        data={"from": previous, "to": case.phase, "closure_reason": closure_reason},
    )
    return case


@transaction.atomic
def case_set_confidential(*, case, confidential, actor, now, reason) -> Case:
    """Mark or unmark a case confidential (team lead); only its officer and the team lead then see it."""
    case = _lock(case)
    if not can_mark_confidential(actor, case):
        raise PermissionDenied(_("You may not change the confidentiality of this case."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")}, code="required")
    if case.confidential != confidential:
        case.confidential = confidential
        case.save(update_fields=["confidential"])
        case_event_record(
            case=case,
            kind="case.confidential_changed",
            actor=actor,
            now=now,
            data={"confidential": confidential, "reason": reason},
        )
    return case


@transaction.atomic
def case_review_duplicate(*, case, verdict, actor, now) -> Case:
    """Record whether the flagged near-duplicate is the same person; records are never merged here."""
    case = _lock(case)
    _require_edit(actor, case)
    if case.possible_duplicate_of_id is None or case.duplicate_review:
        raise DomainError(_("This case has no possible duplicate to review."), code="nothing_to_review")
    if verdict not in DuplicateReview.values:
        raise ValidationError({"verdict": _("Choose a verdict.")}, code="invalid")
    case.duplicate_review = verdict
    case.save(update_fields=["duplicate_review"])
    case_event_record(
        case=case,
        kind="case.duplicate_reviewed",
        actor=actor,
        now=now,
        data={"verdict": verdict, "other": case.possible_duplicate_of.v_number},
    )
    return case


@transaction.atomic
def note_add(*, case, text, actor, now) -> CaseNote:
    """Add a note to the case file."""
    _require_edit(actor, case)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")}, code="required")
    note = CaseNote.objects.create(case=case, text=text.strip(), author=actor, written_at=now)
    case_event_record(case=case, kind="note.added", actor=actor, now=now, data={"note": note.pk})
    return note


@transaction.atomic
def break_glass_open(*, case_id, reason, actor, now) -> BreakGlassGrant:
    """Open a case outside the user's scope for BREAK_GLASS_MINUTES, read-only, recording why."""
    if not actor.has_perm("cases.break_glass"):
        raise PermissionDenied(_("You may not open cases outside your scope."))
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Describe why you need this case (at least 10 characters).")}, code="too_short"
        )
    case = Case.objects.get(pk=case_id)
    grant = BreakGlassGrant.objects.create(
        user=actor,
        case=case,
        reason=reason,
        granted_at=now,
        expires_at=now + dt.timedelta(minutes=BREAK_GLASS_MINUTES),
    )
    case_event_record(case=case, kind="case.break_glass", actor=actor, now=now, data={"reason": reason})
    return grant


# --- Departure interviews ------------------------------------------------------------------------


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
    """Record a departure interview with its agreed actions; each action's due date becomes a deadline."""
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
    for index, (description, _party, due_date) in enumerate(actions):
        if not description.strip():
            errors[f"actions[{index}].description"] = _("Describe the agreed action.")
        if due_date < timezone.localdate(held_at):
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
    case_event_record(
        case=case,
        kind="interview.recorded",
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
def agreed_action_complete(*, action, actor, now) -> AgreedAction:
    """Mark an agreed action done; its deadline is met."""
    case = _lock(action.case)
    _require_edit(actor, case)
    action = AgreedAction.objects.select_for_update().get(pk=action.pk)
    if action.completed_at:
        raise DomainError(_("This action has been completed already."), code="already_completed")
    action.completed_at = now
    action.save(update_fields=["completed_at"])
    for deadline in deadlines_for_source(action):
        deadline_meet(deadline=deadline, actor=actor, now=now)
    case_event_record(
        case=case, kind="action.completed", actor=actor, now=now, data={"action": action.pk, "text": action.description}
    )
    return action


# --- Legal procedures ----------------------------------------------------------------------------


def _validate_decision(*, kind, lodged_on, outcome, decided_on, effective_until, now):
    errors = {}
    if outcome == ProcedureOutcome.PENDING:
        if decided_on:
            errors["decided_on"] = _("A pending procedure has no decision date.")
    elif not decided_on:
        errors["decided_on"] = _("Give the date of the decision.")
    elif decided_on < lodged_on:
        errors["decided_on"] = _("A decision cannot precede the lodging of the procedure.")
    elif decided_on > _local_today(now):
        errors["decided_on"] = _("This cannot lie in the future.")
    if effective_until and not (kind in PROTECTIVE_MEASURES and outcome == ProcedureOutcome.GRANTED):
        errors["effective_until"] = _("Only a granted interim measure or medical postponement has an end date.")
    if effective_until and decided_on and effective_until < decided_on:
        errors["effective_until"] = _("The end date cannot precede the decision.")
    if errors:
        raise ValidationError(errors)


def _removable_now(case, now):
    return case_removability(case=case, on=_local_today(now)).removable


@transaction.atomic
def procedure_record(
    *,
    case,
    kind,
    lodged_on,
    may_await_in_nl,
    actor,
    now,
    reference="",
    notes="",
    outcome=ProcedureOutcome.PENDING,
    decided_on=None,
    effective_until=None,
) -> LegalProcedure:
    """Record a legal procedure; whether the person is removable follows from the procedures."""
    case = _lock(case)
    _require_edit(actor, case)
    _not_in_future("lodged_on", lodged_on, now)
    _validate_decision(
        kind=kind,
        lodged_on=lodged_on,
        outcome=outcome,
        decided_on=decided_on,
        effective_until=effective_until,
        now=now,
    )
    before = _removable_now(case, now)
    procedure = LegalProcedure.objects.create(
        case=case,
        kind=kind,
        reference=reference,
        lodged_on=lodged_on,
        may_await_in_nl=may_await_in_nl,
        outcome=outcome,
        decided_on=decided_on,
        effective_until=effective_until,
        notes=notes,
        recorded_at=now,
        recorded_by=actor,
    )
    case_event_record(
        case=case,
        kind="procedure.recorded",
        actor=actor,
        now=now,
        data={
            "procedure": procedure.pk,
            "kind": kind,
            "outcome": outcome,
            "may_await_in_nl": may_await_in_nl,
            "removable_before": before,
            "removable_after": _removable_now(case, now),
        },
    )
    return procedure


@transaction.atomic
def procedure_decide(*, procedure, outcome, decided_on, actor, now, effective_until=None) -> LegalProcedure:
    """Record the outcome of a pending procedure (or lift a granted measure by giving its end date)."""
    case = _lock(procedure.case)
    _require_edit(actor, case)
    procedure = LegalProcedure.objects.select_for_update().get(pk=procedure.pk)
    if procedure.outcome != ProcedureOutcome.PENDING and not (
        procedure.outcome == outcome == ProcedureOutcome.GRANTED and effective_until
    ):
        raise DomainError(_("This procedure has been decided already."), code="already_decided")
    _validate_decision(
        kind=procedure.kind,
        lodged_on=procedure.lodged_on,
        outcome=outcome,
        decided_on=decided_on,
        effective_until=effective_until,
        now=now,
    )
    before = _removable_now(case, now)
    procedure.outcome = outcome
    procedure.decided_on = decided_on
    procedure.effective_until = effective_until
    procedure.save(update_fields=["outcome", "decided_on", "effective_until"])
    case_event_record(
        case=case,
        kind="procedure.decided",
        actor=actor,
        now=now,
        data={
            "procedure": procedure.pk,
            "kind": procedure.kind,
            "outcome": outcome,
            "removable_before": before,
            "removable_after": _removable_now(case, now),
        },
    )
    return procedure


# --- Departure term (art. 62 Vw 2000) ------------------------------------------------------------


def _validate_term(*, effective_on, days, reason, now):
    errors = {}
    if days is None or days < 0:
        errors["days"] = _("Give the term in days (0 or more).")
    elif days != 28 and not reason.strip():
        errors["reason"] = _("A departure term other than 28 days needs a recorded reason (art. 62 Vw 2000).")
    if effective_on > _local_today(now) + dt.timedelta(days=365):
        errors["effective_on"] = _("This date lies implausibly far in the future.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def departure_term_record(
    *, case, effective_on, actor, now, days=28, reason="", decision_reference=""
) -> DepartureTerm:
    """Record the departure term of a return decision; it opens the art. 62 Vw 2000 deadline."""
    case = _lock(case)
    _require_edit(actor, case)
    _validate_term(effective_on=effective_on, days=days, reason=reason, now=now)
    for earlier in DepartureTerm.objects.filter(case=case):
        for deadline in deadlines_for_source(earlier):
            deadlines_cancel(
                case=case, actor=actor, now=now, reason=_("Replaced by a new departure term"), only=[deadline]
            )
    term = DepartureTerm.objects.create(
        case=case,
        effective_on=effective_on,
        days=days,
        reason=reason.strip(),
        decision_reference=decision_reference,
        recorded_at=now,
        recorded_by=actor,
    )
    deadline_open(
        case=case,
        kind="departure_term",
        start=effective_on,
        params={"days": days},
        actor=actor,
        now=now,
        source=term,
        trigger=_("Return decision takes effect"),
    )
    case_event_record(
        case=case,
        kind="departure_term.recorded",
        actor=actor,
        now=now,
        data={"effective_on": effective_on.isoformat(), "days": days, "reason": term.reason},
    )
    return term


@transaction.atomic
def departure_term_correct(*, term, effective_on, days, reason, correction, actor, now) -> DepartureTerm:
    """Correct a recorded departure term (e.g. a wrong decision date); the deadline is recomputed, history kept."""
    case = _lock(term.case)
    _require_edit(actor, case)
    if not correction.strip():
        raise ValidationError({"correction": _("Say what was wrong.")}, code="required")
    _validate_term(effective_on=effective_on, days=days, reason=reason, now=now)
    term = DepartureTerm.objects.select_for_update().get(pk=term.pk)
    old = {"effective_on": term.effective_on.isoformat(), "days": term.days}
    term.effective_on, term.days, term.reason = effective_on, days, reason.strip()
    term._change_reason = correction[:100]
    term.save()
    for deadline in deadlines_for_source(term):
        deadline_recompute(
            deadline=deadline, start=effective_on, params={"days": days}, actor=actor, now=now, reason=correction
        )
    case_event_record(
        case=case,
        kind="departure_term.corrected",
        actor=actor,
        now=now,
        data={"old": old, "new": {"effective_on": effective_on.isoformat(), "days": days}, "correction": correction},
    )
    return term
