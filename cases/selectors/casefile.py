"""Everything the case file shows, loaded in a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..constants import (
    RUNNING_DEADLINE_STATUSES,
    DeadlineStatus,
    Vulnerability,
)
from ..events import may_see
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
    Handover,
    LegalProcedure,
    Nationality,
    WorkItem,
)
from ..panels import Panel, panels_for, register_panel
from .removability import Removability, case_removability

TIMELINE_PAGE_SIZE = 50


@dataclass(frozen=True)
class Section:
    """One panel of the case file with the context its loader returned."""

    panel: Panel
    context: dict


@dataclass
class CaseFile:
    """The case file: the header (identity, removability, flags) and the registered panels the reader may see."""

    case: Case
    nationalities: list
    removability: Removability
    flags: list = field(default_factory=list)
    sections: list = field(default_factory=list)


def case_with_person(queryset=None):
    """The case queryset the case file starts from (person, officer, team in one query)."""
    return (queryset if queryset is not None else Case.objects.all()).select_related(
        "foreign_national", "case_officer", "team", "previous_case", "possible_duplicate_of", "next_deadline"
    )


def case_timeline(*, case, before_id=None, page_size=TIMELINE_PAGE_SIZE):
    """One page of the case's events, newest first, by keyset in one query ("older" costs what the first page costs)."""
    events = CaseEvent.objects.filter(case_id=case.pk).select_related("actor").order_by("-occurred_at", "-id")
    if before_id:
        anchor = Subquery(CaseEvent.objects.filter(case_id=case.pk, pk=before_id).values("occurred_at")[:1])
        events = events.filter(Q(occurred_at__lt=anchor) | Q(occurred_at=anchor, id__lt=before_id))
    rows = list(events[: page_size + 1])
    return rows[:page_size], (rows[page_size - 1].pk if len(rows) > page_size else None)


def case_flags(case, *, removable) -> list[str]:
    """Short warnings shown in the header and the work queue."""
    person = case.foreign_national
    flags = [str(label) for value, label in Vulnerability.choices if value in (person.vulnerabilities or [])]
    if case.confidential:
        flags.append(_("Confidential"))
    if case.awaits_duplicate_review:
        flags.append(_("Possible duplicate"))
    if not removable:
        flags.append(_("Not removable"))
    return flags


def case_file(*, case, on: dt.date, user, params=None) -> CaseFile:
    """The case file of `case` (loaded with case_with_person): header and the panels `user` may see.

    `params` are the request's query parameters; a panel reads its own (the timeline its page).
    """
    removability = case_removability(case=case, on=on)
    return CaseFile(
        case=case,
        nationalities=list(
            Nationality.objects.filter(foreign_national_id=case.foreign_national_id).order_by("status", "country")
        ),
        removability=removability,
        flags=case_flags(case, removable=removability.removable),
        sections=[
            Section(panel=panel, context=panel.load(case, on=on, user=user, params=params or {}))
            for panel in panels_for(user)
        ],
    )


# --- The panels of cases itself (later apps register theirs in their AppConfig.ready()) -------------------


def _deadlines(case, *, on, user, params):
    deadlines = list(Deadline.objects.filter(case_id=case.pk).order_by("due_at", "id"))
    return {
        "deadlines": [d for d in deadlines if d.status in RUNNING_DEADLINE_STATUSES],
        "closed_deadlines": [d for d in deadlines if d.status in (DeadlineStatus.MET, DeadlineStatus.CANCELLED)],
        "departure_terms": list(DepartureTerm.objects.filter(case_id=case.pk).order_by("-recorded_at")),
    }


def _work_items(case, *, on, user, params):
    items = WorkItem.objects.filter(case_id=case.pk, done_at__isnull=True).select_related("assignee", "deadline")
    return {"work_items": list(items)}


def _interviews(case, *, on, user, params):
    return {"interviews": list(case_interviews(case=case))}


def _procedures(case, *, on, user, params):
    return {"procedures": list(LegalProcedure.objects.filter(case_id=case.pk).select_related("recorded_by"))}


def _documents(case, *, on, user, params):
    return {"documents": list(CaseDocument.objects.filter(case_id=case.pk).select_related("uploaded_by"))}


def _notes(case, *, on, user, params):
    return {"notes": list(CaseNote.objects.filter(case_id=case.pk).select_related("author")[:100])}


def _person(case, *, on, user, params):
    person_id = case.foreign_national_id
    return {
        "aliases": list(Alias.objects.filter(foreign_national_id=person_id).order_by("surname", "given_names")),
        "family_links": list(
            FamilyLink.objects.filter(foreign_national_id=person_id).select_related("relative").order_by("relation")
        ),
    }


def _handovers(case, *, on, user, params):
    return {
        "handovers": list(Handover.objects.filter(case_id=case.pk).order_by("-received_at")),
        "assignments": list(
            Assignment.objects.filter(case_id=case.pk).select_related("case_officer", "team", "assigned_by")
        ),
    }


def _timeline(case, *, on, user, params):
    before = params.get("voor") or ""
    before_id = int(before) if before.isascii() and before.isdigit() else None
    events, older = case_timeline(case=case, before_id=before_id)
    return {"events": [event for event in events if may_see(user, event)], "older_events_before": older}


def case_interviews(*, case):
    """The case's departure interviews with their agreed actions, newest first (two queries)."""
    return (
        DepartureInterview.objects.filter(case_id=case.pk)
        .select_related("conducted_by")
        .prefetch_related(Prefetch("actions", queryset=AgreedAction.objects.order_by("due_date", "id")))
        .order_by("-held_at", "-id")
    )


for _panel in (
    Panel("termijnen", gettext_lazy("Deadlines"), "cases/panels/deadlines.html", 10, _deadlines, queries=2),
    Panel("taken", gettext_lazy("Work items"), "cases/panels/work_items.html", 20, _work_items, queries=1),
    Panel("gesprekken", gettext_lazy("Departure interviews"), "cases/panels/interviews.html", 30, _interviews, 2),
    Panel("procedures", gettext_lazy("Legal procedures"), "cases/panels/procedures.html", 40, _procedures, 1),
    Panel("documenten", gettext_lazy("Documents"), "cases/panels/documents.html", 50, _documents, queries=1),
    Panel("notities", gettext_lazy("Notes"), "cases/panels/notes.html", 60, _notes, queries=1),
    Panel("persoon", gettext_lazy("Person"), "cases/panels/person.html", 70, _person, queries=2),
    Panel("overdracht", gettext_lazy("Handover and assignment"), "cases/panels/handover.html", 80, _handovers, 2),
    Panel("tijdlijn", gettext_lazy("Timeline"), "cases/panels/timeline.html", 90, _timeline, queries=1),
):
    register_panel(_panel)
