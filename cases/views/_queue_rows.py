"""Work-queue rows: every cell's text worked out once, and each row's HTML written here, not in a template.

Rendering a cell through template filters (a country lookup, the deadline's label and due text, a
`{% url %}`) per row cost 0.3-0.45 ms a row (docs/perf-notes-issue8.md, fix 6). Here the labels that
repeat (countries, statuses, phases, deadline kinds, statutory or not) are looked up once per page and
the case URL is built from one `reverse()`. The template loop over 50 rows of ten cells, with a dozen
variable lookups and escapes a row, still cost ~4 ms of a ~25 ms page; `row_html` writes a row with
f-strings and `html.escape` (every value escaped) in a fraction of that. `cases/_workqueue_results.html` keeps the
table around the rows; the markup of a row is `_ROW` below.
"""

import datetime as dt
from dataclasses import dataclass
from html import escape

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..constants import DeadlineStatus, NationalityStatus, Phase
from ..countries import country_name
from ..deadlines import registry
from ..deadlines.explain import days_left, due_text, urgency_text
from ..deadlines.models import Deadline
from ..deadlines.notifications import deadline_is_statutory
from ..models.case import awaits_duplicate_review
from ..selectors import flags_of

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
    legal_obstacle: bool
    select_label: str


class _Once(dict):
    """A dict that computes a missing key once (per page)."""

    def __init__(self, compute):
        super().__init__()
        self._compute = compute

    def __missing__(self, key):
        value = self[key] = self._compute(key)
        return value


def deadline_cell(*, kind, due_date, due_at, status, now: dt.datetime, label: str, statutory: bool) -> DeadlineCell:
    """The next deadline as a work-queue cell on `now`, with the label and statutory mark the page looked up once."""
    return DeadlineCell(
        label=label,
        due=due_text(due_date=due_date, due_at=due_at),
        overdue=status == DeadlineStatus.OVERDUE,  # the sweep sets it: the status is the definition
        urgency=urgency_text(due_date=due_date, due_at=due_at, now=now),
        days_left=days_left(due_date=due_date, due_at=due_at, now=now),
        statutory=statutory,
    )


def _statutory(kind_and_version) -> bool:
    kind, version = kind_and_version
    return deadline_is_statutory(Deadline(kind=kind, rule_version=version))


def _officer_name(row) -> str:
    # str(User) is the one way a user's name reads; an unsaved User built from the three columns says it.
    officer = get_user_model()(
        username=row["case_officer__username"],
        first_name=row["case_officer__first_name"],
        last_name=row["case_officer__last_name"],
    )
    return str(officer)


def queue_rows(cases, *, nationalities, now: dt.datetime) -> list[QueueRow]:
    """The page's cases (selectors.queue_values) as rows of ready text, in the active language.

    `nationalities` is selectors.queue_nationalities of the page's people.
    """
    url = reverse("cases:case_detail", args=[_PK_PLACEHOLDER])
    countries = _Once(country_name)
    statuses = dict(NationalityStatus.choices)
    phases = dict(Phase.choices)
    labels = _Once(registry.kind_label)
    statutory = _Once(_statutory)
    officers = {}
    unassigned = _("unassigned")
    rows = []
    for case in cases:
        kind = case["next_deadline__kind"]
        cell = None
        if kind is not None:
            cell = deadline_cell(
                kind=kind,
                due_date=case["next_deadline__due_date"],
                due_at=case["next_deadline__due_at"],
                status=case["next_deadline__status"],
                now=now,
                label=labels[kind],
                statutory=statutory[kind, case["next_deadline__rule_version"]],
            )
        officer_id = case["case_officer_id"]
        if officer_id is not None and officer_id not in officers:
            officers[officer_id] = _officer_name(case)
        v_number = case["foreign_national__v_number"]
        rows.append(
            QueueRow(
                pk=case["id"],
                url=url.replace(str(_PK_PLACEHOLDER), str(case["id"])),
                v_number=v_number,
                name=f"{case['foreign_national__surname']}, {case['foreign_national__given_names']}",
                nationalities=tuple(
                    (country, f"{countries[country]} ({statuses.get(status, status)})")
                    for country, status in nationalities.get(case["foreign_national_id"], ())
                ),
                phase=str(phases.get(case["phase"], case["phase"])),
                deadline=cell,
                officer=officers[officer_id] if officer_id is not None else unassigned,
                flags=tuple(
                    flags_of(
                        vulnerabilities=case["foreign_national__vulnerabilities"],
                        confidential=case["confidential"],
                        awaits_duplicate_review=awaits_duplicate_review(
                            case["possible_duplicate_of_id"], case["duplicate_review"]
                        ),
                        legal_obstacle=case["legal_obstacle"],
                        phase=case["phase"],
                    )
                ),
                legal_obstacle=case["legal_obstacle"],
                select_label=_("Select case %(v)s") % {"v": v_number},
            )
        )
    return rows


_NONE = "–"


def _cells(pairs, template, separator):
    return separator.join(template.format(*map(escape, pair)) for pair in pairs) or _NONE


def rows_html(rows, *, selectable: bool, with_officer: bool) -> SafeString:
    """The table rows of a page of QueueRows (a checkbox column for bulk assignment, an officer column).

    Every value is escaped with `html.escape` (what django.utils.html.escape does, without a SafeString per
    value: format_html per cell cost as much as the template loop it replaces).
    """
    l_v, l_name, l_nationality, l_phase, l_deadline, l_flags, l_select, l_officer = (
        escape(label)
        for label in (
            _("V-number"),
            _("Name"),
            _("Nationality"),
            _("Phase"),
            _("Next deadline"),
            _("Flags"),
            _("Select"),
            _("Case officer"),
        )
    )
    statutory = f' <span class="utrecht-badge-status regie-statutory">{escape(_("statutory"))}</span>'
    td = '<td class="utrecht-table__cell" data-label='
    html = []
    for row in rows:
        select = (
            f'{td}"{l_select}"><input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" '
            f'name="cases" value="{row.pk}" id="select-{row.pk}" aria-label="{escape(row.select_label)}"></td>'
            if selectable
            else ""
        )
        d = row.deadline
        deadline = (
            f"<span{' class="regie-overdue"' if d.overdue else ''}>{escape(d.label)}: "
            f'<span class="regie-nowrap">{escape(d.due)}</span> '
            f'<span class="regie-nowrap" data-testid="urgency">({escape(d.urgency)})</span></span>'
            f"{statutory if d.statutory else ''}"
            if d
            else _NONE
        )
        officer = f'{td}"{l_officer}">{escape(row.officer)}</td>' if with_officer else ""
        nationalities = _cells(((title, code) for code, title in row.nationalities), '<abbr title="{}">{}</abbr>', ", ")
        flags = _cells(((flag,) for flag in row.flags), '<span class="utrecht-badge-status regie-flag">{}</span>', " ")
        html.append(
            f'<tr class="utrecht-table__row">{select}'
            f'{td}"{l_v}"><a class="utrecht-link" href="{escape(row.url)}">{escape(row.v_number)}</a></td>'
            f'{td}"{l_name}">{escape(row.name)}</td>'
            f'{td}"{l_nationality}">{nationalities}</td>'
            f'{td}"{l_phase}">{escape(row.phase)}</td>'
            f'<td class="utrecht-table__cell regie-queue__deadline" data-label="{l_deadline}">{deadline}</td>'
            f"{officer}"
            f'{td}"{l_flags}">{flags}</td></tr>'
        )
    return mark_safe("\n".join(html))  # noqa: S308  # nosec B308 B703 (every value above is escaped)
