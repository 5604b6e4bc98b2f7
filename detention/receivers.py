"""Reactions to cases: a closed case's running measures end with the reason its closure gives (after the commit)."""

from cases.signals import case_closed

from .services import measures_end_for_outflow


def end_on_close(sender, *, case_id, at, actor_id=None, closure_reason="", **facts):
    # Its own transaction; a second delivery finds nothing running and writes nothing.
    measures_end_for_outflow(case_id=case_id, now=at, actor=None, closure_reason=closure_reason)


case_closed.connect(end_on_close, dispatch_uid="detention.end_on_close")
