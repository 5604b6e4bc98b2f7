"""The work queue: a case officer's own cases, the team's caseload and the national intake."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import CharField, F, OuterRef, Q, Value
from django.db.models.functions import Concat, Lower
from django.utils.translation import gettext_lazy

from dtv.accounts.constants import Role
from dtv.core.batch import counted, fetch_together, prepared
from dtv.core.pagination import KeysetPage, keyset_result, keyset_slice, parse_cursor

from ..models import Nationality
from ..permissions import cases_of_scope, scope_shape
from ..querysets import NATIONAL_INTAKE, queue_urgency
from ..removability import legal_obstacle_annotation

QUEUE_PAGE_SIZE = 50

# The work queue's sort orders; each is a key that keyset pagination continues from.
SORTS = {
    "termijn": (
        # By day, statutory terms first on that day, then by moment (Case.next_due_key).
        queue_urgency,
        gettext_lazy("Next deadline"),
    ),
    "geopend": (lambda: F("opened_at"), gettext_lazy("Opened")),
    "naam": (lambda: Lower("foreign_national__surname"), gettext_lazy("Name")),
    "v-nummer": (lambda: F("foreign_national__v_number"), gettext_lazy("V-number")),
}
DEFAULT_SORT = "termijn"

# What a work-queue row shows (cases/views/_queue_rows.py), and nothing else, read as plain values: model
# instances of case, person, officer, team and deadline (~300 a page) and a prefetch of the nationalities cost
# more than the query itself (docs/perf-notes-issue8.md). tests/cases/test_page_queries.py keeps the count
# constant; a column missing here fails the row builder with a KeyError, not a query per row.
QUEUE_VALUES = (
    "id",
    "phase",
    "confidential",
    "possible_duplicate_of_id",
    "duplicate_review",
    "legal_obstacle",
    "sort_key",
    "foreign_national_id",
    "foreign_national__v_number",
    "foreign_national__surname",
    "foreign_national__given_names",
    "foreign_national__vulnerabilities",
    "case_officer_id",
    "case_officer__username",
    "case_officer__first_name",
    "case_officer__last_name",
    "next_deadline__kind",
    "next_deadline__rule_version",
    "next_deadline__statutory",
    "next_deadline__due_date",
    "next_deadline__due_at",
    "next_deadline__status",
)


def _queue(view, *, user, on):
    kind, scope = scope_shape(user)
    return _queue_of_scope(view, kind, on=on, me=user.pk, **scope)


def _queue_of_scope(view, kind, *, on, me, **scope):
    # The queue of `view` for a reader whose scope is (kind, scope) (permissions.scope_shape), `me` their id.
    within = {"mijn": Q(case_officer=me), "team": Q(team_id=scope.get("team_id")), "intake": NATIONAL_INTAKE}[view]
    rows = cases_of_scope(kind, within=within, **scope).open().annotate(legal_obstacle=legal_obstacle_annotation(on))
    # No team, no team queue (not the cases without a team: those are the national intake).
    return rows.none() if view == "team" and not scope.get("team_id") else rows


@dataclass(frozen=True)
class QueuePage:
    """A keyset page of work-queue rows as plain values, and each shown person's (country, status) pairs."""

    page: KeysetPage
    nationalities: dict[int, list[tuple[str, str]]]


def _page_rows(rows, *, sort, parsed, size):
    # The values() of one keyset page of `rows` in `sort` order; on PostgreSQL with each person's nationalities.
    rows = workqueue_sorted(rows, sort)
    if connections[rows.db].vendor != "postgresql":
        return keyset_slice(rows.values(*QUEUE_VALUES), parsed, size=size)
    from django.contrib.postgres.expressions import ArraySubquery

    # "status:country" in the order every list shows them; neither a status code nor a country code has a ":".
    pairs = (
        Nationality.objects.filter(foreign_national_id=OuterRef("foreign_national_id"))
        .order_by("status", "country")
        .values(pair=Concat("status", Value(":"), "country", output_field=CharField()))
    )
    rows = rows.annotate(nationality_pairs=ArraySubquery(pairs)).values(*QUEUE_VALUES, "nationality_pairs")
    return keyset_slice(rows, parsed, size=size)


