"""Issue 9, finding 1: as superuser the admin showed the person list, a person's and a case's change form
with the surname on the page and no access-log row. The admin now shows no person or case data to anyone:
those are read through the application, which checks the scope and logs every read."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from cases.models import AccessLogEntry, Case, ForeignNational
from tests.factories.accounts import UserFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory


def relates_to(model, targets, seen=()):
    """Whether `model` is one of `targets` or reaches one through its forward relations (FK, one-to-one, M2M)."""
    if model in targets:
        return True
    seen = {*seen, model}
    return any(
        relates_to(field.related_model, targets, seen)
        for field in model._meta.get_fields()
        if field.is_relation and not field.auto_created and field.related_model not in seen
        and field.related_model is not None
        # Accounts point at teams and at each other, never at a person; a user is staff, not a data subject.
        and field.related_model is not apps.get_model("accounts", "User")
    )


def test_no_model_in_the_admin_holds_or_points_at_a_person_or_a_case():
    personal = {ForeignNational, Case}
    shown = sorted(model._meta.label for model in admin.site._registry if relates_to(model, personal))
    assert shown == []


def test_the_check_itself_sees_a_model_that_points_at_a_case():
    assert relates_to(apps.get_model("cases", "LegalProcedure"), {ForeignNational, Case})
    assert not relates_to(apps.get_model("cases", "AtwHoliday"), {ForeignNational, Case})


@pytest.mark.django_db
def test_the_reviews_admin_pages_give_a_superuser_no_person(client):
    case = CaseFactory(foreign_national=ForeignNationalFactory(surname="Kidane"))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for path in (
        "/beheer/cases/foreignnational/",
        f"/beheer/cases/foreignnational/{case.foreign_national_id}/change/",
        "/beheer/cases/case/",
        f"/beheer/cases/case/{case.pk}/change/",
    ):
        response = client.get(path)
        assert response.status_code in (302, 404), path
        assert "Kidane" not in response.text
    index = client.get(reverse("admin:index")).text
    assert "Kidane" not in index and "/beheer/cases/case/" not in index
    assert AccessLogEntry.objects.count() == 0
