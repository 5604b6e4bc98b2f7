"""Dublin claims: the answer period, tacit acceptance, each transfer period, the extension, expiry, the team lead."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.deadlines.models import Deadline, Notification
from cases.deadlines.sweep import deadlines_sweep
from cases.selectors import case_removability
from departures import services
from departures.constants import DublinAnswer, DublinClaimKind
from departures.deadlines import dublin_answer_due
from dtv.core.exceptions import DomainError
from tests.factories.accounts import TeamLeadFactory
from tests.factories.departures import local
from tests.factories.laissezpasser import moroccan_case

pytestmark = pytest.mark.django_db
D = dt.date
AMMR_REGISTERED, REQUESTED = D(2026, 7, 15), D(2026, 8, 3)


def claim(case=None, *, kind=DublinClaimKind.TAKE_CHARGE, registered_on=AMMR_REGISTERED, requested_on=REQUESTED, **kw):
    case = case or moroccan_case()
    return services.dublin_claim_record(
        case=case,
        kind=kind,
        member_state="ESP",
        registered_on=registered_on,
        requested_on=requested_on,
        actor=case.case_officer,
        now=local(2026, 8, 3, 12),
        **kw,
    )


class TestTheAnswerPeriod:
    @pytest.mark.parametrize(
        ("kind", "registered_on", "urgent", "eurodac", "due", "basis"),
        [
            ("take_charge", D(2026, 6, 1), False, False, D(2026, 10, 3), "art. 22 lid 1 en 7 Vo. (EU) 604/2013"),
            ("take_charge", D(2026, 6, 1), True, False, D(2026, 9, 3), "art. 22 lid 6 Vo. (EU) 604/2013"),
            ("take_back", D(2026, 6, 1), False, False, D(2026, 9, 3), "art. 25 lid 1 en 2 Vo. (EU) 604/2013"),
            ("take_back", D(2026, 6, 1), False, True, D(2026, 8, 17), "art. 25 lid 1 Vo. (EU) 604/2013"),
            ("take_charge", D(2026, 7, 15), False, False, D(2026, 9, 3), "art. 40 lid 1 Vo. (EU) 2024/1351"),
            ("take_charge", D(2026, 7, 15), False, True, D(2026, 8, 17), "art. 40 lid 1 Vo. (EU) 2024/1351"),
            ("take_charge", D(2026, 7, 15), True, False, D(2026, 8, 10), "art. 40 lid 1 Vo. (EU) 2024/1351"),
            ("take_back", D(2026, 7, 15), False, False, D(2026, 8, 17), "art. 41 lid 2 Vo. (EU) 2024/1351"),
        ],
    )
    def test_the_regulation_of_the_registration_date_sets_the_answer_period(
        self, kind, registered_on, urgent, eurodac, due, basis
    ):
        assert dublin_answer_due(
            kind=kind, requested_on=D(2026, 8, 3), registered_on=registered_on, urgent=urgent, eurodac_hit=eurodac
        ) == (due, basis)


class TestTacitAcceptance:
    def test_silence_is_acceptance_from_the_day_after_the_answer_period_and_starts_the_6_months(self):
        found = claim()  # AMMR take charge: answer due 3 September 2026
        accepted = services.dublin_claim_record_tacit_acceptance(
            claim=found, actor=found.case.case_officer, now=local(2026, 9, 4, 9)
        )
        assert (accepted.answer, accepted.accepted_on) == (DublinAnswer.TACITLY_ACCEPTED, D(2026, 9, 4))
        assert accepted.transfer_until == D(2027, 3, 4)
        deadline = Deadline.objects.get(case=found.case, kind="dublin_transfer")
        assert (deadline.due_date, deadline.rule_version) == (D(2027, 3, 4), "ammr-2024-1351-r2")

    def test_not_while_the_answer_period_runs(self):
        found = claim()
        with pytest.raises(DomainError) as error:
            services.dublin_claim_record_tacit_acceptance(
                claim=found, actor=found.case.case_officer, now=local(2026, 9, 3, 20)
            )
        assert error.value.code == "answer_period_running"
        assert not Deadline.objects.filter(case=found.case).exists()


class TestTransferPeriods:
    @pytest.mark.parametrize(
        ("registered_on", "circumstance", "informed_on", "until"),
        [
            (D(2026, 6, 1), "imprisoned", D(2026, 9, 1), D(2027, 8, 3)),  # 12 months, art. 29 lid 2 604/2013
            (D(2026, 6, 1), "absconded", D(2026, 9, 1), D(2028, 2, 3)),  # 18 months, art. 29 lid 2 604/2013
            (D(2026, 7, 15), "imprisoned", D(2026, 9, 1), D(2027, 8, 3)),  # 1 year, art. 46 lid 2 AMMR
            (D(2026, 7, 15), "absconded", D(2026, 9, 1), D(2029, 9, 1)),  # 3 years from the notice, art. 46 lid 2
        ],
    )
    def test_the_extension_ground_sets_the_period(self, registered_on, circumstance, informed_on, until):
        found = claim(registered_on=registered_on)
        found = services.dublin_claim_answer(
            claim=found,
            answer=DublinAnswer.ACCEPTED,
            on=D(2026, 8, 3),
            actor=found.case.case_officer,
            now=local(2026, 8, 3, 14),
        )
        assert found.transfer_until == D(2027, 2, 3)  # 6 months
        extended = services.dublin_claim_extend(
            claim=found,
            circumstance=circumstance,
            state_informed_on=informed_on,
            actor=found.case.case_officer,
            now=local(2026, 9, 2, 9),
        )
        assert extended.transfer_until == until

    def test_the_state_must_be_told_before_the_6_months_end(self):
        found = claim()
        found = services.dublin_claim_answer(
            claim=found,
            answer=DublinAnswer.ACCEPTED,
            on=D(2026, 8, 3),
            actor=found.case.case_officer,
            now=local(2026, 8, 3, 14),
        )
        with pytest.raises(DomainError) as error:
            services.dublin_claim_extend(
                claim=found,
                circumstance="imprisoned",
                state_informed_on=D(2027, 2, 3),
                actor=found.case.case_officer,
                now=local(2027, 2, 3, 9),
            )
        assert error.value.code == "extension_notice_too_late"

    def test_a_member_state_outside_the_regulation_is_refused(self):
        case = moroccan_case()
        with pytest.raises(ValidationError):
            services.dublin_claim_record(
                case=case, kind="take_charge", member_state="MAR", registered_on=D(2026, 7, 15),
                requested_on=D(2026, 8, 3), actor=case.case_officer, now=local(2026, 8, 3, 12),
            )  # fmt: skip


class TestExpiry:
    def test_expiry_makes_the_netherlands_responsible_and_the_team_lead_is_told(self):
        found = claim()
        lead = TeamLeadFactory(team=found.case.team)
        found = services.dublin_claim_answer(
            claim=found,
            answer=DublinAnswer.ACCEPTED,
            on=D(2026, 8, 3),
            actor=found.case.case_officer,
            now=local(2026, 8, 3, 14),
        )
        after = D(2027, 2, 5)
        obstacles = case_removability(case=found.case, on=after).practical_obstacles
        assert any("Nederland is verantwoordelijk" in o.reason for o in obstacles if o.check == "dublin_transfer")
        deadlines_sweep(now=local(2027, 2, 6, 12))
        assert Notification.objects.filter(recipient=lead, case=found.case, stage="escalation").exists()
