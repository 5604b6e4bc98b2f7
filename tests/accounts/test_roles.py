from django.contrib.auth.models import Group

from dtv.accounts.constants import Role
from dtv.accounts.roles import ROLE_PERMISSIONS
from dtv.accounts.services import user_set_roles
from tests.factories.accounts import (
    CaseOfficerFactory,
    ChainPartnerFactory,
    MinorSpecialistFactory,
    TeamLeadFactory,
    UserFactory,
)


class TestRoleGroups:
    def test_every_role_is_a_group_after_migrate(self, db):
        assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}

    def test_each_group_holds_exactly_its_declared_permissions(self, db):
        for role, perms in ROLE_PERMISSIONS.items():
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
