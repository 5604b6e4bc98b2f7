"""The manifest of an operation: per person the notices, the pre-removal checks, the KMar file's score and the seat.

Read in a fixed number of statements whatever the number of people (the passengers with their cases, then every
fact the checks need for all of them together). Medical particulars never enter the manifest: the medical check
shows whether it is met, never why (the reason may name a BMA condition; need to know, AVG art. 9).
"""

import datetime as dt
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import LegalProcedure
from cases.permissions import can_read_case_work, cases_visible_to
from dtv.core.batch import fetch_together
from laissezpasser.selectors import travel_document_rows, travel_documents_from_rows

from .constants import OPEN_REMOVAL_STATES, CheckStatus
from .models import (
    DepartureFile,
    DeparturePlan,
    DublinClaim,
    MedicalParticulars,
    Operation,
    OperationPassenger,
    RemovalNotice,
)
from .permissions import is_kmar_partner
from .selectors import (
    Check,
    Completeness,
    NoticeStatus,
    check_departure_file,
    check_destination,
    check_forced_track,
    check_medical,
    check_procedures,
    check_travel_document,
    departure_file_completeness,
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
    case_ids = [p.removal.case_id for p in passengers]
    rows = fetch_together(
        {
            **{f"document_{name}": qs for name, qs in travel_document_rows(case_ids, on=on).items()},
            "notices": RemovalNotice.objects.filter(removal_id__in=[p.removal_id for p in passengers]).order_by(
                "notified_at", "id"
            ),
            "blocking": LegalProcedure.objects.filter(case_id__in=case_ids)
            .blocking_removal(on=on)
            .order_by("case_id", "lodged_on", "id"),
            "plans": DeparturePlan.objects.filter(case_id__in=case_ids)
            .order_by("case_id", "-version")
            .distinct("case_id"),
            "files": DepartureFile.objects.filter(case_id__in=case_ids),
            "medical": MedicalParticulars.objects.filter(departure_file__case_id__in=case_ids).select_related(
                "departure_file"
            ),
            "claims": DublinClaim.objects.filter(case_id__in=case_ids, transfer_until__lt=on),
        }
    )
    documents = travel_documents_from_rows(
        case_ids, {n.removeprefix("document_"): v for n, v in rows.items() if n.startswith("document_")}, on=on
    )

    def by_case(items, key="case_id"):
        grouped = {}
        for item in items:
            grouped.setdefault(getattr(item, key), []).append(item)
        return grouped

    notices = by_case(rows["notices"], "removal_id")
    blocking = by_case(rows["blocking"])
    plans = {p.case_id: p for p in rows["plans"]}
    files = {f.case_id: f for f in rows["files"]}
    medical = {m.departure_file.case_id: m for m in rows["medical"]}
    expired = by_case(rows["claims"])
    result = []
    for passenger in passengers:
        removal, case_id = passenger.removal, passenger.removal.case_id
        plan = plans.get(case_id)
        completeness = departure_file_completeness(files.get(case_id), medical.get(case_id), documents[case_id])
        checks = (
            check_travel_document(documents[case_id]),
            check_procedures(blocking.get(case_id, [])),
            _without_medical_reason(check_medical(blocking.get(case_id, []), medical.get(case_id))),
            check_departure_file(removal, plan, completeness),
            check_forced_track(removal, plan),
            check_destination(removal, {c.member_state for c in expired.get(case_id, [])}),
        )
        result.append(ManifestRow(passenger, notice_status(removal, notices.get(removal.pk, [])), checks, completeness))
    return result


def manifest(operation, *, user) -> list[ManifestRow]:
    """The manifest of the operation as the user may see it (two statements)."""
    return manifest_rows(operation, list(passengers_of(operation, user=user)))
