"""Synthetic travel-document requests for the demo cases: each request's life drawn as dated steps.

Every step is written as laissezpasser.services would have left it: the request's fields, one dated
RequestTransition, the timeline event with the service's data, the contact rows, and the reminder,
escalation and expiry deadlines opened, met and cancelled through the deadline engine's rule functions.
Nothing is called per row: cases.py inserts the rows of a chunk in bulk.

Response times (submission → first answer) are log-normal per country around the country's median
(30–300 days), so the country pages and the expected answer in the case rest on a realistic spread.
The medians, confirmation rates and LP validities below are our own plausible figures, not official ones.
A request's life is cut off at the case's end (its closure, or now): steps after it have not happened,
and a closed case's open request is withdrawn with reason "outflow", as the case_closed receiver does.
"""

import datetime as dt
import functools
import math
import random
import zlib

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from cases.constants import (
    NATIONALITY_UNKNOWN,
    STATELESS,
    ClosureReason,
    DeadlineStatus,
    Phase,
    Track,
)
from cases.countries import country_name
from laissezpasser import events as lp_events
from laissezpasser.constants import Answer, Channel, ContactKind, State, WithdrawalReason
from laissezpasser.deadlines import LpDeadlineKind, lp_expiry_start, reminder_weeks
from laissezpasser.models import Country, Mission, RequestContact, RequestTransition, TravelDocumentRequest
from laissezpasser.reference import seed_countries
from laissezpasser.selectors import ASYLUM_APPEAL_KINDS

from .people import Weighted

# country: (median days to the first answer, share of first answers that confirm, usual LP validity in days).
# Countries with an EU readmission agreement answer within weeks; the Maghreb, the Horn and Iran take months.
PROFILES = {
    "SYR": (150, 0.55, 90),
    "MAR": (240, 0.45, 30),
    "DZA": (270, 0.35, 30),
    "ERI": (300, 0.30, 30),
    "AFG": (210, 0.50, 60),
    "IRQ": (150, 0.60, 30),
    "TUR": (35, 0.85, 60),
    "GEO": (30, 0.90, 90),
    "NGA": (120, 0.60, 90),
    "IRN": (200, 0.40, 30),
    "TUN": (150, 0.55, 30),
    "SOM": (160, 0.40, 30),
    "ETH": (130, 0.50, 60),
    "YEM": (200, 0.45, 30),
    "ALB": (30, 0.90, 90),
    "PAK": (90, 0.65, 60),
    "LBY": (180, 0.45, 30),
    "EGY": (110, 0.60, 30),
    "SDN": (170, 0.45, 30),
    "CHN": (140, 0.55, 90),
    "ARM": (45, 0.85, 90),
    "GIN": (100, 0.50, 60),
    "BGD": (75, 0.75, 60),
    "IND": (60, 0.70, 90),
    "VNM": (120, 0.60, 60),
}
_VALIDITIES = (30, 60, 90, 180)

# Of the cases in these phases, the share with a request (Dublin transfers need none).
REQUEST_SHARE = {Phase.IN_PROGRESS: 0.5, Phase.DEPARTURE_PREPARATION: 0.9, Phase.CLOSED: 0.45}
DEPARTED_WITH_DOCUMENT = (ClosureReason.DEPARTED_FORCED, ClosureReason.DEPARTED_INDEPENDENTLY)
SUBMIT_CHANNELS = Weighted([(Channel.POST, 35), (Channel.EMAIL, 35), (Channel.PORTAL, 15), (Channel.IN_PERSON, 15)])
WRITTEN_CHANNELS = Weighted([(Channel.POST, 50), (Channel.EMAIL, 50)])
ANSWER_CHANNELS = Weighted([(Channel.POST, 40), (Channel.EMAIL, 40), (Channel.PORTAL, 20)])
CONFIRMING = Weighted([(Answer.NATIONALITY_CONFIRMED, 50), (Answer.IDENTITY_CONFIRMED, 15), (Answer.ISSUED, 35)])
REFUSING = Weighted([(Answer.NOT_NATIONAL, 40), (Answer.NOT_ESTABLISHED, 60)])
OTHER_WITHDRAWALS = [
    "Betrokkene heeft een eigen paspoort overgelegd",
    "Nationaliteit nader onderzocht: aanvraag bij een ander land",
    "Aanvraag dubbel ingediend",
]
SAFEGUARDS = "Personalia, geboortedatum en kopie geboorteakte; geen gegevens over de asielaanvraag of de procedure."


