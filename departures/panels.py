"""The case-file panel "Vertrek": the current plan, the removals with checklist and notice status, the KMar file."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from cases.panels import Panel, register_panel
from cases.selectors.removability import PROCEDURES
from dtv.core.batch import fetch_together, prepared
from laissezpasser.removability import CHECK as TRAVEL_DOCUMENT
from laissezpasser.selectors import travel_documents_from_rows

from .constants import OPEN_REMOVAL_STATES
from .models import DepartureFile, DeparturePlan, DublinClaim, MedicalParticulars, Removal, RemovalNotice
from .removability import CHECK as DUBLIN_TRANSFER
from .selectors import checklist_from_rows, checklist_rows, departure_file_completeness, notice_status


def _flight_day_build(*, case_id):
    return Removal.objects.filter(case_id=case_id, state__in=OPEN_REMOVAL_STATES)[:1]


def _flight_day(case):
    # The one query of its own: the checklist is weighed on the open removal's flight date (one open removal per
    # case, a constraint), which must be known before the page's statement is built.
    removal = fetch_together({"removal": prepared(_flight_day_build, case_id=case.pk)})["removal"]
    return timezone.localdate(removal[0].departs_at) if removal else None


def _build(*, case_id):
    return {
        "plans": DeparturePlan.objects.filter(case_id=case_id).select_related("author", "approved_by")
        .order_by("-version")[:1],
        "removals": Removal.objects.filter(case_id=case_id).order_by("-departs_at", "-id"),
        "notices": RemovalNotice.objects.filter(removal__case_id=case_id).order_by("notified_at", "id"),
        "claims": DublinClaim.objects.filter(case_id=case_id).order_by("-requested_on", "-id"),
        "files": DepartureFile.objects.filter(case_id=case_id),
        "medical": MedicalParticulars.objects.filter(departure_file__case_id=case_id),
    }  # fmt: skip


def _rows(case, *, on, user, params):
    # The travel document, and on a flight today the procedures and expired Dublin claims, are the rows of the
    # removability checks (removability_checks below), already in the page's statement. The travel-document rows
    # do not depend on the day (it is applied in Python), so they serve any flight date; the procedures and the
    # claims do, so a flight on another day adds its own two querysets to the statement.
    querysets = dict(prepared(_build, case_id=case.pk))
    day = _flight_day(case)
    if day is not None and day != on:
        querysets.update(_dated_rows(case, day))
    return querysets


def _dated_rows(case, day):
    # What the checklist weighs on `day` and the removability checks weigh on today: its own querysets for that day.
    rows = checklist_rows(case, on=day)
    return {"blocking_on_day": rows["blocking"], "expired_on_day": rows["claims"]}


def _context(case, rows, *, on, user, params):
    removals = rows["removals"]
    by_removal = {}
    for notice in rows["notices"]:
        by_removal.setdefault(notice.removal_id, []).append(notice)
    for removal in removals:
        removal.notice = notice_status(removal, by_removal.get(removal.pk, []))
    current = next((r for r in removals if r.state in OPEN_REMOVAL_STATES), None)
    day = timezone.localdate(current.departs_at) if current else on
    documents = rows[f"removability:{TRAVEL_DOCUMENT.key}"]
    checks = None
    if current is None:
        # No removal to check: only the KMar file's completeness shows, against today's travel document.
        document = travel_documents_from_rows([case.pk], documents, on=on)[case.pk]
        departure_file = rows["files"][0] if rows["files"] else None
        medical = rows["medical"][0] if rows["medical"] else None
        completeness = departure_file_completeness(departure_file, medical, document)
    else:
        current.case = case
        same_day = day == on
        if not same_day and "blocking_on_day" not in rows:
            # The removal was planned between the flight-date query and the statement: fetch its day's rows.
            rows = {**rows, **fetch_together(_dated_rows(case, day))}
        checklist = {
            **{f"document_{name}": value for name, value in documents.items()},
            "blocking": rows[f"removability:{PROCEDURES.key}"]["blocking"] if same_day else rows["blocking_on_day"],
            "plans": rows["plans"],
            "files": rows["files"],
            "medical": rows["medical"],
            "claims": rows[f"removability:{DUBLIN_TRANSFER.key}"]["expired"] if same_day else rows["expired_on_day"],
        }
        checks, completeness = checklist_from_rows(current, checklist, on=day)
    for claim in rows["claims"]:
        claim.expired = claim.transfer_until is not None and claim.transfer_until < on
    return {
        "plan": rows["plans"][0] if rows["plans"] else None,
        "removals": removals,
        "current": current,
        "checks": checks,
        "completeness": completeness,
        "claims": rows["claims"],
    }


register = register_panel(
    Panel(
        key="vertrek",
        title=gettext_lazy("Departure"),
        template="departures/panel.html",
        order=47,
        querysets=_rows,
        context=_context,
        queries=1,
        removability_checks=(TRAVEL_DOCUMENT, PROCEDURES, DUBLIN_TRANSFER),
        permission="departures.view_removal",
    )
)
