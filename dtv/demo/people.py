"""Synthetic foreign nationals: who each demo person is, as a pure function of their index.

Person `i` is the same whoever asks and however many cases a run creates, so a larger second run
adds people without changing the first ones. Families are contiguous runs of indices planned per
block of FAMILY_BLOCK indices; a family shares surname, origin, source, phase and lawyer (drawn from
the first member's "unit" stream), while given names, sex and age are each member's own.
"""

import bisect
import datetime as dt
import functools
import random
from dataclasses import dataclass

from cases.constants import (
    NATIONALITY_UNKNOWN,
    STATELESS,
    ClosureReason,
    DatePrecision,
    FamilyRelation,
    NationalityStatus,
    Phase,
    Sex,
    Source,
    Track,
    Vulnerability,
)

from .names import (
    DUTCH_SURNAMES,
    FALSE_DOCUMENT_NAMES,
    GIVEN_NAMES,
    LAW_OFFICE_FORMS,
    LOCATIONS,
    NATIONALITIES,
    SPELLING_VARIANTS,
    SURNAMES,
)

SEED = 2026
FAMILY_BLOCK = 40

# V-numbers of demo people: 10 digits starting with 9, a range no chain partner issues. Index → number is a
# permutation (the step is coprime with the span), so numbers look scattered yet never collide.
V_PREFIX = "9"
_V_BASE = 9_000_000_000
_V_SPAN = 1_000_000_000
_V_STEP = 618_033_989
_V_OFFSET = 271_828_182


class Weighted:
    """A weighted choice that takes a uniform number, so a caller can reuse one draw for several tables."""

    def __init__(self, pairs):
        self.items = [item for item, _weight in pairs]
        total, self.cumulative = 0.0, []
        for _item, weight in pairs:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng):
        """Return an item drawn with `rng`."""
        return self.at(rng.random())

    def at(self, u):
        """Return the item at uniform position u in [0, 1)."""
        index = bisect.bisect_right(self.cumulative, u * self.total)
        return self.items[min(index, len(self.items) - 1)]


# Inflow 2025 by source (seeds/003): IND 12,830, Politie 2,650, KMar 820, other 4,580. "Other" is mostly
# self-registration for return (the Syrian returns after the fall of the Assad regime), the rest other.
SOURCES = Weighted(
    [
        (Source.IND, 12_830),
        (Source.POLICE, 2_650),
        (Source.KMAR, 820),
        (Source.SELF_REGISTRATION, 3_400),
        (Source.OTHER, 1_180),
    ]
)
TRACKS = {
    Source.IND: Weighted([(Track.ASYLUM_REJECTED, 70), (Track.DUBLIN, 18), (Track.REGULAR_REJECTED, 12)]),
    Source.POLICE: Weighted([(Track.REGULAR_REJECTED, 45), (Track.CRIMINAL_JUSTICE, 30), (Track.ASYLUM_REJECTED, 25)]),
    Source.KMAR: Weighted([(Track.BORDER_REFUSAL, 65), (Track.DUBLIN, 35)]),
    Source.SELF_REGISTRATION: Weighted([(Track.SELF_REGISTERED, 100)]),
    Source.OTHER: Weighted([(Track.REGULAR_REJECTED, 60), (Track.SELF_REGISTERED, 40)]),
}
# Half of the self-registrations are Syrians returning after the fall of the Assad regime (seeds/003).
SYRIAN_SELF_REGISTRATION_SHARE = 0.5
PHASES = Weighted([(Phase.INTAKE, 10), (Phase.IN_PROGRESS, 50), (Phase.DEPARTURE_PREPARATION, 15), (Phase.CLOSED, 25)])
# Outflow 2025 (seeds/003): 12,800 departures of which 7,160 demonstrable (60% independent, 40% forced),
# the rest without supervision; about 15% of the outflow leaves without departure.
CLOSURE_REASONS = Weighted(
    [
        (ClosureReason.DEPARTED_INDEPENDENTLY, 28.6),
        (ClosureReason.DEPARTED_FORCED, 19.0),
        (ClosureReason.DEPARTED_UNSUPERVISED, 37.4),
        (ClosureReason.RESIDENCE_PERMIT, 6.0),
        (ClosureReason.ASYLUM_APPLICATION, 5.0),
        (ClosureReason.OTHER, 3.7),
        (ClosureReason.DECEASED, 0.3),
    ]
)
COUNTRIES = Weighted(
    [
        ((code, group, Weighted([(codes, w) for w, codes in langs])), weight)
        for code, weight, group, langs in NATIONALITIES
    ]
)
SYRIA = next(item for item in COUNTRIES.items if item[0] == "SYR")
ADULT_SEX = Weighted([(Sex.MALE, 74), (Sex.FEMALE, 24), (Sex.X, 0.3), (Sex.UNKNOWN, 1.7)])
PRECISION = Weighted(
    [(DatePrecision.FULL, 70), (DatePrecision.YEAR_MONTH, 15), (DatePrecision.YEAR, 10), (DatePrecision.UNKNOWN, 5)]
)
FAMILY_KINDS = Weighted([("with_minors", 70), ("couple", 20), ("siblings", 10)])
# Countries whose people are often stateless (Palestinians from Syria and Lebanon, Bidoon, Kurds).
STATELESS_PRONE = {"SYR", "LBN", "PSE", "KWT", "IRQ", "JOR"}