def profile(code) -> tuple[int, float, float, int]:
    """(median days, sigma, confirmation share, LP validity days) of a country; drawn from its code when unlisted."""
    if code in PROFILES:
        median, confirms, validity = PROFILES[code]
    else:
        seed = zlib.crc32(code.encode())
        median, confirms, validity = 30 + seed % 271, 0.4 + (seed >> 9) % 50 / 100, _VALIDITIES[(seed >> 3) % 4]
    # Quick answerers are also the steady ones; slow countries vary a lot from request to request.
    sigma = 0.45 if median < 60 else 0.65
    return median, sigma, confirms, validity


def never_answers(median) -> float:
    """The share of requests a country never answers: the slower the country, the more often."""
    return 0.04 + 0.16 * (median - 30) / 270


def load_countries() -> dict:
    """code → (Country, [active missions]) for every country (seeded first when missing)."""
    seed_countries()
    missions = {}
    for mission in Mission.objects.filter(active=True).order_by("country_id", "kind", "city", "id"):
        missions.setdefault(mission.country_id, []).append(mission)
    return {c.code: (c, missions.get(c.pk, [])) for c in Country.objects.all()}


@functools.lru_cache(maxsize=512)
def _nl(message, **values):
    # The demo's stored texts (deadline triggers) are Dutch, as a Dutch-speaking officer's service call writes them.
    with translation.override("nl"):
        named = {key: f"{country_name(value)} ({value})" for key, value in values.items()}
        return gettext(message) % named


def _appeal_pending(procedures, day) -> bool:
    """Whether the person might await an asylum appeal in the Netherlands on `day` (RvS 19 November 2025)."""
    return any(
        p.kind in ASYLUM_APPEAL_KINDS
        and p.may_await_in_nl
        and p.lodged_on <= day
        and (p.decided_on is None or p.decided_on > day)
        for p in procedures
    )


