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
from ..permissions import can_edit_case, can_reopen_case, cases_visible_to
from ..removability import legal_obstacle_annotation
from .removability import Removability, case_removability, cases_removability


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
    reopenable: bool = False


def nationalities_prefetch(path="foreign_national__nationalities"):
    """The person's nationalities in the order every list shows them (status, then code)."""
    return Prefetch(path, queryset=Nationality.objects.order_by("status", "country"))


def case_rows(*, user, on: dt.date, within=None):
    """The cases within the user's scope (and `within`, see cases_visible_to), loaded for a list.

    Loaded with person, officer, team, next deadline and nationalities. Each row is annotated
    `legal_obstacle` on `on`, from the stored `Case.legal_obstacle_until` (no procedures are read per row).
    The number of queries does not depend on the number of rows.
    """
    return (
        cases_visible_to(user, within=within)
        .select_related("foreign_national", "case_officer", "team", "next_deadline")
        .prefetch_related(nationalities_prefetch())
        .annotate(legal_obstacle=legal_obstacle_annotation(on))
    )


def case_rows_with_removability(cases, *, on: dt.date) -> list[CaseRow]:
    """A page of `case_rows` with each case's removability from every registered check (one statement)."""
    removability = cases_removability(cases=cases, on=on)
    return [CaseRow(case=case, removability=removability[case.pk]) for case in cases]


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
        reopenable=can_reopen_case(user, case),
    )


def case_procedures(*, case):
    """The case's legal procedures, newest first, with who recorded them."""
    return LegalProcedure.objects.filter(case_id=case.pk).select_related("recorded_by")


def case_deadlines(*, case):
    """Every deadline of the case, whatever its status, by due moment."""
    return Deadline.objects.filter(case_id=case.pk).order_by("due_at", "id")
