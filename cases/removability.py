"""Whether a person can be removed is the conjunction of registered checks: `cases` registers its own, apps add theirs.

A check looks at one aspect (pending procedures, nationality, travel document, ...) and returns the
obstacles it finds, each with its reason and, for a legal obstacle, its article. An obstacle is

- *legal* when the law stops removal for now: a procedure that may be awaited in the Netherlands, a
  granted interim measure or ECtHR Rule 39 measure, a medical postponement (art. 64 Vw 2000);
- *practical* when the facts do: nationality not established, no valid travel document, the person
  cannot be traced.

A check is written for many cases at once, so the case file, the API list and other apps ask the same
question at the same cost whatever the number of cases:

- `rows(cases, on)` returns the unevaluated querysets the check needs; the selector evaluates the
  querysets of every check together, in one SQL statement (`dtv.core.batch.fetch_together`);
- `evaluate(cases, rows, on)` turns those rows into obstacles per case; `queries` declares how many
  SQL queries `evaluate` runs itself on top of that (0 for a check that only reads its rows), and the
  tests hold every registered check to it for one case and for many;
- a check of *legal* obstacles also gives `legal_until(case_ids)`: the last day on which its obstacles
  stand (`OPEN_ENDED` while nobody knows). The services keep the maximum over all legal checks in
  `Case.legal_obstacle_until`, so that lists filter "legal obstacle" with `legal_obstacle_q(on)`
  without reading procedures per row, and a measure that ends on a date ends in SQL on that date
  without a nightly job. A test keeps the stored date and the checks in agreement.

Apps register their checks in their `AppConfig.ready()`; `cases` never names them. The selector that
answers the question is `cases.selectors.case_removability` (one case) / `cases_removability` (many).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import BooleanField, Q, Value, When
from django.db.models import Case as SqlCase

from .constants import ObstacleKind

# `legal_obstacle_until` of an obstacle that stands until further notice (a pending appeal, a
# measure without an end date): every later day is still on or before it.
OPEN_ENDED = dt.date.max


@dataclass(frozen=True)
class Obstacle:
    """One thing that stands in the way of removal, in the reader's language, with what it rests on."""

    check: str  # the key of the check that found it
    kind: str  # ObstacleKind
    reason: str
    basis: str = ""  # the article for a legal obstacle ("art. 82 Vw 2000 / art. 8:1 Awb"); may be empty
    until: dt.date | None = None  # the last day it stands, when that is known
    source: str = ""  # the kind of record it rests on ("cases.legalprocedure")
    source_id: int | None = None

    @property
    def is_legal(self) -> bool:
        return self.kind == ObstacleKind.LEGAL

    @property
    def legal_basis(self) -> str:
        return self.basis


@dataclass(frozen=True)
class RemovabilityCheck:
    """A registered check; see the module docstring for the contract of each callable."""

    key: str
    kind: str  # ObstacleKind of the obstacles it reports
    order: int
    rows: Callable[..., dict]  # (cases, *, on) -> {name: QuerySet}, unevaluated
    evaluate: Callable[..., dict]  # (cases, rows, *, on) -> {case_id: [Obstacle, ...]}
    queries: int = 0  # SQL queries evaluate() runs itself, whatever the number of cases
    legal_until: Callable[..., dict] | None = None  # (case_ids) -> {case_id: date}; legal checks only

    def __post_init__(self):
        if self.kind == ObstacleKind.LEGAL and self.legal_until is None:
            raise ValueError(f"Legal check {self.key!r} must say until when its obstacles stand (legal_until).")


_CHECKS: dict[str, RemovabilityCheck] = {}


def register_removability_check(check: RemovabilityCheck) -> RemovabilityCheck:
    """Add a check to the conjunction; a key can be registered only once."""
    if check.key in _CHECKS:
        raise ValueError(f"Removability check {check.key!r} is registered twice.")
    _CHECKS[check.key] = check
    return check


def unregister_removability_check(key):
    """Remove a check (for tests that register throwaway checks)."""
    _CHECKS.pop(key, None)


def registered_checks() -> list[RemovabilityCheck]:
    """Every registered check, in the order their obstacles are shown."""
    return sorted(_CHECKS.values(), key=lambda check: (check.order, check.key))


def legal_obstacle_q(on: dt.date, *, prefix="") -> Q:
    """Cases with a legal obstacle to removal on day `on`, from the stored `Case.legal_obstacle_until`."""
    return Q(**{f"{prefix}legal_obstacle_until__gte": on})


def legal_obstacle_annotation(on: dt.date, *, prefix="") -> SqlCase:
    """`legal_obstacle_q` as a True/False column: `.annotate(legal_obstacle=legal_obstacle_annotation(on))`."""
    return SqlCase(
        When(legal_obstacle_q(on, prefix=prefix), then=Value(True)), default=Value(False), output_field=BooleanField()
    )
