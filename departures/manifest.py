"""The manifest of an operation: per person the notices, the pre-removal checks, the KMar file's score and the seat.

Read in a fixed number of statements whatever the number of people (the passengers with their cases, then every
fact the checks need for all of them together). Medical particulars never enter the manifest: the medical check
shows whether it is met, never why (the reason may name a BMA condition; need to know, AVG art. 9).
"""

import datetime as dt
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.permissions import can_read_case_work, cases_visible_to
from dtv.core.batch import fetch_together

from .constants import OPEN_REMOVAL_STATES, CheckStatus
from .models import Operation, OperationPassenger, RemovalNotice
from .permissions import is_kmar_partner
from .selectors import (
    Check,
    Completeness,
    NoticeStatus,
    checklist_rows_for,
    checklists_from_rows,
    notice_status,
)

ORGANISE = "departures.organise_operation"
VIEW = "departures.view_operation"


def sees_whole_manifest(user, operation) -> bool:
    """The organising team's leads (they fill the flight) and KMar for an operation it escorts see every person."""
    if is_kmar_partner(user):
        return user.has_perm(VIEW) and operation.kmar_escorted
    return can_read_case_work(user) and user.has_perm(ORGANISE) and user.team_id == operation.team_id


def may_view_operations(user) -> bool:
    """DT&V roles that read removals see the operations (the flights are no personal data; the people are)."""
    return can_read_case_work(user) and user.has_perm(VIEW)


def upcoming_operations(*, now, days_back=7):
    """The operations leaving from a week ago on, soonest first, with their open passengers counted (one query)."""
    from django.db.models import Count, Q

    return (
        Operation.objects.filter(departs_at__gte=now - dt.timedelta(days=days_back))
        .annotate(people=Count("passengers", filter=Q(passengers__removal__state__in=OPEN_REMOVAL_STATES)))
        .order_by("departs_at", "id")
    )


@dataclass
class ManifestRow:
    passenger: OperationPassenger
    notice: NoticeStatus
    checks: tuple
    completeness: Completeness
    may_change: bool = False  # set by the page: whether the reader may change this person's case

    @property
    def removal(self):
        return self.passenger.removal

    @property
    def person(self):
        return self.passenger.removal.case.foreign_national

    @property
    def ready(self) -> bool:
        return self.notice.in_time and not any(c.failed for c in self.checks)


def _without_medical_reason(check: Check) -> Check:
    if check.key == "medical" and check.status == CheckStatus.FAILED:
        return replace(check, reason=_("Not met: the particulars are for who needs to know."), basis=check.basis)
    return check


def passengers_of(operation, *, user):
    """The operation's passengers the user may see (everyone for who sees the whole manifest), by seat."""
    passengers = OperationPassenger.objects.filter(operation_id=operation.pk)
    if not sees_whole_manifest(user, operation):
        passengers = passengers.filter(removal__case__in=cases_visible_to(user).values("pk"))
    return passengers.select_related("removal__case__foreign_national", "removal__case__case_officer").order_by(
        "seat", "removal__case__foreign_national__v_number", "id"
    )


def manifest_rows(operation, passengers) -> list[ManifestRow]:
    """The manifest rows of `passengers` (a list): one statement for every fact of every person's checks."""
    if not passengers:
        return []
    on = timezone.localdate(operation.departs_at)
    removals = [p.removal for p in passengers]
    rows = fetch_together(
        {
            **checklist_rows_for([removal.case_id for removal in removals], on=on),
            "notices": RemovalNotice.objects.filter(removal_id__in=[r.pk for r in removals]).order_by(
                "notified_at", "id"
            ),
        }
    )
    checklists = checklists_from_rows(removals, rows, on=on)
    notices = {}
    for notice in rows["notices"]:
        notices.setdefault(notice.removal_id, []).append(notice)
    result = []
    for passenger in passengers:
        removal = passenger.removal
        checks, completeness = checklists[removal.pk]
        checks = tuple(_without_medical_reason(check) for check in checks)
        result.append(ManifestRow(passenger, notice_status(removal, notices.get(removal.pk, [])), checks, completeness))
    return result


def manifest(operation, *, user) -> list[ManifestRow]:
    """The manifest of the operation as the user may see it (two statements)."""
    return manifest_rows(operation, list(passengers_of(operation, user=user)))
