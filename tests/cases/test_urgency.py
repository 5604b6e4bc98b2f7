"""Urgency (issue 8): statutory terms before informal ones on the same day, then by moment; the case keeps it.

`Case.next_deadline` is the case's most urgent live deadline; `Case.next_due_at` and `next_due_key` copy
its due moment and urgency, so that the work queue orders and pages on one indexed key.
"""

import datetime as dt
import random

import pytest
from django.urls import reverse

from cases.constants import LIVE_DEADLINE_STATUSES, Responsible
from cases.deadlines import registry
from cases.deadlines.counting import urgency_key
from cases.deadlines.engine import (
    cases_next_deadline_refresh,
    deadline_meet,
    deadline_open,
    deadline_recompute,
    deadlines_cancel,
)
from cases.deadlines.rules import DeadlineKind
from cases.models import Case, Deadline
from departures.deadlines import DepartureDeadlineKind
from tests.factories.cases import CaseFactory

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 12, 10)
URL = reverse("cases:workqueue")
INFORMAL_CALL = "test_informal_call"

pytestmark = pytest.mark.django_db


def _at(day, hour):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=registry.AMSTERDAM)


def _hours_after(start, params, *, holidays, tz):
    due = start + dt.timedelta(hours=params["hours"])
    return registry.Computation(None, due, False, ({"type": "test_hours", "end": due.isoformat()},))


@pytest.fixture
def informal_hour_rule():
    """An informal term in hours (no app has one yet): it may fall due early in a day a statutory term ends."""
    registry.register(
        registry.RuleVersion(
            kind=INFORMAL_CALL,
            version="test-1",
            label="Informal call",
            in_force_from=dt.date(2001, 4, 1),
            in_force_until=None,
            legal_basis="Werkafspraak (test)",
            legal_text="Call back",
            statutory=False,
            atw_applies=False,
            atw_note="A working agreement.",
            counting="hours",
            params={"hours": 1},
            responsible=Responsible.CASE_OFFICER,
            remind_before=None,
            task_text="Call back",
            compute=_hours_after,
        )
    )
    yield INFORMAL_CALL
    registry.unregister(INFORMAL_CALL)


def _open(case, kind, start, **params):
    return deadline_open(case=case, kind=kind, start=start, params=params or None, actor=case.case_officer, now=NOW)


def _rows(response):
    return [case.pk for case in response.context["cases"]]


def assert_next_deadlines_consistent():
    """For every case: the next deadline is its most urgent live one, and the copies agree with it."""
    for case in Case.objects.select_related("next_deadline"):
        live = list(Deadline.objects.filter(case=case, status__in=LIVE_DEADLINE_STATUSES))
        nearest = min(live, key=lambda d: (d.urgency, d.pk), default=None)
        assert case.next_deadline_id == (nearest.pk if nearest else None)
        if nearest is None:
            assert (case.next_due_at, case.next_due_key) == (None, None)
        else:
            assert case.next_due_at == case.next_deadline.due_at
            assert case.next_due_key == case.next_deadline.urgency


