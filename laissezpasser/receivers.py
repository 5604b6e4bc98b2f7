"""Reactions to cases: a closed case's open requests are withdrawn, reason outflow (after the commit, idempotent)."""

from cases.signals import case_closed

from .services import requests_withdraw_for_outflow


def withdraw_on_close(sender, *, case_id, at, actor_id=None, **facts):
    # Its own transaction per case; a second delivery finds nothing open and writes nothing.
    requests_withdraw_for_outflow(case_id=case_id, now=at, actor=None)


case_closed.connect(withdraw_on_close, dispatch_uid="laissezpasser.withdraw_on_close")
