"""The menu entry "Landen": every role that holds laissezpasser.view_country gets it, no other role."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from dtv.navigation import navigation
from tests.factories.accounts import (
    CaseOfficerFactory,
    ChainPartnerFactory,
    EnforcementOfficerFactory,
    FunctionalAdminFactory,
    PrivacyOfficerFactory,
    TeamLeadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# LaissezpasserConfig.role_permissions: the working roles read countries, functional administration keeps them.
SEES_COUNTRIES = {
    CaseOfficerFactory: True,
    TeamLeadFactory: True,
    EnforcementOfficerFactory: True,
    FunctionalAdminFactory: True,
    PrivacyOfficerFactory: False,
    ChainPartnerFactory: False,
    UserFactory: False,
}


def menu_of(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return navigation(request)["navigation"]


@pytest.mark.parametrize("factory", list(SEES_COUNTRIES), ids=lambda f: f.__name__)
def test_the_countries_entry_shows_exactly_for_the_roles_that_may_view_countries(factory):
    user = factory()
    entries = [item for item in menu_of(user) if item["url_name"] == "laissezpasser:country_list"]
    assert user.has_perm("laissezpasser.view_country") is SEES_COUNTRIES[factory]
    assert len(entries) == int(SEES_COUNTRIES[factory])


def test_the_entry_is_named_landen_and_marked_on_the_country_pages(client):
    officer = CaseOfficerFactory()
    (entry,) = [i for i in menu_of(officer, path="/reisdocumenten/landen/MAR/") if i["url_name"].startswith("laiss")]
    assert entry["current"]
    client.force_login(officer)
    page = client.get(reverse("cases:workqueue")).text
    assert f'href="{reverse("laissezpasser:country_list")}"' in page
    assert ">Landen<" in page