class TestUrgencyKey:
    def test_a_statutory_term_ranks_before_an_informal_one_on_the_same_day_whatever_the_moment(self):
        informal_at_nine = urgency_key(due_date=None, due_at=_at(DAY, 9), statutory=False, tz=registry.AMSTERDAM)
        statutory_day_term = urgency_key(
            due_date=DAY, due_at=_at(DAY + dt.timedelta(days=1), 0), statutory=True, tz=registry.AMSTERDAM
        )
        assert statutory_day_term < informal_at_nine

    def test_days_come_first_then_the_moment_within_a_rank(self):
        def key(day, hour, statutory):
            return urgency_key(due_date=None, due_at=_at(day, hour), statutory=statutory, tz=registry.AMSTERDAM)

        assert key(DAY - dt.timedelta(days=1), 23, False) < key(DAY, 1, True)
        assert key(DAY, 9, True) < key(DAY, 15, True)
        assert key(DAY, 9, False) < key(DAY, 15, False)

    def test_the_day_of_a_term_in_hours_is_its_day_in_amsterdam(self):
        # 23:30 UTC on 9 December is 00:30 on the 10th in Amsterdam: the same day as a last day of the 10th.
        late_utc = dt.datetime(2026, 12, 9, 23, 30, tzinfo=dt.UTC)
        statutory_tenth = urgency_key(
            due_date=DAY, due_at=_at(DAY + dt.timedelta(days=1), 0), statutory=True, tz=registry.AMSTERDAM
        )
        assert statutory_tenth < urgency_key(due_date=None, due_at=late_utc, statutory=False, tz=registry.AMSTERDAM)

    def test_the_deadline_stores_its_rules_statutory_flag(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        departure = _open(case, DeadlineKind.DEPARTURE_TERM, DAY, days=0)
        agreed = _open(case, DeadlineKind.AGREED_ACTION, DAY)
        assert (departure.statutory, agreed.statutory) == (True, False)
        assert departure.urgency < agreed.urgency


class TestWorkQueueOrder:
    def test_statutory_terms_before_informal_ones_on_the_same_day_then_by_moment(
        self, client, case_officer, informal_hour_rule
    ):
        def new_case():
            return CaseFactory(case_officer=case_officer, in_progress=True)

        # Created in the order that the old order (by due moment, then id) would have listed them.
        earlier_informal, informal_nine, flight, departure, agreed, none = (new_case() for _ in range(6))
        _open(earlier_informal, DeadlineKind.AGREED_ACTION, DAY - dt.timedelta(days=1))
        _open(informal_nine, informal_hour_rule, _at(DAY, 8))  # due 09:00 on the day, informal
        _open(flight, DepartureDeadlineKind.FLIGHT_NOTICE, _at(DAY + dt.timedelta(days=2), 15))  # due 15:00, statutory
        _open(departure, DeadlineKind.DEPARTURE_TERM, DAY, days=0)  # last day DAY, statutory
        _open(agreed, DeadlineKind.AGREED_ACTION, DAY)  # last day DAY, informal
        client.force_login(case_officer)
        rows = _rows(client.get(URL))
        assert rows == [earlier_informal.pk, flight.pk, departure.pk, informal_nine.pk, agreed.pk, none.pk]

    def test_a_case_is_ranked_by_its_most_urgent_deadline(self, client, case_officer, informal_hour_rule):
        both = CaseFactory(case_officer=case_officer, in_progress=True)
        informal = _open(both, informal_hour_rule, _at(DAY, 8))
        statutory = _open(both, DeadlineKind.DEPARTURE_TERM, DAY, days=0)
        both.refresh_from_db()
        assert both.next_deadline == statutory
        assert both.next_due_at == statutory.due_at
        deadline_meet(deadline=statutory, actor=case_officer, now=NOW, reason="Vertrokken")
        both.refresh_from_db()
        assert (both.next_deadline, both.next_due_at, both.next_due_key) == (
            informal,
            informal.due_at,
            informal.urgency,
        )

    def test_keyset_pages_follow_the_urgency_order_without_gaps_or_repeats(self, client, case_officer):
        chooser = random.Random(8)
        cases = CaseFactory.create_batch(118, case_officer=case_officer, in_progress=True)
        for case in cases[:110]:
            day = DAY + dt.timedelta(days=chooser.randrange(4))
            if chooser.random() < 0.5:
                _open(case, DeadlineKind.DEPARTURE_TERM, day, days=0)
            else:
                _open(case, DeadlineKind.AGREED_ACTION, day)
        expected = [
            case.pk for case in sorted(Case.objects.all(), key=lambda c: (c.next_due_key is None, c.next_due_key, c.pk))
        ]
        client.force_login(case_officer)
        seen, cursor, pages = [], None, []
        while True:
            response = client.get(URL, {"pagina": cursor} if cursor else {})
            pages.append(response.context["page"])
            seen += _rows(response)
            cursor = response.context["page"].next_cursor
            if not cursor:
                break
        assert seen == expected
        # On each day, every statutory case comes before every informal one.
        by_pk = {d.case_id: d for d in Deadline.objects.all()}
        for earlier, later in zip(seen, seen[1:], strict=False):
            if earlier in by_pk and later in by_pk and by_pk[earlier].due_date == by_pk[later].due_date:
                assert by_pk[earlier].statutory >= by_pk[later].statutory
        back = client.get(URL, {"pagina": pages[-1].previous_cursor})
        assert _rows(back) == seen[50:100]


class TestNextDeadlineKept:
    def test_every_engine_path_keeps_the_copies_equal_to_the_next_deadline(self, case_officer):
        cases = CaseFactory.create_batch(4, case_officer=case_officer, in_progress=True)
        first = _open(cases[0], DeadlineKind.AGREED_ACTION, DAY)
        _open(cases[0], DeadlineKind.DEPARTURE_TERM, DAY + dt.timedelta(days=3), days=0)
        _open(cases[1], DeadlineKind.DEPARTURE_TERM, DAY, days=0)
        third = _open(cases[2], DeadlineKind.AGREED_ACTION, DAY)
        assert_next_deadlines_consistent()
        deadline_recompute(deadline=first, start=DAY + dt.timedelta(days=9), actor=case_officer, now=NOW, reason="x")
        assert_next_deadlines_consistent()
        deadline_meet(deadline=third, actor=case_officer, now=NOW)
        deadlines_cancel(case=cases[1], actor=case_officer, now=NOW, reason="Zaak gesloten")
        assert_next_deadlines_consistent()

    def test_the_bulk_refresh_agrees_with_the_engine(self, case_officer):
        cases = CaseFactory.create_batch(3, case_officer=case_officer, in_progress=True)
        _open(cases[0], DeadlineKind.AGREED_ACTION, DAY)
        _open(cases[0], DeadlineKind.DEPARTURE_TERM, DAY, days=0)
        _open(cases[1], DeadlineKind.AGREED_ACTION, DAY)
        Case.objects.update(next_deadline=None, next_due_at=None, next_due_key=None)
        assert cases_next_deadline_refresh(Case.objects.all()) == 3
        assert_next_deadlines_consistent()
        assert Case.objects.get(pk=cases[0].pk).next_deadline.kind == DeadlineKind.DEPARTURE_TERM
