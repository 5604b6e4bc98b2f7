"""Work-queue rows as the template shows them: every cell's text worked out once, before rendering.

Rendering a cell through template filters (a country lookup, the deadline's label and due text, a
`{% url %}`) per row cost 0.3-0.45 ms a row (docs/perf-notes-issue8.md, fix 6). Here the labels that
repeat (countries, statuses, phases, deadline kinds, statutory or not) are looked up once per page and
the case URL is built from one `reverse()`.
"""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from ..constants import NationalityStatus, Phase
from ..countries import country_name
from ..deadlines import registry
from ..deadlines.explain import days_left, due_text, urgency_text
from ..deadlines.notifications import deadline_is_statutory
from ..selectors import case_flags

# reverse() once with a pk that cannot be a real one, then the pk is put in its place per row.
_PK_PLACEHOLDER = 999999999999999999


@dataclass(frozen=True)
class DeadlineCell:
    """The case's next deadline: what, when, how near, and whether the law sets it."""

    label: str
    due: str
    overdue: bool  # the sweep found it overdue: the status is the one definition (Deadline.is_overdue)
    urgency: str  # "nog 2 dagen", "vandaag de laatste dag", "3 dagen verstreken" (Amsterdam days)
    days_left: int
    statutory: bool


@dataclass(frozen=True)
class QueueRow:
    pk: int
    url: str
    v_number: str
    name: str
    nationalities: tuple[tuple[str, str], ...]  # (code, "Eritrea (gesteld)")
    phase: str
    deadline: DeadlineCell | None
    officer: str
    flags: tuple[str, ...]
    select_label: str


class _Once(dict):
    """A dict that computes a missing key once (per page)."""

    def __init__(self, compute):
        super().__init__()
        self._compute = compute

    def __missing__(self, key):
        value = self[key] = self._compute(key)
        return value


def deadline_cell(deadline, *, now: dt.datetime, label=None, statutory=None) -> DeadlineCell:
    """The deadline as a work-queue cell on `now`; a page passes the label and statutory mark it looked up once."""
    return DeadlineCell(
        label=registry.kind_label(deadline.kind) if label is None else label,
        due=due_text(due_date=deadline.due_date, due_at=deadline.due_at),
        overdue=deadline.is_overdue,
        urgency=urgency_text(due_date=deadline.due_date, due_at=deadline.due_at, now=now),
        days_left=days_left(due_date=deadline.due_date, due_at=deadline.due_at, now=now),
        statutory=deadline_is_statutory(deadline) if statutory is None else statutory,
    )


def queue_rows(cases, *, now: dt.datetime) -> list[QueueRow]:
    """The page's cases (loaded with case_rows) as rows of ready text, in the active language."""
    url = reverse("cases:case_detail", args=[_PK_PLACEHOLDER])
    countries = _Once(country_name)
    statuses = dict(NationalityStatus.choices)
    phases = dict(Phase.choices)
    labels = _Once(registry.kind_label)
    statutory = {}
    unassigned = _("unassigned")
    rows = []
    for case in cases:
        person = case.foreign_national
        deadline = case.next_deadline
        cell = None
        if deadline is not None:
            key = (deadline.kind, deadline.rule_version)
            if key not in statutory:
                statutory[key] = deadline_is_statutory(deadline)
            cell = deadline_cell(deadline, now=now, label=labels[deadline.kind], statutory=statutory[key])
        rows.append(
            QueueRow(
                pk=case.pk,
                url=url.replace(str(_PK_PLACEHOLDER), str(case.pk)),
                v_number=person.v_number,
                name=f"{person.surname}, {person.given_names}",
                nationalities=tuple(
                    (n.country, f"{countries[n.country]} ({statuses.get(n.status, n.status)})")
                    for n in person.nationalities.all()
                ),
                phase=str(phases.get(case.phase, case.phase)),
                deadline=cell,
                officer=str(case.case_officer) if case.case_officer else unassigned,
                flags=tuple(case_flags(case, legal_obstacle=getattr(case, "legal_obstacle", False))),
                select_label=_("Select case %(v)s") % {"v": person.v_number},
            )
        )
    return rows
