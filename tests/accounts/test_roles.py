from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dtv.accounts.constants import Role
from dtv.accounts.models import User
from dtv.accounts.roles import check_role_permissions, role_permissions, sync_role_groups
from dtv.accounts.services import user_set_roles
from tests.factories.accounts import (
    CaseOfficerFactory,
    ChainPartnerFactory,
    EnforcementOfficerFactory,
    MinorSpecialistFactory,
    PrivacyOfficerFactory,
    TeamLeadFactory,
    UserFactory,
)


class TestRoleGroups:
    def test_every_role_is_a_group_after_migrate(self, db):
        assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}

    def test_each_group_holds_exactly_its_declared_permissions(self, db):
        for role, perms in role_permissions().items():
            group = Group.objects.get(name=role.value)
            held = {
                f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
            }
            assert held == set(perms), role

    def test_team_lead_may_assign_but_case_officer_may_not(self, db):
        lead = TeamLeadFactory()
        officer = CaseOfficerFactory()
        assert lead.has_perm("cases.assign_case")
        assert not officer.has_perm("cases.assign_case")

    def test_chain_partner_is_api_only(self, db):
        partner = ChainPartnerFactory()
        assert partner.is_api_only
        assert partner.has_perm("cases.submit_handover")
        assert not partner.has_perm("cases.view_case")


class TestUserSetRoles:
    def test_functional_admin_becomes_staff_and_loses_it_with_the_role(self, db):
        user = UserFactory(team=None)
        user_set_roles(user=user, roles=[Role.FUNCTIONAL_ADMIN])
        assert user.is_staff and user.roles == [Role.FUNCTIONAL_ADMIN]
        user_set_roles(user=user, roles=[Role.PRIVACY_OFFICER])
        user.refresh_from_db()
        assert not user.is_staff and user.roles == [Role.PRIVACY_OFFICER]

    def test_minor_specialist_is_a_mark_on_a_case_officer(self, db):
        specialist = MinorSpecialistFactory()
        assert specialist.roles == [Role.CASE_OFFICER]
        assert specialist.is_unaccompanied_minor_specialist


# The grants as dtv/accounts/roles.py listed them before each app declared its own (issue 8): moving
# the list into the apps must not change what any role may do.
LATER_APPS = {"plugin_app", "laissezpasser", "departures", "detention", "reports"}

GRANTS_BEFORE_THE_APPS_DECLARED_THEM = {
    Role.CASE_OFFICER: {
        "cases.view_case",
        "cases.change_case",
        "cases.add_case",
        "cases.view_foreignnational",
        "cases.change_foreignnational",
        "cases.view_caseevent",
        "cases.break_glass",
    },
    Role.TEAM_LEAD: {
        "cases.view_case",
        "cases.change_case",
        "cases.add_case",
        "cases.view_foreignnational",
        "cases.change_foreignnational",
        "cases.view_caseevent",
        "cases.assign_case",
        "cases.view_team_caseload",
        "cases.mark_confidential",
        "cases.reopen_case",
        "cases.break_glass",
    },
    Role.ENFORCEMENT_OFFICER: {
        "cases.view_case",
        "cases.view_foreignnational",
        "cases.view_caseevent",
        "cases.break_glass",
    },
    Role.FUNCTIONAL_ADMIN: {
        "accounts.view_team",
        "accounts.add_team",
        "accounts.change_team",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        # Issue 9: roles change with four eyes, no longer in the user form.
        "accounts.view_rolechangerequest",
        "accounts.propose_role_change",
        "accounts.decide_role_change",
        "core.view_heartbeat",
        "cases.view_atwholiday",
        "cases.add_atwholiday",
        "cases.change_atwholiday",
        "cases.delete_atwholiday",
    },
    Role.PRIVACY_OFFICER: {"cases.view_accesslogentry", "cases.view_caseevent"},
    Role.CHAIN_PARTNER: {"cases.submit_handover"},
    # Issue 11: the need-to-know role of medical particulars holds only what departures grants it.
    Role.MEDICAL_STAFF: set(),
    # Issue 13: the management holds only what reports grants it (the national figures).
    Role.MANAGEMENT: set(),
}


def app_config(label, grants):
    """An app as the collector sees it: a label and the grants on its AppConfig."""
    return SimpleNamespace(name=f"tests.{label}", label=label, role_permissions=grants)


