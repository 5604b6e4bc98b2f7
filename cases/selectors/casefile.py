"""Everything the case file shows, in a fixed number of queries (one statement for the header and every panel)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dtv.core.batch import fetch_together, prepared
from dtv.core.ids import parse_id

from ..constants import (
    RUNNING_DEADLINE_STATUSES,
    DeadlineStatus,
    Phase,
    Vulnerability,
)
from ..deadlines.rules import DeadlineKind
from ..events import describe, may_see
from ..models import (
    AgreedAction,
    Alias,
    Assignment,
    Case,
    CaseDocument,
    CaseEvent,
    CaseNote,
    Deadline,
    DepartureInterview,
    DepartureTerm,
    FamilyLink,
    FamilyLinkRequest,
    ForeignNational,
    Handover,
    LegalProcedure,
    Nationality,
    WorkItem,
)
from ..panels import Panel, check_querysets, panel_context, panel_rows, panels_for, register_panel
from ..permissions import cases_of_scope, scope_shape
from .removability import Removability, removability_from_rows, removability_querysets

TIMELINE_PAGE_SIZE = 50


@dataclass(frozen=True)
class Section:
    """One panel of the case file with the context its loader returned."""

    panel: Panel
    context: dict


@dataclass(frozen=True)
class DepartureTermState:
    """The departure term as the header shows it (art. 62 Vw 2000): its last day, and whether it has passed."""

    last_day: dt.date
    expired: bool
    suspended: bool
    legal_basis: str


@dataclass
class CaseFile:
    """The case file: the header (identity, removability or closure, term, flags) and the panels the reader may see."""

    case: Case
    nationalities: list
    removability: Removability
    departure_term: DepartureTermState | None = None
    flags: list = field(default_factory=list)
    sections: list = field(default_factory=list)

    @property
    def people_read(self) -> list:
        """Other people the panels show by name (a relative): each read is logged like the case's own."""
        return [person for section in self.sections for person in section.context.get("people_read", [])]


def case_with_person(queryset=None):
    """The case queryset the case file starts from (person, officer, team, next deadline in one query).

    Not the earlier case nor the possible duplicate: two more self-joins multiply the planner's work
    on every case-file view (12 ms of planning for a 0.3 ms read at 100,000 cases); the page shows
    the earlier case by its id, and the duplicate, which few cases have, loads when it is there.
    """
    return (queryset if queryset is not None else Case.objects.all()).select_related(
        "foreign_national", "case_officer", "team", "next_deadline"
    )


def _timeline_queryset(case_id, before_id, page_size):
    events = CaseEvent.objects.filter(case_id=case_id).select_related("actor").order_by("-occurred_at", "-id")
    if before_id:
        anchor = Subquery(CaseEvent.objects.filter(case_id=case_id, pk=before_id).values("occurred_at")[:1])
        events = events.filter(Q(occurred_at__lt=anchor) | Q(occurred_at=anchor, id__lt=before_id))
    return events[: page_size + 1]


def _timeline_page(rows, page_size):
    return rows[:page_size], (rows[page_size - 1].pk if len(rows) > page_size else None)


def case_timeline(*, case, before_id=None, page_size=TIMELINE_PAGE_SIZE):
    """One page of the case's events, newest first, by keyset in one query ("older" costs what the first page costs)."""
    return _timeline_page(list(_timeline_queryset(case.pk, before_id, page_size)), page_size)


def case_flags(case, *, legal_obstacle) -> list[str]:
    """Short warnings shown in the header and the work queue."""
    return flags_of(
        vulnerabilities=case.foreign_national.vulnerabilities,
        confidential=case.confidential,
        awaits_duplicate_review=case.awaits_duplicate_review,
        legal_obstacle=legal_obstacle,
        phase=case.phase,
    )


