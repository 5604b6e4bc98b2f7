"""Issue 9, finding 1: a functional administrator made itself superuser in one form post. Roles now change
with four eyes (one administrator proposes, another decides) and only a superuser sets privileges."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from dtv.accounts.constants import Role
from dtv.accounts.models import RoleChangeRequest, User
from dtv.accounts.rolechanges import role_change_decide, role_change_propose
from tests.dtv.test_url_matrix import changed, fingerprint
from tests.factories.accounts import (
    CaseOfficerFactory,
    ChainPartnerFactory,
    FunctionalAdminFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


def change_form_data(user, **extra):
    """The admin change form of `user` as a browser posts it, with `extra` on top."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        "team": user.team_id or "",
        "chain_partner": user.chain_partner,
    }
    data.update(extra)
    return data


def privileges(user):
    user = User.objects.get(pk=user.pk)
    return (
        user.is_superuser,
        user.is_staff,
        sorted(user.groups.values_list("name", flat=True)),
        list(user.user_permissions.all()),
    )


@pytest.fixture
def beheerder(db):
    return FunctionalAdminFactory(username="beheerder")


@pytest.fixture
def second_admin(db):
    return FunctionalAdminFactory(username="beheerder-2")


class TestTheUserFormOfAFunctionalAdministrator:
    def test_the_reviews_post_of_is_superuser_on_leaves_the_account_as_it_was(self, client, beheerder):
        # The probe: POST /beheer/accounts/user/5/change/ with is_superuser=on → 302, and is_superuser became true.
        client.force_login(beheerder)
        before = privileges(beheerder)
        every_group = list(Group.objects.values_list("pk", flat=True))
        response = client.post(
            reverse("admin:accounts_user_change", args=[beheerder.pk]),
            change_form_data(
                beheerder,
                first_name="Fatima",
                is_superuser="on",
                is_staff="on",
                groups=every_group,
                user_permissions=list(Permission.objects.values_list("pk", flat=True)[:5]),
            ),
        )
        assert response.status_code == 302
        assert privileges(beheerder) == before
        assert User.objects.get(pk=beheerder.pk).first_name == "Fatima"  # the rest of the form was saved

    def test_the_form_has_no_privilege_fields(self, client, beheerder):
        officer = CaseOfficerFactory()
        client.force_login(beheerder)
        for user in (beheerder, officer):
            html = client.get(reverse("admin:accounts_user_change", args=[user.pk])).text
            for name in ("is_superuser", "is_staff", "groups", "user_permissions"):
                assert f'name="{name}"' not in html, (user, name)
        assert "rolechangerequest/add/?user=" in html

    def test_a_posted_role_for_a_case_officer_changes_nothing(self, client, beheerder):
        officer = CaseOfficerFactory()
        client.force_login(beheerder)
        before = privileges(officer)
        admin_group = Group.objects.get(name=Role.FUNCTIONAL_ADMIN.value)
        client.post(
            reverse("admin:accounts_user_change", args=[officer.pk]),
            change_form_data(officer, is_staff="on", groups=[admin_group.pk]),
        )
        assert privileges(officer) == before

    @pytest.mark.parametrize("whose", ["superuser", "other admin"])
    def test_the_account_of_a_superuser_or_another_administrator_is_not_theirs_to_change(
        self, client, beheerder, second_admin, whose
    ):
        target = UserFactory(is_superuser=True, is_staff=True) if whose == "superuser" else second_admin
        client.force_login(beheerder)
        with transaction.atomic():
            before = fingerprint()
            change = client.post(reverse("admin:accounts_user_change", args=[target.pk]), change_form_data(target))
            # Its password would let one administrator act as two.
            password = client.post(
                reverse("admin:auth_user_password_change", args=[target.pk]),
                {"password1": "een-heel-nieuw-wachtwoord", "password2": "een-heel-nieuw-wachtwoord"},
            )
            assert changed(before, fingerprint()) == []
            transaction.set_rollback(True)
        assert (change.status_code, password.status_code) == (403, 403)


class TestASuperuser:
    def test_sets_privileges_of_another_account(self, client):
        root = UserFactory(is_superuser=True, is_staff=True)
        officer = CaseOfficerFactory()
        client.force_login(root)
        html = client.get(reverse("admin:accounts_user_change", args=[officer.pk])).text
        assert 'name="is_superuser"' in html and 'name="groups"' in html

    def test_does_not_change_its_own_privileges(self, client):
        root = UserFactory(is_superuser=True, is_staff=True)
        client.force_login(root)
        before = privileges(root)
        client.post(
            reverse("admin:accounts_user_change", args=[root.pk]),
            change_form_data(root, groups=list(Group.objects.values_list("pk", flat=True))),
        )
        assert privileges(root) == before


