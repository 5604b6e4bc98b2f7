"""The login backend loads the user with team, roles and permissions in one query, and decides as ModelBackend does."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dtv.accounts.backends import UserWithRolesBackend
from dtv.accounts.constants import Role
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [CaseOfficerFactory, TeamLeadFactory])
def test_one_query_gives_team_roles_and_the_same_permissions_as_model_backend(factory):
    stored = factory()
    with CaptureQueriesContext(connection) as queries:
        user = UserWithRolesBackend().get_user(stored.pk)
        facts = (user.team.name, user.roles, user.has_perm("cases.view_case"), user.has_perm("cases.assign_case"))
    assert len(queries) == 1
    expected = ModelBackend().get_user(stored.pk)
    assert facts == (expected.team.name, expected.roles, expected.has_perm("cases.view_case"),
                     expected.has_perm("cases.assign_case"))  # fmt: skip
    assert user.get_all_permissions() == expected.get_all_permissions() != set()


def test_an_inactive_user_is_not_loaded():
    user = CaseOfficerFactory(is_active=False)
    assert UserWithRolesBackend().get_user(user.pk) is None


def test_roles_come_from_the_loaded_names():
    user = UserWithRolesBackend().get_user(TeamLeadFactory().pk)
    with CaptureQueriesContext(connection) as queries:
        assert user.has_role(Role.TEAM_LEAD) and not user.has_role(Role.CASE_OFFICER)
    assert len(queries) == 0


@pytest.mark.parametrize("factory", [CaseOfficerFactory, TeamLeadFactory])
def test_the_statement_compiled_once_loads_every_field_as_the_orm_does(factory):
    """The compiled statement is reused with another id each time: each user gets their own fields and team."""
    first, second = factory(), factory(team=None, first_name="Zonder", last_name="Team")
    backend = UserWithRolesBackend()
    for stored in (first, second, first):
        loaded, expected = backend.get_user(stored.pk), ModelBackend().get_user(stored.pk)
        fields = [field.attname for field in type(loaded)._meta.concrete_fields]
        assert [getattr(loaded, name) for name in fields] == [getattr(expected, name) for name in fields]
        assert loaded.team == expected.team
        assert (loaded.team.name if loaded.team else None) == (expected.team.name if expected.team else None)
        assert loaded.get_all_permissions() == expected.get_all_permissions()
        assert not loaded._state.adding


@pytest.mark.parametrize("user_id", ["not-a-number", -1, 10**12])
def test_a_session_naming_no_user_loads_nobody(user_id):
    assert UserWithRolesBackend().get_user(user_id) is None
