"""The main navigation and the start page, as each role gets them from what the apps declare."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.deadlines.sweep import deadlines_sweep
from dtv.core.navigation import MenuEntry, StartPage
from dtv.navigation import menu_entries, navigation, start_page, start_pages
from tests.factories.accounts import (
    CaseOfficerFactory,
    EnforcementOfficerFactory,
    FunctionalAdminFactory,
    PrivacyOfficerFactory,
    TeamLeadFactory,
    UserFactory,
)
from tests.factories.cases import CaseFactory
from tests.factories.deadlines import DUE_AT, DeadlineFactory

pytestmark = pytest.mark.django_db

# Entries of the apps built after issue 8 are left out here: each app's own tests check its entries.
LATER_APPS = {"plugin_app", "laissezpasser", "departures", "detention"}

# The menu of each role as dtv/accounts listed it before each app declared its own entries (issue 8).
MENU_BEFORE_THE_APPS_DECLARED_IT = {
    CaseOfficerFactory: ["cases:workqueue", "cases:search", "cases:intake", "cases:notifications"],
    TeamLeadFactory: [
        "cases:workqueue",
        "cases:search",
        "cases:intake",
        "cases:overdue",
        "cases:notifications",
        "reports:dashboard",
    ],
    EnforcementOfficerFactory: ["cases:workqueue", "cases:search", "cases:notifications"],
    FunctionalAdminFactory: ["core:status", "admin:index"],
    PrivacyOfficerFactory: ["cases:access_log"],
    UserFactory: [],
}

START_BEFORE_THE_APPS_DECLARED_IT = {
    CaseOfficerFactory: "cases:workqueue",
    TeamLeadFactory: "cases:workqueue",
    EnforcementOfficerFactory: "cases:workqueue",
    FunctionalAdminFactory: "core:status",
    PrivacyOfficerFactory: "cases:access_log",
    UserFactory: None,
}


def menu_of(user, path="/"):
    """The user's menu, without the entry of the tests' throwaway app (tests/plugin_app, test settings only)."""
    request = RequestFactory().get(path)
    request.user = user
    return [item for item in navigation(request)["navigation"] if item["url_name"].split(":")[0] not in LATER_APPS]


class TestMainNavigation:
    @pytest.mark.parametrize("factory", list(MENU_BEFORE_THE_APPS_DECLARED_IT), ids=lambda f: f.__name__)
    def test_each_role_sees_the_entries_it_saw_before_the_apps_declared_them(self, factory):
        assert [item["url_name"] for item in menu_of(factory())] == MENU_BEFORE_THE_APPS_DECLARED_IT[factory]

    def test_anonymous_visitors_get_no_navigation(self):
        request = RequestFactory().get("/inloggen/")
        request.user = SimpleNamespace(is_authenticated=False)
        assert navigation(request) == {"navigation": []}

    def test_marks_the_entry_of_the_page_the_user_is_on(self):
        menu = menu_of(CaseOfficerFactory(), path="/zoeken/?v_nummer=1")
        assert [item["url_name"] for item in menu if item["current"]] == ["cases:search"]

    def test_the_notifications_entry_counts_the_users_unread_notifications(self, client):
        officer = CaseOfficerFactory()
        for _case in range(2):
            DeadlineFactory(case=CaseFactory(in_progress=True, case_officer=officer), due_now=True)
        deadlines_sweep(now=DUE_AT)
        client.force_login(officer)

        response = client.get(reverse("cases:search"))

        badges = {item["url_name"]: item["badge"] for item in response.context["navigation"] if item["badge"]}
        assert badges == {"cases:notifications": 2}
        assert '<span class="regie-count">2<span class="rhc-visually-hidden"> ongelezen</span></span>' in response.text

    def test_no_count_is_shown_without_unread_notifications(self, client):
        client.force_login(CaseOfficerFactory())
        response = client.get(reverse("cases:search"))
        assert "regie-count" not in response.text

    def test_an_app_adds_its_entry_from_its_app_config_alone(self, client, monkeypatch):
        # What a new app does: declare the entry on its AppConfig; nothing in dtv or another app changes.
        entry = MenuEntry(_("Search"), "cases:search", permission="cases.view_team_caseload", order=65)
        monkeypatch.setattr(apps.get_app_config("detention"), "navigation", [entry], raising=False)

        lead = [item["url_name"] for item in menu_of(TeamLeadFactory())]
        officer = [item["url_name"] for item in menu_of(CaseOfficerFactory())]

        assert lead[-2:] == ["reports:dashboard", "cases:search"]
        assert officer.count("cases:search") == 1

    def test_collects_the_entries_of_the_apps_in_their_order_with_the_admin_last(self):
        first = MenuEntry("B", "b:index", permission="b.view_b", order=20)
        second = MenuEntry("A", "a:index", permission="a.view_a", order=10)
        configs = [SimpleNamespace(navigation=[first]), SimpleNamespace(navigation=[second]), SimpleNamespace()]
        assert [entry.url_name for entry in menu_entries(configs)] == ["a:index", "b:index", "admin:index"]


class TestMenuEntry:
    def test_needs_a_permission_or_staff_only(self):
        with pytest.raises(ValueError, match="either a permission or staff_only"):
            MenuEntry("Leeg", "cases:search")

    def test_may_not_have_both(self):
        with pytest.raises(ValueError, match="either a permission or staff_only"):
            MenuEntry("Beide", "cases:search", permission="cases.view_case", staff_only=True)


class TestStartPage:
    @pytest.mark.parametrize("factory", list(START_BEFORE_THE_APPS_DECLARED_IT), ids=lambda f: f.__name__)
    def test_each_role_starts_where_it_started_before_the_apps_declared_it(self, factory):
        assert start_page(factory()) == START_BEFORE_THE_APPS_DECLARED_IT[factory]

    def test_home_redirects_to_the_start_page(self, client):
        client.force_login(PrivacyOfficerFactory())
        response = client.get("/")
        assert response.status_code == 302 and response["Location"] == reverse("cases:access_log")

    def test_home_welcomes_a_user_whom_no_app_offers_a_start_page(self, client):
        client.force_login(UserFactory(first_name="Noor", last_name="Smit"))
        response = client.get("/")
        assert response.status_code == 200
        assert "Welkom, Noor Smit" in response.text

    def test_start_pages_come_first_choice_first(self):
        configs = [
            SimpleNamespace(start_pages=[StartPage("b:index", permission="b.view", order=20)]),
            SimpleNamespace(start_pages=[StartPage("a:index", permission="a.view", order=10)]),
        ]
        assert [page.url_name for page in start_pages(configs)] == ["a:index", "b:index"]
