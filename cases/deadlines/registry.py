"""The registry of deadline rules: every kind of deadline, its versions, and the one way to compute one.

An app registers the rule versions it owns with `register(*versions)`, from its `AppConfig.ready()`
(cases registers its own in `rules.py`); from then on `cases` answers for that kind everywhere: its
label (`kind_label`), the version in force (`rule_version`), the computation (`compute`). Nothing in
`cases` names another app's kinds or settings: a version declares the settings it reads in
`params_from_settings`, and whoever computes passes the settings object in.

A rule version is chosen by a date, so a change in the law never moves a running deadline: by the
date the term starts, or by the date a kind names in `chosen_by` (the Dublin transfer: the date the
asylum application was registered, art. 84 Reg. (EU) 2024/1351), kept in the deadline's params.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from zoneinfo import ZoneInfo

from django.utils.functional import Promise

from .counting import require_aware, require_date

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Computation:
    """What a rule computed: the legal last day (late only after it), the internal target, and the steps.

    `due_date`/`due_at` are the legal last day and its exclusive end; `target_date`/`target_at` the
    internal target that the sweep's reminder and due stage aim at. For most rules the two are the same
    (leave the target out); a rule that extends the legal day (art. 94 Vw 2000 under the Atw) keeps the
    unshifted day as the target so that the work is done before the law's last moment.
    """

    due_date: dt.date | None  # the last day of a term in days, weeks or months; None for terms in hours
    due_at: dt.datetime  # aware: the exclusive moment the term expires (date terms: end_of_day(due_date))
    atw_applied: bool  # True when the Atw was applied, even if it moved nothing
    steps: tuple[dict, ...]  # the explanation as JSON-serialisable data (dates and moments as ISO strings)
    target_date: dt.date | None = None
    target_at: dt.datetime | None = None

    def __post_init__(self):
        if self.target_at is None:
            object.__setattr__(self, "target_date", self.due_date)
            object.__setattr__(self, "target_at", self.due_at)
        elif self.target_at > self.due_at:
            raise ValueError("The internal target cannot lie after the legal last day.")


@dataclass(frozen=True)
class RuleVersion:
    kind: str
    version: str
    label: Promise | str  # the kind's name as people read it ("Vertrektermijn"); the same for all its versions
    in_force_from: dt.date | None  # None: prepared (or withdrawn) and not in force, selectable by name only
    in_force_until: dt.date | None  # the last day in force; None: open-ended
    legal_basis: str
    legal_text: Promise | str
    # A term the law sets (a statute, an EU regulation, the Vreemdelingencirculaire) rather than a working
    # agreement or an agreed date: marking it met needs a reason, and the work queue ranks it first.
    statutory: bool
    atw_applies: bool
    atw_note: Promise | str
    counting: str  # "days" | "weeks" | "months" | "hours_outside_night" | "hours" | "hours_before" | "fixed_date"
    params: Mapping
    responsible: str  # a constants.Responsible value
    remind_before: dt.timedelta | None
    task_text: Promise | str
    compute: Callable  # compute(start, params, *, holidays, tz) -> Computation
    # Exceptions to remind_before as data: ((param, value, timedelta), ...), first match wins.
    remind_before_when: tuple = ()
    # Parameters that come from settings rather than law: {param: SETTING_NAME}, e.g. {"days": "DETENTION_REVIEW_DAYS"}.
    params_from_settings: Mapping = field(default_factory=lambda: MappingProxyType({}))
    # Where the legal text leaves a choice open: which reading Regie applies, and its source.
    reading: Promise | str = ""
    # The param holding the date that chooses the version (None: the start of the term chooses it).
    chosen_by: str | None = None

    def __post_init__(self):
        # A registered rule is shared by every request and task: its parameters are read-only, however given.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "params_from_settings", MappingProxyType(dict(self.params_from_settings)))

    def reminder(self, params=None):
        """Return how long before the target the advance reminder goes out for these params (None: none)."""
        merged = {**self.params, **(params or {})}
        for name, value, before in self.remind_before_when:
            if merged.get(name) == value:
                return before
        return self.remind_before

    def in_force_on(self, day):
        """Return whether this version is in force on the given day."""
        return (
            self.in_force_from is not None
            and self.in_force_from <= day
            and (self.in_force_until is None or day <= self.in_force_until)
        )


def rule(kind, version, *, counting, params=None, params_from_settings=None, **fields) -> RuleVersion:
    """A RuleVersion with no parameters unless given (what each app's deadlines.py registers)."""
    return RuleVersion(
        kind=kind,
        version=version,
        counting=counting,
        params=params or {},
        params_from_settings=params_from_settings or {},
        **fields,
    )


_VERSIONS: dict[str, list[RuleVersion]] = {}


def register(*versions: RuleVersion) -> tuple[RuleVersion, ...]:
    """Register rule versions (from an AppConfig.ready()); a (kind, version) pair can be registered only once."""
    for version in versions:
        _check(version)
        _VERSIONS.setdefault(version.kind, []).append(version)
    return versions


def _check(new):
    known = _VERSIONS.get(new.kind, [])
    if any(existing.version == new.version for existing in known):
        raise ValueError(f"Version {new.version!r} of the deadline rule {new.kind!r} is registered twice.")
    if known and (known[0].chosen_by != new.chosen_by or str(known[0].label) != str(new.label)):
        raise ValueError(f"The versions of {new.kind!r} must share their label and what chooses them.")
    unknown = set(new.params_from_settings) - set(new.params)
    if unknown:
        raise ValueError(f"{new.kind!r} {new.version!r} reads settings into unknown params {sorted(unknown)}.")
    for existing in known:
        if _overlap(existing, new):
            raise ValueError(f"{new.kind!r}: versions {existing.version!r} and {new.version!r} overlap in force.")


def _overlap(one, other):
    if one.in_force_from is None or other.in_force_from is None:
        return False
    far = dt.date.max
    return one.in_force_from <= (other.in_force_until or far) and other.in_force_from <= (one.in_force_until or far)


def unregister(kind, version=None):
    """Remove a kind (or one of its versions) from the registry: for tests that register throwaway rules."""
    if version is None:
        _VERSIONS.pop(kind, None)
        return
    remaining = [candidate for candidate in _VERSIONS.get(kind, []) if candidate.version != version]
    if remaining:
        _VERSIONS[kind] = remaining
    else:
        _VERSIONS.pop(kind, None)


def registered_kinds() -> list[str]:
    """Every registered kind, in the order the rules were registered."""
    return list(_VERSIONS)


def versions(kind) -> tuple[RuleVersion, ...]:
    """Every registered version of a kind (empty for an unknown kind)."""
    return tuple(_VERSIONS.get(kind, ()))


def kind_label(kind) -> str:
    """The kind's label in the active language; a kind nobody registers (any more) shows its code."""
    known = _VERSIONS.get(kind)
    return str(known[0].label) if known else str(kind)


def statutory_kinds() -> frozenset[str]:
    """The kinds with a statutory legal basis in at least one version (the work queue ranks them first)."""
    return frozenset(kind for kind, known in _VERSIONS.items() if any(version.statutory for version in known))


def rule_version(kind, *, on, version=None) -> RuleVersion:
    """Return the version in force on `on` (the choosing date), or the named version; raise LookupError if none."""
    known = _VERSIONS.get(kind)
    if not known:
        raise LookupError(f"No deadline rule for {kind!r}.")
    if version is not None:
        # An explicit version is taken even when not in force: for tests, for preparing future law, and for
        # reading a stored deadline by the version that computed it.
        for candidate in known:
            if candidate.version == version:
                return candidate
        raise LookupError(f"No version {version!r} of the rule {kind!r}.")
    require_date(on)
    in_force = [candidate for candidate in known if candidate.in_force_on(on)]
    if not in_force:
        raise LookupError(f"No version of the rule {kind!r} is in force on {on.isoformat()}.")
    return in_force[0]


def resolve(kind, *, start, params=None, tz=AMSTERDAM, version=None, settings=None):
    """Return (rule version, params) for a deadline: the version chosen and the params it will compute with.

    `settings` (Django's, in the engine) supplies the params a version reads from settings; explicit
    params win over them, and both over the version's own defaults. Unknown params are refused.
    """
    params = dict(params or {})
    if isinstance(start, dt.datetime):
        require_aware(start)
        on = start.astimezone(tz).date()
    else:
        on = start
    known = _VERSIONS.get(kind)
    chosen_by = known[0].chosen_by if known else None
    if chosen_by is not None:
        on = _choosing_date(kind, chosen_by, params.get(chosen_by))
        params[chosen_by] = on.isoformat()  # stored as JSON in the deadline's params
    rule = rule_version(kind, on=on, version=version)
    configured = {}
    if settings is not None:
        configured = {name: getattr(settings, setting) for name, setting in rule.params_from_settings.items()}
    merged = {**rule.params, **configured, **params}
    unknown = set(merged) - set(rule.params)
    if unknown:
        raise ValueError(f"Unknown parameters for {kind!r}: {sorted(unknown)}.")
    return rule, merged


def compute(kind, *, start, params=None, holidays, tz=AMSTERDAM, version=None, settings=None):
    """Compute a deadline: return (rule version, computation); start is a date, or an aware datetime for hours."""
    rule, merged = resolve(kind, start=start, params=params, tz=tz, version=version, settings=settings)
    return rule, rule.compute(start, merged, holidays=holidays, tz=tz)


def _choosing_date(kind, name, value):
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{name} of {kind!r} must be a date, not {value!r}.") from None
    if value is None:
        raise ValueError(f"A deadline of {kind!r} needs {name}: that date chooses the rule version.")
    require_date(value)
    return value
