"""Chainable queries that carry a rule, so SQL and Python agree on it (one definition each)."""

import datetime as dt

from django.db import models
from django.db.models import Q

from .constants import PROTECTIVE_MEASURES, ProcedureOutcome


class LegalProcedureQuerySet(models.QuerySet):
    def blocking_removal(self, *, on: dt.date):
        """Procedures that stop removal on day `on` (DOMAIN.md 8: no pending procedure that may be awaited here).

        - a pending procedure that may be awaited in the Netherlands;
        - a granted interim relief, ECtHR Rule 39 measure or medical postponement (art. 64 Vw 2000)
          that is still in force on `on` (no end date, or an end date on or after `on`).
        """
        pending_suspensive = Q(outcome=ProcedureOutcome.PENDING, may_await_in_nl=True)
        measure_in_force = Q(outcome=ProcedureOutcome.GRANTED, kind__in=PROTECTIVE_MEASURES) & (
            Q(effective_until__isnull=True) | Q(effective_until__gte=on)
        )
        return self.filter(pending_suspensive | measure_in_force)


def vulnerability_q(kind, *, prefix="foreign_national__"):
    """People with vulnerability `kind`, on PostgreSQL and SQLite alike.

    The JSON list is matched as text on the quoted value ('"minor"' never matches
    '"unaccompanied_minor"'), because JSON containment is not available on SQLite.
    """
    return Q(**{f"{prefix}vulnerabilities__icontains": f'"{kind}"'})
