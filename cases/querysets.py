"""Chainable queries that carry a rule, so SQL and Python agree on it (one definition each)."""

import datetime as dt

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

from dtv.core.text import fold, name_key

from .constants import (
    LIVE_DEADLINE_STATUSES,
    PROTECTIVE_MEASURES,
    RUNNING_DEADLINE_STATUSES,
    DeadlineStatus,
    Phase,
    ProcedureOutcome,
)

# Unassigned: no team holds the case yet, so every team lead sees it (permissions.py).
NATIONAL_INTAKE = Q(team__isnull=True, case_officer__isnull=True)
# A key shorter than this is too common to mean a spelling variant: "ali", or "had" for a typed
# "hadd", would match a good part of the caseload and slow every search down for nothing.
MIN_KEY_LENGTH = 4
AWAITING_DUPLICATE_REVIEW = Q(possible_duplicate_of__isnull=False, duplicate_review="")
# Cases without a live deadline sort after every case with one.
NO_DEADLINE_URGENCY = 2**63 - 1


def queue_urgency():
    """The work queue's default sort key: the next deadline's urgency, cases without one last.

    The same expression is the work queue's partial indexes (Case.Meta.indexes), so that the order and
    the keyset filter are served by them; change both together (a migration).
    """
    # The stand-in typed as bigint: bound by the server, an untyped Value() of 2**63-1 would go as int4 and wrap.
    return Coalesce(
        F("next_due_key"),
        Value(NO_DEADLINE_URGENCY, output_field=models.BigIntegerField()),
        output_field=models.BigIntegerField(),
    )


class CaseQuerySet(models.QuerySet):
    def open(self):
        """Cases still in the caseload (any phase but closed)."""
        return self.exclude(phase=Phase.CLOSED)

    def closed(self):
        """Cases that left the caseload."""
        return self.filter(phase=Phase.CLOSED)

    def national_intake(self):
        """Cases that no team holds yet (chain them with open() for the intake queue)."""
        return self.filter(NATIONAL_INTAKE)

    def awaiting_duplicate_review(self):
        """Cases flagged as a possible duplicate at intake whose flag nobody has judged yet."""
        return self.filter(AWAITING_DUPLICATE_REVIEW)


class DeadlineQuerySet(models.QuerySet):
    def live(self):
        """Deadlines that still demand something of someone (open or overdue): the sweep's and the queue's."""
        return self.filter(status__in=LIVE_DEADLINE_STATUSES)

    def running(self):
        """Live deadlines and suspended ones, which will run again."""
        return self.filter(status__in=RUNNING_DEADLINE_STATUSES)

    def overdue(self):
        """Deadlines the sweep found passed: the status is the one definition of overdue."""
        return self.filter(status=DeadlineStatus.OVERDUE)


def name_match(text, *, prefix=""):
    """A person (reached through `prefix`, e.g. "foreign_national__") named or aliased to match every word of `text`.

    A word matches anywhere in the folded names (`search_name`: "ozturk" finds Öztürk, "hadd"
    Haddad), or its variant key starts a word of the keyed names (`search_key`: "Hasan" finds
    Hassan, "Djordjevic" Đorđević; see dtv.core.text.name_key). Both columns carry a trigram
    index on PostgreSQL, which serves both patterns.
    """
    condition = Q()
    for word in fold(text).split():
        match = Q(**{f"{prefix}search_name__contains": word})
        key = name_key(word, joined=True)
        if len(key) >= MIN_KEY_LENGTH:
            match |= Q(**{f"{prefix}search_key__contains": f" {key}"})
        condition &= match
    return condition


class ForeignNationalQuerySet(models.QuerySet):
    def name_matches(self, text):
        """People whose name or alias matches every word of `text`, literally or as a spelling variant."""
        return self.filter(name_match(text))

    def named_like(self, surname):
        """People with a name part that is `surname` or a spelling variant of it (whole words, not parts)."""
        key = name_key(surname, joined=True)
        if len(key) < MIN_KEY_LENGTH:
            return self.filter(surname__iexact=surname)
        return self.filter(search_key__contains=f" {key} ")


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
