"""A throwaway app plugs into every seam of `cases` — no line in `cases` names it — and each part shows up.

The app (tests/plugin_app, installed by the test settings only) registers an event kind, a deadline rule
that reads a setting, a case-file panel, a removability check, a permission with its role grant and a
menu entry, a page of its own (listed in the URL matrix), and a receiver of `case_closed`.
"""

import datetime as dt
import pathlib

import pytest
from django.db import transaction
from django.urls import reverse

from cases import events
from cases.deadlines.engine import deadline_open
from cases.selectors import case_removability
from cases.services import case_close
from tests.factories.accounts import api_token_key
from tests.factories.cases import CaseFactory
from tests.plugin_app.models import PluginMark
from tests.plugin_app.seams import PLUGIN_MARKED, PLUGIN_REVIEW

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_no_module_of_cases_names_the_plugin_app():
    names = [path for path in (ROOT / "cases").rglob("*.py") if "plugin" in path.read_text()]
    assert names == []


@pytest.mark.django_db
class TestThePluginAppShowsUp:
    @pytest.fixture
    def case(self, team_lead, case_officer):
        return CaseFactory(case_officer=case_officer, in_progress=True, foreign_national__surname="Plugindorp")

    def test_its_event_kind_is_written_and_reads_on_the_timeline_and_in_the_api(self, client, case, team_lead):
        events.case_event_record(case=case, kind=PLUGIN_MARKED, actor=team_lead, now=NOW, data={"text": "rood"})
        client.force_login(team_lead)
        page = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        assert "Plugin mark" in page and "mark rood" in page
        api = client.get(reverse("cases-api:case-events", kwargs={"pk": case.pk})).json()["results"]
        assert (api[0]["kind"], api[0]["label"], api[0]["description"]) == ("plugin.marked", "Plugin mark", "mark rood")

    def test_its_deadline_rule_opens_deadlines_with_the_days_its_setting_gives(self, client, case, team_lead):
        deadline = deadline_open(case=case, kind=PLUGIN_REVIEW, start=dt.date(2026, 11, 2), actor=team_lead, now=NOW)
        assert (deadline.params["days"], deadline.due_date) == (10, dt.date(2026, 11, 12))
        client.force_login(team_lead)
        assert "Plugin review" in client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        rows = client.get(reverse("cases-api:case-deadlines", kwargs={"pk": case.pk})).json()
        assert [(row["kind"], row["legal_basis"]) for row in rows] == [(PLUGIN_REVIEW, "Plugin werkafspraak")]

    def test_its_panel_shows_to_who_holds_its_permission_only(self, client, case, team_lead, case_officer):
        PluginMark.objects.create(case=case, text="paneelregel")
        client.force_login(team_lead)
        page = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        assert 'href="#plugin"' in page and "paneelregel" in page
        client.force_login(case_officer)
        assert "paneelregel" not in client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text

    def test_its_removability_check_adds_a_practical_obstacle_on_page_and_api(self, client, case, team_lead):
        PluginMark.objects.create(case=case, text="geen vervoer", blocks_removal=True)
        removability = case_removability(case=case, on=NOW.date())
        assert [o.reason for o in removability.practical_obstacles if o.check == "plugin"] == [
            "Plugin obstacle: geen vervoer"
        ]
        assert not removability.has_legal_obstacle
        client.force_login(team_lead)
        assert "Plugin obstacle: geen vervoer" in client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        detail = client.get(
            reverse("cases-api:case-detail", kwargs={"pk": case.pk}),
            HTTP_AUTHORIZATION=f"Token {api_token_key(team_lead)}",
        ).json()
        assert "Plugin obstacle: geen vervoer" in str(detail)

    def test_its_permission_is_granted_to_its_role_with_a_menu_entry_to_its_page(self, client, team_lead, case_officer):
        assert team_lead.has_perm("plugin_app.view_board")
        assert not case_officer.has_perm("plugin_app.view_board")
        client.force_login(team_lead)
        start = client.get(reverse("cases:workqueue")).text
        assert f'href="{reverse("plugin_app:board")}"' in start and "Plugin board" in start
        assert client.get(reverse("plugin_app:board")).status_code == 200
        client.force_login(case_officer)
        assert "Plugin board" not in client.get(reverse("cases:workqueue")).text
        assert client.get(reverse("plugin_app:board")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_its_receiver_hears_a_case_closing_after_the_commit_only(team_lead, case_officer):
    case = CaseFactory(case_officer=case_officer, in_progress=True)
    with pytest.raises(RuntimeError), transaction.atomic():
        case_close(case=case, closure_reason="deceased", actor=case_officer, now=NOW, departed_on=None)
        raise RuntimeError("rolled back")
    assert not PluginMark.objects.exists()
    case_close(case=case, closure_reason="deceased", actor=case_officer, now=NOW)
    assert list(PluginMark.objects.values_list("case_id", "text")) == [(case.pk, "closed: deceased")]
