"""Read functions for cases, used by views, the API, tasks and other apps.

List selectors return querysets whose number of SQL queries does not depend on the number of rows
(select_related / prefetch_related / annotations), and page by keyset, never by offset.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from dtv.accounts.constants import Role
from dtv.core.text import fold

from .constants import (
    LIVE_DEADLINE_STATUSES,
    PROCEDURE_LEGAL_BASIS,
    DatePrecision,
    DeadlineStatus,
    Phase,
    ProcedureKind,
    ProcedureOutcome,
    Vulnerability,
)
from .dates import parse_date_text
from .models import (
    AccessLogEntry,
    AgreedAction,
    Assignment,
    Case,
    CaseDocument,
    CaseEvent,
    CaseNote,
    Deadline,
    DepartureInterview,
    FamilyLink,
    ForeignNational,
    Handover,
    LegalProcedure,
    Nationality,
    Notification,
    WorkItem,
)
from .permissions import cases_visible_to

ACCESS_LOG_PAGE_SIZE = 50
TIMELINE_PAGE_SIZE = 50
SEARCH_LIMIT = 50

# --- Removability ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RemovalObstacle:
    procedure: LegalProcedure
    reason: str
    legal_basis: str


@dataclass(frozen=True)
class Removability:
    """Whether the person may be removed on a day, and every procedure that says no."""

    removable: bool
    obstacles: tuple = ()


def removal_obstacle(procedure) -> RemovalObstacle:
    """Why this (blocking) procedure stops removal, with its legal basis."""
    return RemovalObstacle(
        procedure=procedure,
        reason=_obstacle_text(procedure),
        legal_basis=PROCEDURE_LEGAL_BASIS[ProcedureKind(procedure.kind)],
    )


def _obstacle_text(procedure):
    facts = {"kind": procedure.get_kind_display(), "date": procedure.lodged_on.strftime("%d-%m-%Y")}
    if procedure.outcome == ProcedureOutcome.PENDING:
        return _("%(kind)s lodged on %(date)s is pending and may be awaited in the Netherlands.") % facts
    if procedure.effective_until:
        facts["until"] = procedure.effective_until.strftime("%d-%m-%Y")
        return _("%(kind)s granted: removal is stopped until %(until)s.") % facts
    return _("%(kind)s granted: removal is stopped until the measure is lifted.") % facts


def case_removability(*, case, on: dt.date) -> Removability:
    """Removable on `on` unless a procedure blocks it (LegalProcedureQuerySet.blocking_removal is the rule)."""
    blocking = LegalProcedure.objects.filter(case_id=case.pk).blocking_removal(on=on).order_by("lodged_on", "id")
    obstacles = tuple(
        RemovalObstacle(procedure=p, reason=_obstacle_text(p), legal_basis=PROCEDURE_LEGAL_BASIS[ProcedureKind(p.kind)])
        for p in blocking
    )
    return Removability(removable=not obstacles, obstacles=obstacles)


def not_removable(on):
    """An annotation: does a procedure stop this case's removal on `on` (the blocking_removal rule)?"""
    return Exists(LegalProcedure.objects.filter(case_id=OuterRef("pk")).blocking_removal(on=on))


# --- Work queue -------------------------------------------------------------------------------------


def _queue_rows(queryset, *, on):
    return (
        queryset.select_related("foreign_national", "case_officer", "team", "next_deadline")
        .prefetch_related(
            Prefetch("foreign_national__nationalities", queryset=Nationality.objects.order_by("status", "country"))
        )
        .annotate(not_removable=not_removable(on))
    )


def workqueue_mine(*, user, on):
    """The open cases assigned to `user`."""
    return _queue_rows(Case.objects.filter(case_officer=user).exclude(phase=Phase.CLOSED), on=on)


def workqueue_team(*, user, on):
    """The open cases of the team lead's team."""
    if not user.team_id:
        return Case.objects.none()
    return _queue_rows(Case.objects.filter(team_id=user.team_id).exclude(phase=Phase.CLOSED), on=on)


def workqueue_intake(*, on):
    """The national intake: open cases that no team holds yet."""
    return _queue_rows(
        Case.objects.filter(team__isnull=True, case_officer__isnull=True).exclude(phase=Phase.CLOSED), on=on
    )


def team_case_officers(*, team):
    """The active case officers of a team, specialists marked, for the assignment form."""
    return (
        get_user_model()
        .objects.filter(team=team, is_active=True, groups__name=Role.CASE_OFFICER.value)
        .order_by("last_name", "first_name", "pk")
    )


# --- The case file ------------------------------------------------------------------------------------