def flags_of(*, vulnerabilities, confidential, awaits_duplicate_review, legal_obstacle, phase) -> list[str]:
    """case_flags from the facts themselves, for a case read as plain values (the work queue)."""
    # In the choices' order; most people have none, and building Vulnerability.choices per row is not free.
    flags = [str(v.label) for v in Vulnerability if v in vulnerabilities] if vulnerabilities else []
    if confidential:
        flags.append(_("Confidential"))
    if awaits_duplicate_review:
        flags.append(_("Possible duplicate"))
    if legal_obstacle and phase != Phase.CLOSED:
        flags.append(_("Legal obstacle"))
    return flags


# The nationality check (below) reads the same rows the header shows: one queryset serves both.
_NATIONALITY_ROWS = "removability:nationality:nationalities"


def _nationalities(case):
    return Nationality.objects.filter(foreign_national_id=case.foreign_national_id).order_by("status", "country")


def _header_build(*, case_id):
    return {
        # The term runs (or ran) whatever the next deadline is; a term cancelled on closing is no term.
        "header:departure_term": Deadline.objects.filter(case_id=case_id, kind=DeadlineKind.DEPARTURE_TERM)
        .exclude(status=DeadlineStatus.CANCELLED)
        .order_by("-opened_at", "-id")[:1],
    }


def _header_querysets(case):
    return prepared(_header_build, case_id=case.pk)


def _departure_term_state(deadlines, on) -> DepartureTermState | None:
    if not deadlines:
        return None
    deadline = deadlines[0]
    # A term in days is stored with its last day; the term has passed once that day is over.
    last_day = deadline.due_date or timezone.localdate(deadline.due_at)
    return DepartureTermState(
        last_day=last_day,
        expired=last_day < on,
        suspended=deadline.status == DeadlineStatus.SUSPENDED,
        legal_basis=deadline.legal_basis,
    )


def case_file(*, case, on: dt.date, user, params=None) -> CaseFile:
    """The case file of `case` (loaded with case_with_person): header and the panels `user` may see.

    `params` are the request's query parameters; a panel reads its own (the timeline its page). The
    header, the removability checks and every panel that declares querysets are read in one SQL
    statement; only panels with a `load` of their own add their declared queries.
    """
    params = params or {}
    panels = panels_for(user)
    # Compiling each queryset is most of this page's Python time: what the header, a removability check and
    # a panel share is one queryset (the checks' rows are there for an open case only: a closed one is not
    # weighed, but its travel-document panel still shows the document).
    querysets = {**_header_querysets(case), **removability_querysets([case], on=on)}
    if _NATIONALITY_ROWS not in querysets:
        querysets["header:nationalities"] = _nationalities(case)
    wanted = {check.key: check for panel in panels for check in panel.removability_checks}
    present = {name.split(":")[1] for name in querysets if name.startswith("removability:")}
    missing = [check for key, check in wanted.items() if key not in present]
    if missing:
        querysets.update(check_querysets(missing, [case], on=on))
    for panel in panels:
        if panel.querysets is not None:
            for name, queryset in panel.querysets(case, on=on, user=user, params=params).items():
                querysets[f"panel:{panel.key}:{name}"] = queryset
    rows = fetch_together(querysets)
    # A closed case is not weighed (removability_from_rows skips it), whatever rows a panel fetched.
    removability = removability_from_rows([case], rows, on=on)[case.pk]

    def own_rows(panel):
        return panel_rows(panel, rows) if panel.querysets is not None else None

    return CaseFile(
        case=case,
        nationalities=rows.get(_NATIONALITY_ROWS, rows.get("header:nationalities")),
        removability=removability,
        departure_term=_departure_term_state(rows["header:departure_term"], on),
        flags=case_flags(case, legal_obstacle=removability.has_legal_obstacle),
        sections=[
            Section(
                panel=panel,
                context=panel_context(panel, case, on=on, user=user, params=params, rows=own_rows(panel)),
            )
            for panel in panels
        ],
    )


# --- The panels of cases itself (later apps register theirs in their AppConfig.ready()) -------------------


