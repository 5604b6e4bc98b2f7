"""seed_demo's travel-document requests: every state, dated steps that agree, country figures that show something."""

import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count

from cases.constants import LIVE_DEADLINE_STATUSES, Phase
from cases.models import CaseEvent, Deadline
from dtv.demo import travel_documents
from dtv.demo.names import NATIONALITIES
from laissezpasser.constants import OPEN_STATES, State, WithdrawalReason
from laissezpasser.deadlines import LpDeadlineKind
from laissezpasser.models import Country, RequestContact, RequestTransition, TravelDocumentRequest
from laissezpasser.statistics import (
    counted_from_transitions,
    country_statistics,
    expectation,
    tallied_statistics,
    with_expectation,
)
from tests.demo.seeding import NOW, seed

pytestmark = pytest.mark.django_db

LP_KINDS = (
    LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER,
    LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION,
    LpDeadlineKind.LP_EXPIRY,
)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def lp_rows():
    return (TravelDocumentRequest.objects.count(), RequestTransition.objects.count(), RequestContact.objects.count())


@pytest.fixture
def seeded():
    # At the default size of seed_demo (300): every state occurs there.
    seed(count=300)


class TestIdempotence:
    def test_a_second_run_writes_no_request_transition_or_contact(self):
        with time_machine.travel(NOW, tick=False):
            call_command("seed_demo", cases=80, force=True, stdout=io.StringIO())
            first = lp_rows()
            call_command("seed_demo", cases=80, force=True, stdout=io.StringIO())
        assert lp_rows() == first
        assert first[0] > 0

    def test_a_larger_run_adds_requests_only_for_the_new_cases(self):
        seed(count=40)
        before = dict(TravelDocumentRequest.objects.values_list("pk", "state"))
        seed(count=90)
        after = dict(TravelDocumentRequest.objects.values_list("pk", "state"))
        assert {pk: after[pk] for pk in before} == before
        assert len(after) > len(before)


@pytest.mark.usefixtures("seeded")
class TestRequestsInEveryState:
    def test_every_state_occurs(self):
        states = set(TravelDocumentRequest.objects.values_list("state", flat=True))
        assert states == set(State.values)

    def test_the_state_is_the_last_transition_and_each_transition_follows_the_one_before(self):
        transitions = {}
        for t in RequestTransition.objects.order_by("id"):
            transitions.setdefault(t.request_id, []).append(t)
        for request in TravelDocumentRequest.objects.all():
            steps = transitions[request.pk]
            assert steps[0].from_state == "" and steps[0].to_state == State.DRAFT
            assert [t.from_state for t in steps[1:]] == [t.to_state for t in steps[:-1]]
            assert steps[-1].to_state == request.state
            assert [t.recorded_at for t in steps] == sorted(t.recorded_at for t in steps)
            assert all(t.on <= t.recorded_at.astimezone(AMSTERDAM).date() for t in steps), steps
            assert all(t.country_id == request.country_id for t in steps)

    def test_answers_follow_the_submission_and_an_lp_is_valid_after_its_issue(self):
        requests = TravelDocumentRequest.objects.all()
        answered = requests.exclude(answered_on=None)
        assert answered.exists()
        assert all(r.submitted_on is not None and r.answered_on >= r.submitted_on for r in answered)
        issued = requests.exclude(lp_issued_on=None)
        assert issued.exists()
        assert all(r.lp_issued_on >= r.answered_on and r.lp_valid_until >= r.lp_issued_on for r in issued)
        for first in RequestTransition.objects.exclude(response_days=None).select_related("request"):
            assert first.on == first.request.answered_on
            assert first.response_days == (first.on - first.request.submitted_on).days

    def test_an_lp_was_used_within_its_validity_on_the_day_the_person_departed(self):
        used = TravelDocumentRequest.objects.filter(state=State.USED).select_related("case")
        assert used.exists()
        for request in used:
            use = request.transitions.get(to_state=State.USED)
            assert request.lp_issued_on <= use.on <= request.lp_valid_until
            assert use.on == request.case.departed_on

    def test_closed_cases_have_no_open_request_and_their_last_ones_were_withdrawn_for_outflow(self):
        closed = TravelDocumentRequest.objects.filter(case__phase=Phase.CLOSED)
        assert not closed.filter(state__in=OPEN_STATES).exists()
        outflow = closed.filter(state=State.WITHDRAWN, withdrawal_reason=WithdrawalReason.OUTFLOW)
        assert outflow.exists()
        assert not outflow.exclude(transitions__to_state=State.WITHDRAWN, transitions__actor=None).exists()

    def test_requests_during_an_asylum_appeal_were_written_approved_and_never_presented(self):
        during = TravelDocumentRequest.objects.filter(appeal_phase=True)
        assert during.exists()
        for request in during:
            assert request.safeguards_shared and request.no_asylum_data_shared
            assert request.approved_by is not None and request.approved_by_id != request.created_by_id
            assert request.channel != "in_person"

    def test_every_transition_and_contact_is_in_the_timeline(self):
        kinds = Counter(CaseEvent.objects.filter(kind__startswith="lp.").values_list("kind", flat=True))
        assert kinds["lp.request_created"] == TravelDocumentRequest.objects.count()
        assert kinds["lp.contact_recorded"] == RequestContact.objects.filter(kind="reminder_sent").count()
        moves = RequestTransition.objects.exclude(to_state=State.DRAFT).count()
        assert sum(n for kind, n in kinds.items() if kind not in ("lp.request_created", "lp.contact_recorded")) == moves

    def test_live_deadlines_belong_to_open_requests_and_each_open_awaiting_request_has_its_reminder(self):
        live = Deadline.objects.filter(kind__in=LP_KINDS, status__in=LIVE_DEADLINE_STATUSES)
        assert live.exists()
        requests = {r.pk: r for r in TravelDocumentRequest.objects.all()}
        for deadline in live:
            assert deadline.source_type == "laissezpasser.traveldocumentrequest"
            assert requests[deadline.source_id].state in OPEN_STATES
        awaiting = [r for r in requests.values() if r.state in (State.SUBMITTED, State.PRESENTED)]
        reminded = set(live.filter(kind=LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER).values_list("source_id", flat=True))
        assert awaiting and all(r.pk in reminded for r in awaiting)


