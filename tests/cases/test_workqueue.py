"""The work queue: the officer's own cases, the team's caseload and the national intake for team leads."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.deadlines.engine import deadline_open
from cases.models import AccessLogEntry, Assignment, Case
from cases.services import departure_term_record
from tests.factories.accounts import CaseOfficerFactory, MinorSpecialistFactory
from tests.factories.cases import CaseFactory, ProcedureFactory
from tests.factories.deadlines import DUE_AT, DeadlineFactory

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
URL = reverse("cases:workqueue")

pytestmark = pytest.mark.django_db


def _rows(response):
    return [case.pk for case in response.context["cases"]]


class TestMyWorkQueue:
    def test_shows_only_my_open_cases_sorted_by_the_nearest_deadline(self, client, case_officer):
        later, sooner, none = CaseFactory.create_batch(3, case_officer=case_officer, in_progress=True)
        deadline_open(case=later, kind="agreed_action", start=dt.date(2027, 1, 10), actor=case_officer, now=NOW)
        deadline_open(case=sooner, kind="agreed_action", start=dt.date(2026, 12, 1), actor=case_officer, now=NOW)
        CaseFactory(case_officer=case_officer, closed=True)
        CaseFactory(case_officer=CaseOfficerFactory(team=case_officer.team))
        client.force_login(case_officer)
        response = client.get(URL)
        assert _rows(response) == [sooner.pk, later.pk, none.pk]
        assert response.context["total"] == 3

    def test_a_name_written_as_markup_is_shown_as_text(self, client, case_officer):
        # The rows are written by f-strings (rows_html), not the template engine: every value is escaped.
        CaseFactory(
            case_officer=case_officer,
            foreign_national__surname='<script>alert("x")</script>',
            foreign_national__given_names="O'Brien & <b>zoon</b>",
        )
        client.force_login(case_officer)
        page = client.get(URL).text
        assert "<script>alert" not in page and "<b>zoon</b>" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert "O&#x27;Brien &amp; &lt;b&gt;zoon&lt;/b&gt;" in page

    def test_each_person_shown_is_access_logged_once(self, client, case_officer):
        cases = CaseFactory.create_batch(3, case_officer=case_officer)
        client.force_login(case_officer)
        client.get(URL)
        assert sorted(AccessLogEntry.objects.values_list("foreign_national_id", flat=True)) == sorted(
            c.foreign_national_id for c in cases
        )

    def test_filters_on_phase_nationality_and_flag(self, client, case_officer):
        blocked = ProcedureFactory(case__case_officer=case_officer).case
        minor = CaseFactory(case_officer=case_officer, unaccompanied_minor=True)
        intake = CaseFactory(case_officer=case_officer)
        intake.foreign_national.nationalities.create(country="ERI", status="claimed")
        client.force_login(case_officer)
        assert _rows(client.get(URL, {"kenmerk": "legal_obstacle"})) == [blocked.pk]
        assert _rows(client.get(URL, {"kenmerk": "unaccompanied_minor"})) == [minor.pk]
        assert _rows(client.get(URL, {"kenmerk": "minor"})) == [minor.pk]
        assert _rows(client.get(URL, {"nationaliteit": "ERI"})) == [intake.pk]
        assert sorted(_rows(client.get(URL, {"fase": "intake"}))) == sorted([minor.pk, intake.pk])

    def test_the_overdue_flag_means_the_sweep_found_the_deadline_overdue(self, client, case_officer):
        # One definition of overdue, the status (the sweep sets it), for the filter, the row and the case file;
        # the filter used the clock and the row compared due_at with now.
        overdue = DeadlineFactory(overdue=True, case__case_officer=case_officer).case
        DeadlineFactory(due_now=True, case__case_officer=case_officer)  # due, not yet swept: still open
        client.force_login(case_officer)
        with time_machine.travel(DUE_AT + dt.timedelta(hours=1), tick=False):
            response = client.get(URL, {"kenmerk": "overdue"})
        assert _rows(response) == [overdue.pk]
        assert response.text.count('class="regie-overdue"') == 1

    def test_pages_by_keyset_without_gaps_or_repeats(self, client, case_officer):
        cases = CaseFactory.create_batch(120, case_officer=case_officer)
        client.force_login(case_officer)
        seen, cursor = [], None
        while True:
            response = client.get(URL, {"sorteer": "geopend", **({"pagina": cursor} if cursor else {})})
            seen += _rows(response)
            cursor = response.context["page"].next_cursor
            if not cursor:
                break
        assert seen == [c.pk for c in sorted(cases, key=lambda c: (c.opened_at, c.pk))]
        back = client.get(URL, {"sorteer": "geopend", "pagina": response.context["page"].previous_cursor})
        assert _rows(back) == seen[50:100]

    def test_the_next_page_link_keeps_the_view_and_filters(self, client, team_lead, case_officer):
        # Regression: the pager wrote "??" before the query, which dropped the view on page 2.
        CaseFactory.create_batch(51, case_officer=case_officer)
        client.force_login(team_lead)
        response = client.get(URL, {"weergave": "team", "fase": "intake"})
        cursor = response.context["page"].next_cursor
        assert 'href="?weergave=team&amp;fase=intake&amp;pagina=' in response.text
        second = client.get(URL, {"weergave": "team", "fase": "intake", "pagina": cursor})
        assert (second.context["view"], len(_rows(second))) == ("team", 1)

    def test_a_tampered_cursor_shows_the_first_page(self, client, case_officer):
        CaseFactory.create_batch(2, case_officer=case_officer)
        client.force_login(case_officer)
        assert len(_rows(client.get(URL, {"pagina": "not-a-cursor"}))) == 2

    def test_the_number_of_queries_does_not_grow_with_the_cases(
        self, client, case_officer, django_assert_max_num_queries
    ):
        client.force_login(case_officer)
        CaseFactory.create_batch(2, case_officer=case_officer)
        ProcedureFactory(case__case_officer=case_officer)
        client.get(URL)
        with django_assert_max_num_queries(40) as few:
            client.get(URL)
        for case in CaseFactory.create_batch(30, case_officer=case_officer):
            case.foreign_national.nationalities.create(country="SYR", status="claimed")
            deadline_open(case=case, kind="agreed_action", start=dt.date(2026, 12, 1), actor=case_officer, now=NOW)
        ProcedureFactory.create_batch(3, case__case_officer=case_officer)
        with django_assert_max_num_queries(40) as many:
            assert len(_rows(client.get(URL))) == 36
        assert len(many.captured_queries) == len(few.captured_queries)


class TestTeamLeadQueues:
    def test_the_team_view_shows_the_teams_open_cases_with_their_officers(self, client, team_lead, case_officer):
        mine = CaseFactory(case_officer=case_officer)
        CaseFactory()  # another team
        client.force_login(team_lead)
        assert _rows(client.get(URL, {"weergave": "team"})) == [mine.pk]

    def test_the_intake_view_shows_the_unassigned_national_intake(self, client, team_lead):
        waiting = CaseFactory(intake_queue=True)
        client.force_login(team_lead)
        assert _rows(client.get(URL, {"weergave": "intake"})) == [waiting.pk]

    def test_a_case_officer_cannot_see_the_team_view(self, client, case_officer):
        CaseFactory(case_officer=CaseOfficerFactory(team=case_officer.team))
        client.force_login(case_officer)
        response = client.get(URL, {"weergave": "team"})
        assert response.context["view"] == "mijn" and _rows(response) == []

    def test_bulk_assignment_from_the_intake_queue(self, client, team_lead, case_officer):
        waiting = CaseFactory.create_batch(2, intake_queue=True)
        client.force_login(team_lead)
        response = client.post(
            reverse("cases:workqueue_assign"),
            {"cases": [c.pk for c in waiting], "case_officer": case_officer.pk, "reason": ""},
        )
        assert response.status_code == 302
        assert set(Case.objects.values_list("case_officer", flat=True)) == {case_officer.pk}

    def test_bulk_assignment_of_an_amv_case_to_a_non_specialist_fails_in_dutch_and_assigns_nothing(
        self, client, team_lead, case_officer
    ):
        ordinary = CaseFactory(intake_queue=True)
        minor = CaseFactory(intake_queue=True, unaccompanied_minor=True)
        MinorSpecialistFactory(team=team_lead.team)
        client.force_login(team_lead)
        response = client.post(
            reverse("cases:workqueue_assign"),
            {"cases": [ordinary.pk, minor.pk], "case_officer": case_officer.pk, "next": URL + "?weergave=intake"},
            follow=True,
        )
        assert "alleen worden toegewezen aan een aangewezen AMV-specialist" in response.text
        assert not Assignment.objects.exists()
        assert set(Case.objects.values_list("case_officer", flat=True)) == {None}


class TestRowsAsRendered:
    # The rows are built once per page (cases/views/_queue_rows.py) instead of filters per cell: the same markup.
    def test_a_row_shows_link_person_nationality_phase_officer_and_flags(self, client, team_lead, case_officer):
        case = CaseFactory(case_officer=case_officer, unaccompanied_minor=True, in_progress=True)
        case.foreign_national.nationalities.create(country="ERI", status="claimed")
        person = case.foreign_national
        client.force_login(team_lead)
        html = client.get(URL, {"weergave": "team"}).text
        assert f'<a class="utrecht-link" href="/zaken/{case.pk}/">{person.v_number}</a>' in html
        assert f'<td class="utrecht-table__cell" data-label="Naam">{person.surname}, {person.given_names}</td>' in html
        assert '<abbr title="Eritrea (Gesteld)">ERI</abbr>' in html
        assert f'aria-label="Zaak {person.v_number} selecteren"' in html
        assert '<span class="utrecht-badge-status regie-flag">Minderjarig</span>' in html
        assert "Sanne de Vries" in html and "In behandeling" in html

    def test_a_row_shows_days_left_or_overdue_and_marks_statutory_terms(self, client, case_officer):
        # Issue 8 §4 'Urgency': the queue showed dates only; "Vertrektermijn" is set by art. 62 Vw 2000.
        term = CaseFactory(case_officer=case_officer, in_progress=True)
        departure_term_record(case=term, effective_on=dt.date(2026, 10, 29), actor=case_officer, now=NOW)
        action = CaseFactory(case_officer=case_officer, in_progress=True)
        deadline_open(case=action, kind="agreed_action", start=dt.date(2026, 11, 20), actor=case_officer, now=NOW)
        client.force_login(case_officer)
        with time_machine.travel(NOW, tick=False):
            response = client.get(URL)
        cells = {row.pk: row.deadline for row in response.context["rows"]}
        assert (cells[term.pk].urgency, cells[term.pk].statutory) == ("nog 3 dagen", True)
        assert (cells[action.pk].urgency, cells[action.pk].days_left, cells[action.pk].statutory) == (
            "3 dagen verstreken",
            -3,
            False,
        )
        html = response.text
        assert 'Vertrektermijn: <span class="regie-nowrap">26-11-2026</span>' in html
        assert '<span class="regie-nowrap" data-testid="urgency">(nog 3 dagen)</span>' in html
        assert '<span class="regie-nowrap" data-testid="urgency">(3 dagen verstreken)</span>' in html
        assert html.count('<span class="utrecht-badge-status regie-statutory">wettelijk</span>') == 1


class TestOfficerChoices:
    """The team's officers are loaded once per page and serve the officer filter and the bulk form alike."""

    def test_an_officer_of_another_team_is_refused_by_the_bulk_form_and_nothing_is_assigned(self, client, team_lead):
        waiting = CaseFactory(intake_queue=True)
        stranger = CaseOfficerFactory()  # another team
        client.force_login(team_lead)
        response = client.post(
            reverse("cases:workqueue_assign"),
            {"cases": [waiting.pk], "case_officer": stranger.pk, "next": URL + "?weergave=intake"},
            follow=True,
        )
        assert "Selecteer een geldige keuze" in response.text
        assert Case.objects.get(pk=waiting.pk).case_officer_id is None

    def test_the_officer_filter_offers_and_accepts_only_the_teams_officers(self, client, team_lead, case_officer):
        mine = CaseFactory(case_officer=case_officer)
        colleague = CaseOfficerFactory(team=team_lead.team)
        CaseFactory(case_officer=colleague)
        stranger = CaseOfficerFactory()
        client.force_login(team_lead)
        response = client.get(URL, {"weergave": "team", "regievoerder": case_officer.pk})
        assert _rows(response) == [mine.pk]
        offered = {str(value) for value, _label in response.context["filterset"].form.fields["regievoerder"].choices}
        assert offered == {"", str(case_officer.pk), str(colleague.pk)}
        refused = client.get(URL, {"weergave": "team", "regievoerder": stranger.pk})
        assert not refused.context["filterset"].is_valid()


