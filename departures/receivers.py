"""Reactions to cases: a closed case's open removals are cancelled (after the commit, idempotent)."""

from cases.signals import case_closed

from .services import removals_cancel_for_closure


def cancel_on_close(sender, *, case_id, closure_reason, at, actor_id=None, **facts):
    # A second delivery finds nothing open and writes nothing; an executed removal is not open.
    removals_cancel_for_closure(case_id=case_id, closure_reason=closure_reason, actor=None, now=at)


case_closed.connect(cancel_on_close, dispatch_uid="departures.cancel_on_close")
