"""The case file: everything about one case on one page, read-logged once, in a fixed number of queries."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import events, panels
from cases.deadlines.engine import deadline_open
from cases.events import case_event_record
from cases.models import AccessLogEntry, BreakGlassGrant, CaseEvent, ForeignNational
from cases.services import break_glass_open, departure_term_record, foreign_national_update, note_add
from tests.factories.accounts import CaseOfficerFactory, EnforcementOfficerFactory, PrivacyOfficerFactory
from tests.factories.api import NationalityFactory
from tests.factories.cases import AgreedActionFactory, CaseFactory, InterviewFactory, ProcedureFactory

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def _detail(case):
    return reverse("cases:case_detail", kwargs={"pk": case.pk})


class TestCaseFileView:
    def test_every_view_leaves_exactly_one_access_log_row(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer)
        client.force_login(case_officer)
        for _ in range(2):
            assert client.get(_detail(case)).status_code == 200
        rows = list(AccessLogEntry.objects.values_list("case_id", "foreign_national_id", "view_name", "channel"))
        assert rows == [(case.pk, case.foreign_national_id, "cases:case_detail", "web")] * 2

    def test_a_pending_appeal_is_shown_as_a_legal_obstacle_with_its_article(self, client, case_officer):
        procedure = ProcedureFactory(case__case_officer=case_officer)
        client.force_login(case_officer)
        header = _header(client.get(_detail(procedure.case)).text)
        assert "Uitzetting: juridische belemmering" in header
        assert "Beroep ingediend op 02-03-2026 loopt nog en mag in Nederland worden afgewacht." in header
        assert "(art. 82 Vw 2000 / art. 8:1 Awb)" in header

    def test_the_page_takes_at_most_12_queries_with_session_and_user_however_many_rows(
        self, client, case_officer, django_assert_max_num_queries
    ):
        # Issue 8 §5: ≤ 12 SQL queries for the case file, session and user included, counted the way
        # Django counts them (the savepoints of the session save included), with every panel shown.
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        InterviewFactory(case=case)
        ProcedureFactory(case=case)
        note_add(case=case, text="eerste notitie", actor=case_officer, now=NOW)
        client.force_login(case_officer)
        with django_assert_max_num_queries(12) as few:
            client.get(_detail(case))
        for i in range(30):
            case_event_record(case=case, kind=events.NOTE_ADDED, actor=case_officer, now=NOW + dt.timedelta(minutes=i))
        for interview in InterviewFactory.create_batch(3, case=case, kind="follow_up"):
            AgreedActionFactory.create_batch(2, interview=interview)
        ProcedureFactory.create_batch(4, case=case)
        departure_term_record(case=case, effective_on=dt.date(2026, 11, 1), actor=case_officer, now=NOW)
        for i in range(5):
            note_add(case=case, text=f"notitie {i}", actor=case_officer, now=NOW)
        with django_assert_max_num_queries(12) as many:
            response = client.get(_detail(case))
        assert response.text.count('class="regie-note"') == 6
        assert response.text.count("Markeren als afgerond") == 6
        assert len(many.captured_queries) == len(few.captured_queries)
        assert {section.panel.key for section in response.context["file"].sections} == {
            panel.key for panel in panels.panels_for(case_officer)
        }

    def test_a_case_of_another_team_is_not_found_for_a_role_without_break_the_glass(self, client):
        case = CaseFactory()
        privacy = PrivacyOfficerFactory()
        client.force_login(privacy)
        assert client.get(_detail(case)).status_code == 403
        assert not AccessLogEntry.objects.exists()

    def test_the_timeline_pages_by_keyset(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer)
        recorded = [
            case_event_record(case=case, kind=events.NOTE_ADDED, actor=case_officer, now=NOW + dt.timedelta(minutes=i))
            for i in range(60)
        ]
        client.force_login(case_officer)
        first = _section(client.get(_detail(case)).context["file"], "tijdlijn")
        assert [e.pk for e in first["events"]] == [e.pk for e in reversed(recorded)][:50]
        older = _section(client.get(_detail(case), {"voor": first["older_events_before"]}).context["file"], "tijdlijn")
        assert [e.pk for e in older["events"]] == [e.pk for e in reversed(recorded)][50:]
        assert older["older_events_before"] is None


def _header(page):
    """The case header (identity, term, removability or closure) of a rendered case file."""
    return page[
        page.index('<header class="regie-case-header"') : page.index("</header>", page.index("regie-case-header"))
    ]


def _section(file, key):
    """The context of one panel of a rendered case file."""
    return next(section.context for section in file.sections if section.panel.key == key)


class TestBreakTheGlass:
    """Issue 9 (review 2c, 12): the case file of an out-of-scope id answered with a redirect to break-the-glass
    (302/403 against 404 for a missing id), so trying ids showed which cases exist. Now it answers as for a
    missing case, and break-the-glass is offered by a search for the exact V-number."""

    def _offer(self, client, case):
        """The break-the-glass link the search for the case's exact V-number offers."""
        response = client.get(reverse("cases:search"), {"v_number": case.foreign_national.v_number})
        [(case_id, url)] = response.context["offers"]
        assert case_id == case.pk and url in response.text
        return url

    def test_a_case_of_another_team_answers_exactly_like_a_missing_case(self, client):
        case = CaseFactory(foreign_national__surname="Verborgen")
        outsider = CaseOfficerFactory()
        client.force_login(outsider)
        missing_id = case.pk + 1000
        client.get(_detail(case))  # the session and user caches warmed alike for both
        with CaptureQueriesContext(connection) as outside_queries:
            outside = client.get(_detail(case))
        with CaptureQueriesContext(connection) as missing_queries:
            missing = client.get(reverse("cases:case_detail", kwargs={"pk": missing_id}))
        assert (outside.status_code, missing.status_code) == (404, 404)
        def page(response, pk):
            # A fresh CSP nonce and a freshly masked CSRF token per response, the path (the language
            # switch returns to it); the rest is the same.
            fresh = r'nonce="[^"]+"|"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"'
            return re.sub(fresh, "", response.text).replace(f"/zaken/{pk}/", "/zaken/<id>/")

        assert page(outside, case.pk) == page(missing, missing_id) and "Verborgen" not in outside.text

        # The same statements, but for the id: the same path through the code, no timing tells them apart.
        def statements(captured, pk):
            # Literal times and keys, and the savepoint names of the session save, differ by nature.
            shapes = (re.sub(r"'[^']*'|\"s\d+_x\d+\"", "?", query["sql"]) for query in captured.captured_queries)
            return [re.sub(rf"\b{pk}\b", "<id>", shape) for shape in shapes]

        assert statements(outside_queries, case.pk) == statements(missing_queries, missing_id)
        assert not AccessLogEntry.objects.exists()

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_the_break_the_glass_page_without_the_searchs_offer_is_not_found(self, client, method):
        case = CaseFactory()
        client.force_login(CaseOfficerFactory())
        url = reverse("cases:break_glass", kwargs={"pk": case.pk})
        missing = reverse("cases:break_glass", kwargs={"pk": case.pk + 1000})
        data = {"reason": "Een reden van voldoende lengte"} if method == "post" else None
        for address in (url, url + "?zoek=vervalst", missing):
            assert getattr(client, method)(address, data).status_code == 404, address
        assert not BreakGlassGrant.objects.exists() and not AccessLogEntry.objects.exists()

    def test_the_offer_of_one_user_or_case_opens_no_other(self, client):
        case, another = CaseFactory(), CaseFactory()
        outsider = CaseOfficerFactory()
        client.force_login(outsider)
        url = self._offer(client, case)
        token = url.split("zoek=")[1]
        assert client.get(reverse("cases:break_glass", kwargs={"pk": another.pk}) + f"?zoek={token}").status_code == 404
        client.force_login(CaseOfficerFactory())
        assert client.get(url).status_code == 404

    def test_the_search_offers_the_form_without_personal_data(self, client):
        case = CaseFactory(foreign_national__surname="Verborgen")
        client.force_login(CaseOfficerFactory())
        form = client.get(self._offer(client, case))
        assert form.status_code == 403 and "Verborgen" not in form.text
        assert not AccessLogEntry.objects.exists()

    def test_a_short_reason_is_refused_nothing_is_granted_and_the_refusal_is_logged(self, client):
        case = CaseFactory()
        outsider = CaseOfficerFactory()
        client.force_login(outsider)
        response = client.post(self._offer(client, case), {"reason": "nodig"})
        assert "minstens 10 tekens" in response.text
        assert not BreakGlassGrant.objects.exists()
        entry = AccessLogEntry.objects.get()
        assert (entry.user, entry.case, entry.activity, entry.result, entry.reason) == (
            outsider,
            case,
            "emergency_access",
            "denied",
            "nodig",
        )

    def test_with_a_reason_the_case_opens_read_only_and_every_read_logs_the_reason(self, client):
        case = CaseFactory(confidential=True)
        enforcer = EnforcementOfficerFactory()
        client.force_login(enforcer)
        reason = "Aanhouding door KMar op Schiphol, identiteit verifiëren"
        response = client.post(self._offer(client, case), {"reason": reason})
        assert response.status_code == 302
        page = client.get(_detail(case))
        assert page.status_code == 200 and page.context["can_edit"] is False
        entry = AccessLogEntry.objects.get()
        assert (entry.user, entry.case, entry.reason) == (enforcer, case, reason)
        assert CaseEvent.objects.get(kind=events.CASE_BREAK_GLASS.code).data["reason"] == reason

    def test_the_grant_expires_after_thirty_minutes(self, case_officer):
        case = CaseFactory()
        outsider = CaseOfficerFactory()
        grant = break_glass_open(case_id=case.pk, reason="Spoedeisende vraag van de rechtbank", actor=outsider, now=NOW)
        assert grant.expires_at == NOW + dt.timedelta(minutes=30)


