"""A new decree designates a day (Atw art. 3 lid 3): running deadlines that end on it move, with history."""

import datetime as dt

import pytest
from django.urls import reverse

from cases.deadlines import events as deadline_events
from cases.models import AtwHoliday, CaseEvent, Deadline
from cases.services import departure_term_record
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
