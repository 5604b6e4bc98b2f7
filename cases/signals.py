"""Domain signals of `cases`, sent after the transaction that made the change has committed.

Apps above `cases` react to what happens to a case (laissezpasser withdraws its requests when a case
closes, departures cancels a planned removal when a legal obstacle appears, detention ends its
measures) without `cases` naming them: they connect receivers in their `receivers.py` from their
`AppConfig.ready()`. Every signal is sent with `sender=Case` and keyword arguments only, and those
are ids and facts, never model instances (an instance may be stale by the time a receiver runs; a
receiver loads what it needs, in its own transaction, through its own services).

Sent on commit: a receiver never sees a change that was rolled back, and it runs outside the
transaction of the service, so it cannot undo that change either. Receivers must be idempotent (a
retry, or a second signal for the same fact, changes nothing) and quick; heavy work goes to a Celery
task. A receiver that raises is logged and does not stop the others (`send_robust`).

The arguments of each signal are documented below and in docs/architecture.md ("Signals"); `at`
is the aware moment of the change (the service's `now`), `actor_id` the user who made it (None for
the system).
"""

import logging

from django.db import transaction
from django.dispatch import Signal

from .models import Case

logger = logging.getLogger(__name__)

# case_id, foreign_national_id, source, previous_case_id (the closed earlier case of the V-number or
# None), actor_id, at — a handover or a registration opened a new case.
case_opened = Signal()

# case_id, team_id, case_officer_id (None: the team holds it without an officer yet),
# previous_case_officer_id, actor_id, at — the case got a (new) team and/or case officer.
case_assigned = Signal()

# case_id, from_phase, to_phase, actor_id, at — any change of phase (closing and reopening too, which
# also send their own signal below).
case_phase_changed = Signal()

# case_id, closure_reason (ClosureReason), departed_on (date or None), destination_type
# (DestinationType or ""), destination_country (alpha-3 or ""), actor_id, at — the case left the
# caseload; its live deadlines have been cancelled in the same transaction.
case_closed = Signal()

# case_id, reason (text), previous_closure_reason, actor_id, at — a team lead reopened a closed case
# (phase in progress again); what receivers withdrew or ended on closing stays withdrawn or ended.
case_reopened = Signal()

# case_id, has_legal_obstacle (bool, on the day of the change), legal_obstacle_until (date, date.max
# for "until further notice", or None), actor_id, at — a legal obstacle to removal appeared or
# disappeared through a change. An obstacle that simply runs out on its end date sends nothing
# (nothing happens at midnight): compare `Case.legal_obstacle_until` with the day instead.
case_removability_changed = Signal()

# case_id, procedure_id, kind (ProcedureKind), outcome (ProcedureOutcome), may_await_in_nl, actor_id,
# at — a legal procedure was recorded, or its outcome (or the end date of a granted measure).
procedure_recorded = Signal()
procedure_decided = Signal()


def send_on_commit(signal: Signal, **kwargs):
    """Send `signal` (sender Case) with `kwargs` once the current transaction commits; never if it rolls back."""

    def send():
        for receiver, result in signal.send_robust(sender=Case, **kwargs):
            if isinstance(result, Exception):
                logger.error(
                    "Receiver %r of a case signal failed for case %s",
                    receiver,
                    kwargs.get("case_id"),
                    exc_info=(type(result), result, result.__traceback__),
                )

    transaction.on_commit(send)