@dataclass
class CaseFile:
    """Everything the case file shows, loaded in a fixed number of queries."""

    case: Case
    nationalities: list
    aliases: list
    family_links: list
    handovers: list
    assignments: list
    interviews: list
    procedures: list
    removability: Removability
    documents: list
    notes: list
    deadlines: list
    closed_deadlines: list
    work_items: list
    departure_terms: list
    events: list
    older_events_before: int | None = None
    flags: list = field(default_factory=list)


def case_with_person(queryset=None):
    """The case queryset the case file starts from (person, officer, team in one query)."""
    return (queryset if queryset is not None else Case.objects.all()).select_related(
        "foreign_national", "case_officer", "team", "previous_case", "possible_duplicate_of", "next_deadline"
    )


def case_timeline(*, case, before_id=None, page_size=TIMELINE_PAGE_SIZE):
    """One page of the case's events, newest first, by keyset ("older" costs what the first page costs)."""
    events = CaseEvent.objects.filter(case_id=case.pk).select_related("actor").order_by("-occurred_at", "-id")
    if before_id:
        anchor = CaseEvent.objects.filter(case_id=case.pk, pk=before_id).values_list("occurred_at", flat=True).first()
        if anchor is not None:
            events = events.filter(Q(occurred_at__lt=anchor) | Q(occurred_at=anchor, id__lt=before_id))
    rows = list(events[: page_size + 1])
    return rows[:page_size], (rows[page_size - 1].pk if len(rows) > page_size else None)


def case_flags(case, *, removable) -> list[str]:
    """Short warnings shown in the header and the work queue."""
    person = case.foreign_national
    flags = [str(label) for value, label in Vulnerability.choices if value in (person.vulnerabilities or [])]
    if case.confidential:
        flags.append(_("Confidential"))
    if case.possible_duplicate_of_id and not case.duplicate_review:
        flags.append(_("Possible duplicate"))
    if not removable:
        flags.append(_("Not removable"))
    return flags


def case_file(*, case, on: dt.date, before_event_id=None) -> CaseFile:
    """The complete case file of `case` (already loaded with case_with_person)."""
    person = case.foreign_national
    procedures = list(LegalProcedure.objects.filter(case_id=case.pk).select_related("recorded_by"))
    removability = case_removability(case=case, on=on)
    deadlines = list(Deadline.objects.filter(case_id=case.pk).order_by("due_at", "id"))
    events, older = case_timeline(case=case, before_id=before_event_id)
    return CaseFile(
        case=case,
        nationalities=list(Nationality.objects.filter(foreign_national_id=person.pk).order_by("status", "country")),
        aliases=list(person.aliases.order_by("surname", "given_names")),
        family_links=list(
            FamilyLink.objects.filter(foreign_national_id=person.pk).select_related("relative").order_by("relation")
        ),
        handovers=list(Handover.objects.filter(case_id=case.pk).order_by("-received_at")),
        assignments=list(
            Assignment.objects.filter(case_id=case.pk).select_related("case_officer", "team", "assigned_by")
        ),
        interviews=list(
            DepartureInterview.objects.filter(case_id=case.pk)
            .select_related("conducted_by")
            .prefetch_related(Prefetch("actions", queryset=AgreedAction.objects.order_by("due_date", "id")))
        ),
        procedures=procedures,
        removability=removability,
        documents=list(CaseDocument.objects.filter(case_id=case.pk).select_related("uploaded_by")),
        notes=list(CaseNote.objects.filter(case_id=case.pk).select_related("author")[:100]),
        deadlines=[d for d in deadlines if d.status in (*LIVE_DEADLINE_STATUSES, DeadlineStatus.SUSPENDED)],
        closed_deadlines=[d for d in deadlines if d.status in (DeadlineStatus.MET, DeadlineStatus.CANCELLED)],
        work_items=list(
            WorkItem.objects.filter(case_id=case.pk, done_at__isnull=True).select_related("assignee", "deadline")
        ),
        departure_terms=list(case.departure_terms.order_by("-recorded_at")),
        events=events,
        older_events_before=older,
        flags=case_flags(case, removable=removability.removable),
    )


# --- Deadlines and notifications ----------------------------------------------------------------------


def deadlines_overdue_in_team(*, team):
    """The team's overdue deadlines with their cases, keyed for keyset paging oldest first (partial index)."""
    return (
        Deadline.objects.filter(status=DeadlineStatus.OVERDUE, case__team=team)
        .select_related("case__foreign_national", "case__case_officer")
        .annotate(sort_key=F("due_at"))
    )


