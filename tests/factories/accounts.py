import factory
from django.contrib.auth.models import Group

from dtv.accounts.constants import Role
from dtv.accounts.models import Team, User

PASSWORD = "correct-horse-battery-staple"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"team-{n}")
    name = factory.Sequence(lambda n: f"Team {n}")
    location = "Ter Apel"


class UserFactory(factory.django.DjangoModelFactory):
    """A user without a role; the role factories below give one."""

    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@regie.test")
    team = factory.SubFactory(TeamFactory)
    password = factory.django.Password(PASSWORD)

    role = factory.PostGeneration(lambda user, create, extracted, **kwargs: _give_role(user, create, extracted))


def _give_role(user, create, role):
    if create and role:
        user.groups.add(Group.objects.get(name=role.value))


def _role_factory(role, **defaults):
    """A UserFactory subclass whose users hold `role` (one factory per role, as the tests read)."""
    attrs = {
        "role": factory.PostGeneration(
            lambda user, create, extracted, **kw: _give_role(user, create, extracted or role)
        )
    }
    attrs.update(defaults)
    return type(f"{role.name.title().replace('_', '')}Factory", (UserFactory,), attrs)


CaseOfficerFactory = _role_factory(Role.CASE_OFFICER)
MinorSpecialistFactory = _role_factory(Role.CASE_OFFICER, is_unaccompanied_minor_specialist=True)
TeamLeadFactory = _role_factory(Role.TEAM_LEAD)
EnforcementOfficerFactory = _role_factory(Role.ENFORCEMENT_OFFICER)
FunctionalAdminFactory = _role_factory(Role.FUNCTIONAL_ADMIN, team=None, is_staff=True)
PrivacyOfficerFactory = _role_factory(Role.PRIVACY_OFFICER, team=None)
ManagementFactory = _role_factory(Role.MANAGEMENT, team=None)
ChainPartnerFactory = _role_factory(Role.CHAIN_PARTNER, team=None, chain_partner="ind")


def api_token_key(user, *, now=None, lifetime=None):
    """A freshly issued API token's key for `user` (the service returns it once; only its digest is stored)."""
    from django.utils import timezone

    from dtv.accounts.tokens import api_token_issue

    return api_token_issue(user=user, actor=None, now=now or timezone.now(), lifetime=lifetime).key