class _Life:
    """One request being walked through its steps, writing what each service call would write."""

    def __init__(self, ctx, build, rng, officer, request, country, cut, helpers):
        self.ctx, self.build, self.rng, self.officer = ctx, build, rng, officer
        self.request, self.country, self.cut, self.h = request, country, cut, helpers
        self.last = request.created_at
        self.reminder = self.escalation = self.expiry = None

    # --- moments --------------------------------------------------------------------------------------

    def moment(self, day):
        """When the step of `day` was recorded: office hours that day (or the next working day), in order."""
        at = self.h._office_hours(self.rng, self.h._local_moment(day, 12))
        return max(at, self.last + dt.timedelta(minutes=1))

    def fits(self, at) -> bool:
        return at <= self.cut

    # --- writing ---------------------------------------------------------------------------------------

    def move(self, to_state, *, on, at, kind, actor="officer", data=None, response_days=None, facts=None):
        actor = self.officer if actor == "officer" else actor
        request = self.request
        self.build.lp_transitions.append(
            RequestTransition(
                request=request,
                country_id=self.country.pk,
                from_state="" if to_state == State.DRAFT else request.state,
                to_state=to_state,
                on=on,
                recorded_at=at,
                actor=actor,
                data=data or {},
                response_days=response_days,
            )
        )
        request.state = to_state
        if facts is None:
            facts = {"request": request, "country": self.country.code, "on": on.isoformat(), **(data or {})}
        self.build.event(at, kind, actor, facts)
        self.last = at

    def contact(self, kind, *, on, at, channel):
        self.build.lp_contacts.append(
            RequestContact(
                request=self.request, kind=kind, on=on, channel=channel, recorded_at=at, recorded_by=self.officer
            )
        )

    def open_deadline(self, kind, *, start, at, params=None, trigger=None):
        trigger = trigger or _nl("Travel-document request to %(country)s", country=self.country.code)
        return self.h._deadline(
            self.ctx,
            self.build,
            kind=kind,
            start=start,
            params=params,
            opened_at=at,
            opened_by=self.officer,
            trigger=trigger,
            source=self.request,
        )

    def open_reminder(self, start, at):
        self.reminder = self.open_deadline(
            LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER,
            start=start,
            at=at,
            params={"weeks": reminder_weeks(self.country.response_days)},
        )

    def meet(self, name, at, reason):
        deadline = getattr(self, name)
        if deadline is not None:
            self.h._close(self.build, deadline, DeadlineStatus.MET, at, self.officer, reason=_nl(reason))
        setattr(self, name, None)

    def cancel_all(self, at, actor, reason):
        for name in ("reminder", "escalation", "expiry"):
            deadline = getattr(self, name)
            if deadline is not None:
                self.h._close(self.build, deadline, DeadlineStatus.CANCELLED, at, actor, reason=reason)
            setattr(self, name, None)

    def remind_until(self, limit):
        """Send the reminders that fell due before `limit` and long enough ago to have been dealt with."""
        while self.reminder is not None:
            due = self.reminder.due_at
            if due >= self.ctx.now - self.h.HANDLED_AFTER:
                return  # recent: still open (or overdue), as the sweep will find it
            sent_on = self.h._local_date(due) + dt.timedelta(days=self.rng.randint(0, 6))
            at = self.moment(sent_on)
            if at >= limit or not self.fits(at):
                return
            channel = WRITTEN_CHANNELS.pick(self.rng)
            self.contact(ContactKind.REMINDER_SENT, on=sent_on, at=at, channel=channel)
            self.build.event(
                at,
                lp_events.LP_CONTACT_RECORDED,
                self.officer,
                {
                    "request": self.request,
                    "country": self.country.code,
                    "on": sent_on.isoformat(),
                    "contact": ContactKind.REMINDER_SENT.value,
                    "channel": channel,
                },
            )
            self.h._close(self.build, self.reminder, DeadlineStatus.MET, at, self.officer, reason=_nl("Reminder sent."))
            self.open_reminder(sent_on, at)
            self.last = at

    # --- the services' steps ------------------------------------------------------------------------

    def submit(self, on, at, *, appeal):
        request = self.request
        channel = WRITTEN_CHANNELS.pick(self.rng) if appeal else SUBMIT_CHANNELS.pick(self.rng)
        request.channel, request.submitted_on, request.appeal_phase = channel, on, appeal
        data = {"channel": channel, "appeal_phase": appeal, "documents": []}
        self.move(State.SUBMITTED, on=on, at=at, kind=lp_events.LP_REQUEST_SUBMITTED, data=data)
        self.open_reminder(on, at)
        self.escalation = self.open_deadline(LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION, start=on, at=at)

    def schedule(self, recorded_on, presentation_on, at):
        request = self.request
        request.presentation_on = presentation_on
        request.presentation_place = f"{request.mission.city}, {request.mission.address}" if request.mission else ""
        self.move(
            State.PRESENTATION_SCHEDULED,
            on=min(presentation_on, recorded_on),
            at=at,
            kind=lp_events.LP_PRESENTATION_SCHEDULED,
            data={"presentation_on": presentation_on.isoformat()},
        )

    def present(self, on, at):
        request = self.request
        language = self.build.spec.languages[0] if self.build.spec.languages else ""
        request.presentation_on = on
        request.accompanied_by = f"{self.officer.get_full_name() or self.officer.username} (DT&V)"
        request.interpreter_language = language[:3]
        self.move(
            State.PRESENTED, on=on, at=at, kind=lp_events.LP_PRESENTED, data={"interpreter_language": language[:3]}
        )

    def answer(self, answer, on, at, *, validity=None):
        request = self.request
        channel = ANSWER_CHANNELS.pick(self.rng)
        data = {"answer": answer, "channel": channel}
        if answer == Answer.ISSUED:
            request.lp_number = f"{self.country.code}-LP-{on.year}-{self.build.spec.index:07d}"
            request.lp_issued_on = on
            request.lp_valid_until = on + dt.timedelta(days=validity - 1)
            data.update(valid_until=request.lp_valid_until.isoformat(), issued_on=on.isoformat())
        first = request.answered_on is None
        request.answered_on = request.answered_on or on
        data["first_answer"] = first
        self.contact(ContactKind.ANSWER_RECEIVED, on=on, at=at, channel=channel)
        self.move(
            answer,
            on=on,
            at=at,
            kind=lp_events.LP_ANSWER_RECORDED,
            data=data,
            response_days=(on - request.submitted_on).days if first else None,
        )
        self.meet("reminder", at, "The mission answered.")
        self.meet("escalation", at, "The mission answered.")
        if answer in (Answer.NATIONALITY_CONFIRMED, Answer.IDENTITY_CONFIRMED):
            self.open_reminder(on, at)
        elif answer == Answer.ISSUED:
            days = settings.LP_EXPIRY_WARNING_DAYS
            self.expiry = self.open_deadline(
                LpDeadlineKind.LP_EXPIRY,
                start=lp_expiry_start(request.lp_valid_until, days),
                at=at,
                params={"days": days},
                trigger=f"Laissez-passer {request.lp_number}",
            )

    def escalate(self, on, at):
        self.request.closing_note = "Voorgelegd aan de liaison officer"
        self.move(State.ESCALATED, on=on, at=at, kind=lp_events.LP_ESCALATED, data={"channel": Channel.LIAISON.value})
        self.meet("escalation", at, "Escalated.")

    def use(self, on, at):
        self.move(State.USED, on=on, at=at, kind=lp_events.LP_USED)
        self.meet("expiry", at, "The laissez-passer was used.")

    def expire(self, at):
        on = self.request.lp_valid_until + dt.timedelta(days=1)
        self.move(State.EXPIRED, on=on, at=at, kind=lp_events.LP_EXPIRED)
        self.cancel_all(at, self.officer, _nl("The laissez-passer expired."))

    def withdraw(self, reason, on, at, *, actor="officer", note=""):
        self.request.withdrawal_reason, self.request.closing_note = reason, note
        self.move(State.WITHDRAWN, on=on, at=at, kind=lp_events.LP_WITHDRAWN, actor=actor, data={"reason": reason})
        self.cancel_all(at, self.officer if actor == "officer" else actor, _nl("The request was withdrawn."))


