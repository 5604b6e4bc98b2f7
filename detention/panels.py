"""The case-file panel "Toezicht en bewaring": the measures, the orders, and the clocks of each detention."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from cases.models import Deadline, DepartureInterview
from cases.panels import Panel, register_panel
from departures.selectors import departure_prospect_from, latest_removal_act, live_dublin_claim_rows, open_removal_rows
from dtv.core.batch import prepared
from laissezpasser.selectors import latest_transition, open_request_rows

from .constants import MeasureKind
from .deadlines import DetentionDeadlineKind
from .models import CourtStep
from .selectors import (
    case_measures,
    case_orders,
    holding_clock_of,
    latest_requests_by_case,
    legality_from,
    notices_by_measure,
    periods_by_procedure,
    steps_by_measure,
)


def _build(*, case_id):
    return {
        "measures": case_measures(case_id=case_id),
        "orders": case_orders(case_id=case_id),
        "steps": CourtStep.objects.filter(measure__case_id=case_id).order_by("on", "id"),
        "lp_last": latest_transition(case_id),
        "interview_last": DepartureInterview.objects.filter(case_id=case_id).order_by("-held_at", "-id")[:1],
        "removal_last": latest_removal_act(case_id),
        "removals": open_removal_rows(case_id),
        "claims": live_dublin_claim_rows(case_id),
        "notices": Deadline.objects.filter(
            case_id=case_id, kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE, source_type="detention.measure"
        ).order_by("source_id", "revision", "id"),
        "lp_requests": open_request_rows(case_id),
    }


def _rows(case, *, on, user, params):
    return prepared(_build, case_id=case.pk)


def _context(case, rows, *, on, user, params):
    measures = rows["measures"]
    detentions = [m for m in measures if m.kind == MeasureKind.DETENTION]
    acts = [t.on for t in rows["lp_last"]] + [timezone.localdate(i.held_at) for i in rows["interview_last"]]
    acts += [timezone.localdate(t.at) for t in rows["removal_last"]]
    legality = legality_from(
        detentions,
        periods=periods_by_procedure(detentions),
        steps=steps_by_measure(rows["steps"]),
        last_act={case.pk: max(acts)} if acts else {},
        on=on,
        prospects={case.pk: departure_prospect_from(rows["removals"], rows["claims"], today=on)},
        notices=notices_by_measure(rows["notices"]),
        lp_requests=latest_requests_by_case(rows["lp_requests"]),
    )
    now = timezone.now()
    for measure in measures:
        measure.legality = legality.get(measure.pk)
        if measure.kind == MeasureKind.HOLDING and measure.running:
            measure.holding_clock = holding_clock_of(measure, now=now)
    return {"measures": measures, "orders": rows["orders"]}


register = register_panel(
    Panel(
        key="bewaring",
        title=gettext_lazy("Supervision and detention"),
        template="detention/panel.html",
        order=47,
        querysets=_rows,
        context=_context,
        permission="detention.view_measure",
    )
)
