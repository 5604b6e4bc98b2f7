"""Closing a case with how the person left (DOMAIN.md 12), and reopening it (a team lead's decision)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases import events
from cases.constants import ClosureEvidence, ClosureReason, DestinationType, DocumentKind, Phase
from cases.models import Case, CaseDocument, CaseEvent
from cases.services import case_close, case_reopen
from dtv.core.exceptions import DomainError
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory
from tests.factories.cases import CaseFactory

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
DEPARTED = {
    "closure_reason": ClosureReason.DEPARTED_INDEPENDENTLY,
    "departed_on": dt.date(2026, 11, 20),
    "destination_type": DestinationType.COUNTRY_OF_ORIGIN,
    "destination_country": "MAR",
    "evidence": ClosureEvidence.IOM_CONFIRMATION,
    "remark": "IOM-vertrekbevestiging 2026-1120-07",
}

pytestmark = pytest.mark.django_db


def _document(case, actor):
    return CaseDocument.objects.create(
        case=case,
        kind=DocumentKind.OTHER,
        filename="iom-bevestiging.pdf",
        storage_name=f"test/{case.pk}-{CaseDocument.objects.count()}.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_at=NOW - dt.timedelta(days=1),
        uploaded_by=actor,
    )


def _unchanged(case):
    fresh = Case.objects.get(pk=case.pk)
    return fresh.phase == case.phase and fresh.closed_at is None and not CaseEvent.objects.exists()


class TestCaseClose:
    def test_a_demonstrable_departure_is_recorded_with_date_destination_country_and_evidence(self, case_officer):
        case = CaseFactory(case_officer=case_officer, departure_preparation=True)
        case_close(case=case, actor=case_officer, now=NOW, **DEPARTED)
        case.refresh_from_db()
        assert (
            case.phase,
            case.closed_at,
            case.closure_reason,
            case.departed_on,
            case.destination_type,
            case.destination_country,
            case.closure_evidence,
            case.closure_remark,
        ) == (
            Phase.CLOSED,
            NOW,
            "departed_independently",
            dt.date(2026, 11, 20),
            "country_of_origin",
            "MAR",
            "iom_confirmation",
            "IOM-vertrekbevestiging 2026-1120-07",
        )
        event = CaseEvent.objects.get(kind=events.CASE_PHASE_CHANGED.code)
        assert event.data == {
            "from": "departure_preparation",
            "to": "closed",
            "closure_reason": "departed_independently",
            "departed_on": "2026-11-20",
            "destination_type": "country_of_origin",
            "destination_country": "MAR",
            "evidence": "iom_confirmation",
            "remark": "IOM-vertrekbevestiging 2026-1120-07",
            "evidence_document": None,
        }

    def test_the_evidence_may_be_one_of_the_cases_own_documents_and_the_case_file_links_it(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, departure_preparation=True)
        confirmation = _document(case, case_officer)
        case_close(case=case, actor=case_officer, now=NOW, evidence_document=confirmation.pk, **DEPARTED)
        case.refresh_from_db()
        assert case.closure_document == confirmation
        assert CaseEvent.objects.get(kind=events.CASE_PHASE_CHANGED.code).data["evidence_document"] == confirmation.pk
        client.force_login(case_officer)
        page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
        assert reverse("cases:document_download", args=[confirmation.pk]) in page

    def test_a_document_of_another_case_is_refused_as_unknown_and_nothing_is_written(self, case_officer):
        case = CaseFactory(case_officer=case_officer, departure_preparation=True)
        elsewhere = _document(CaseFactory(case_officer=case_officer, in_progress=True), case_officer)
        for wrong in (elsewhere.pk, 999_999, "x", 10**30, "²"):
            with pytest.raises(ValidationError) as refused:
                case_close(case=case, actor=case_officer, now=NOW, evidence_document=wrong, **DEPARTED)
            assert refused.value.message_dict == {"evidence_document": ["Kies een van de documenten van deze zaak."]}
        assert _unchanged(case)

    def test_a_closure_without_departure_takes_no_evidence_document(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        document = _document(case, case_officer)
        with pytest.raises(ValidationError) as refused:
            case_close(
                case=case,
                closure_reason=ClosureReason.RESIDENCE_PERMIT,
                evidence_document=document.pk,
                actor=case_officer,
                now=NOW,
            )
        assert "evidence_document" in refused.value.message_dict
        assert _unchanged(case)

    def test_reopening_clears_the_evidence_document(self, case_officer):
        case = CaseFactory(case_officer=case_officer, departure_preparation=True)
        document = _document(case, case_officer)
        case_close(case=case, actor=case_officer, now=NOW, evidence_document=document.pk, **DEPARTED)
        lead = TeamLeadFactory(team=case.team)
        case_reopen(case=case, reason="Bleek niet vertrokken.", actor=lead, now=NOW + dt.timedelta(days=1))
        case.refresh_from_db()
        assert case.closure_document is None

    def test_a_reason_that_is_no_departure_needs_no_more_and_takes_no_departure_details(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(ValidationError) as refused:
            case_close(
                case=case,
                closure_reason=ClosureReason.RESIDENCE_PERMIT,
                departed_on=dt.date(2026, 11, 20),
                destination_country="MAR",
                actor=case_officer,
                now=NOW,
            )
        assert sorted(refused.value.message_dict) == ["departed_on", "destination_country"]
        assert _unchanged(case)
        case_close(case=case, closure_reason=ClosureReason.RESIDENCE_PERMIT, actor=case_officer, now=NOW)
        assert Case.objects.get(pk=case.pk).phase == Phase.CLOSED

    def test_a_demonstrable_departure_without_its_details_is_refused_and_nothing_is_written(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(ValidationError) as refused:
            case_close(case=case, closure_reason=ClosureReason.DEPARTED_FORCED, actor=case_officer, now=NOW)
        assert refused.value.message_dict == {
            "departed_on": ["Vul de datum van vertrek in (zo goed als bekend: de datum waarop het is vastgesteld)."],
            "destination_type": ["Kies waarheen de vreemdeling is vertrokken."],
            "destination_country": ["Kies het land waarheen de vreemdeling is vertrokken."],
            "evidence": ["Geef aan waaruit blijkt dat de vreemdeling is vertrokken."],
        }
        assert _unchanged(case)

    def test_a_departure_without_supervision_has_a_date_but_no_destination(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        unsupervised = {
            **DEPARTED,
            "closure_reason": ClosureReason.DEPARTED_UNSUPERVISED,
            "evidence": "",
            "remark": "",
        }
        with pytest.raises(ValidationError) as refused:
            case_close(case=case, actor=case_officer, now=NOW, **unsupervised)
        assert sorted(refused.value.message_dict) == ["destination_country", "destination_type"]
        case_close(
            case=case,
            closure_reason=ClosureReason.DEPARTED_UNSUPERVISED,
            departed_on=dt.date(2026, 11, 16),
            actor=case_officer,
            now=NOW,
        )
        case.refresh_from_db()
        assert (case.departed_on, case.destination_type, case.destination_country) == (dt.date(2026, 11, 16), "", "")

    def test_a_dublin_transfer_goes_to_a_state_bound_by_the_regulation(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        to_morocco = {**DEPARTED, "closure_reason": ClosureReason.DEPARTED_FORCED, "destination_type": "dublin_state"}
        with pytest.raises(ValidationError) as refused:
            case_close(case=case, actor=case_officer, now=NOW, **to_morocco)
        assert list(refused.value.message_dict) == ["destination_country"]
        case_close(case=case, actor=case_officer, now=NOW, **{**to_morocco, "destination_country": "DEU"})
        assert Case.objects.get(pk=case.pk).destination_country == "DEU"

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"departed_on": dt.date(2026, 11, 24)}, "departed_on"),  # tomorrow
            ({"destination_country": "NLD"}, "destination_country"),
            ({"destination_country": "XXX"}, "destination_country"),
            ({"destination_country": "ZZZ"}, "destination_country"),
            ({"evidence": ClosureEvidence.OTHER, "remark": ""}, "remark"),
        ],
    )
    def test_impossible_details_are_refused(self, case_officer, change, field):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(ValidationError) as refused:
            case_close(case=case, actor=case_officer, now=NOW, **{**DEPARTED, **change})
        assert list(refused.value.message_dict) == [field]
        assert _unchanged(case)

    def test_a_colleague_may_not_close_the_officers_case(self, case_officer):
        case = CaseFactory(case_officer=CaseOfficerFactory(team=case_officer.team), in_progress=True)
        with pytest.raises(PermissionDenied):
            case_close(case=case, actor=case_officer, now=NOW, **DEPARTED)
        assert _unchanged(case)


class TestCaseReopen:
    def test_the_team_lead_reopens_with_a_reason_and_the_closure_ends(self, case_officer, team_lead):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        case_close(case=case, actor=case_officer, now=NOW, **DEPARTED)
        later = NOW + dt.timedelta(days=3)
        case_reopen(case=case, reason="Aangetroffen bij controle in Utrecht.", actor=team_lead, now=later)
        case.refresh_from_db()
        assert (case.phase, case.closed_at, case.closure_reason, case.departed_on, case.destination_country) == (
            Phase.IN_PROGRESS,
            None,
            "",
            None,
            "",
        )
        event = CaseEvent.objects.get(kind=events.CASE_REOPENED.code)
        assert (event.actor, event.occurred_at, event.data) == (
            team_lead,
            later,
            {
                "from": "closed",
                "to": "in_progress",
                "reason": "Aangetroffen bij controle in Utrecht.",
                "closure": {
                    "closure_reason": "departed_independently",
                    "closed_at": NOW.isoformat(),
                    "departed_on": "2026-11-20",
                    "destination_type": "country_of_origin",
                    "destination_country": "MAR",
                },
            },
        )
        # The closure stays in the history of the case.
        assert [h.closure_reason for h in case.history.order_by("history_id")][-2:] == ["departed_independently", ""]

    def test_a_case_officer_may_not_reopen(self, case_officer):
        case = CaseFactory(case_officer=case_officer, closed=True)
        events_before = CaseEvent.objects.count()
        with pytest.raises(PermissionDenied):
            case_reopen(case=case, reason="Toch niet vertrokken volgens de politie.", actor=case_officer, now=NOW)
        assert Case.objects.get(pk=case.pk).phase == Phase.CLOSED
        assert CaseEvent.objects.count() == events_before

    def test_the_team_lead_of_another_team_may_not_reopen(self, case_officer):
        case = CaseFactory(case_officer=case_officer, closed=True)
        events_before = CaseEvent.objects.count()
        with pytest.raises(PermissionDenied):
            case_reopen(case=case, reason="Toch niet vertrokken volgens de politie.", actor=TeamLeadFactory(), now=NOW)
        assert Case.objects.get(pk=case.pk).phase == Phase.CLOSED
        assert CaseEvent.objects.count() == events_before

    def test_a_reason_is_required(self, case_officer, team_lead):
        case = CaseFactory(case_officer=case_officer, closed=True)
        events_before = CaseEvent.objects.count()
        with pytest.raises(ValidationError) as refused:
            case_reopen(case=case, reason="fout", actor=team_lead, now=NOW)
        assert list(refused.value.message_dict) == ["reason"]
        assert Case.objects.get(pk=case.pk).phase == Phase.CLOSED and CaseEvent.objects.count() == events_before

    def test_a_person_with_another_open_case_is_not_given_a_second_one(self, case_officer, team_lead):
        case = CaseFactory(case_officer=case_officer, closed=True)
        CaseFactory(foreign_national=case.foreign_national, case_officer=case_officer)
        events_before = CaseEvent.objects.count()
        with pytest.raises(DomainError) as refused:
            case_reopen(case=case, reason="Aangetroffen bij controle in Utrecht.", actor=team_lead, now=NOW)
        assert refused.value.code == "person_has_open_case"
        assert Case.objects.get(pk=case.pk).phase == Phase.CLOSED and CaseEvent.objects.count() == events_before

    def test_an_open_case_cannot_be_reopened(self, case_officer, team_lead):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(PermissionDenied):
            case_reopen(case=case, reason="Aangetroffen bij controle in Utrecht.", actor=team_lead, now=NOW)


def _url(name, pk, **kwargs):
    return reverse(f"cases:{name}", kwargs={"pk": pk, **kwargs})


class TestOneClickActionsAskForConfirmation:
    """Regression: phase changes, closing and completing an agreed action took effect on one click (ux-review-1 §1)."""

    def test_a_phase_change_shows_what_it_means_and_changes_nothing_until_confirmed(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        client.force_login(case_officer)
        page = client.get(_url("case_transition", case.pk, transition="prepare_departure"))
        assert page.status_code == 200
        assert "Van ‘In behandeling’ naar ‘Vertrek in voorbereiding’." in page.text
        assert Case.objects.get(pk=case.pk).phase == Phase.IN_PROGRESS and not CaseEvent.objects.exists()
        response = client.post(_url("case_transition", case.pk, transition="prepare_departure"))
        assert response.status_code == 302
        assert Case.objects.get(pk=case.pk).phase == Phase.DEPARTURE_PREPARATION

    def test_the_case_file_links_to_the_confirmation_instead_of_posting(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        client.force_login(case_officer)
        page = client.get(_url("case_detail", case.pk)).text
        assert f'href="{_url("case_transition", case.pk, transition="prepare_departure")}"' in page
        assert f'action="{_url("case_transition", case.pk, transition="prepare_departure")}"' not in page

    def test_closing_and_reopening_have_no_plain_transition_page(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        events_before = CaseEvent.objects.count()
        client.force_login(case_officer)
        for name in ("close", "reopen"):
            assert client.get(_url("case_transition", case.pk, transition=name)).status_code == 404
            assert client.post(_url("case_transition", case.pk, transition=name)).status_code == 404
        assert CaseEvent.objects.count() == events_before

    def test_closing_asks_for_the_departure_and_the_closed_header_shows_it(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        client.force_login(case_officer)
        form = client.get(_url("case_close", case.pk)).text
        assert "Datum van vertrek" in form and "Land van bestemming" in form and "(verplicht bij vertrek)" in form
        refused = client.post(_url("case_close", case.pk), {"closure_reason": "departed_forced"})
        assert refused.status_code == 200 and Case.objects.get(pk=case.pk).phase == Phase.IN_PROGRESS
        post = {**DEPARTED, "departed_on": "2026-11-20"}
        assert client.post(_url("case_close", case.pk), post).status_code == 302
        page = client.get(_url("case_detail", case.pk)).text
        start = page.index('<header class="regie-case-header"')
        header = page[start : page.index("</header>", start)]
        assert "Afgesloten op " in header and "Zelfstandig vertrokken (aantoonbaar)" in header
        assert "20 november 2026" in header and "Land van herkomst: Marokko" in header
        assert "Bevestiging door IOM of een ngo" in header and "IOM-vertrekbevestiging 2026-1120-07" in header
        assert "belemmering" not in header and 'data-testid="removable"' not in header

    def test_completing_an_agreed_action_asks_first(self, client, case_officer):
        from tests.factories.cases import AgreedActionFactory

        action = AgreedActionFactory(interview__case__case_officer=case_officer)
        client.force_login(case_officer)
        page = client.get(_url("agreed_action_complete", action.pk))
        assert page.status_code == 200 and action.description in page.text
        action.refresh_from_db()
        assert action.completed_at is None and not CaseEvent.objects.exists()
        response = client.post(_url("agreed_action_complete", action.pk), {"remark": "Kopie ontvangen per post."})
        assert response.status_code == 302
        action.refresh_from_db()
        assert action.completed_at is not None
        assert CaseEvent.objects.get(kind=events.ACTION_COMPLETED.code).data["remark"] == "Kopie ontvangen per post."

    def test_the_team_lead_reopens_through_a_page_with_the_reason(self, client, case_officer, team_lead):
        case = CaseFactory(case_officer=case_officer, closed=True)
        client.force_login(team_lead)
        assert _url("case_reopen", case.pk) in client.get(_url("case_detail", case.pk)).text
        assert client.post(_url("case_reopen", case.pk), {"reason": ""}).status_code == 200
        assert Case.objects.get(pk=case.pk).phase == Phase.CLOSED
        response = client.post(_url("case_reopen", case.pk), {"reason": "Aangetroffen bij controle in Utrecht."})
        assert response.status_code == 302
        assert Case.objects.get(pk=case.pk).phase == Phase.IN_PROGRESS

    def test_a_case_officer_gets_no_reopen_page(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, closed=True)
        client.force_login(case_officer)
        assert client.get(_url("case_reopen", case.pk)).status_code == 403
        assert _url("case_reopen", case.pk) not in client.get(_url("case_detail", case.pk)).text


def test_the_close_form_offers_the_cases_own_documents_only(client, case_officer):
    case = CaseFactory(case_officer=case_officer, departure_preparation=True)
    own = _document(case, case_officer)
    other = _document(CaseFactory(case_officer=case_officer, in_progress=True), case_officer)
    client.force_login(case_officer)
    page = client.get(reverse("cases:case_close", args=[case.pk])).content.decode()
    assert f'<option value="{own.pk}">' in page
    assert f'<option value="{other.pk}">' not in page
