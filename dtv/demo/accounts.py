"""The demo teams and one account per role (synthetic people only)."""

from django.db import transaction

from dtv.accounts.constants import ChainPartner, Role
from dtv.accounts.models import Team, User
from dtv.accounts.services import user_set_roles

# Shown by `make run` and in the README; only ever created by seed_demo, which refuses production.
DEMO_PASSWORD = "regie-demo-2026"  # noqa: S105

TEAMS = [
    ("noord", "Team Noord", "Ter Apel"),
    ("west", "Team West", "Rotterdam"),
    ("schiphol", "Team Schiphol", "Schiphol"),
]

ACCOUNTS = [
    # username, first, last, team code, roles, minor specialist, chain partner
    ("regievoerder", "Sanne", "de Vries", "noord", [Role.CASE_OFFICER], False, ""),
    ("amv-specialist", "Youssef", "Bakker", "noord", [Role.CASE_OFFICER], True, ""),
    ("teamleider", "Marieke", "Jansen", "noord", [Role.TEAM_LEAD], False, ""),
    ("uitvoerder", "Daan", "Visser", "west", [Role.ENFORCEMENT_OFFICER], False, ""),
    ("beheerder", "Fatima", "El Amrani", None, [Role.FUNCTIONAL_ADMIN], False, ""),
    # A second administrator: role changes need one to propose and another to approve.
    ("beheerder-2", "Kees", "Mulder", None, [Role.FUNCTIONAL_ADMIN], False, ""),
    ("privacy", "Pieter", "Smit", None, [Role.PRIVACY_OFFICER], False, ""),
    # The national figures without personal data (dashboard, statistics, KPIs, exports, the annual report).
    ("directie", "Ilse", "van Dam", None, [Role.MANAGEMENT], False, ""),
    ("ketenpartner-ind", "IND", "Koppeling", None, [Role.CHAIN_PARTNER], False, ChainPartner.IND),
]


@transaction.atomic
def seed_accounts():
    """Create or update the demo teams and accounts; running it twice changes nothing."""
    teams = {}
    for code, name, location in TEAMS:
        teams[code], _ = Team.objects.update_or_create(code=code, defaults={"name": name, "location": location})
    users = []
    for username, first, last, team_code, roles, specialist, partner in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@regie.example",
                "team": teams.get(team_code),
                "is_unaccompanied_minor_specialist": specialist,
                "chain_partner": partner,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user_set_roles(user=user, roles=roles)
        users.append(user)
    return users