def _finish(rows, parsed, size) -> QueuePage:
    page = keyset_result(rows, parsed, size=size)
    if page.rows and "nationality_pairs" not in page.rows[0]:
        people = [row["foreign_national_id"] for row in page.rows]
        return QueuePage(page=page, nationalities=_nationalities(people))
    nationalities = {}
    for row in page.rows:
        nationalities[row["foreign_national_id"]] = [
            tuple(reversed(pair.split(":", 1))) for pair in row.pop("nationality_pairs")
        ]
    return QueuePage(page=page, nationalities=nationalities)


def queue_page(rows, *, sort, cursor, size=QUEUE_PAGE_SIZE) -> QueuePage:
    """One keyset page of the queue `rows` in `sort` order, with the nationalities (on PostgreSQL in the same query)."""
    parsed = parse_cursor(cursor)
    return _finish(_page_rows(rows, sort=sort, parsed=parsed, size=size), parsed, size)


def _queue_build(view, kind, sort, direction, size, *, on, me, key=None, pk=None, **scope):
    rows = _queue_of_scope(view, kind, on=on, me=me, **scope)
    parsed = (direction, key, pk) if direction else None
    return {"total": counted(rows), "page": _page_rows(rows, sort=sort, parsed=parsed, size=size)}


def queue_total_and_page(*, view, user, on, sort, cursor, size=QUEUE_PAGE_SIZE) -> tuple[int, QueuePage]:
    """(number of cases, one keyset page) of the unfiltered queue `view` ("mijn", "team", "intake") of `user`.

    The same rows as queue_page(workqueue_<view>(…)) with its count, prepared (dtv.core.batch.prepared) per
    view, kind of scope, sort and direction: one statement, compiled once per process, for the queue's pages.
    """
    sort = sort if sort in SORTS else DEFAULT_SORT
    parsed = parse_cursor(cursor)
    kind, scope = scope_shape(user)
    values = {"on": on, "me": user.pk, **scope}
    if parsed:
        values.update(key=parsed[1], pk=parsed[2])
    direction = parsed[0] if parsed else None
    rows = fetch_together(prepared(_queue_build, view, kind, sort, direction, size, **values))
    return rows["total"], _finish(rows["page"], parsed, size)


def _nationalities(person_ids) -> dict[int, list[tuple[str, str]]]:
    found = {}
    rows = Nationality.objects.filter(foreign_national_id__in=person_ids).order_by("status", "country")
    for person_id, country, status in rows.values_list("foreign_national_id", "country", "status"):
        found.setdefault(person_id, []).append((country, status))
    return found


def workqueue_sorted(rows, sort):
    """The rows annotated with the sort key keyset pagination continues from (unknown sorts: the default)."""
    expression, _label = SORTS.get(sort) or SORTS[DEFAULT_SORT]
    return rows.annotate(sort_key=expression())


def workqueue_mine(*, user, on):
    """The open cases assigned to `user`, each annotated `legal_obstacle` on `on`."""
    return _queue("mijn", user=user, on=on)


def workqueue_team(*, user, on):
    """The open cases of the team lead's team, each annotated `legal_obstacle` on `on`."""
    return _queue("team", user=user, on=on)


def workqueue_intake(*, user, on):
    """The national intake: open cases that no team holds yet, each annotated `legal_obstacle` on `on`."""
    return _queue("intake", user=user, on=on)


def team_case_officers(*, team_id):
    """The active case officers of a team, specialists marked, for the assignment form."""
    return (
        get_user_model()
        .objects.filter(team_id=team_id, is_active=True, groups__name=Role.CASE_OFFICER.value)
        .order_by("last_name", "first_name", "pk")
    )