class TestPersonCorrection:
    def test_a_correction_is_in_the_history_with_old_and_new_and_search_follows_it(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, foreign_national__surname="Ozturk")
        foreign_national_update(case=case, actor=case_officer, now=NOW, surname="Öztürk", given_names="Ayşe")
        person = ForeignNational.objects.get(pk=case.foreign_national_id)
        assert person.search_name == "ayse ozturk"
        latest = person.history.first()
        assert latest.history_user is None or latest.history_user == case_officer
        changes = latest.diff_against(latest.prev_record).changes
        assert {(c.field, c.old, c.new) for c in changes} == {
            ("surname", "Ozturk", "Öztürk"),
            ("given_names", "Amir", "Ayşe"),
        }
        assert CaseEvent.objects.get(kind=events.PERSON_CHANGED.code).data == {"fields": ["given_names", "surname"]}
        client.force_login(case_officer)
        history_page = client.get(reverse("cases:case_changes", kwargs={"pk": case.pk}))
        assert "Öztürk" in history_page.text and "Ozturk" in history_page.text
        assert AccessLogEntry.objects.filter(view_name="cases:case_changes").count() == 1


class TestCaseHeader:
    """What the header says about removal and the departure term (ux-review-1 §1, issue 8 §1 and §4)."""

    def _page(self, client, user, case, moment=NOW):
        client.force_login(user)
        with time_machine.travel(moment, tick=False):
            return _header(client.get(_detail(case)).text)

    def test_never_a_bare_yes_without_a_legal_obstacle_it_lists_the_practical_ones(self, client, case_officer):
        # Regression: "Uitzetbaar: ja" in green on a case whose nationality was only claimed.
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        NationalityFactory(foreign_national=case.foreign_national, country="SYR")
        header = self._page(client, case_officer, case)
        assert "Uitzetbaar: ja" not in header and "utrecht-alert--ok" not in header
        assert "Uitzetting: geen juridische belemmering." in header
        assert "Praktische belemmeringen die nog openstaan:" in header
        assert "Nationaliteit niet vastgesteld: alleen opgegeven (Syrië)." in header

    def test_with_an_established_nationality_no_practical_obstacle_is_recorded(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        NationalityFactory(foreign_national=case.foreign_national, country="SYR", status="established")
        header = self._page(client, case_officer, case)
        assert "Uitzetting: geen juridische belemmering." in header
        assert "Geen praktische belemmering vastgelegd." in header

    def test_a_closed_case_shows_its_closure_instead_of_any_removability(self, client, case_officer, team_lead):
        # Regression: closed cases still showed "Uitzetbaar: ja".
        case = CaseFactory(case_officer=case_officer, closed=True, opened_at=NOW)
        ProcedureFactory(case=case)
        header = self._page(client, team_lead, case)
        assert "Afgesloten op 23 november 2026: Verblijfsvergunning verleend" in header
        assert "belemmering" not in header and "Uitzetbaar" not in header

    def test_an_expired_departure_term_says_so_even_when_another_deadline_is_next(self, client, case_officer):
        # Regression: the header showed only "Volgende termijn"; an expired term looked current (art. 62 Vw 2000).
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        departure_term_record(case=case, effective_on=dt.date(2026, 10, 16), actor=case_officer, now=NOW)
        deadline_open(case=case, kind="agreed_action", start=dt.date(2026, 11, 1), actor=case_officer, now=NOW)
        header = self._page(client, case_officer, case)
        assert (
            '<dt>Volgende termijn</dt><dd data-testid="next-deadline"><span>Afgesproken actie: 1 november 2026 '
            "(22 dagen verstreken)</span></dd>"
        ) in header
        assert "Verstreken op 13 november 2026" in header and "(art. 62 Vw 2000)" in header

    def test_the_next_deadline_says_how_near_it_is_and_that_the_law_sets_it_art_62_vw(self, client, case_officer):
        # Issue 8 §4 'Urgency': the header showed a bare date; an expired term looked current.
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        departure_term_record(case=case, effective_on=dt.date(2026, 10, 29), actor=case_officer, now=NOW)
        header = self._page(client, case_officer, case)
        assert "Vertrektermijn: 26 november 2026 (nog 3 dagen)" in header
        assert '<span class="utrecht-badge-status regie-statutory">wettelijk</span>' in header
        later = self._page(client, case_officer, case, moment=NOW + dt.timedelta(days=5))
        assert "Vertrektermijn: 26 november 2026 (2 dagen verstreken)" in later

    def test_a_running_departure_term_is_shown_with_its_last_day(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        departure_term_record(case=case, effective_on=dt.date(2026, 11, 16), actor=case_officer, now=NOW)
        deadline_open(case=case, kind="agreed_action", start=dt.date(2026, 11, 25), actor=case_officer, now=NOW)
        header = self._page(client, case_officer, case)
        assert "Loopt tot en met 14 december 2026" in header and "Verstreken" not in header
