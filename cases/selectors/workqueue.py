"""The work queue: a case officer's own cases, the team's caseload and the national intake."""

from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy

from dtv.accounts.constants import Role

from ..models import (
    Case,
)
from ..querysets import NATIONAL_INTAKE, queue_urgency
from .rows import case_rows

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

# What a work-queue row shows (cases/views/_queue_rows.py), and nothing else: a row with every column of
# the case, person, officer, team and deadline built ~300 model instances a page and parsed each
# deadline's explanation and parameters (JSON) that the queue never shows. tests/cases/test_page_queries.py
# keeps this honest: a column missing here is a query per row, and the count would grow with the rows.
QUEUE_COLUMNS = (
    "phase",
    "confidential",
    "opened_at",
    "possible_duplicate_of",
    "duplicate_review",
    "legal_obstacle_until",
    "next_due_key",
    "team",
    "case_officer",
    "foreign_national",
    "next_deadline",
    "foreign_national__v_number",
    "foreign_national__surname",
    "foreign_national__given_names",
    "foreign_national__vulnerabilities",
    "case_officer__username",
    "case_officer__first_name",
    "case_officer__last_name",
    "team__name",
    "next_deadline__case",
    "next_deadline__kind",
    "next_deadline__rule_version",
    "next_deadline__statutory",
    "next_deadline__due_date",
    "next_deadline__due_at",
    "next_deadline__status",
)


def workqueue_sorted(rows, sort):
    """The rows annotated with the sort key keyset pagination continues from (unknown sorts: the default)."""
    expression, _label = SORTS.get(sort) or SORTS[DEFAULT_SORT]
    return rows.annotate(sort_key=expression())


def workqueue_mine(*, user, on):
    """The open cases assigned to `user`."""
    return case_rows(user=user, on=on, within=Q(case_officer=user)).open().only(*QUEUE_COLUMNS)


def workqueue_team(*, user, on):
    """The open cases of the team lead's team."""
    if not user.team_id:
        return Case.objects.none()
    return case_rows(user=user, on=on, within=Q(team_id=user.team_id)).open().only(*QUEUE_COLUMNS)


def workqueue_intake(*, user, on):
    """The national intake: open cases that no team holds yet."""
    return case_rows(user=user, on=on, within=NATIONAL_INTAKE).open().only(*QUEUE_COLUMNS)


def team_case_officers(*, team_id):
    """The active case officers of a team, specialists marked, for the assignment form."""
    return (
        get_user_model()
        .objects.filter(team_id=team_id, is_active=True, groups__name=Role.CASE_OFFICER.value)
        .order_by("last_name", "first_name", "pk")
    )
