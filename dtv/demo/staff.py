"""The synthetic staff behind the demo cases: teams, case officers, AMV specialists, team leads, partner accounts.

The three demo teams always exist; a large seed adds one synthetic team per 1,000 cases (DT&V works from
about a hundred locations), each with case officers, an AMV specialist, a team lead and an enforcement
officer. Usernames follow rv-<team>-<n> (case officers), amv-<team>-<n>, tl-<team> and uv-<team>.
"""

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from dtv.accounts.constants import ChainPartner, Role
from dtv.accounts.models import Team, User
from dtv.accounts.services import user_set_roles

from .accounts import DEMO_PASSWORD
from .names import DUTCH_GIVEN, DUTCH_SURNAMES, LOCATIONS

CASES_PER_TEAM = 1_000
OFFICERS_PER_TEAM = 7
SPECIALISTS_PER_TEAM = 1

# Demo team code → synthetic officers besides the demo accounts. Team Noord has five officers in all
# (regievoerder, amv-specialist and these three); teamleider leads it.
DEMO_TEAM_STAFF = {
    "noord": {"officers": 3, "specialists": 0, "lead": None, "enforcer": False},
    "west": {"officers": 3, "specialists": 1, "lead": "tl-west", "enforcer": False},
    "schiphol": {"officers": 3, "specialists": 1, "lead": "tl-schiphol", "enforcer": True},
}

# API accounts of the partners that hand cases over besides IND (whose account is a demo account).
PARTNER_ACCOUNTS = [
    ("ketenpartner-politie", "Politie", "AVIM-koppeling", ChainPartner.POLICE),
    ("ketenpartner-kmar", "KMar", "Koppeling", ChainPartner.KMAR),
]


@dataclass
class Staff:
    """Who works the demo cases, loaded once per seed run."""

    teams: list
    officers: dict = field(default_factory=dict)  # team id → [regular case officers]
    specialists: dict = field(default_factory=dict)  # team id → [AMV specialists]
    leads: dict = field(default_factory=dict)  # team id → team lead
    partners: dict = field(default_factory=dict)  # source → chain-partner user

    def all_officers(self):
        """Every case officer, specialists included, in a stable order."""
        return [u for t in self.teams for u in self.officers.get(t.pk, []) + self.specialists.get(t.pk, [])]


def team_count_for(case_count) -> int:
    """How many teams a seed of `case_count` cases works with (the three demo teams at least)."""
    return max(3, round(case_count / CASES_PER_TEAM))


def _team_locations(count):
    """The synthetic teams after the three demo teams: (code, name, location), in a fixed order."""
    extra = []
    for n in range(count - 3):
        location = LOCATIONS[n % len(LOCATIONS)]
        round_ = n // len(LOCATIONS)
        suffix = f" {round_ + 1}" if round_ else ""
        code = slugify(location) + (f"-{round_ + 1}" if round_ else "")
        extra.append((code, f"Team {location}{suffix}", location))
    return extra


def _person_name(username):
    # Seeded by the username, so a user keeps the same name however many teams a run creates.
    rng = random.Random(f"staff:{username}")
    return rng.choice(DUTCH_GIVEN), rng.choice(DUTCH_SURNAMES)


@transaction.atomic
def seed_staff(*, case_count, demo_users) -> Staff:
    """Create the teams and staff a seed of `case_count` cases needs; existing ones are kept as they are."""
    demo = {u.username: u for u in demo_users}
    extra_teams = _team_locations(team_count_for(case_count))
    existing_codes = set(Team.objects.values_list("code", flat=True))
    Team.objects.bulk_create(
        [Team(code=code, name=name, location=loc) for code, name, loc in extra_teams if code not in existing_codes]
    )
    codes = ["noord", "west", "schiphol", *(code for code, _n, _l in extra_teams)]
    teams_by_code = Team.objects.in_bulk(codes, field_name="code")
    teams = [teams_by_code[code] for code in codes]

    wanted = []  # (username, team, roles, specialist, chain partner)
    for team in teams:
        plan = DEMO_TEAM_STAFF.get(
            team.code,
            {"officers": OFFICERS_PER_TEAM, "specialists": SPECIALISTS_PER_TEAM, "lead": f"tl-{team.code}"},
        )
        wanted += [
            (f"rv-{team.code}-{n}", team, [Role.CASE_OFFICER], False, "") for n in range(1, plan["officers"] + 1)
        ]
        wanted += [
            (f"amv-{team.code}-{n}", team, [Role.CASE_OFFICER], True, "") for n in range(1, plan["specialists"] + 1)
        ]
        if plan["lead"]:
            wanted.append((plan["lead"], team, [Role.TEAM_LEAD], False, ""))
        if plan.get("enforcer", True) and team.code not in ("noord", "west"):
            wanted.append((f"uv-{team.code}", team, [Role.ENFORCEMENT_OFFICER], False, ""))
    wanted += [(username, None, [Role.CHAIN_PARTNER], False, partner) for username, *_x, partner in PARTNER_ACCOUNTS]
    _create_users(wanted)

    usernames = [w[0] for w in wanted] + list(demo)
    users = {u.username: u for u in User.objects.filter(username__in=usernames).prefetch_related("groups")}
    staff = Staff(teams=teams)
    for user in sorted(users.values(), key=lambda u: u.username):
        roles = user.roles
        if user.chain_partner:
            staff.partners[user.chain_partner] = user
        elif Role.TEAM_LEAD in roles and user.team_id:
            staff.leads.setdefault(user.team_id, user)
        elif Role.CASE_OFFICER in roles and user.team_id:
            bucket = staff.specialists if user.is_unaccompanied_minor_specialist else staff.officers
            bucket.setdefault(user.team_id, []).append(user)
    return staff


def _create_users(wanted):
    existing = set(User.objects.filter(username__in=[w[0] for w in wanted]).values_list("username", flat=True))
    missing = [w for w in wanted if w[0] not in existing]
    if not missing:
        return
    # One hash for all synthetic accounts: hashing the demo password a thousand times would take minutes.
    password = make_password(DEMO_PASSWORD)
    names = {w[0]: _person_name(w[0]) for w in missing}
    partner_names = {username: (first, last) for username, first, last, _p in PARTNER_ACCOUNTS}
    created = User.objects.bulk_create(
        [
            User(
                username=username,
                first_name=partner_names.get(username, names[username])[0],
                last_name=partner_names.get(username, names[username])[1],
                email=f"{username}@regie.example",
                team=team,
                is_unaccompanied_minor_specialist=specialist,
                chain_partner=partner,
                password=password,
            )
            for username, team, _roles, specialist, partner in missing
        ]
    )
    roles_of = {w[0]: w[2] for w in missing}
    for user in created:
        user_set_roles(user=user, roles=roles_of[user.username])
