import pytest
from django.core.cache import cache

from tests.factories.accounts import (
    PASSWORD,
    CaseOfficerFactory,
    ChainPartnerFactory,
    FunctionalAdminFactory,
    PrivacyOfficerFactory,
    TeamLeadFactory,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: API throttle counts never carry over (the cache is per process)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def case_officer(db):
    return CaseOfficerFactory(first_name="Sanne", last_name="de Vries")


@pytest.fixture
def team_lead(db, case_officer):
    return TeamLeadFactory(team=case_officer.team, first_name="Marieke", last_name="Jansen")


@pytest.fixture
def privacy_officer(db):
    return PrivacyOfficerFactory()


@pytest.fixture
def functional_admin(db):
    return FunctionalAdminFactory()


@pytest.fixture
def chain_partner(db):
    return ChainPartnerFactory()


@pytest.fixture
def password():
    return PASSWORD