# Each panel's querysets are prepared (dtv.core.batch.prepared): built and compiled once per process, with
# only the case's id put in per view; compiling them per view was most of the case file's Python time.


def _deadline_build(*, case_id):
    return {
        "deadlines": Deadline.objects.filter(case_id=case_id).order_by("due_at", "id"),
        "departure_terms": DepartureTerm.objects.filter(case_id=case_id).order_by("-recorded_at"),
    }


def _deadline_rows(case, **kwargs):
    return prepared(_deadline_build, case_id=case.pk)


def _deadlines(case, rows, **kwargs):
    deadlines = rows["deadlines"]
    return {
        "deadlines": [d for d in deadlines if d.status in RUNNING_DEADLINE_STATUSES],
        "closed_deadlines": [d for d in deadlines if d.status in (DeadlineStatus.MET, DeadlineStatus.CANCELLED)],
        "departure_terms": rows["departure_terms"],
    }


def _work_item_build(*, case_id):
    items = WorkItem.objects.filter(case_id=case_id, done_at__isnull=True).select_related("assignee", "deadline")
    return {"work_items": items}


def _work_item_rows(case, **kwargs):
    return prepared(_work_item_build, case_id=case.pk)


def _interview_build(*, case_id):
    return {
        "interviews": DepartureInterview.objects.filter(case_id=case_id)
        .select_related("conducted_by")
        .order_by("-held_at", "-id"),
        "actions": AgreedAction.objects.filter(case_id=case_id).order_by("due_date", "id"),
    }


def _interview_rows(case, **kwargs):
    return prepared(_interview_build, case_id=case.pk)


def _interviews(case, rows, **kwargs):
    actions = defaultdict(list)
    for action in rows["actions"]:
        actions[action.interview_id].append(action)
    for interview in rows["interviews"]:
        interview.agreed_actions = actions.get(interview.pk, [])
    return {"interviews": rows["interviews"]}


def _procedure_build(*, case_id):
    return {"procedures": LegalProcedure.objects.filter(case_id=case_id).select_related("recorded_by")}


def _procedure_rows(case, **kwargs):
    return prepared(_procedure_build, case_id=case.pk)


def _document_build(*, case_id):
    return {"documents": CaseDocument.objects.filter(case_id=case_id).select_related("uploaded_by")}


def _document_rows(case, **kwargs):
    return prepared(_document_build, case_id=case.pk)


def _note_build(*, case_id):
    return {"notes": CaseNote.objects.filter(case_id=case_id).select_related("author")[:100]}


def _note_rows(case, **kwargs):
    return prepared(_note_build, case_id=case.pk)


def _person_build(kind, *, person_id, **scope):
    # `kind` and `scope` are the reader's scope (permissions.scope_shape): a relative's identity shows only to who
    # may see a case of that relative, so the build depends on the reader, and is prepared per kind of scope.
    visible = cases_of_scope(kind, **scope)
    return {
        "aliases": Alias.objects.filter(foreign_national_id=person_id).order_by("surname", "given_names"),
        "family_links": FamilyLink.objects.filter(foreign_national_id=person_id)
        .select_related("relative")
        .annotate(relative_visible=Exists(visible.filter(foreign_national_id=OuterRef("relative_id"))))
        .order_by("relation", "id"),
        "family_link_requests": FamilyLinkRequest.objects.filter(
            foreign_national_id=person_id, confirmed_at__isnull=True
        ).order_by("requested_at", "id"),
        "requests_to_confirm": FamilyLinkRequest.objects.filter(
            relative_v_number=Subquery(ForeignNational.objects.filter(pk=person_id).values("v_number")[:1]),
            confirmed_at__isnull=True,
        )
        .select_related("foreign_national", "requested_by")
        .annotate(requester_visible=Exists(visible.filter(foreign_national_id=OuterRef("foreign_national_id"))))
        .order_by("requested_at", "id"),
    }


def _person_rows(case, *, user, **kwargs):
    kind, scope = scope_shape(user)
    return prepared(_person_build, kind, person_id=case.foreign_national_id, **scope)


