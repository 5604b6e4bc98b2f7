"""Whether the person may be removed on a day, and every procedure that says no."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from ..constants import (
    PROCEDURE_LEGAL_BASIS,
    ProcedureKind,
    ProcedureOutcome,
)
from ..models import (
    LegalProcedure,
)


@dataclass(frozen=True)
class RemovalObstacle:
    procedure: LegalProcedure
    reason: str
    legal_basis: str


@dataclass(frozen=True)
class Removability:
    """Whether the person may be removed on a day, and every procedure that says no."""

    removable: bool
    obstacles: tuple = ()


def removal_obstacle(procedure) -> RemovalObstacle:
    """Why this (blocking) procedure stops removal, with its legal basis."""
    return RemovalObstacle(
        procedure=procedure,
        reason=_obstacle_text(procedure),
        legal_basis=PROCEDURE_LEGAL_BASIS[ProcedureKind(procedure.kind)],
    )


def _obstacle_text(procedure):
    facts = {"kind": procedure.get_kind_display(), "date": procedure.lodged_on.strftime("%d-%m-%Y")}
    if procedure.outcome == ProcedureOutcome.PENDING:
        return _("%(kind)s lodged on %(date)s is pending and may be awaited in the Netherlands.") % facts
    if procedure.effective_until:
        facts["until"] = procedure.effective_until.strftime("%d-%m-%Y")
        return _("%(kind)s granted: removal is stopped until %(until)s.") % facts
    return _("%(kind)s granted: removal is stopped until the measure is lifted.") % facts


def case_removability(*, case, on: dt.date) -> Removability:
    """Removable on `on` unless a procedure blocks it (LegalProcedureQuerySet.blocking_removal is the rule)."""
    blocking = LegalProcedure.objects.filter(case_id=case.pk).blocking_removal(on=on).order_by("lodged_on", "id")
    obstacles = tuple(removal_obstacle(procedure) for procedure in blocking)
    return Removability(removable=not obstacles, obstacles=obstacles)


def not_removable(on):
    """An annotation: does a procedure stop this case's removal on `on` (the blocking_removal rule)?"""
    return Exists(LegalProcedure.objects.filter(case_id=OuterRef("pk")).blocking_removal(on=on))