def _backwards(rng, *, issue_on, response, earliest):
    """Submission and first answer for an LP issued on `issue_on` (None when it cannot fit after `earliest`)."""
    answer_on = issue_on if rng.random() < 0.4 else issue_on - dt.timedelta(days=rng.randint(14, 60))
    submitted_on = answer_on - dt.timedelta(days=response)
    if submitted_on < earliest + dt.timedelta(days=2):
        return None
    return submitted_on, answer_on


def plan(ctx, build, officer, *, started_at, end):
    """Draw the case's travel-document request (if any) and write its life up to `end` into `build`."""
    from . import cases as helpers  # the seed's shared writing helpers (cases imports this module)

    case, spec = build.case, build.spec
    share = REQUEST_SHARE.get(case.phase)
    if share is None or case.track == Track.DUBLIN:
        return
    rng = random.Random(spec.index * 7_919 + 1_013)
    if rng.random() >= share:
        return
    codes = [n.country for n in build.nationalities if n.country not in (STATELESS, NATIONALITY_UNKNOWN)]
    if not codes or codes[0] not in ctx.countries:
        return
    country, missions = ctx.countries[codes[0]]
    median, sigma, confirms, validity = profile(country.code)
    response = max(5, min(900, round(rng.lognormvariate(math.log(median), sigma))))
    cut = min(end, ctx.now)
    end_on = helpers._local_date(cut)
    start_on = helpers._local_date(started_at)
    if end_on - start_on < dt.timedelta(days=4):
        return

    # The LP the person left on, or (in departure preparation) holds now: its life is planned back from the issue.
    planned_issue, use_on = None, None
    closed = case.phase == Phase.CLOSED
    if closed and case.closure_reason in DEPARTED_WITH_DOCUMENT:
        use_on = helpers._local_date(case.closed_at) - dt.timedelta(days=1)
        planned_issue = use_on - dt.timedelta(days=rng.randint(3, min(20, validity - 1)))
    elif case.phase == Phase.DEPARTURE_PREPARATION and rng.random() < 0.6:
        planned_issue = end_on - dt.timedelta(days=rng.randint(1, min(25, validity - 1)))
    backwards = _backwards(rng, issue_on=planned_issue, response=response, earliest=start_on) if planned_issue else None
    if backwards:
        submitted_on, answer_on = backwards
        created_on = max(start_on, submitted_on - dt.timedelta(days=rng.randint(1, 14)))
        answer = Answer.ISSUED if answer_on == planned_issue else Answer.NATIONALITY_CONFIRMED
        issue_on = planned_issue
    else:
        use_on = None
        created_on = start_on + dt.timedelta(days=rng.randint(1, (end_on - start_on).days - 1))
        submitted_on = created_on + dt.timedelta(days=rng.randint(1, 14))
        answer_on = None if rng.random() < never_answers(median) else submitted_on + dt.timedelta(days=response)
        answer = (CONFIRMING if rng.random() < confirms else REFUSING).pick(rng)
        issue_on = None
        if answer in (Answer.NATIONALITY_CONFIRMED, Answer.IDENTITY_CONFIRMED) and rng.random() < 0.65:
            issue_on = answer_on + dt.timedelta(days=rng.randint(14, 150)) if answer_on else None
        elif answer == Answer.ISSUED:
            issue_on = answer_on

    mission = (missions[0] if rng.random() < 0.7 else rng.choice(missions)) if missions else None
    created_at = helpers._office_hours(rng, helpers._local_moment(created_on, 12))
    if created_at > cut:
        return
    request = helpers._stamp(
        TravelDocumentRequest(case=case, country=country, mission=mission, created_at=created_at, created_by=officer),
        created_at,
        officer,
    )
    build.lp_requests.append(request)
    life = _Life(ctx, build, rng, officer, request, country, cut, helpers)
    # request_create's event names request and country only.
    facts = {"request": request, "country": country.code}
    life.move(State.DRAFT, on=created_on, at=created_at, kind=lp_events.LP_REQUEST_CREATED, facts=facts)

    _walk(life, rng, procedures=build.procedures, submitted_on=submitted_on, answer=answer, answer_on=answer_on,
          issue_on=issue_on, use_on=use_on, validity=validity)  # fmt: skip
    if closed:
        # The closure (planned before this) cancelled the case's running deadlines; then case_closed's
        # receiver withdrew the open request, reason outflow, at the closure's moment, by no one.
        life.cancel_all(case.closed_at, officer, helpers.CASE_CLOSED)
        if request.state in _OPEN:
            life.withdraw(WithdrawalReason.OUTFLOW, helpers._local_date(case.closed_at), case.closed_at, actor=None)