class TestTheFourEyesService:
    @pytest.fixture(autouse=True)
    def english(self):
        # The refusals are matched by their English text.
        with translation.override("en"):
            yield

    def test_a_proposal_changes_nothing_until_another_administrator_approves(self, beheerder, second_admin):
        officer = CaseOfficerFactory()
        change = role_change_propose(
            user=officer, roles=[Role.TEAM_LEAD], reason="Benoemd tot teamleider", actor=beheerder, now=NOW
        )
        assert (change.status, change.roles_before, change.roles) == ("pending", ["case_officer"], ["team_lead"])
        assert User.objects.get(pk=officer.pk).roles == [Role.CASE_OFFICER]

        later = NOW + dt.timedelta(hours=1)
        role_change_decide(change=change, approve=True, reason="", actor=second_admin, now=later)
        change.refresh_from_db()
        assert (change.status, change.decided_by, change.decided_at) == ("approved", second_admin, later)
        assert (change.proposed_by, change.proposed_at, change.reason) == (beheerder, NOW, "Benoemd tot teamleider")
        assert User.objects.get(pk=officer.pk).roles == [Role.TEAM_LEAD]

    def test_staff_status_follows_an_approved_administrator_role(self, beheerder, second_admin):
        officer = CaseOfficerFactory()
        change = role_change_propose(
            user=officer, roles=[Role.FUNCTIONAL_ADMIN], reason="Nieuwe beheerder", actor=beheerder, now=NOW
        )
        role_change_decide(change=change, approve=True, reason="", actor=second_admin, now=NOW)
        assert privileges(officer)[:3] == (False, True, ["functional_admin"])

    def test_the_proposer_cannot_approve(self, beheerder):
        officer = CaseOfficerFactory()
        change = role_change_propose(user=officer, roles=[Role.TEAM_LEAD], reason="x", actor=beheerder, now=NOW)
        with pytest.raises(ValidationError, match="another functional administrator"):
            role_change_decide(change=change, approve=True, reason="", actor=beheerder, now=NOW)
        change.refresh_from_db()
        assert change.status == "pending" and User.objects.get(pk=officer.pk).roles == [Role.CASE_OFFICER]

    def test_nobody_proposes_their_own_roles(self, beheerder):
        with pytest.raises(ValidationError, match="own roles"):
            role_change_propose(
                user=beheerder,
                roles=[Role.FUNCTIONAL_ADMIN, Role.PRIVACY_OFFICER],
                reason="x",
                actor=beheerder,
                now=NOW,
            )
        assert not RoleChangeRequest.objects.exists()

    def test_nobody_approves_a_change_of_their_own_roles(self, beheerder, second_admin):
        change = role_change_propose(
            user=second_admin, roles=[Role.PRIVACY_OFFICER], reason="Overstap", actor=beheerder, now=NOW
        )
        with pytest.raises(ValidationError, match="own roles"):
            role_change_decide(change=change, approve=True, reason="", actor=second_admin, now=NOW)

    def test_who_is_no_functional_administrator_may_not_propose_or_decide(self, beheerder):
        officer, colleague = CaseOfficerFactory(), CaseOfficerFactory()
        with pytest.raises(PermissionDenied):
            role_change_propose(user=colleague, roles=[Role.TEAM_LEAD], reason="x", actor=officer, now=NOW)
        change = role_change_propose(user=colleague, roles=[Role.TEAM_LEAD], reason="x", actor=beheerder, now=NOW)
        with pytest.raises(PermissionDenied):
            role_change_decide(change=change, approve=True, reason="", actor=officer, now=NOW)

    def test_a_superusers_account_is_a_superusers(self, beheerder):
        root = UserFactory(is_superuser=True, is_staff=True)
        with pytest.raises(ValidationError, match="superuser"):
            role_change_propose(user=root, roles=[Role.CASE_OFFICER], reason="x", actor=beheerder, now=NOW)

    def test_a_rejection_needs_a_reason_and_changes_no_role(self, beheerder, second_admin):
        officer = CaseOfficerFactory()
        change = role_change_propose(user=officer, roles=[Role.TEAM_LEAD], reason="x", actor=beheerder, now=NOW)
        with pytest.raises(ValidationError):
            role_change_decide(change=change, approve=False, reason=" ", actor=second_admin, now=NOW)
        role_change_decide(change=change, approve=False, reason="Geen vacature", actor=second_admin, now=NOW)
        change.refresh_from_db()
        assert (change.status, change.decision_reason) == ("rejected", "Geen vacature")
        assert User.objects.get(pk=officer.pk).roles == [Role.CASE_OFFICER]
        with pytest.raises(ValidationError, match="decided already"):
            role_change_decide(change=change, approve=True, reason="", actor=second_admin, now=NOW)

    def test_one_open_proposal_per_user(self, beheerder):
        officer = CaseOfficerFactory()
        role_change_propose(user=officer, roles=[Role.TEAM_LEAD], reason="x", actor=beheerder, now=NOW)
        with pytest.raises(ValidationError, match="awaits a decision"):
            role_change_propose(user=officer, roles=[Role.PRIVACY_OFFICER], reason="y", actor=beheerder, now=NOW)

    @pytest.mark.parametrize(
        ("account", "roles", "message"),
        [
            ("partner", [Role.CHAIN_PARTNER, Role.CASE_OFFICER], "chain-partner role only"),
            ("officer", [Role.CHAIN_PARTNER], "Only an API account"),
            ("officer", [Role.CASE_OFFICER], "already"),
            ("officer", ["superuser"], "Unknown role"),
        ],
    )
    def test_refuses_roles_that_do_not_fit_the_account(self, beheerder, account, roles, message):
        user = ChainPartnerFactory() if account == "partner" else CaseOfficerFactory()
        with pytest.raises(ValidationError, match=message):
            role_change_propose(user=user, roles=roles, reason="x", actor=beheerder, now=NOW)