def notifications_of(*, user):
    """The user's notifications, keyed for keyset paging newest first (the key is the negated id)."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("case__foreign_national", "deadline")
        .annotate(sort_key=-F("id"))
    )


# --- Search -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SearchCriteria:
    v_number: str = ""
    name: str = ""
    date_of_birth: dt.date | None = None
    date_precision: str = DatePrecision.FULL


def parse_search_date(text: str):
    """'17-05-1990', '05-1990', '1990' (or ISO order) → (first day, precision); ValidationError otherwise."""
    return parse_date_text(text, partial=True)


def _date_of_birth_matches(day, precision):
    """A searched date matches a stored partial date when they agree as far as both are known."""
    year = Q(date_of_birth__year=day.year)
    if precision == DatePrecision.YEAR:
        return year
    month = year & Q(date_of_birth__month=day.month)
    if precision == DatePrecision.YEAR_MONTH:
        return month & ~Q(date_of_birth_precision=DatePrecision.YEAR) | year & Q(
            date_of_birth_precision=DatePrecision.YEAR
        )
    return (
        Q(date_of_birth=day, date_of_birth_precision=DatePrecision.FULL)
        | month & Q(date_of_birth_precision=DatePrecision.YEAR_MONTH)
        | year & Q(date_of_birth_precision=DatePrecision.YEAR)
    )


def case_search(*, user, criteria: SearchCriteria):
    """Cases within the user's scope whose person matches every given criterion, at most SEARCH_LIMIT + 1."""
    people = ForeignNational.objects.all()
    if criteria.v_number:
        people = people.filter(v_number=criteria.v_number)
    if criteria.name:
        for word in fold(criteria.name).split(" "):
            people = people.filter(search_name__contains=word)
    if criteria.date_of_birth:
        people = people.filter(_date_of_birth_matches(criteria.date_of_birth, criteria.date_precision))
    return (
        case_with_person(cases_visible_to(user))
        .filter(foreign_national__in=people)
        .prefetch_related(
            Prefetch("foreign_national__nationalities", queryset=Nationality.objects.order_by("status", "country"))
        )
        .order_by("foreign_national__surname", "foreign_national__given_names", "-opened_at", "id")[: SEARCH_LIMIT + 1]
    )


def cases_outside_scope(*, user, v_number):
    """Ids of cases of this exact V-number that the user cannot see: the user may break the glass."""
    if not v_number or not user.has_perm("cases.break_glass"):
        return []
    return list(
        Case.objects.filter(foreign_national__v_number=v_number)
        .exclude(pk__in=cases_visible_to(user).values("pk"))
        .order_by("-opened_at")
        .values_list("pk", flat=True)
    )


# --- Change history -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    when: dt.datetime
    who: object
    what: str
    field: str
    old: str
    new: str
    reason: str = ""


def _diffs(records, label):
    changes = []
    records = list(records)
    for newer, older in zip(records, records[1:], strict=False):
        delta = newer.diff_against(older)
        for item in delta.changes:
            model_field = newer.instance_type._meta.get_field(item.field)
            changes.append(
                Change(
                    when=newer.history_date,
                    who=newer.history_user,
                    what=label,
                    field=str(model_field.verbose_name),
                    old=_display(model_field, item.old),
                    new=_display(model_field, item.new),
                    reason=newer.history_change_reason or "",
                )
            )
    if records:
        first = records[-1]
        changes.append(
            Change(
                when=first.history_date,
                who=first.history_user,
                what=label,
                field="",
                old="",
                new=_("created"),
                reason=first.history_change_reason or "",
            )
        )
    return changes


def _display(model_field, value):
    if value in (None, ""):
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return str(value)
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def case_changes(*, case) -> list[Change]:
    """Every recorded change to the case and its person (who, when, old → new), newest first."""
    person_records = ForeignNational.history.filter(id=case.foreign_national_id).select_related("history_user")
    case_records = Case.history.filter(id=case.pk).select_related("history_user")
    changes = _diffs(person_records.order_by("-history_date", "-history_id"), _("Foreign national"))
    changes += _diffs(case_records.order_by("-history_date", "-history_id"), _("Case"))
    return sorted(changes, key=lambda c: c.when, reverse=True)


# --- Access log --------------------------------------------------------------------------------------


def access_log_page(*, before_id=None, page_size=ACCESS_LOG_PAGE_SIZE):
    """One page of the access log, newest first, by keyset so deep pages cost the same as the first."""
    rows = AccessLogEntry.objects.select_related("user", "foreign_national").order_by("-id")
    if before_id:
        rows = rows.filter(id__lt=before_id)
    return list(rows[:page_size])
