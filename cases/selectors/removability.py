"""Whether a person may be removed on a day: the registered checks together, for one case or many at the same cost.

`cases` registers two checks here: the legal procedures (a legal obstacle) and the nationality (a
practical one). Apps register theirs in their `AppConfig.ready()` (see `cases/removability.py`).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case as SqlCase
from django.db.models import Max, Value, When
from django.utils.translation import gettext as _

from dtv.core.batch import fetch_together, matching, prepared_for

from ..constants import (
    NATIONALITY_UNKNOWN,
    PROCEDURE_LEGAL_BASIS,
    NationalityStatus,
    ObstacleKind,
    Phase,
    ProcedureKind,
    ProcedureOutcome,
)
from ..countries import country_name
from ..models import LegalProcedure, Nationality
from ..removability import OPEN_ENDED, Obstacle, RemovabilityCheck, register_removability_check, registered_checks


@dataclass(frozen=True)
class Removability:
    """The obstacles to removing the person on day `on`; a closed case is not weighed at all."""

    on: dt.date
    obstacles: tuple = ()
    closed: bool = False
    checks: tuple = field(default=(), compare=False)  # keys of the checks that were weighed

    @property
    def legal_obstacles(self) -> tuple:
        return tuple(o for o in self.obstacles if o.kind == ObstacleKind.LEGAL)

    @property
    def practical_obstacles(self) -> tuple:
        return tuple(o for o in self.obstacles if o.kind == ObstacleKind.PRACTICAL)

    @property
    def has_legal_obstacle(self) -> bool:
        return bool(self.legal_obstacles)

    @property
    def has_practical_obstacle(self) -> bool:
        return bool(self.practical_obstacles)

    @property
    def removable(self) -> bool:
        """No obstacle of any registered check, on an open case (never shown as a bare "yes": see the header)."""
        return not self.closed and not self.obstacles


def removability_querysets(cases, *, on) -> dict:
    """The unevaluated querysets every registered check needs for `cases`, for one shared statement."""
    open_cases = [case for case in cases if case.phase != Phase.CLOSED]
    if not open_cases:
        return {}
    return {
        f"removability:{check.key}:{name}": queryset
        for check in registered_checks()
        for name, queryset in check.rows(open_cases, on=on).items()
    }


def removability_from_rows(cases, rows, *, on) -> dict:
    """case id → Removability from the evaluated rows of `removability_querysets` (plus the checks' own queries)."""
    open_cases = [case for case in cases if case.phase != Phase.CLOSED]
    found = defaultdict(list)
    checks = registered_checks()
    if open_cases:
        for check in checks:
            prefix = f"removability:{check.key}:"
            own = {name.removeprefix(prefix): value for name, value in rows.items() if name.startswith(prefix)}
            for case_id, obstacles in check.evaluate(open_cases, own, on=on).items():
                found[case_id].extend(obstacles)
    keys = tuple(check.key for check in checks)
    return {
        case.pk: Removability(
            on=on, obstacles=tuple(found.get(case.pk, ())), closed=case.phase == Phase.CLOSED, checks=keys
        )
        for case in cases
    }


def cases_removability(*, cases, on: dt.date) -> dict:
    """case id → Removability for every case in `cases` (a list page): one SQL statement for all checks."""
    cases = list(cases)
    return removability_from_rows(cases, fetch_together(removability_querysets(cases, on=on)), on=on)


def case_removability(*, case, on: dt.date) -> Removability:
    """The obstacles to removing the person of `case` on `on`, from every registered check."""
    return cases_removability(cases=[case], on=on)[case.pk]


def legal_obstacle_until(case_ids) -> dict:
    """case id → the last day a legal obstacle stands (OPEN_ENDED: until further notice), over every legal check."""
    until = {}
    for check in registered_checks():
        if check.kind != ObstacleKind.LEGAL:
            continue
        for case_id, day in check.legal_until(list(case_ids)).items():
            if day is not None and (case_id not in until or day > until[case_id]):
                until[case_id] = day
    return until


# --- The checks of cases ----------------------------------------------------------------------------


def _procedure_build(*, ids, on):
    blocking = LegalProcedure.objects.filter(matching("case_id", ids)).blocking_removal(on=on)
    return {"blocking": blocking.order_by("case_id", "lodged_on", "id")}


def _procedure_rows(cases, *, on):
    return prepared_for(_procedure_build, [c.pk for c in cases], on=on)


def _procedure_obstacles(cases, rows, *, on):
    found = defaultdict(list)
    for procedure in rows["blocking"]:
        found[procedure.case_id].append(removal_obstacle(procedure))
    return found


def removal_obstacle(procedure) -> Obstacle:
    """Why this (blocking) procedure stops removal, with its legal basis."""
    granted = procedure.outcome == ProcedureOutcome.GRANTED
    return Obstacle(
        check="procedures",
        kind=ObstacleKind.LEGAL,
        reason=_obstacle_text(procedure),
        basis=PROCEDURE_LEGAL_BASIS[ProcedureKind(procedure.kind)],
        until=procedure.effective_until if granted else None,
        source="cases.legalprocedure",
        source_id=procedure.pk,
    )


def _obstacle_text(procedure):
    facts = {"kind": procedure.get_kind_display(), "date": procedure.lodged_on.strftime("%d-%m-%Y")}
    if procedure.outcome == ProcedureOutcome.PENDING:
        return _("%(kind)s lodged on %(date)s is pending and may be awaited in the Netherlands.") % facts
    if procedure.effective_until:
        facts["until"] = procedure.effective_until.strftime("%d-%m-%Y")
        return _("%(kind)s granted: removal is stopped until %(until)s.") % facts
    return _("%(kind)s granted: removal is stopped until the measure is lifted.") % facts


def _procedure_legal_until(case_ids):
    # blocking_removal(on=date.min) is every procedure that blocks on some day: a pending one that may
    # be awaited and a granted measure block every day up to their end (none: OPEN_ENDED), so the
    # latest end is exactly the last day on which blocking_removal(on=day) finds one.
    ends = (
        LegalProcedure.objects.filter(case_id__in=case_ids)
        .blocking_removal(on=dt.date.min)
        .values("case_id")
        .annotate(
            until=Max(
                SqlCase(
                    When(outcome=ProcedureOutcome.GRANTED, effective_until__isnull=False, then="effective_until"),
                    default=Value(OPEN_ENDED),
                )
            )
        )
    )
    return {row["case_id"]: row["until"] for row in ends}


def _nationality_build(*, ids):
    return {
        "nationalities": Nationality.objects.filter(matching("foreign_national_id", ids)).order_by("status", "country")
    }


def _nationality_rows(cases, *, on):
    return prepared_for(_nationality_build, sorted({case.foreign_national_id for case in cases}))


def _nationality_obstacles(cases, rows, *, on):
    by_person = defaultdict(list)
    for nationality in rows["nationalities"]:
        by_person[nationality.foreign_national_id].append(nationality)
    found = {}
    for case in cases:
        known = by_person.get(case.foreign_national_id, [])
        if any(n.status == NationalityStatus.ESTABLISHED and n.country != NATIONALITY_UNKNOWN for n in known):
            continue
        claimed = [country_name(n.country) for n in known if n.country != NATIONALITY_UNKNOWN]
        if claimed:
            reason = _("Nationality not established: only claimed (%(countries)s).") % {"countries": ", ".join(claimed)}
        else:
            reason = _("Nationality not established: unknown.")
        # The embassy must confirm nationality before it issues a travel document (DOMAIN.md 6).
        found[case.pk] = [Obstacle(check="nationality", kind=ObstacleKind.PRACTICAL, reason=reason)]
    return found


PROCEDURES = register_removability_check(
    RemovabilityCheck(
        key="procedures",
        kind=ObstacleKind.LEGAL,
        order=10,
        rows=_procedure_rows,
        evaluate=_procedure_obstacles,
        legal_until=_procedure_legal_until,
    )
)
register_removability_check(
    RemovabilityCheck(
        key="nationality",
        kind=ObstacleKind.PRACTICAL,
        order=50,
        rows=_nationality_rows,
        evaluate=_nationality_obstacles,
    )
)
