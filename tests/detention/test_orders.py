"""The detention order: drafted complete, refused while a part is missing, issued once, corrected by a new version."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from cases.constants import Vulnerability
from cases.models import CaseEvent, Deadline
from detention import orders
from detention.constants import MeasureKind, OrderState
from detention.models import DetentionOrder, Measure
from dtv.core.exceptions import DomainError
from tests.factories.accounts import TeamLeadFactory
from tests.factories.detention import COMPLETE, NOW, complete_draft, draft_order, issued_order
from tests.races import race

pytestmark = pytest.mark.django_db


class _Draft:
    """A bare draft for the pure function: every attribute an order has, empty."""

    def __init__(self, **fields):
        defaults = dict.fromkeys(orders.DRAFT_FIELDS)
        defaults.update(grounds=[], lighter_measures={}, lp_stage="", dublin_claim=False, family=False)
        defaults.update(approved_by_id=None, interpreter_not_needed=False, lawyer_present=False, lawyer_waived=False)
        defaults.update(fields)
        self.__dict__.update(defaults)


def codes(draft, **kwargs):
    return [m.code for m in orders.order_missing_parts(draft, **kwargs)]


class TestOrderMissingParts:
    def test_an_empty_draft_lacks_every_part(self):
        assert codes(_Draft()) == [
            "article",
            "location",
            "grounds",
            "lighter:reporting_duty",
            "lighter:deposit",
            "lighter:restricted_location",
            "lighter:family_location",
            "prospect",
            "non_refoulement",
            "hearing_date",
            "interpreter",
            "lawyer",
            "vulnerability",
        ]

    def test_a_complete_draft_lacks_nothing(self):
        assert codes(_Draft(**COMPLETE)) == []

    def test_each_ground_of_art_5_1b_vb_needs_its_facts(self):
        grounds = [{"code": "3b", "facts": ""}, {"code": "4c", "facts": "Geen adres"}]
        assert codes(_Draft(**{**COMPLETE, "grounds": grounds})) == ["ground_facts:3b"]

    def test_one_light_ground_alone_does_not_carry_the_risk_of_absconding(self):
        assert codes(_Draft(**{**COMPLETE, "grounds": [{"code": "4c", "facts": "Geen adres"}]})) == [
            "grounds_insufficient"
        ]
        assert orders.enough_grounds(["4c", "4d"]) and orders.enough_grounds(["3a"])

    def test_the_prospect_of_removal_needs_a_fact_and_its_evidence(self):
        draft = _Draft(**{**COMPLETE, "flight_booked_on": None})
        assert codes(draft) == ["prospect"]
        assert codes(_Draft(**{**COMPLETE, "flight_booked_on": None, "lp_stage": "submitted"})) == []

    def test_a_waived_lawyer_and_no_interpreter_needed_are_complete(self):
        draft = _Draft(**{**COMPLETE, "lawyer_present": False, "lawyer_waived": True, "interpreter": ""})
        assert codes(draft) == ["interpreter"]
        draft.interpreter_not_needed = True
        assert codes(draft) == []

    def test_a_minor_needs_the_last_resort_and_a_team_leads_approval(self):
        assert codes(_Draft(**COMPLETE), minor=True) == ["last_resort", "approval"]
        assert codes(_Draft(**{**COMPLETE, "family": True, "last_resort": "Geen alternatief"})) == ["approval"]


class TestOrderIssue:
    def test_an_incomplete_draft_is_refused_with_what_is_missing_and_nothing_is_written(self, case, enforcer):
        draft = draft_order(case, actor=enforcer, article="59")
        events_before = CaseEvent.objects.filter(case=case).count()
        with pytest.raises(orders.OrderIncomplete) as error:
            orders.order_issue(order=draft, actor=enforcer, now=NOW)
        assert error.value.code == "order_incomplete"
        assert "non_refoulement" in error.value.errors["codes"]
        assert "Leg een actuele non-refoulementtoets vast." in error.value.errors["missing"]
        draft.refresh_from_db()
        assert draft.state == OrderState.DRAFT
        assert not Measure.objects.exists() and CaseEvent.objects.filter(case=case).count() == events_before

    def test_a_complete_order_starts_the_detention_with_its_clocks(self, case, enforcer):
        order = issued_order(case, actor=enforcer)
        measure = Measure.objects.get(order=order)
        assert (order.state, order.issued_by, measure.kind, measure.legal_basis) == (
            "issued",
            enforcer,
            MeasureKind.DETENTION,
            "art. 59 Vw 2000",
        )
        due = dict(Deadline.objects.filter(case=case).values_list("kind", "due_date"))
        assert due["detention_six_months"] == dt.date(2027, 5, 23)
        assert due["detention_maximum"] == dt.date(2028, 5, 23)
        assert due["detention_review"] == dt.date(2026, 12, 21)
        assert Deadline.objects.get(case=case, kind="detention_court_notice").target_date == dt.date(2026, 12, 21)

    def test_an_issued_order_is_immutable(self, case, enforcer):
        order = issued_order(case, actor=enforcer)
        with pytest.raises(DomainError) as error:
            orders.order_update(order=order, actor=enforcer, now=NOW, non_refoulement="Anders")
        assert error.value.code == "order_immutable"
        order.non_refoulement = "Anders"
        with pytest.raises(ValueError):
            order.save()

    def test_a_case_officer_may_not_draft(self, case):
        with pytest.raises(PermissionDenied):
            draft_order(case, actor=case.case_officer)
        assert not DetentionOrder.objects.exists()


class TestLastResortApproval:
    def test_a_minor_is_detained_only_after_a_team_lead_approved_and_never_by_self_approval(self, case, enforcer, lead):
        case.foreign_national.vulnerabilities = [Vulnerability.MINOR]
        case.foreign_national.save()
        order = complete_draft(case, actor=enforcer, last_resort="Gezin onttrok zich twee keer aan de gezinslocatie.")
        with pytest.raises(orders.OrderIncomplete) as error:
            orders.order_issue(order=order, actor=enforcer, now=NOW)
        assert error.value.errors["codes"] == ["approval"]
        with pytest.raises(PermissionDenied):
            orders.order_approve(order=order, actor=enforcer, now=NOW)
        orders.order_approve(order=order, actor=lead, now=NOW)
        orders.order_issue(order=order, actor=enforcer, now=NOW)
        assert DetentionOrder.objects.get(pk=order.pk).approved_by == lead

    def test_the_drafter_cannot_approve_their_own_draft(self, case):
        drafter = TeamLeadFactory(team=case.team)
        from detention.apps import DetentionConfig

        assert "detention.approve_order" in DetentionConfig.role_permissions["team_lead"]
        drafter.user_permissions.add(*_impose_permissions())
        order = complete_draft(case, actor=drafter, family=True, last_resort="Geen alternatief")
        with pytest.raises(DomainError) as error:
            orders.order_approve(order=order, actor=drafter, now=NOW)
        assert error.value.code == "self_approval"

    def test_a_change_after_approval_needs_a_new_approval(self, case, enforcer, lead):
        order = complete_draft(case, actor=enforcer, family=True, last_resort="Geen alternatief")
        orders.order_approve(order=order, actor=lead, now=NOW)
        order = orders.order_update(order=order, actor=enforcer, now=NOW, last_resort="Anders gemotiveerd")
        assert order.approved_by is None


def _impose_permissions():
    from django.contrib.auth.models import Permission

    return list(Permission.objects.filter(content_type__app_label="detention", codename="impose_measure"))


class TestOrderCorrect:
    def test_a_correction_is_a_new_version_naming_what_changed(self, case, enforcer):
        order = issued_order(case, actor=enforcer)
        correction = orders.order_correct(order=order, changes="Plaats van bewaring", actor=enforcer, now=NOW)
        correction = orders.order_update(order=correction, actor=enforcer, now=NOW, detention_location="police_cell")
        orders.order_issue(order=correction, actor=enforcer, now=NOW)
        order.refresh_from_db()
        assert (order.state, correction.version, correction.previous_id) == ("superseded", 2, order.pk)
        measure = Measure.objects.get(case=case, kind=MeasureKind.DETENTION)
        assert (measure.order_id, measure.detention_location) == (correction.pk, "police_cell")
        assert CaseEvent.objects.filter(case=case, kind="detention.order_corrected").count() == 1


@pytest.mark.django_db(transaction=True)
class TestOrderIssueRace:
    def test_twenty_concurrent_issue_clicks_give_one_order_and_one_detention(self, settings):
        from tests.factories.accounts import EnforcementOfficerFactory
        from tests.factories.detention import detention_case

        case = detention_case()
        enforcer = EnforcementOfficerFactory(team=case.team)
        order = complete_draft(case, actor=enforcer)

        results = race(lambda i: orders.order_issue(order=order, actor=enforcer, now=NOW))

        issued = [r for r in results if isinstance(r, DetentionOrder)]
        refused = [r for r in results if isinstance(r, DomainError)]
        assert (len(issued), len(refused)) == (1, 19)
        assert {r.code for r in refused} == {"order_immutable"}
        assert Measure.objects.filter(case=case, kind=MeasureKind.DETENTION).count() == 1
        assert CaseEvent.objects.filter(case=case, kind="detention.order_issued").count() == 1
        # One PDF: the task ran after the one commit that issued the order.
        assert DetentionOrder.objects.get(pk=order.pk).render_state == "done"
        assert len(list((settings.MEDIA_ROOT / "detention").rglob("*.pdf"))) == 1