@pytest.mark.usefixtures("seeded")
class TestWhatTheCountriesPredict:
    def test_the_most_requested_country_has_response_times_with_a_spread(self):
        code = (
            TravelDocumentRequest.objects.values_list("country__code", flat=True)
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        figures = country_statistics(Country.objects.get(code=code))
        assert figures.response.count >= 5
        assert 20 <= figures.response.median <= 400
        assert figures.response.q1 < figures.response.q3
        assert figures.confirmation_rate is not None and figures.per_year and figures.open_by_state

    def test_an_open_request_gets_an_expected_answer_date(self):
        waiting = with_expectation(TravelDocumentRequest.objects.filter(state=State.SUBMITTED, answered_on=None))
        expectations = [expectation(r, today=NOW.date()) for r in waiting]
        assert any(e is not None and e.based_on >= 1 and e.early <= e.around <= e.late for e in expectations)

    def test_the_tallies_of_the_bulk_seed_give_what_its_transitions_count(self):
        # The seed writes requests and transitions in bulk, past the services: it counts the tallies after.
        codes = set(TravelDocumentRequest.objects.values_list("country__code", flat=True))
        assert len(codes) > 10
        for country in Country.objects.filter(code__in=codes):
            assert tallied_statistics(country) == counted_from_transitions(country), country.code

    def test_response_times_differ_by_country_as_their_medians_do(self):
        fast, slow = travel_documents.profile("GEO")[0], travel_documents.profile("ERI")[0]
        assert 30 <= fast < slow <= 300
        assert all(30 <= travel_documents.profile(code)[0] <= 300 for code, *_rest in NATIONALITIES)


class TestReferenceData:
    def test_the_25_most_frequent_nationalities_of_the_demo_have_a_synthetic_policy_and_a_mission(self):
        top = [code for code, *_rest in sorted(NATIONALITIES, key=lambda n: -n[1])][:22]  # the ties at 0.8 % follow
        countries = {c.code: c for c in Country.objects.filter(code__in=top).prefetch_related("missions")}
        for code in top:
            assert countries[code].notes.startswith("Synthetisch beleid"), code
            assert countries[code].missions.exists(), code
        synthetic = Country.objects.filter(notes__startswith="Synthetisch beleid")
        assert synthetic.count() == 25
        assert set(travel_documents.PROFILES) == set(synthetic.values_list("code", flat=True))
