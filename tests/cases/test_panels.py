"""The case file is composed of registered panels, each holding to the number of queries it declares."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import events, panels
from cases.events import case_event_record
from cases.services import departure_term_record, note_add
from tests.factories.cases import CaseFactory, InterviewFactory, ProcedureFactory

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
ON = dt.date(2026, 11, 23)

pytestmark = pytest.mark.django_db


def _fill(case, officer, rows):
    """Give the case `rows` of everything the panels show."""
    for i in range(rows):
        case_event_record(case=case, kind=events.NOTE_ADDED, actor=officer, now=NOW + dt.timedelta(minutes=i))
        note_add(case=case, text=f"notitie {i}", actor=officer, now=NOW)
    InterviewFactory(case=case)
    InterviewFactory.create_batch(rows - 1, case=case, kind="follow_up")
    ProcedureFactory.create_batch(rows, case=case)
    departure_term_record(case=case, effective_on=ON, actor=officer, now=NOW)


class TestPanelRegistry:
    def test_a_key_can_be_registered_only_once(self):
        existing = panels.registered_panels()[0]
        with pytest.raises(ValueError, match="registered twice"):
            panels.register_panel(existing)

    def test_the_panels_of_cases_come_in_page_order(self):
        # The apps' panels (travel documents, detention) sit between them; this is the order of the core's own.
        keys = [panel.key for panel in panels.registered_panels() if panel.template.startswith("cases/")]
        assert keys[:9] == [
            "termijnen",
            "taken",
            "gesprekken",
            "procedures",
            "documenten",
            "notities",
            "persoon",
            "overdracht",
            "tijdlijn",
        ]

    @pytest.mark.parametrize("rows", [1, 6])
    def test_every_panel_runs_the_queries_it_declares_whatever_the_rows(self, case_officer, rows):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        _fill(case, case_officer, rows)
        for panel in panels.registered_panels():
            with CaptureQueriesContext(connection) as queries:
                panels.panel_context(panel, case, on=ON, user=case_officer, params={"voor": "1"})
            assert (panel.key, len(queries)) == (panel.key, panel.standalone_queries)

    def test_the_panels_of_cases_ride_in_the_shared_statement(self):
        own = [panel for panel in panels.registered_panels() if panel.template.startswith("cases/panels/")]
        assert [(panel.key, panel.queries, panel.querysets is not None) for panel in own] == [
            (panel.key, 0, True) for panel in own
        ]

    def test_a_panel_needs_querysets_or_a_loader(self):
        with pytest.raises(ValueError, match="either querysets"):
            panels.Panel("leeg", "Leeg", "leeg.html", 1)

    def test_the_case_file_shows_every_panel_the_reader_may_see_with_a_link_in_the_contents(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer)
        client.force_login(case_officer)
        page = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        assert panels.panels_for(case_officer)
        for panel in panels.panels_for(case_officer):
            assert f'href="#{panel.key}"' in page
            assert f'id="{panel.key}"' in page
