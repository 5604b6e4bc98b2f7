"""The admin (Beheer) speaks Dutch: no English system text where Django or our catalogue has the Dutch.

Django 6.1's own Dutch catalogue lacks the strings new in 6.x and django-simple-history has none; our
catalogue fills them (dtv/core/catalogue_gaps.py, dtv/locale/nl/LC_MESSAGES/djangojs.po). A Django upgrade
that adds a string fails here.
"""

import re

import pytest
from django.urls import reverse

from cases.models import AtwHoliday
from dtv.accounts.constants import Role

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Filter by",
    "Select an option",
    "Search ",
    "Pagination",
    "Can add",
    "Can change",
    "Can view",
    "case_officer",
    "team_lead",
    "enforcement_officer",
    "Choose a date from the list",
    "doesn't have a change history",
    "Logout",
]


def _visible_text(html):
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def admin_client(client, functional_admin):
    client.force_login(functional_admin)
    return client


def _pages(functional_admin):
    holiday = AtwHoliday.objects.order_by("date").first()
    return [
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[functional_admin.pk]),
        reverse("admin:accounts_team_add"),
        reverse("admin:cases_atwholiday_changelist"),
        reverse("admin:cases_atwholiday_changelist") + "?q=geen-treffer",
        reverse("admin:cases_atwholiday_change", args=[holiday.pk]),
        reverse("admin:cases_atwholiday_history", args=[holiday.pk]),
        reverse("admin:core_heartbeat_changelist"),
        reverse("admin:accounts_rolechangerequest_changelist"),
        reverse("admin:accounts_rolechangerequest_add"),
    ]


def test_admin_pages_show_no_english_system_text(admin_client, functional_admin):
    for url in _pages(functional_admin):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        text = _visible_text(response.text) + " ".join(re.findall(r"<option[^>]*>([^<]*)</option>", response.text))
        assert [word for word in ENGLISH if word in text] == [], url


def test_the_role_change_form_offers_the_roles_by_their_dutch_label(admin_client):
    html = admin_client.get(reverse("admin:accounts_rolechangerequest_add")).text
    assert "Regievoerder" in html and "Functioneel beheerder" in html


def test_the_translations_that_were_missing_now_read_dutch(admin_client):
    changelist = admin_client.get(reverse("admin:cases_atwholiday_changelist")).text
    assert "Filteren op datum" in changelist
    assert "<option value=\"\" selected>— kies —</option>" in changelist
    assert "Atw-feestdagen zoeken" in changelist


def test_groups_are_shown_by_their_role_label_and_permissions_in_dutch(client, functional_admin):
    # Only a superuser sees groups and permissions in the user form (issue 9); an administrator proposes roles.
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(reverse("admin:accounts_user_change", args=[functional_admin.pk])).text
    assert re.search(r"<option value=\"\d+\"[^>]*>Regievoerder</option>", html)
    assert re.search(r"<option value=\"\d+\"[^>]*>Functioneel beheerder</option>", html)
    assert "Gebruikers en teams | team | Mag team toevoegen" in html
    assert "Zaken | zaak | Mag zaken toewijzen aan regievoerders" in html


def test_the_user_list_filters_by_role_label(admin_client):
    html = admin_client.get(reverse("admin:accounts_user_changelist")).text
    assert f'?rol={Role.TEAM_LEAD.value}"' in html and ">Teamleider</a>" in html


def test_the_admin_javascript_catalogue_has_the_time_zone_note_in_dutch(admin_client):
    # Regression: "Note: Enter times in the Europe/Amsterdam timezone. (You are 1 hour behind.)"
    script = admin_client.get(reverse("admin:jsi18n")).text
    assert (
        "Let op: vul tijden in zoals ze gelden in de tijdzone %(timezone)s. (Uw computer loopt %(offset)s uur achter.)"
    ) in script
    assert '"Today (%(date)s)": "Vandaag (%(date)s)"' in script