class TestTheFourEyesInTheAdmin:
    def test_one_administrator_proposes_and_another_approves(self, client, beheerder, second_admin):
        officer = CaseOfficerFactory()
        client.force_login(beheerder)
        add = reverse("admin:accounts_rolechangerequest_add")
        # From the user's page: the form starts from the user's roles.
        form = client.get(add + f"?user={officer.pk}").context["adminform"].form
        assert form.initial["roles"] == ["case_officer"]
        response = client.post(add, {"user": officer.pk, "roles": ["team_lead"], "reason": "Benoemd tot teamleider"})
        assert response.status_code == 302
        change = RoleChangeRequest.objects.get()
        assert User.objects.get(pk=officer.pk).roles == [Role.CASE_OFFICER]

        # The proposer sees the proposal but cannot decide it; a posted decision writes nothing.
        url = reverse("admin:accounts_rolechangerequest_change", args=[change.pk])
        page = client.get(url)
        assert page.status_code == 200 and 'name="decision"' not in page.text
        with transaction.atomic():
            before = fingerprint()
            assert client.post(url, {"decision": "approve"}).status_code == 403
            assert changed(before, fingerprint()) == []
            transaction.set_rollback(True)

        client.force_login(second_admin)
        assert 'name="decision"' in client.get(url).text
        assert client.post(url, {"decision": "approve", "decision_reason": ""}).status_code == 302
        change.refresh_from_db()
        assert (change.status, change.decided_by) == ("approved", second_admin)
        assert User.objects.get(pk=officer.pk).roles == [Role.TEAM_LEAD]

    def test_a_proposal_for_oneself_is_refused_on_the_form(self, client, beheerder):
        client.force_login(beheerder)
        response = client.post(
            reverse("admin:accounts_rolechangerequest_add"),
            {"user": beheerder.pk, "roles": ["functional_admin", "privacy_officer"], "reason": "x"},
        )
        assert response.status_code == 200
        assert list(response.context["adminform"].form.errors) == ["user"]
        assert not RoleChangeRequest.objects.exists()

    def test_a_rejection_without_a_reason_is_refused_on_the_form(self, client, beheerder, second_admin):
        change = role_change_propose(
            user=CaseOfficerFactory(), roles=[Role.TEAM_LEAD], reason="x", actor=beheerder, now=NOW
        )
        client.force_login(second_admin)
        url = reverse("admin:accounts_rolechangerequest_change", args=[change.pk])
        response = client.post(url, {"decision": "reject", "decision_reason": ""})
        assert response.status_code == 200
        assert list(response.context["adminform"].form.errors) == ["decision_reason"]
        change.refresh_from_db()
        assert change.status == "pending"

    def test_the_record_cannot_be_deleted(self, client, beheerder, second_admin):
        change = role_change_propose(
            user=CaseOfficerFactory(), roles=[Role.TEAM_LEAD], reason="x", actor=beheerder, now=NOW
        )
        client.force_login(second_admin)
        assert client.post(reverse("admin:accounts_rolechangerequest_delete", args=[change.pk])).status_code == 403
        assert RoleChangeRequest.objects.filter(pk=change.pk).exists()
