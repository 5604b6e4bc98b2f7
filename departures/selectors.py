"""What views, the API and other apps read of departures: plans, removals, the checklist, notices, the KMar file."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cases.constants import DUBLIN_STATES, PROCEDURE_LEGAL_BASIS, DestinationType, ProcedureKind
from cases.models import LegalProcedure
from dtv.core.batch import fetch_together, matching, prepared_for
from dtv.core.expressions import any_of
from laissezpasser.selectors import travel_document_querysets, travel_documents_from_rows

from .constants import (
    FLIGHT_NOTICE_BASIS,
    MEDICAL_POSTPONEMENT_BASIS,
    OPEN_REMOVAL_STATES,
    CheckStatus,
    DepartureTrack,
    DublinAnswer,
    NoticeRecipient,
    RemovalState,
)
from .deadlines import FLIGHT_NOTICE, flight_notice_hours, latest_notice_moment
from .models import (
    DepartureFile,
    DeparturePlan,
    DublinClaim,
    MedicalParticulars,
    Removal,
    RemovalNotice,
    RemovalTransition,
)


def moment_nl(moment) -> str:
    """A moment as the notice rule names it: "zaterdag 24 oktober 2026 11:00" (in the reader's language)."""
    return formats.date_format(timezone.localtime(moment), "l j F Y H:i")


# --- plans ---------------------------------------------------------------------------------------------------


def destination_type_of(country, *, plan_type="", plan_country="", nationalities=()) -> str:
    """Where a removal to `country` went, in the outflow's terms: the plan's type when the plan names that country."""
    if plan_type and plan_country == country:
        return plan_type
    if country in DUBLIN_STATES:
        return DestinationType.DUBLIN_STATE
    return DestinationType.COUNTRY_OF_ORIGIN if country in nationalities else DestinationType.OTHER_COUNTRY


def removal_destination_type(removal) -> str:
    """The destination type the executed removal closes the case with (DOMAIN.md 12: outflow by destination)."""
    plan = current_plan(case=removal.case) or removal.plan
    nationalities = removal.case.foreign_national.nationalities.values_list("country", flat=True)
    return destination_type_of(
        removal.destination_country,
        plan_type=plan.destination_type if plan else "",
        plan_country=plan.destination_country if plan else "",
        nationalities=set(nationalities),
    )


def plan_versions(*, case):
    """Every version of the case's departure plan, newest first (unevaluated)."""
    return DeparturePlan.objects.filter(case_id=case.pk).select_related("author", "approved_by").order_by("-version")


def current_plan(*, case) -> DeparturePlan | None:
    """The plan's highest version, or None."""
    return plan_versions(case=case).first()


# --- the flight notice --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeStatus:
    """Whether the person and the representative were told in time of the removal's current departure."""

    latest: dt.datetime
    hours: int
    person: RemovalNotice | None
    representative: RemovalNotice | None

    @property
    def given(self) -> bool:
        return self.person is not None and self.representative is not None

    @property
    def in_time(self) -> bool:
        return self.given and all(n.notified_at <= self.latest for n in (self.person, self.representative))

    @property
    def latest_text(self) -> str:
        return moment_nl(self.latest)

    def refusal(self) -> str:
        """Why confirming is refused, citing the rule, its basis and the computed latest moment."""
        return _(
            "%(rule)s (%(basis)s): the person and the legal representative must be told of the flight at least "
            "%(hours)s hours before its departure, counted backwards and never moved by the Algemene "
            "termijnenwet; notice no later than %(latest)s."
        ) % {"rule": FLIGHT_NOTICE.label, "basis": FLIGHT_NOTICE_BASIS, "hours": self.hours, "latest": self.latest_text}


def notice_status(removal, notices, *, hours=None) -> NoticeStatus:
    """The notice status from the removal's notices: only a notice naming the current departure counts."""
    hours = hours if hours is not None else flight_notice_hours()
    current = [n for n in notices if n.for_departure == removal.departs_at]

    def last(recipient):
        found = [n for n in current if n.recipient == recipient]
        return min(found, key=lambda n: n.notified_at) if found else None

    return NoticeStatus(
        latest=latest_notice_moment(removal.departs_at, hours=hours),
        hours=hours,
        person=last(NoticeRecipient.PERSON),
        representative=last(NoticeRecipient.LEGAL_REPRESENTATIVE),
    )


# --- the KMar departure file ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Completeness:
    score: int  # percent
    missing: list = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def departure_file_completeness(departure_file, medical, travel_document) -> Completeness:
    """The KMar file's completeness: its six items (the Inspectie found belongings, features, medical missing)."""
    f = departure_file

    def filled(*names):
        return f is not None and all(str(getattr(f, name) or "").strip() for name in names)

    items = [
        (_("Travel documents"), bool(travel_document) or filled("travel_documents")),
        (_("Behaviour and risk with its facts"), filled("behaviour_risk", "risk_facts")),
        (_("Physical features"), filled("physical_features")),
        (_("Medical particulars"), medical is not None),
        (_("Personal belongings (baggage, money, where they are)"), filled("bags", "money", "belongings_location")),
        (_("Contacts at the destination"), filled("destination_contacts")),
    ]
    missing = [label for label, present in items if not present]
    return Completeness(round(100 * (len(items) - len(missing)) / len(items)), missing)


# --- the pre-removal checks: pure functions over facts ----------------------------------------------------------


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    status: str  # CheckStatus
    reason: str = ""
    basis: str = ""

    @property
    def failed(self) -> bool:
        return self.status == CheckStatus.FAILED


def _passed(key, label):
    return Check(key, label, CheckStatus.PASSED)


def check_travel_document(document) -> Check:
    """A travel document valid on the flight date (DOMAIN.md 8)."""
    label = _("Valid travel document on the flight date")
    if document:
        return _passed("travel_document", label)
    return Check("travel_document", label, CheckStatus.FAILED, document.reason, "art. 63 Vw 2000")


def check_procedures(blocking) -> Check:
    """No pending procedure that may be awaited here, no interim measure or Rule 39 measure in force."""
    label = _("No procedure that may be awaited, no interim measure or Rule 39")
    stopping = [p for p in blocking if p.kind != ProcedureKind.MEDICAL_POSTPONEMENT]
    if not stopping:
        return _passed("procedures", label)
    first = stopping[0]
    reason = _("%(kind)s (lodged %(date)s) stops the removal.") % {
        "kind": first.get_kind_display(),
        "date": first.lodged_on.strftime("%d-%m-%Y"),
    }
    return Check("procedures", label, CheckStatus.FAILED, reason, PROCEDURE_LEGAL_BASIS[ProcedureKind(first.kind)])


def check_medical(blocking, medical) -> Check:
    """No medical postponement (art. 64 Vw 2000), fit to travel, and the BMA's conditions arranged."""
    label = _("No medical postponement; the medical advisers' (BMA) conditions met")
    if any(p.kind == ProcedureKind.MEDICAL_POSTPONEMENT for p in blocking):
        return Check(
            "medical",
            label,
            CheckStatus.FAILED,
            _("Removal is postponed on medical grounds."),
            MEDICAL_POSTPONEMENT_BASIS,
        )
    if medical is not None and not medical.fit_to_travel:
        return Check(
            "medical", label, CheckStatus.FAILED, _("The person is not fit to travel."), MEDICAL_POSTPONEMENT_BASIS
        )
    if medical is not None and medical.bma_conditions and not medical.bma_conditions_met:
        return Check(
            "medical",
            label,
            CheckStatus.FAILED,
            _("The medical advisers' (BMA) conditions are not arranged: %(conditions)s.")
            % {"conditions": "; ".join(medical.bma_conditions)},
            MEDICAL_POSTPONEMENT_BASIS,
        )
    return _passed("medical", label)


def is_forced(removal, plan) -> bool:
    """A removal under escort of KMar, or on the plan's forced track, is a forced removal."""
    return removal.kmar_escorted or (plan is not None and plan.track == DepartureTrack.FORCED)


def check_departure_file(removal, plan, completeness) -> Check:
    """The KMar departure file complete for a forced removal."""
    label = _("KMar departure file complete")
    if not is_forced(removal, plan):
        return Check("departure_file", label, CheckStatus.NOT_APPLICABLE)
    if completeness.complete:
        return _passed("departure_file", label)
    reason = _("Missing: %(items)s.") % {"items": ", ".join(str(m) for m in completeness.missing)}
    return Check("departure_file", label, CheckStatus.FAILED, reason, "art. 63 Vw 2000; Inspectie JenV 2018")


def check_forced_track(removal, plan) -> Check:
    """A forced removal needs the plan's forced track, approved by a team lead."""
    label = _("Forced track chosen and approved (four eyes)")
    if not is_forced(removal, plan):
        return Check("forced_track", label, CheckStatus.NOT_APPLICABLE)
    if plan is not None and plan.forced_and_approved:
        return _passed("forced_track", label)
    if plan is None or plan.track != DepartureTrack.FORCED:
        reason = _("The departure plan does not choose the forced track.")
    else:
        reason = _("A team lead has not approved the forced track yet.")
    return Check("forced_track", label, CheckStatus.FAILED, reason, "art. 63 Vw 2000")


def check_destination(removal, claims_expired) -> Check:
    label = _("Destination can receive the person")
    if removal.destination_country in DUBLIN_STATES and removal.destination_country in claims_expired:
        return Check(
            "destination",
            label,
            CheckStatus.FAILED,
            _("The Dublin transfer period has expired: the Netherlands is responsible."),
            "art. 29 lid 2 Vo. (EU) 604/2013; art. 46 Vo. (EU) 2024/1351",
        )
    return _passed("destination", label)


def checklist_rows(case, *, on):
    """The unevaluated querysets the checklist of the case's removal on `on` reads."""
    return checklist_rows_for([case.pk], on=on)


def _checklist_build(*, ids, on):
    latest = DeparturePlan.objects.filter(case_id=OuterRef("case_id")).order_by("-version").values("version")[:1]
    return {
        **{f"document_{name}": qs for name, qs in travel_document_querysets(ids=ids).items()},
        "blocking": LegalProcedure.objects.filter(matching("case_id", ids))
        .blocking_removal(on=on)
        .order_by("case_id", "lodged_on", "id"),
        "plans": DeparturePlan.objects.filter(matching("case_id", ids), version=Subquery(latest)),
        "files": DepartureFile.objects.filter(matching("case_id", ids)),
        "medical": MedicalParticulars.objects.filter(matching("departure_file__case_id", ids)),
        "claims": DublinClaim.objects.filter(matching("case_id", ids), transfer_until__lt=on),
    }


def checklist_rows_for(case_ids, *, on):
    """The unevaluated querysets the checklists of these cases' removals on `on` read: one set for all of them."""
    return prepared_for(_checklist_build, case_ids, on=on)


def _by_case(items):
    grouped = defaultdict(list)
    for item in items:
        grouped[item.case_id].append(item)
    return grouped


def checklists_from_rows(removals, rows, *, on) -> dict:
    """Removal id → (pre-removal checks, KMar file completeness) of each removal, from `checklist_rows_for`."""
    removals = list(removals)
    documents = travel_documents_from_rows(
        [removal.case_id for removal in removals],
        {name.removeprefix("document_"): v for name, v in rows.items() if name.startswith("document_")},
        on=on,
    )
    blocking, expired = _by_case(rows["blocking"]), _by_case(rows["claims"])
    plans = {plan.case_id: plan for plan in rows["plans"]}
    files = {departure_file.case_id: departure_file for departure_file in rows["files"]}
    case_of_file = {departure_file.pk: departure_file.case_id for departure_file in rows["files"]}
    medical = {case_of_file[m.departure_file_id]: m for m in rows["medical"] if m.departure_file_id in case_of_file}
    result = {}
    for removal in removals:
        case_id = removal.case_id
        plan, procedures = plans.get(case_id), blocking.get(case_id, [])
        completeness = departure_file_completeness(files.get(case_id), medical.get(case_id), documents[case_id])
        result[removal.pk] = (
            [
                check_travel_document(documents[case_id]),
                check_procedures(procedures),
                check_medical(procedures, medical.get(case_id)),
                check_departure_file(removal, plan, completeness),
                check_forced_track(removal, plan),
                check_destination(removal, {claim.member_state for claim in expired.get(case_id, [])}),
            ],
            completeness,
        )
    return result


def checklist_from_rows(removal, rows, *, on) -> tuple[list[Check], Completeness]:
    """The pre-removal checks of `removal` and the KMar file's completeness, from `checklist_rows`."""
    return checklists_from_rows([removal], rows, on=on)[removal.pk]


def removal_checklist(removal) -> tuple[list[Check], Completeness]:
    """The pre-removal checks on the flight date (one query), as the page shows them and confirming runs them."""
    on = timezone.localdate(removal.departs_at)
    return checklist_from_rows(removal, fetch_together(checklist_rows(removal.case, on=on)), on=on)


# --- lists ---------------------------------------------------------------------------------------------------


def case_removals(*, case):
    """The case's removals, newest departure first, with their notices (unevaluated)."""
    return Removal.objects.filter(case_id=case.pk).prefetch_related("notices").order_by("-departs_at", "-id")


def open_removal(*, case) -> Removal | None:
    return Removal.objects.filter(case_id=case.pk, state__in=OPEN_REMOVAL_STATES).first()


def week_bounds(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00:00 to the next Monday 00:00 in Amsterdam, as aware moments (the week of `today`)."""
    monday = today - dt.timedelta(days=today.weekday())
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time(0), tzinfo=tz)
    return start, dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(0), tzinfo=tz)


def departures_this_week(*, cases, today: dt.date):
    """Open removals departing in the week of `today` of the given cases (a queryset of Case), by departure."""
    start, end = week_bounds(today)
    week = Removal.objects.filter(state__in=OPEN_REMOVAL_STATES, departs_at__gte=start, departs_at__lt=end)
    # A week's bookings are few: their cases are looked up in `cases` by primary key (the index removal_open_departs
    # gives them), never every case of `cases` read to find the few with a booking.
    in_scope = cases.order_by().filter(any_of("pk", week.values("case_id"))).values("pk")
    return (
        week.filter(any_of("case_id", in_scope))
        .select_related("case__foreign_national", "case__case_officer")
        .prefetch_related("notices")
        .order_by("departs_at", "id")
    )


def dublin_claims(*, case):
    return DublinClaim.objects.filter(case_id=case.pk).order_by("-requested_on", "-id")


# --- what detention reads: acts towards removal and the prospect of removal ---------------------------------

# A booking, a rebooking (the new removal's "planned"), the notice, the confirmation and the departure are acts
# towards removal; a cancellation is not, but the booking it cancels stays an act on the day it was made.
REMOVAL_ACT_STATES = (RemovalState.PLANNED, RemovalState.NOTIFIED, RemovalState.CONFIRMED, RemovalState.EXECUTED)
# A Dublin claim that still carries a prospect of transfer (a refused claim carries none).
LIVE_DUBLIN_ANSWERS = (DublinAnswer.PENDING, DublinAnswer.ACCEPTED, DublinAnswer.TACITLY_ACCEPTED)


def latest_removal_act(case_id):
    """The case's latest act on a booked flight (unevaluated; for a panel's one statement)."""
    return RemovalTransition.objects.filter(removal__case_id=case_id, to_state__in=REMOVAL_ACT_STATES).order_by(
        "-at", "-id"
    )[:1]


def open_removal_rows(case_ids):
    """The open removals of the given cases (one id or several; at most one each), unevaluated."""
    removals = Removal.objects.filter(matching("case_id", case_ids), state__in=OPEN_REMOVAL_STATES)
    return removals.order_by("departs_at", "id")


def live_dublin_claim_rows(case_ids):
    """The Dublin claims of the given cases (one id or several) that still carry a prospect of transfer, unevaluated."""
    return DublinClaim.objects.filter(matching("case_id", case_ids), answer__in=LIVE_DUBLIN_ANSWERS).order_by(
        "-requested_on", "-id"
    )


@dataclass(frozen=True)
class DepartureProspect:
    """What the departures app knows of the prospect of removal: the booked flight and the Dublin claim."""

    flight: str = ""
    departs_at: dt.datetime | None = None
    booked_at: dt.datetime | None = None
    dublin_member_state: str = ""
    dublin_answer: str = ""
    dublin_answer_label: str = ""
    dublin_until: dt.date | None = None

    @property
    def has_flight(self) -> bool:
        return self.departs_at is not None

    @property
    def has_dublin_claim(self) -> bool:
        return bool(self.dublin_member_state)


# What `departure_prospect_from` reads of a removal and of a claim (with the case that groups them), for a list
# that loads only those columns.
PROSPECT_REMOVAL_COLUMNS = ("case", "carrier", "flight_number", "departs_at", "created_at")
PROSPECT_CLAIM_COLUMNS = ("case", "member_state", "answer", "transfer_until", "answer_due")


def departure_prospect_from(removals, claims, *, today: dt.date) -> DepartureProspect:
    """The prospect from one case's open removal and live claims, rows already read (pure).

    A claim whose transfer period ran out (`transfer_until` before today) carries no prospect; the answer due
    date stands in while no answer came.
    """
    removal = next(iter(removals), None)
    claim = next(
        (c for c in claims if c.transfer_until is None or c.transfer_until >= today),
        None,
    )
    values = {}
    if removal is not None:
        values.update(
            flight=f"{removal.carrier} {removal.flight_number}".strip(),
            departs_at=removal.departs_at,
            booked_at=removal.created_at,
        )
    if claim is not None:
        values.update(
            dublin_member_state=claim.member_state,
            dublin_answer=claim.answer,
            dublin_answer_label=claim.get_answer_display(),
            dublin_until=claim.transfer_until or claim.answer_due,
        )
    return DepartureProspect(**values)


def departure_prospect(*, case, today: dt.date) -> DepartureProspect:
    """The case's booked flight and live Dublin claim, as the detention order states them (two queries)."""
    return departure_prospect_from(open_removal_rows([case.pk]), live_dublin_claim_rows([case.pk]), today=today)


def departure_prospects(case_ids, *, today: dt.date) -> dict:
    """case id → DepartureProspect for many cases in two queries."""
    return departure_prospects_from(
        open_removal_rows(case_ids), live_dublin_claim_rows(case_ids), case_ids, today=today
    )


def departure_prospects_from(removal_rows, claim_rows, case_ids, *, today: dt.date) -> dict:
    """case id → DepartureProspect from the rows of open_removal_rows and live_dublin_claim_rows, read already."""
    removals, claims = defaultdict(list), defaultdict(list)
    for removal in removal_rows:
        removals[removal.case_id].append(removal)
    for claim in claim_rows:
        claims[claim.case_id].append(claim)
    return {case_id: departure_prospect_from(removals[case_id], claims[case_id], today=today) for case_id in case_ids}


def latest_removal_act_at(case_ref):
    """The moment of the case's latest act on a booked flight, as a subquery on `case_ref` (an OuterRef)."""
    return Subquery(
        RemovalTransition.objects.filter(removal__case_id=case_ref, to_state__in=REMOVAL_ACT_STATES)
        .order_by("-at", "-id")
        .values("at")[:1]
    )