_OPEN = {
    State.DRAFT,
    State.SUBMITTED,
    State.PRESENTATION_SCHEDULED,
    State.PRESENTED,
    State.ESCALATED,
    State.NATIONALITY_CONFIRMED,
    State.IDENTITY_CONFIRMED,
    State.ISSUED,
}
_AWAITING = {State.SUBMITTED, State.PRESENTATION_SCHEDULED, State.PRESENTED, State.ESCALATED}


def _walk(life, rng, *, procedures, submitted_on, answer, answer_on, issue_on, use_on, validity):
    request, officer = life.request, life.officer
    submit_at = life.moment(submitted_on)
    if not life.fits(submit_at):
        return  # still a draft
    appeal = _appeal_pending(procedures, submitted_on)
    if appeal:
        # RvS 19 November 2025: in writing only, safeguards recorded, approved by a team lead (four eyes).
        lead = life.ctx.staff.leads.get(officer.team_id)
        request.safeguards_shared, request.no_asylum_data_shared = SAFEGUARDS, True
        request.approved_by = lead
        request.approved_at = request.created_at + (submit_at - request.created_at) / 2
    life.submit(submitted_on, submit_at, appeal=appeal)

    # The mission may ask to see the person (never while an asylum appeal may be awaited).
    steps = []
    if rng.random() < (0.8 if life.country.presentation_required else 0.1):
        asked_on = submitted_on + dt.timedelta(days=rng.randint(7, 45))
        presentation_on = asked_on + dt.timedelta(days=rng.randint(7, 30))
        before_answer = answer_on is None or presentation_on < answer_on
        appeal_then = _appeal_pending(procedures, asked_on) or _appeal_pending(procedures, presentation_on)
        if before_answer and not appeal_then:
            steps += [(asked_on, "schedule", presentation_on), (presentation_on, "present", None)]
    if answer_on is not None:
        steps.append((answer_on, "answer", answer))
    escalation_due = life.escalation.due_at
    if escalation_due < life.ctx.now - life.h.HANDLED_AFTER:
        escalated_on = life.h._local_date(escalation_due) + dt.timedelta(days=rng.randint(0, 14))
        steps.append((escalated_on, "escalate", None))
        if rng.random() < 0.4:
            steps.append((escalated_on + dt.timedelta(days=rng.randint(60, 240)), "withdraw_no_answer", None))
    if use_on is None and rng.random() < 0.03:
        steps.append((submitted_on + dt.timedelta(days=rng.randint(20, 200)), "withdraw_other", None))
    if issue_on is not None and issue_on != answer_on:
        steps.append((issue_on, "issue", None))
    steps.sort(key=lambda step: step[0])

    for on, what, value in steps:
        if request.state not in _OPEN:
            return
        at = life.moment(on)
        life.remind_until(at)
        if not life.fits(at):
            return
        if what == "schedule" and request.state in (State.SUBMITTED, State.ESCALATED):
            life.schedule(on, value, at)
        elif what == "present" and request.state == State.PRESENTATION_SCHEDULED:
            life.present(on, at)
        elif what == "answer" and request.state in _AWAITING:
            life.answer(value, on, at, validity=validity)
        elif what == "escalate" and request.state in _AWAITING - {State.ESCALATED}:
            life.escalate(on, at)
        elif what == "withdraw_no_answer" and request.state in _AWAITING:
            life.withdraw(WithdrawalReason.NO_ANSWER, on, at)
        elif what == "withdraw_other":
            life.withdraw(WithdrawalReason.OTHER, on, at, note=rng.choice(OTHER_WITHDRAWALS))
        elif what == "issue" and request.state in (State.NATIONALITY_CONFIRMED, State.IDENTITY_CONFIRMED):
            life.answer(Answer.ISSUED, on, at, validity=validity)

    if request.state != State.ISSUED:
        life.remind_until(life.cut + dt.timedelta(seconds=1))
        return
    if use_on is not None:
        at = life.moment(use_on)
        if life.fits(at):
            life.use(use_on, at)
        return
    # An LP that lapsed unused: recorded as expired some days after its last valid day, else still "issued".
    recorded_on = request.lp_valid_until + dt.timedelta(days=rng.randint(2, 12))
    at = life.moment(recorded_on)
    if life.fits(at):
        life.expire(at)