def _person(case, rows, **kwargs):
    # A relative's identity is shown only to who may see a case of that relative (review 1, finding 4).
    people = [link.relative for link in rows["family_links"] if link.relative_visible]
    people += [request.foreign_national for request in rows["requests_to_confirm"] if request.requester_visible]
    return {**rows, "people_read": people}


def _handover_build(*, case_id):
    return {
        "handovers": Handover.objects.filter(case_id=case_id).order_by("-received_at"),
        "assignments": Assignment.objects.filter(case_id=case_id).select_related("case_officer", "team", "assigned_by"),
    }


def _handover_rows(case, **kwargs):
    return prepared(_handover_build, case_id=case.pk)


def _timeline_before(params):
    return parse_id(params.get("voor") or "")


def _timeline_build(older, *, case_id, before_id=None):
    return {"events": _timeline_queryset(case_id, before_id if older else None, TIMELINE_PAGE_SIZE)}


def _timeline_rows(case, *, params, **kwargs):
    before_id = _timeline_before(params)
    if before_id:
        return prepared(_timeline_build, True, case_id=case.pk, before_id=before_id)
    return prepared(_timeline_build, False, case_id=case.pk)


@dataclass(frozen=True)
class TimelineItem:
    """One line of the timeline as it is shown: moment (ISO and Amsterdam time), label, facts, who."""

    event: object
    iso: str
    shown: str
    label: str
    facts: str
    actor: str


def timeline_item(event) -> TimelineItem:
    """The timeline line of `event` in the active language and time zone."""
    # Written here once per event instead of two `date` filters and two describe() calls in the template:
    # the timeline shows up to 50 events and was the most expensive template of the case file.
    moment = timezone.localtime(event.occurred_at)
    label, facts = describe(event)
    return TimelineItem(
        event=event,
        iso=moment.isoformat(),
        shown=f"{moment.day}-{moment.month}-{moment.year} {moment:%H:%M}",
        label=label,
        facts=facts,
        actor=str(event.actor) if event.actor_id else _("system"),
    )


def _timeline(case, rows, *, user, **kwargs):
    events, older = _timeline_page(rows["events"], TIMELINE_PAGE_SIZE)
    events = [event for event in events if may_see(user, event)]
    return {"events": events, "items": [timeline_item(event) for event in events], "older_events_before": older}


def case_interviews(*, case):
    """The case's departure interviews with their agreed actions (`agreed_actions`), newest first, in one query."""
    rows = fetch_together(_interview_rows(case))
    return _interviews(case, rows)["interviews"]


for _panel in (
    Panel("termijnen", gettext_lazy("Deadlines"), "cases/panels/deadlines.html", 10, querysets=_deadline_rows,
          context=_deadlines),
    Panel("taken", gettext_lazy("Work items"), "cases/panels/work_items.html", 20, querysets=_work_item_rows),
    Panel("gesprekken", gettext_lazy("Departure interviews"), "cases/panels/interviews.html", 30,
          querysets=_interview_rows, context=_interviews),
    Panel("procedures", gettext_lazy("Legal procedures"), "cases/panels/procedures.html", 40,
          querysets=_procedure_rows),
    Panel("documenten", gettext_lazy("Documents"), "cases/panels/documents.html", 50, querysets=_document_rows),
    Panel("notities", gettext_lazy("Notes"), "cases/panels/notes.html", 60, querysets=_note_rows),
    Panel("persoon", gettext_lazy("Person"), "cases/panels/person.html", 70, querysets=_person_rows,
          context=_person),
    Panel("overdracht", gettext_lazy("Handover and assignment"), "cases/panels/handover.html", 80,
          querysets=_handover_rows),
    Panel("tijdlijn", gettext_lazy("Timeline"), "cases/panels/timeline.html", 90, querysets=_timeline_rows,
          context=_timeline),
):  # fmt: skip
    register_panel(_panel)
