"""The live clock of a holding for identification (art. 50 Vw 2000): 6 hours with 00:00-09:00 not counted, an
extension of at most 48 real hours by an authorised officer (art. 50 lid 4), shown on the case file, the enforcement
officer's queue and the measure page, and fetched again every minute from a read-only, scoped, access-logged view."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cases.models import AccessLogEntry
from detention import services
from detention.constants import EndReason, MeasureKind
from detention.deadlines import holding_clock
from tests.factories.accounts import EnforcementOfficerFactory
from tests.factories.detention import detention_case, reporting_duty

AMS = ZoneInfo("Europe/Amsterdam")
H = dt.timedelta(hours=1)


def at(*args):
    return dt.datetime(*args, tzinfo=AMS)


# Held on Monday 23 November 2026 at 22:00: the 6 hours end at 13:00 on Tuesday (2 before midnight, 4 from 09:00).
HELD = at(2026, 11, 23, 22, 0)


class TestTheClockArt50:
    def test_held_at_22_00_two_hours_count_before_midnight(self):
        clock = holding_clock(HELD, at(2026, 11, 23, 23, 30))
        assert (clock.used_text, clock.remaining_text, clock.allowed_text) == ("1:30", "4:30", "6:00")
        assert clock.ends_at == at(2026, 11, 24, 13, 0)
        assert not clock.paused and not clock.expired

    def test_the_clock_stands_still_from_00_00_to_09_00(self):
        clock = holding_clock(HELD, at(2026, 11, 24, 3, 0))
        assert (clock.used_text, clock.remaining_text) == ("2:00", "4:00")
        assert clock.paused and clock.resumes_at == at(2026, 11, 24, 9, 0)
        assert holding_clock(HELD, at(2026, 11, 24, 8, 59)).used == holding_clock(HELD, at(2026, 11, 24, 0, 1)).used

    def test_it_runs_again_from_09_00_and_is_up_at_13_00(self):
        assert holding_clock(HELD, at(2026, 11, 24, 12, 0)).remaining_text == "1:00"
        clock = holding_clock(HELD, at(2026, 11, 24, 13, 0))
        assert clock.expired and (clock.used_text, clock.remaining_text) == ("6:00", "0:00")

    def test_an_extension_adds_real_hours_art_50_lid_4_and_the_night_counts_in_it(self):
        until = at(2026, 11, 25, 13, 0)  # 24 hours after the 6
        during = holding_clock(HELD, at(2026, 11, 24, 11, 0), extended_until=until)
        assert (during.used_text, during.remaining_text, during.allowed_text) == ("4:00", "26:00", "30:00")
        assert during.extended and during.ends_at == until
        night = holding_clock(HELD, at(2026, 11, 25, 2, 0), extended_until=until)
        assert (night.used_text, night.remaining_text, night.paused) == ("19:00", "11:00", False)
        assert holding_clock(HELD, until, extended_until=until).expired

    @pytest.mark.parametrize("night", [dt.date(2026, 3, 28), dt.date(2026, 10, 24)])
    def test_the_dst_night_changes_nothing_on_the_local_clock(self, night):
        start = dt.datetime.combine(night, dt.time(22), tzinfo=AMS)
        next_day = night + dt.timedelta(days=1)
        clock = holding_clock(start, dt.datetime.combine(next_day, dt.time(12), tzinfo=AMS))
        assert (clock.used_text, clock.remaining_text) == ("5:00", "1:00")

    def test_used_and_left_add_up_to_what_is_allowed_at_every_quarter(self):
        until = at(2026, 11, 25, 13, 0)
        moment = HELD
        while moment <= until:
            for extended_until in (None, until):
                clock = holding_clock(HELD, moment, extended_until=extended_until)
                assert clock.used + clock.remaining == clock.allowed, moment
            moment += dt.timedelta(minutes=15)


@pytest.mark.django_db
class TestTheFragment:
    @pytest.fixture
    def holding(self, case, enforcer):
        return services.measure_impose(
            case=case, kind=MeasureKind.HOLDING, ground="Identiteit vaststellen", actor=enforcer, now=HELD,
            starts_at=HELD,
        )  # fmt: skip

    def _get(self, client, user, measure, when):
        client.force_login(user)
        with time_machine.travel(when, tick=False):
            return client.get(reverse("detention:holding_clock", kwargs={"pk": measure.pk}))

    def test_in_scope_it_shows_the_clock_refetches_itself_every_minute_and_is_access_logged(
        self, client, case, enforcer, holding
    ):
        before = AccessLogEntry.objects.filter(case=case, activity="supervision_detention").count()
        response = self._get(client, enforcer, holding, at(2026, 11, 23, 23, 30))
        assert response.status_code == 200
        url = reverse("detention:holding_clock", kwargs={"pk": holding.pk})
        assert f'hx-get="{url}" hx-trigger="every 60s" hx-swap="outerHTML"' in response.text
        assert "1:30 van 6:00 uur geteld, nog 4:30" in response.text
        assert "24-11-2026 13:00" in response.text and "stand om 23:30" in response.text
        assert AccessLogEntry.objects.filter(case=case, activity="supervision_detention").count() == before + 1

    def test_the_case_officer_may_read_it_too(self, client, case, holding):
        assert self._get(client, case.case_officer, holding, at(2026, 11, 24, 10, 0)).status_code == 200

    def test_out_of_scope_it_is_not_found_names_nothing_and_logs_nothing(self, client, case, holding):
        elsewhere = EnforcementOfficerFactory()
        response = self._get(client, elsewhere, holding, at(2026, 11, 24, 10, 0))
        assert response.status_code == 404
        person = case.foreign_national
        assert person.surname not in response.text and person.v_number not in response.text
        assert not AccessLogEntry.objects.filter(case=case).exists()

    def test_across_the_night_it_stands_still_art_50_and_says_when_it_runs_again(self, client, enforcer, holding):
        response = self._get(client, enforcer, holding, at(2026, 11, 24, 3, 0))
        assert "2:00 van 6:00 uur geteld, nog 4:00" in response.text
        assert "de klok staat 's nachts stil (00:00-09:00 telt niet mee) en loopt weer om 09:00" in response.text
        later = self._get(client, enforcer, holding, at(2026, 11, 24, 12, 0)).text
        assert "5:00 van 6:00 uur geteld, nog 1:00" in later and "'s nachts" not in later
        up = self._get(client, enforcer, holding, at(2026, 11, 24, 13, 0)).text
        assert 'data-testid="holding-expired"' in up and "de tijd is om: vrijlaten of verlengen" in up

    def test_an_extended_holding_counts_the_extension_art_50_lid_4(self, client, case, enforcer, lead, holding):
        services.holding_extend(
            measure=holding, hours=24, reason="Identiteit nog niet vastgesteld", actor=lead,
            now=at(2026, 11, 24, 11, 0),
        )  # fmt: skip
        response = self._get(client, enforcer, holding, at(2026, 11, 25, 2, 0))
        assert "19:00 van 30:00 uur geteld, nog 11:00" in response.text
        assert "25-11-2026 13:00" in response.text and "verlengd, art. 50 lid 4 Vw 2000" in response.text
        assert "'s nachts" not in response.text

    def test_an_ended_holding_stops_polling(self, client, enforcer, holding):
        services.measure_end(measure=holding, reason=EndReason.IDENTIFIED, actor=enforcer, now=at(2026, 11, 24, 10, 0))
        response = self._get(client, enforcer, holding, at(2026, 11, 24, 10, 1))
        assert response.status_code == 200
        assert "hx-get" not in response.text and "Het ophouden is beëindigd." in response.text

    def test_a_measure_that_is_no_holding_has_no_clock(self, client, case, enforcer):
        duty = reporting_duty(case, enforcer)
        assert self._get(client, enforcer, duty, at(2026, 11, 24, 10, 0)).status_code == 404

    def test_the_pages_show_the_same_clock_without_javascript(self, client, case, enforcer, holding):
        """The case file's panel, the queue and the measure page render the fragment itself: right as served."""
        when = at(2026, 11, 24, 3, 0)
        fragment = self._get(client, enforcer, holding, when).text
        pages = [
            reverse("cases:case_detail", kwargs={"pk": case.pk}),
            reverse("detention:queue"),
            reverse("detention:measure_detail", kwargs={"pk": holding.pk}),
        ]
        with time_machine.travel(when, tick=False):
            for url in pages:
                page = client.get(url).text
                assert fragment.strip() in page, url


@pytest.mark.django_db
def test_a_holding_across_the_night_ends_at_13_00_in_the_queue_of_another_team_member(client):
    """The queue's holdings are the team's: a colleague sees the clock of a holding they did not impose."""
    case = detention_case()
    imposer, colleague = EnforcementOfficerFactory(team=case.team), EnforcementOfficerFactory(team=case.team)
    services.measure_impose(
        case=case, kind=MeasureKind.HOLDING, ground="Identiteit", actor=imposer, now=HELD, starts_at=HELD
    )
    client.force_login(colleague)
    with time_machine.travel(at(2026, 11, 24, 12, 0), tick=False):
        page = client.get(reverse("detention:queue")).text
    assert "24-11-2026 13:00" in page and "5:00 van 6:00 uur geteld, nog 1:00" in page