class TestRolePermissions:
    @pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
    def test_each_role_holds_what_it_held_before_the_apps_declared_their_grants(self, role):
        # The tests' throwaway app (tests/plugin_app, test settings only) grants a permission of its own.
        # The apps built after issue 8 (and the tests' throwaway app) check their own grants in their tests.
        held = {name for name in role_permissions()[role] if name.split(".")[0] not in LATER_APPS}
        assert held == GRANTS_BEFORE_THE_APPS_DECLARED_THEM[role]

    def test_collects_the_grants_of_every_app_that_declares_some(self):
        collected = role_permissions(
            [
                app_config("cases", {Role.CASE_OFFICER: ["cases.view_case"]}),
                app_config("detention", {Role.ENFORCEMENT_OFFICER: ["detention.change_measure"]}),
                SimpleNamespace(name="tests.plain", label="plain"),
            ]
        )
        assert collected[Role.CASE_OFFICER] == {"cases.view_case"}
        assert collected[Role.ENFORCEMENT_OFFICER] == {"detention.change_measure"}
        assert collected[Role.PRIVACY_OFFICER] == frozenset()

    def test_a_role_may_be_named_by_its_value_for_apps_below_accounts(self):
        collected = role_permissions([app_config("core", {"functional_admin": ["core.view_heartbeat"]})])
        assert collected[Role.FUNCTIONAL_ADMIN] == {"core.view_heartbeat"}

    def test_refuses_a_grant_to_a_role_that_does_not_exist(self):
        with pytest.raises(ImproperlyConfigured, match="unknown role 'jailer'"):
            role_permissions([app_config("detention", {"jailer": ["detention.change_measure"]})])

    def test_refuses_an_app_granting_another_apps_permission(self):
        with pytest.raises(ImproperlyConfigured, match="may grant only its own permissions"):
            role_permissions([app_config("detention", {Role.ENFORCEMENT_OFFICER: ["cases.change_case"]})])

    def test_the_system_check_reports_a_wrong_grant(self):
        errors = check_role_permissions([app_config("detention", {Role.ENFORCEMENT_OFFICER: ["cases.change_case"]})])
        assert [error.id for error in errors] == ["accounts.E001"]
        assert check_role_permissions() == []


class TestSyncRoleGroups:
    def test_an_app_grants_the_enforcement_officer_a_right_from_its_app_config_alone(self, db, monkeypatch):
        # What detention does: declare the grant on its AppConfig; dtv/accounts stays as it is.
        detention = apps.get_app_config("detention")
        monkeypatch.setattr(
            detention, "role_permissions", {Role.ENFORCEMENT_OFFICER: ["detention.change_measure"]}, raising=False
        )

        sync_role_groups()

        officer = EnforcementOfficerFactory()
        assert officer.has_perm("detention.change_measure")
        assert not CaseOfficerFactory().has_perm("detention.change_measure")
        held = (
            Group.objects.get(name=Role.ENFORCEMENT_OFFICER.value)
            .permissions.exclude(content_type__app_label__in=LATER_APPS - {"detention"})
            .values_list("codename", flat=True)
        )
        assert set(held) == {"view_case", "view_foreignnational", "view_caseevent", "break_glass", "change_measure"}

    def test_a_permission_taken_away_from_the_apps_grants_leaves_the_group(self, db, monkeypatch):
        cases = apps.get_app_config("cases")
        grants = {**cases.role_permissions, Role.PRIVACY_OFFICER: ["cases.view_accesslogentry"]}
        monkeypatch.setattr(cases, "role_permissions", grants)

        sync_role_groups()

        assert not PrivacyOfficerFactory().has_perm("cases.view_caseevent")


class TestUserRoles:
    def test_roles_labels_and_has_role_read_the_groups_once(self, db, django_assert_num_queries):
        lead = User.objects.get(pk=TeamLeadFactory().pk)
        with django_assert_num_queries(1):
            assert lead.roles == [Role.TEAM_LEAD]
            assert lead.role_labels == "Teamleider"
            assert lead.has_role(Role.TEAM_LEAD) and not lead.has_role(Role.CASE_OFFICER)
            assert not lead.is_api_only

    def test_a_role_given_through_the_user_shows_at_once(self, db):
        user = UserFactory()
        assert user.roles == []
        user.groups.add(Group.objects.get(name=Role.CASE_OFFICER.value))
        assert user.roles == [Role.CASE_OFFICER]
        user.groups.clear()
        assert user.roles == []

    def test_a_page_reads_the_users_groups_with_the_user_whatever_asks_for_the_roles(self, client, db):
        lead = TeamLeadFactory()
        client.force_login(lead)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("cases:workqueue"))
        assert response.status_code == 200
        assert "Teamleider" in response.text
        # The login backend loads the group names in the user's own query: no separate read of the groups.
        group_reads = [q["sql"] for q in queries if 'FROM "auth_group" INNER JOIN "accounts_user_groups"' in q["sql"]]
        assert group_reads == []