class TestPreparedQueue:
    """The queue as it opens and pages is one prepared statement: the same rows and count as the queryset itself."""

    @pytest.fixture
    def queues(self, case_officer, team_lead):
        from cases.services import departure_term_record as record

        for i in range(7):
            case = CaseFactory(case_officer=case_officer, in_progress=True)
            if i % 2:
                record(case=case, effective_on=dt.date(2026, 11, 1 + i), actor=case_officer, now=NOW)
        CaseFactory.create_batch(3, case_officer=CaseOfficerFactory(team=case_officer.team), in_progress=True)
        CaseFactory.create_batch(2, unassigned=True, team=None)
        CaseFactory(confidential=True, case_officer=CaseOfficerFactory(team=case_officer.team))
        CaseFactory()  # another team's
        return case_officer, team_lead

    def test_every_view_sort_and_page_gives_what_the_queryset_gives(self, queues):
        from cases.selectors import (
            SORTS,
            queue_page,
            queue_total_and_page,
            workqueue_intake,
            workqueue_mine,
            workqueue_team,
        )

        officer, lead = queues
        on = dt.date(2026, 11, 23)
        views = [("mijn", officer, workqueue_mine), ("mijn", lead, workqueue_mine), ("team", lead, workqueue_team),
                 ("intake", lead, workqueue_intake)]  # fmt: skip
        for view, user, base in views:
            for sort in SORTS:
                cursor, seen = None, 0
                while True:
                    rows = base(user=user, on=on)
                    expected = queue_page(rows, sort=sort, cursor=cursor, size=3)
                    total, page = queue_total_and_page(view=view, user=user, on=on, sort=sort, cursor=cursor, size=3)
                    assert total == rows.count() and (total > 0 or user == lead and view == "mijn"), (view, sort)
                    assert page == expected, (view, sort, cursor)
                    seen += len(page.page.rows)
                    if not page.page.next_cursor:
                        break
                    cursor = page.page.next_cursor
                assert seen == total, (view, sort)
                if expected.page.previous_cursor:  # and back again
                    back = queue_total_and_page(
                        view=view, user=user, on=on, sort=sort, cursor=expected.page.previous_cursor, size=3
                    )[1]
                    assert back == queue_page(
                        base(user=user, on=on), sort=sort, cursor=expected.page.previous_cursor, size=3
                    )

    def test_a_team_lead_without_a_team_has_an_empty_team_queue_not_the_intake(self, db):
        from cases.selectors import queue_total_and_page, workqueue_team
        from tests.factories.accounts import TeamLeadFactory

        lead = TeamLeadFactory(team=None)
        CaseFactory(unassigned=True, team=None)  # national intake: a case without a team
        on = dt.date(2026, 11, 23)
        total, page = queue_total_and_page(view="team", user=lead, on=on, sort="termijn", cursor=None)
        assert (total, page.page.rows) == (0, []) and list(workqueue_team(user=lead, on=on)) == []
