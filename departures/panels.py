"""The case-file panel "Vertrek": the current plan, the removals with checklist and notice status, the KMar file."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from cases.panels import Panel, register_panel
from dtv.core.batch import fetch_together

from .constants import OPEN_REMOVAL_STATES
from .models import DeparturePlan, DublinClaim, Removal, RemovalNotice
from .selectors import checklist_from_rows, checklist_rows, notice_status


def _load(case, *, on, user, params):
    # Two statements whatever the rows: what the case holds, then the checks on the open removal's flight date
    # (one open removal per case, a constraint).
    rows = fetch_together(
        {
            "plans": DeparturePlan.objects.filter(case_id=case.pk).select_related("author", "approved_by")
            .order_by("-version")[:1],
            "removals": Removal.objects.filter(case_id=case.pk).order_by("-departs_at", "-id"),
            "notices": RemovalNotice.objects.filter(removal__case_id=case.pk).order_by("notified_at", "id"),
            "claims": DublinClaim.objects.filter(case_id=case.pk).order_by("-requested_on", "-id"),
        }
    )  # fmt: skip
    removals = rows["removals"]
    by_removal = {}
    for notice in rows["notices"]:
        by_removal.setdefault(notice.removal_id, []).append(notice)
    for removal in removals:
        removal.notice = notice_status(removal, by_removal.get(removal.pk, []))
    current = next((r for r in removals if r.state in OPEN_REMOVAL_STATES), None)
    checks, completeness = None, None
    day = timezone.localdate(current.departs_at) if current else on
    if current is not None:
        current.case = case
    probe = current or Removal(case=case, departs_at=timezone.now(), kmar_escorts=0, destination_country="")
    checks, completeness = checklist_from_rows(probe, fetch_together(checklist_rows(case, on=day)), on=day)
    for claim in rows["claims"]:
        claim.expired = claim.transfer_until is not None and claim.transfer_until < on
    return {
        "plan": rows["plans"][0] if rows["plans"] else None,
        "removals": removals,
        "current": current,
        "checks": checks if current else None,
        "completeness": completeness,
        "claims": rows["claims"],
    }


register = register_panel(
    Panel(
        key="vertrek",
        title=gettext_lazy("Departure"),
        template="departures/panel.html",
        order=47,
        load=_load,
        queries=2,
        permission="departures.view_removal",
    )
)
