"""A new decree designates a day (Atw art. 3 lid 3): running deadlines that end on it move, with history."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.constants import HolidayKind
from cases.deadlines import events as deadline_events
from cases.deadlines.calendar import atw_holiday_delete, atw_holiday_save
from cases.deadlines.engine import deadline_open
from cases.deadlines.explain import explain
from cases.models import AtwHoliday, CaseEvent, Deadline
from cases.services import departure_term_record
from detention.deadlines import DetentionDeadlineKind
from tests.factories.accounts import FunctionalAdminFactory
from tests.factories.cases import CaseFactory

NOW = dt.datetime(2030, 2, 20, 9, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def _term_ending_on_friday_2030_03_29(case_officer):
    # 2030-03-01 + 28 days = Friday 29 March 2030, a plain working day in the seeded calendar.
    case = CaseFactory(case_officer=case_officer, in_progress=True)
    departure_term_record(case=case, effective_on=dt.date(2030, 3, 1), actor=case_officer, now=NOW)
    return Deadline.objects.get(case=case)


class TestCalendarChange:
    def test_a_designated_day_added_in_the_admin_moves_a_departure_term_to_the_next_working_day_atw_art_1(
        self, client, case_officer
    ):
        deadline = _term_ending_on_friday_2030_03_29(case_officer)
        assert deadline.due_date == dt.date(2030, 3, 29)
        client.force_login(FunctionalAdminFactory())
        response = client.post(
            reverse("admin:cases_atwholiday_add"),
            {"date": "2030-03-29", "name": "Aangewezen dag (test)", "kind": "designated", "source": "Besluit (test)"},
        )
        assert response.status_code == 302
        deadline.refresh_from_db()
        assert (deadline.due_date, deadline.revision) == (dt.date(2030, 4, 1), 1)
        assert deadline.history.filter(due_date=dt.date(2030, 3, 29)).exists()
        assert CaseEvent.objects.filter(kind=deadline_events.DEADLINE_RECOMPUTED.code).count() == 1

    def test_a_holiday_elsewhere_in_the_year_touches_no_deadline(self, client, case_officer):
        deadline = _term_ending_on_friday_2030_03_29(case_officer)
        client.force_login(FunctionalAdminFactory())
        client.post(
            reverse("admin:cases_atwholiday_add"),
            {"date": "2030-09-02", "name": "Aangewezen dag (test)", "kind": "designated", "source": "Besluit (test)"},
        )
        deadline.refresh_from_db()
        assert (deadline.due_date, deadline.revision) == (dt.date(2030, 3, 29), 0)
        assert not CaseEvent.objects.filter(kind=deadline_events.DEADLINE_RECOMPUTED.code).exists()

    def test_removing_the_day_moves_the_deadline_back(self, client, case_officer):
        AtwHoliday.objects.create(date=dt.date(2030, 3, 29), name="Aangewezen dag", kind="designated", source="test")
        deadline = _term_ending_on_friday_2030_03_29(case_officer)
        assert deadline.due_date == dt.date(2030, 4, 1)
        client.force_login(FunctionalAdminFactory())
        holiday = AtwHoliday.objects.get(date=dt.date(2030, 3, 29))
        client.post(reverse("admin:cases_atwholiday_delete", args=[holiday.pk]), {"post": "yes"})
        deadline.refresh_from_db()
        assert deadline.due_date == dt.date(2030, 3, 29)


def _court_notice(case_officer, start):
    case = CaseFactory(case_officer=case_officer, in_progress=True)
    return deadline_open(
        case=case, kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE, start=start, actor=case_officer, now=NOW
    )


class TestAtwHolidaySave:
    def test_a_day_added_from_the_shell_moves_the_running_term_as_the_admin_does_atw_art_1(self, case_officer):
        deadline = _term_ending_on_friday_2030_03_29(case_officer)
        admin = FunctionalAdminFactory()

        change = atw_holiday_save(
            date=dt.date(2030, 3, 29),
            name="Aangewezen dag (test)",
            kind=HolidayKind.DESIGNATED,
            source="Besluit (test)",
            actor=admin,
            now=NOW,
        )

        assert [d.pk for d in change.moved] == [deadline.pk]
        deadline.refresh_from_db()
        assert (deadline.due_date, deadline.revision) == (dt.date(2030, 4, 1), 1)
        assert change.holiday.history.get().history_user == admin

    def test_a_case_officer_may_not_change_the_calendar_and_nothing_is_written(self, case_officer):
        deadline = _term_ending_on_friday_2030_03_29(case_officer)

        with pytest.raises(PermissionDenied):
            atw_holiday_save(
                date=dt.date(2030, 3, 29),
                name="Aangewezen dag",
                kind=HolidayKind.DESIGNATED,
                source="Besluit",
                actor=case_officer,
                now=NOW,
            )

        assert not AtwHoliday.objects.filter(date=dt.date(2030, 3, 29)).exists()
        deadline.refresh_from_db()
        assert deadline.revision == 0

    @pytest.mark.parametrize(
        ("values", "field"),
        [
            ({"kind": HolidayKind.STATUTORY, "predicted": True}, "predicted"),
            ({"source": "vaste praktijk"}, "source"),
            ({"source": " "}, "source"),
            ({"name": ""}, "name"),
            ({"date": dt.date(2030, 5, 30)}, "date"),  # Ascension Day is in the calendar already
        ],
    )
    def test_an_unsound_day_is_refused_with_the_field_named(self, values, field):
        arguments = {
            "date": dt.date(2030, 3, 29),
            "name": "Aangewezen dag",
            "kind": HolidayKind.DESIGNATED,
            "source": "Besluit",
            **values,
        }
        count = AtwHoliday.objects.count()
        with pytest.raises(ValidationError) as refused:
            atw_holiday_save(**arguments, actor=FunctionalAdminFactory(), now=NOW)
        assert field in refused.value.error_dict
        assert AtwHoliday.objects.count() == count

    def test_moving_a_day_recomputes_the_deadlines_of_the_old_and_the_new_date(self, case_officer):
        holiday = AtwHoliday.objects.create(
            date=dt.date(2030, 3, 29), name="Aangewezen dag", kind="designated", source="test"
        )
        deadline = _term_ending_on_friday_2030_03_29(case_officer)
        assert deadline.due_date == dt.date(2030, 4, 1)

        atw_holiday_save(
            date=dt.date(2030, 9, 2),
            name="Aangewezen dag",
            kind=HolidayKind.DESIGNATED,
            source="test",
            holiday=holiday,
            actor=FunctionalAdminFactory(),
            now=NOW,
        )

        deadline.refresh_from_db()
        assert deadline.due_date == dt.date(2030, 3, 29)

    def test_confirming_a_predicted_day_rewrites_the_explanation_but_opens_no_new_revision(self, case_officer):
        # 2 May 2030 + 28 = Ascension Day 30 May; the predicted Friday after it and the weekend → Monday 3 June.
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        departure_term_record(case=case, effective_on=dt.date(2030, 5, 2), actor=case_officer, now=NOW)
        deadline = Deadline.objects.get(case=case)
        assert "voorspelde aangewezen dag" in explain(deadline.explanation)
        friday = AtwHoliday.objects.get(date=dt.date(2030, 5, 31))
        assert friday.predicted is True

        atw_holiday_save(
            date=friday.date,
            name=friday.name,
            kind=friday.kind,
            source="Besluit gelijkstelling 2029-2031 (test)",
            predicted=False,
            holiday=friday,
            actor=FunctionalAdminFactory(),
            now=NOW,
        )

        deadline.refresh_from_db()
        assert (deadline.due_date, deadline.revision) == (dt.date(2030, 6, 3), 0)
        assert "voorspeld" not in explain(deadline.explanation)
        assert not CaseEvent.objects.filter(kind=deadline_events.DEADLINE_RECOMPUTED.code).exists()

    def test_a_day_added_moves_the_legal_last_day_of_a_court_notice_and_not_its_target_art_94_vw_2000(
        self, case_officer
    ):
        # 1 March 2030 + 28 = Friday 29 March 2030.
        deadline = _court_notice(case_officer, dt.date(2030, 3, 1))
        assert (deadline.target_date, deadline.due_date) == (dt.date(2030, 3, 29), dt.date(2030, 3, 29))

        atw_holiday_save(
            date=dt.date(2030, 3, 29),
            name="Aangewezen dag (test)",
            kind=HolidayKind.DESIGNATED,
            source="Besluit (test)",
            actor=FunctionalAdminFactory(),
            now=NOW,
        )

        deadline.refresh_from_db()
        assert (deadline.target_date, deadline.due_date, deadline.revision) == (
            dt.date(2030, 3, 29),
            dt.date(2030, 4, 1),
            1,
        )


class TestAtwHolidayDelete:
    def test_only_functional_administration_removes_a_day(self, case_officer):
        holiday = AtwHoliday.objects.get(date=dt.date(2030, 5, 31))
        with pytest.raises(PermissionDenied):
            atw_holiday_delete(holiday=holiday, actor=case_officer, now=NOW)
        assert AtwHoliday.objects.filter(pk=holiday.pk).exists()

    def test_the_admin_refuses_a_second_row_for_a_day_on_the_form(self, client):
        client.force_login(FunctionalAdminFactory())
        response = client.post(
            reverse("admin:cases_atwholiday_add"),
            {"date": "2030-05-30", "name": "Dubbel", "kind": "designated", "source": "Besluit (test)"},
        )
        assert response.status_code == 200
        assert AtwHoliday.objects.filter(date=dt.date(2030, 5, 30)).count() == 1
