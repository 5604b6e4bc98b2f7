"""The departures figures of `manage.py bench`: "Vertrekken deze week" against the list budget, the manifest PDF of
40 people against its p50 target of 1 s. Called from the bench command with one line; never a test.

The bench's data has few removals in any one team this week, so a charter of 40 people of the team lead's team
(the officer's own cases first) is put on a flight this week first, once: the same people fill both figures.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Case as Choose
from django.db.models import IntegerField, Value, When
from django.utils import timezone

from cases.models import Case
from departures.constants import OPEN_REMOVAL_STATES, NoticeMethod, NoticeRecipient, RemovalKind
from departures.documents import manifest_document, render_manifest_pdf
from departures.manifest import manifest_rows
from departures.models import Operation, OperationPassenger, Removal, RemovalNotice, RemovalTransition
from departures.selectors import week_bounds

from . import bench

REFERENCE = "BENCH-MANIFEST-40"
MANIFEST_PDF_P50_MS = 1000


class _Rendered:
    status_code = 200


def _departure_this_week(now):
    _start, end = week_bounds(timezone.localdate(now))
    departs = min(now + dt.timedelta(days=2), end - dt.timedelta(hours=1))
    return departs if departs > now else now + dt.timedelta(minutes=30)


@transaction.atomic
def bench_operation(*, lead, officer, people=40, now=None) -> Operation:
    """A charter this week with `people` of the lead's team on board (made once; a second call finds it)."""
    found = Operation.objects.filter(reference=REFERENCE).first()
    if found is not None:
        return found
    now = now or timezone.now()
    departs = _departure_this_week(now)
    operation = Operation.objects.create(
        kind=RemovalKind.CHARTER, reference=REFERENCE, carrier="Privilege Style", flight_number="PVG4040",
        departure_airport="Rotterdam The Hague Airport", departs_at=departs, destination_country="MAR", seats=people,
        kmar_escorts=people, dtv_escorts=2, team_id=lead.team_id, created_at=now, created_by=lead,
        manifest_version=people,
    )  # fmt: skip
    cases = (
        Case.objects.filter(team_id=lead.team_id, case_officer__isnull=False)
        .exclude(phase="closed")
        .exclude(removals__state__in=OPEN_REMOVAL_STATES)
        .annotate(mine=Choose(When(case_officer=officer, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("mine", "id")[:people]
    )
    for number, case in enumerate(cases):
        removal = Removal.objects.create(
            case=case, kind=RemovalKind.CHARTER, destination_country="MAR", carrier=operation.carrier,
            flight_number=operation.flight_number, departure_airport=operation.departure_airport, departs_at=departs,
            kmar_escorts=2, created_at=now, created_by=lead,
        )  # fmt: skip
        RemovalTransition.objects.create(removal=removal, to_state="planned", at=now, actor=lead)
        if number % 2:
            for recipient in NoticeRecipient.values:
                RemovalNotice.objects.create(
                    removal=removal, recipient=recipient, notified_at=now, method=NoticeMethod.IN_PERSON,
                    for_departure=departs, recorded_at=now, recorded_by=lead,
                )  # fmt: skip
        OperationPassenger.objects.create(
            operation=operation, removal=removal, seat=f"{number // 4 + 1}{'ABCD'[number % 4]}", joined_at=now,
            joined_by=lead,
        )  # fmt: skip
    return operation


def departure_figures(*, users, officer, lead, samples, warmup) -> list:
    """The "this week" list for the case officer and the team lead, and the manifest PDF of 40 people."""
    operation = bench_operation(lead=users["teamleider"], officer=users["regievoerder"])
    url = bench.url_for("departures:this_week")
    results = [
        bench.measure(
            name,
            lambda i, client=client: client.get(url),
            url=url,
            samples=samples,
            warmup=warmup,
            rows=bench.rows_linking("departures:removal_detail"),
            target=bench.LIST_TARGET,
        )
        for name, client in (
            ("departures this week: regievoerder", officer),
            ("departures this week: teamleider, team", lead),
        )
    ]

    def render(i):
        passengers = list(
            OperationPassenger.objects.filter(operation=operation)
            .select_related("removal__case__foreign_national")
            .order_by("seat", "id")
        )
        render_manifest_pdf(manifest_document(operation, manifest_rows(operation, passengers), now=timezone.now()))
        return _Rendered()

    people = OperationPassenger.objects.filter(operation=operation).count()
    pdf = bench.measure(
        f"manifest PDF: {people} people (read + render, no storage)", render, samples=min(samples, 10), warmup=1
    )
    verdict = "met" if pdf.median_ms is not None and pdf.median_ms <= MANIFEST_PDF_P50_MS else "NOT met"
    pdf.note = f"target p50 ≤ {MANIFEST_PDF_P50_MS} ms: {verdict}"
    return [*results, pdf]
