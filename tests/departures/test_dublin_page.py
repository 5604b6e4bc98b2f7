"""The Dublin page: the claim with its answer period and tacit acceptance, recording the answer (htmx), extending
with the duty to inform, expiry shown with the team lead told; scope and rights as everywhere."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.deadlines.sweep import deadlines_sweep
from departures import services
from departures.constants import DublinAnswer
from departures.deadlines import dublin_extension_grounds
from departures.models import DublinClaim
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory
from tests.factories.departures import local
from tests.factories.laissezpasser import moroccan_case

pytestmark = pytest.mark.django_db
D = dt.date
AMMR_REGISTERED = D(2026, 7, 15)


def _claim(case=None, *, registered_on=AMMR_REGISTERED):
    case = case or moroccan_case()
    return services.dublin_claim_record(
        case=case,
        kind="take_back",
        member_state="ESP",
        registered_on=registered_on,
        requested_on=D(2026, 8, 3),
        actor=case.case_officer,
        now=local(2026, 8, 3, 12),
    )


def _page(client, case, at, user=None):
    with time_machine.travel(at, tick=False):
        if user is not None:
            client.force_login(user)  # a session is younger than the months the test travels
        response = client.get(reverse("departures:dublin", kwargs={"pk": case.pk}))
    assert response.status_code == 200
    return response.content.decode()


class TestThePage:
    def test_shows_the_answer_period_and_the_day_silence_becomes_acceptance(self, client):
        claim = _claim()
        client.force_login(claim.case.case_officer)
        page = _page(client, claim.case, local(2026, 8, 10, 9))
        # AMMR take back: a notification confirmed within 2 weeks (art. 41 lid 2); silence is acceptance after.
        assert "17 augustus 2026" in page and "art. 41 lid 2 Vo. (EU) 2024/1351" in page
        assert "18 augustus 2026" in page
        assert "tacit-" not in page  # the answer period still runs: no tacit acceptance to record yet

    def test_recording_tacit_acceptance_through_htmx_swaps_the_claim_and_shows_the_transfer_period(self, client):
        claim = _claim()
        client.force_login(claim.case.case_officer)
        with time_machine.travel(local(2026, 8, 20, 9), tick=False):
            response = client.post(
                reverse("departures:dublin_step", kwargs={"pk": claim.pk, "step": "tacit"}),
                HTTP_HX_REQUEST="true",
                HTTP_HX_TARGET=f"claim-{claim.pk}",
            )
        body = response.content.decode()
        assert response.status_code == 200 and body.startswith(f'<article id="claim-{claim.pk}"')
        found = DublinClaim.objects.get(pk=claim.pk)
        assert (found.answer, found.accepted_on) == (DublinAnswer.TACITLY_ACCEPTED, D(2026, 8, 18))
        assert 'data-testid="dublin-transfer-until"' in body and "art. 46 lid 1 Vo. (EU) 2024/1351" in body
        # The duty to inform: before the 6 months from the acceptance end.
        assert "17 februari 2027" in body

    def test_an_answer_outside_the_request_and_today_is_a_form_error_and_nothing_changes(self, client):
        claim = _claim()
        client.force_login(claim.case.case_officer)
        with time_machine.travel(local(2026, 8, 10, 9), tick=False):
            response = client.post(
                reverse("departures:dublin_step", kwargs={"pk": claim.pk, "step": "answer"}),
                {f"answer-{claim.pk}-answer": "accepted", f"answer-{claim.pk}-on": "01-01-2026"},
            )
        assert response.status_code == 200
        assert DublinClaim.objects.get(pk=claim.pk).answer == DublinAnswer.PENDING

    def test_expiry_is_shown_as_the_netherlands_responsible_and_that_the_team_lead_was_told(self, client):
        claim = _claim()
        lead = TeamLeadFactory(team=claim.case.team)
        services.dublin_claim_answer(
            claim=claim, answer="accepted", on=D(2026, 8, 3), actor=claim.case.case_officer, now=local(2026, 8, 3, 14)
        )
        deadlines_sweep(now=local(2027, 2, 6, 12))
        page = _page(client, claim.case, local(2027, 2, 6, 13), user=lead)
        assert 'data-testid="dublin-expired"' in page and "Nederland" in page
        assert "teamleider is ingelicht" in page

    def test_recording_a_new_request_from_the_page(self, client):
        case = moroccan_case()
        client.force_login(case.case_officer)
        with time_machine.travel(local(2026, 8, 3, 12), tick=False):
            response = client.post(
                reverse("departures:dublin", kwargs={"pk": case.pk}),
                {"claim-kind": "take_charge", "claim-member_state": "DEU", "claim-registered_on": "15-07-2026",
                 "claim-requested_on": "03-08-2026"},
            )  # fmt: skip
        assert response.status_code == 302
        assert DublinClaim.objects.get(case=case).answer_due == D(2026, 9, 3)

    def test_a_colleague_reads_but_may_not_record_and_outside_the_scope_is_404(self, client):
        claim = _claim()
        colleague = CaseOfficerFactory(team=claim.case.team)
        client.force_login(colleague)
        page = _page(client, claim.case, local(2026, 8, 20, 9))
        assert 'data-testid="dublin-new"' not in page and "hx-post" not in page
        with time_machine.travel(local(2026, 8, 20, 9), tick=False):
            step = reverse("departures:dublin_step", kwargs={"pk": claim.pk, "step": "tacit"})
            assert client.post(step).status_code == 403
            client.force_login(CaseOfficerFactory())
            assert client.get(reverse("departures:dublin", kwargs={"pk": claim.case.pk})).status_code == 404
            assert client.post(step).status_code == 404
        assert DublinClaim.objects.get(pk=claim.pk).answer == DublinAnswer.PENDING


class TestExtensionGrounds:
    def test_dublin_iii_knows_imprisonment_and_absconding_only(self):
        assert set(dublin_extension_grounds(registered_on=D(2026, 6, 1))) == {"imprisoned", "absconded"}

    def test_the_ammr_adds_resisting_unfitness_and_medical_non_compliance(self):
        assert set(dublin_extension_grounds(registered_on=D(2026, 7, 1))) == {
            "imprisoned", "absconded", "resists", "unfit", "medical_non_compliance"
        }  # fmt: skip

    def test_a_ground_the_claims_regulation_does_not_know_is_a_field_error_not_a_crash(self):
        from django.core.exceptions import ValidationError

        claim = _claim(registered_on=D(2026, 6, 1))
        with pytest.raises(ValidationError) as refused:
            services.dublin_claim_extend(
                claim=claim, circumstance="resists", state_informed_on=D(2026, 8, 3),
                actor=claim.case.case_officer, now=local(2026, 8, 4, 9),
            )  # fmt: skip
        assert "circumstance" in refused.value.message_dict
