"""The case a user may read, looked up by id within the user's scope: the same answer for every kind of scope."""

import pytest

from cases import permissions
from cases.models import Case
from cases.permissions import case_access, case_scope
from cases.selectors import case_with_person
from dtv.core.batch import Prepared, prepared
from tests.factories.accounts import CaseOfficerFactory, ChainPartnerFactory, TeamLeadFactory
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory

NOW = None  # the break-the-glass grants are not used here

pytestmark = pytest.mark.django_db

# Who sees what (cases/permissions.py): the officer the team's cases but a colleague's confidential one, the
# team lead the team's and the national intake, the chain partner what it handed over.
SEES = {
    "officer": {"own", "team", "own confidential"},
    "lead": {"own", "team", "confidential", "own confidential", "intake"},
    "partner": {"other team"},
    "lead without team": {"intake"},
}


@pytest.fixture
def world(case_officer):
    lead = TeamLeadFactory(team=case_officer.team)
    colleague = CaseOfficerFactory(team=case_officer.team)
    partner = ChainPartnerFactory(chain_partner="ind")
    cases = {
        "own": CaseFactory(case_officer=case_officer),
        "team": CaseFactory(case_officer=colleague),
        "confidential": CaseFactory(case_officer=colleague, confidential=True),
        "own confidential": CaseFactory(case_officer=case_officer, confidential=True),
        "intake": CaseFactory(unassigned=True, team=None),
        "other team": CaseFactory(),
    }
    HandoverFactory(case=cases["other team"], source="ind")
    users = {"officer": case_officer, "lead": lead, "partner": partner, "lead without team": TeamLeadFactory(team=None)}
    return users, cases


class TestCaseInScope:
    def test_every_kind_of_scope_finds_exactly_the_cases_its_condition_finds(self, world):
        users, cases = world
        for who, user in users.items():
            for what, case in cases.items():
                visible = Case.objects.filter(case_scope(user), pk=case.pk).exists()
                access = case_access(
                    user=user, case_id=case.pk, now=NOW, queryset=case_with_person(), break_glass=False
                )
                assert (access is not None) == visible == (what in SEES[who]), (who, what)
                if access is not None:
                    assert access.case.pk == case.pk and access.case.foreign_national.v_number  # joined, no query

    def test_the_prepared_lookup_states_what_a_fresh_build_states(self, world):
        users, cases = world
        for user in users.values():
            kind, values = permissions.scope_shape(user)
            related = permissions._related_only(case_with_person())
            lookup = prepared(permissions._case_in_scope, kind, related, case_id=cases["own"].pk, **values)
            assert isinstance(lookup, Prepared)
            entry = lookup.compiled()
            if entry.empty:
                assert kind == "none"
                continue
            sql, params = lookup.queryset().query.get_compiler(using="default").as_sql()
            assert (entry.sql, tuple(entry.params_for(lookup.values))) == (sql, tuple(params))

    def test_a_queryset_that_filters_or_orders_is_not_taken_for_a_plain_one(self):
        assert permissions._related_only(None) == ()
        expected = ("case_officer", "foreign_national", "next_deadline", "team")
        assert permissions._related_only(case_with_person()) == expected
        assert permissions._related_only(Case.objects.select_related("case_officer__team")) == (
            "case_officer",
            "case_officer__team",
        )
        for queryset in (
            Case.objects.filter(phase="intake"),
            Case.objects.order_by("pk"),
            Case.objects.select_related("team")[:5],
        ):
            assert permissions._related_only(queryset) is None