@dataclass(frozen=True)
class Family:
    head: int  # index of the first member
    roles: tuple  # "parent" | "child" | "partner" | "sibling", one per member in index order

    def members(self):
        """The indices of the family's members."""
        return range(self.head, self.head + len(self.roles))

    def role_of(self, index):
        """The role of member `index`."""
        return self.roles[index - self.head]


@dataclass(frozen=True)
class Unit:
    """What a family (or a single person) shares: how and when their case came in and where it stands."""

    source: str
    track: str
    country: str
    group: str
    languages: tuple
    surname: str
    phase: str
    age_days: float  # how long ago the case was opened
    closed_after_days: float  # closed cases: days between opening and closing
    closure_reason: str
    assigned: bool
    officer_draw: float  # a uniform draw the caller maps onto its officers
    confidential: bool
    representative: tuple  # (name, office, contact) or ("", "", "")
    detail_seed: int


@dataclass(frozen=True)
class PersonSpec:
    index: int
    v_number: str
    surname: str
    given_names: str
    sex: str
    date_of_birth: dt.date | None
    date_of_birth_precision: str
    nationalities: tuple  # ((alpha-3, status), ...)
    languages: tuple
    vulnerabilities: tuple
    aliases: tuple  # ((surname, given names), ...)
    unit: Unit
    family: Family | None
    duplicate_of: int | None  # index of the person this one may duplicate (same name, birth date, nationality)

    @property
    def is_unaccompanied_minor(self):
        return Vulnerability.UNACCOMPANIED_MINOR in self.vulnerabilities


def v_number(index) -> str:
    """The V-number of demo person `index`."""
    return str(_V_BASE + (index * _V_STEP + _V_OFFSET) % _V_SPAN)


@functools.lru_cache(maxsize=256)
def families_in_block(block) -> tuple:
    """The families planned among the indices of one block (about 7% of people live in a family)."""
    rng = random.Random(SEED * 1_000_003 + block)
    families, position = [], rng.randrange(0, 10)
    while position < FAMILY_BLOCK - 5:
        if rng.random() < 0.26:
            kind = FAMILY_KINDS.pick(rng)
            if kind == "with_minors":
                parents = 2 if rng.random() < 0.6 else 1
                roles = ("parent",) * parents + ("child",) * rng.randint(1, 3)
            elif kind == "couple":
                roles = ("partner", "partner")
            else:
                roles = ("sibling",) * rng.randint(2, 3)
            families.append(Family(head=block * FAMILY_BLOCK + position, roles=roles))
            position += len(roles)
        position += rng.randrange(5, 15)
    return tuple(families)


