"""Cases as lists show them (the work queue, the API list) and as the API's case detail sums one up."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from ..models import (
    Case,
    Deadline,
    DepartureInterview,
    LegalProcedure,
    Nationality,
)
from ..permissions import can_edit_case, cases_visible_to
from .removability import Removability, case_removability, not_removable, removal_obstacle


@dataclass(frozen=True)
class CaseRow:
    """A case with whether its person may be removed on the day the list was read, and why not."""

    case: Case
    removability: Removability


@dataclass(frozen=True)
class CaseSummary(CaseRow):
    """A case as its detail reads: the row, how much case work it holds, and whether the reader may change it."""

    interviews_count: int = 0
    procedures_count: int = 0
    live_deadlines_count: int = 0
    editable: bool = False


def nationalities_prefetch(path="foreign_national__nationalities"):
    """The person's nationalities in the order every list shows them (status, then code)."""
    return Prefetch(path, queryset=Nationality.objects.order_by("status", "country"))


def case_rows(*, user, on: dt.date, obstacles=False):
    """The cases within the user's scope, loaded for a list: person, officer, team, next deadline, nationalities.

    Each row is annotated `not_removable` (the blocking_removal rule on `on`); with `obstacles` it
    also carries the blocking procedures themselves (`blocking_procedures`, one more query per page)
    for `case_row` to name them. The number of queries does not depend on the number of rows.
    """
    rows = (
        cases_visible_to(user)
        .select_related("foreign_national", "case_officer", "team", "next_deadline")
        .prefetch_related(nationalities_prefetch())
        .annotate(not_removable=not_removable(on))
    )
    if obstacles:
        rows = rows.prefetch_related(
            Prefetch(
                "procedures",
                queryset=LegalProcedure.objects.blocking_removal(on=on).order_by("lodged_on", "id"),
                to_attr="blocking_procedures",
            )
        )
    return rows


def case_row(case) -> CaseRow:
    """A row of `case_rows(..., obstacles=True)` with its removability, named as case_removability names it."""
    return CaseRow(
        case=case,
        removability=Removability(
            removable=not case.not_removable,
            obstacles=tuple(removal_obstacle(procedure) for procedure in case.blocking_procedures),
        ),
    )


def _count(queryset):
    counted = queryset.filter(case_id=OuterRef("pk")).order_by().values("case_id").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), Value(0), output_field=IntegerField())


def case_summary(*, case, user, on: dt.date) -> CaseSummary:
    """The case (loaded with case_with_person) as the API's detail shows it: removability, counts, editable."""
    counts = (
        Case.objects.filter(pk=case.pk)
        .annotate(
            interviews_count=_count(DepartureInterview.objects.all()),
            procedures_count=_count(LegalProcedure.objects.all()),
            live_deadlines_count=_count(Deadline.objects.live()),
        )
        .values("interviews_count", "procedures_count", "live_deadlines_count")
        .get()
    )
    return CaseSummary(
        case=case,
        removability=case_removability(case=case, on=on),
        **counts,
        editable=can_edit_case(user, case),
    )


def case_procedures(*, case):
    """The case's legal procedures, newest first, with who recorded them."""
    return LegalProcedure.objects.filter(case_id=case.pk).select_related("recorded_by")


def case_deadlines(*, case):
    """Every deadline of the case, whatever its status, by due moment."""
    return Deadline.objects.filter(case_id=case.pk).order_by("due_at", "id")