def family_of(index) -> Family | None:
    """The family person `index` belongs to, if any."""
    for family in families_in_block(index // FAMILY_BLOCK):
        if family.head <= index < family.head + len(family.roles):
            return family
    return None


def family_links(family) -> list:
    """(index, relative index, relation of the relative to the person) for one direction of every pair."""
    links = []
    members = list(family.members())
    for a_pos, a in enumerate(members):
        for b in members[a_pos + 1 :]:
            a_role, b_role = family.role_of(a), family.role_of(b)
            if a_role == "parent" and b_role == "child":
                relation = FamilyRelation.CHILD
            elif a_role == b_role == "parent" or a_role == "partner":
                relation = FamilyRelation.PARTNER
            else:
                relation = FamilyRelation.SIBLING
            links.append((a, b, relation))
    return links


@functools.lru_cache(maxsize=64)
def law_offices() -> tuple:
    """A fixed set of synthetic law offices: (office, e-mail domain, city)."""
    rng = random.Random(SEED + 17)
    offices = []
    for n in range(60):
        a, b = rng.sample([s for s in DUTCH_SURNAMES if " " not in s or s.startswith(("de ", "van "))], 2)
        a, b = a[0].upper() + a[1:], b[0].upper() + b[1:]
        name = LAW_OFFICE_FORMS[n % len(LAW_OFFICE_FORMS)].format(a=a, b=b)
        domain = "".join(ch for ch in f"{a}{b}".lower() if ch.isalpha())
        offices.append((name, f"{domain}.example", LOCATIONS[rng.randrange(len(LOCATIONS))]))
    return tuple(offices)


def _representative(rng, source):
    share = {Source.IND: 0.75, Source.POLICE: 0.4, Source.KMAR: 0.45}.get(source, 0.1)
    if rng.random() >= share:
        return ("", "", "")
    office, domain, _city = law_offices()[rng.randrange(len(law_offices()))]
    initial = chr(ord("A") + rng.randrange(26))
    surname = rng.choice(DUTCH_SURNAMES)
    return (f"mr. {initial}. {surname}", office, f"secretariaat@{domain}")


def unit_of(head) -> Unit:
    """What the family headed by `head` (or the single person `head`) shares."""
    rng = random.Random(SEED * 7_919 + head)
    source = SOURCES.pick(rng)
    track = TRACKS[source].pick(rng)
    if source == Source.SELF_REGISTRATION and rng.random() < SYRIAN_SELF_REGISTRATION_SHARE:
        country, group, languages = SYRIA
    else:
        country, group, languages = COUNTRIES.pick(rng)
    phase = PHASES.pick(rng)
    if phase == Phase.INTAKE:
        age = rng.uniform(0.1, 21)
    elif phase == Phase.IN_PROGRESS:
        age = rng.uniform(14, 365) if rng.random() < 0.55 else rng.uniform(365, 1095)
    else:
        age = rng.uniform(60, 1095)
    closed_after = rng.uniform(30, min(540, age - 7)) if phase == Phase.CLOSED else 0.0
    return Unit(
        source=source,
        track=track,
        country=country,
        group=group,
        languages=tuple(languages.pick(rng)),
        surname=rng.choice(SURNAMES[group]),
        phase=phase,
        age_days=age,
        closed_after_days=closed_after,
        closure_reason=CLOSURE_REASONS.pick(rng) if phase == Phase.CLOSED else "",
        # The national intake queue: most new handovers wait there until a team lead assigns them.
        assigned=phase != Phase.INTAKE or rng.random() < 0.3,
        officer_draw=rng.random(),
        confidential=rng.random() < 0.01,
        representative=_representative(rng, source),
        detail_seed=rng.getrandbits(32),
    )


def _birth_date(rng, today, *, min_age, max_age, precision):
    return _stored_birth_date(today - dt.timedelta(days=rng.uniform(min_age, max_age) * 365.25), precision)


def _stored_birth_date(born, precision):
    """A birth date as stored: on the first day of what is known (None when nothing is)."""
    if precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR_MONTH:
        return born.replace(day=1)
    if precision == DatePrecision.YEAR:
        return born.replace(month=1, day=1)
    return born


def _minor_birth_date(rng, today, *, min_age, max_age):
    """A minor's date of birth, stored on its first known day yet still under 18 today."""
    precision = PRECISION.pick(rng)
    if precision == DatePrecision.UNKNOWN:
        precision = DatePrecision.YEAR_MONTH
    eighteen_ago = dt.date(today.year - 18, today.month, min(today.day, 28 if today.month == 2 else 31))
    while True:
        born = _birth_date(rng, today, min_age=min_age, max_age=max_age, precision=precision)
        if born > eighteen_ago:
            return born, precision
        precision = DatePrecision.FULL if precision == DatePrecision.YEAR_MONTH else DatePrecision.YEAR_MONTH


def _aliases(rng, surname, given, group):
    aliases = []
    for _n in range(1 if rng.random() < 0.8 else 2):
        choice = rng.random()
        if choice < 0.35 and (surname in SPELLING_VARIANTS or given.split(" ")[0] in SPELLING_VARIANTS):
            alias_surname = rng.choice(SPELLING_VARIANTS.get(surname, [surname]))
            first = given.split(" ")[0]
            alias_given = rng.choice(SPELLING_VARIANTS.get(first, [first]))
        elif choice < 0.55:
            alias_surname, alias_given = FALSE_DOCUMENT_NAMES[rng.randrange(len(FALSE_DOCUMENT_NAMES))]
        else:
            males, females = GIVEN_NAMES[group]
            alias_surname, alias_given = rng.choice(SURNAMES[group]), rng.choice(males + females)
        if (alias_surname, alias_given) != (surname, given) and (alias_surname, alias_given) not in aliases:
            aliases.append((alias_surname, alias_given))
    return tuple(aliases)


def _given(rng, group, sex):
    males, females = GIVEN_NAMES[group]
    if sex == Sex.FEMALE or (sex in (Sex.X, Sex.UNKNOWN) and rng.random() < 0.3):
        return rng.choice(females)
    return rng.choice(males)


def _nationalities(rng, country):
    roll = rng.random()
    if country in STATELESS_PRONE and roll < 0.06:
        return ((STATELESS, NationalityStatus.CLAIMED),)
    if roll > 0.98:
        return ((NATIONALITY_UNKNOWN, NationalityStatus.CLAIMED),)
    status = NationalityStatus.ESTABLISHED if rng.random() < 0.3 else NationalityStatus.CLAIMED
    first = ((country, status),)
    if rng.random() < 0.015:
        other = COUNTRIES.pick(rng)[0]
        if other != country:
            return first + ((other, NationalityStatus.CLAIMED),)
    return first


def _vulnerabilities(*extra):
    # Stored in the order of the enumeration, as the forms write them.
    wanted = set(extra)
    return tuple(v.value for v in Vulnerability if v in wanted)


def person_spec(index, *, today) -> PersonSpec:
    """Demo person `index` (with `today` fixing ages): a pure function of both."""
    family = family_of(index)
    unit = unit_of(family.head if family else index)
    rng = random.Random(SEED * 104_729 + index)
    role = family.role_of(index) if family else None
    extra = []
    if role == "child":
        sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
        date_of_birth, precision = _minor_birth_date(rng, today, min_age=0.2, max_age=17.5)
        extra += [Vulnerability.MINOR, Vulnerability.FAMILY_WITH_MINORS]
    else:
        if role in ("parent", "partner"):
            # The first parent or partner is usually the man, the second the woman.
            first = index == family.head
            sex = Sex.MALE if (rng.random() < 0.75) == first else Sex.FEMALE
        else:
            sex = ADULT_SEX.pick(rng)
        kind = rng.random()
        if family is None and kind < 0.022:
            # An unaccompanied minor (AMV): 17 or younger, and only ever in an AMV specialist's caseload.
            date_of_birth, precision = _minor_birth_date(rng, today, min_age=14.0, max_age=17.6)
            extra += [Vulnerability.MINOR, Vulnerability.UNACCOMPANIED_MINOR]
        elif family is None and kind < 0.055:
            date_of_birth, precision = _minor_birth_date(rng, today, min_age=15.0, max_age=17.6)
            extra.append(Vulnerability.MINOR)
        else:
            precision = PRECISION.pick(rng)
            low, high = (24, 52) if role == "parent" else (18, 40) if role == "sibling" else (18, 66)
            age = min(max(rng.triangular(18, 66, 28), low), high)
            date_of_birth = _stored_birth_date(today - dt.timedelta(days=age * 365.25), precision)
        if role == "parent":
            extra.append(Vulnerability.FAMILY_WITH_MINORS)
    if rng.random() < 0.06:
        extra.append(Vulnerability.MEDICAL)
    if sex == Sex.FEMALE and Vulnerability.MINOR not in extra and rng.random() < 0.06:
        extra.append(Vulnerability.PREGNANCY)
    if rng.random() < 0.015:
        extra.append(Vulnerability.DISABILITY)
    if rng.random() < 0.004:
        extra.append(Vulnerability.TRAFFICKING_VICTIM)
    surname = unit.surname if family else rng.choice(SURNAMES[unit.group])
    given = _given(rng, unit.group, sex)
    nationalities = _nationalities(rng, unit.country)
    duplicate_of = None
    if family is None and Vulnerability.MINOR not in extra and index > 0 and rng.random() < 0.015:
        target = person_spec(max(0, index - rng.randint(1, 300)), today=today)
        if target.date_of_birth is not None and target.duplicate_of is None and target.family is None:
            duplicate_of = target.index
            surname, given, sex = target.surname, target.given_names, target.sex
            date_of_birth, precision = target.date_of_birth, target.date_of_birth_precision
            nationalities = target.nationalities
    return PersonSpec(
        index=index,
        v_number=v_number(index),
        surname=surname,
        given_names=given,
        sex=sex,
        date_of_birth=date_of_birth,
        date_of_birth_precision=precision if date_of_birth else DatePrecision.UNKNOWN,
        nationalities=nationalities,
        languages=unit.languages,
        vulnerabilities=_vulnerabilities(*extra),
        aliases=_aliases(rng, surname, given, unit.group) if rng.random() < 0.10 else (),
        unit=unit,
        family=family,
        duplicate_of=duplicate_of,
    )
