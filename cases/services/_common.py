"""Plumbing every case service shares: the row lock, the edit check, the local day."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dtv.core.exceptions import DomainError

from ..models import (
    Case,
    CaseEvent,
)
from ..permissions import can_edit_case


def _lock(case) -> Case:
    return Case.objects.select_for_update().select_related("foreign_national").get(pk=case.pk)


def _begin_change(case, now, *, version=None):
    """The moment of a change to the locked `case`, after checking the version the editor saw (no write).

    `now` is read when the request arrived, before it waited for the row lock: a change that held
    the lock meanwhile may be dated later. The moment is never before the case's latest recorded
    one, so no Assignment ends before it starts and the timeline's order is the order of the
    changes. A `version` other than the case's means someone changed the case since the editor read
    it: refused (stale_edit) rather than silently overwritten.
    """
    if version is not None and version != case.version:
        raise StaleEdit()
    latest = CaseEvent.objects.filter(case_id=case.pk).aggregate(latest=Max("occurred_at"))["latest"]
    return latest if latest is not None and latest > now else now


def _save_change(case, *fields):
    """Save the changed `fields` of the locked case with its version counted up (after every check passed)."""
    case.version += 1
    case.save(update_fields=[*fields, "version"])


class StaleEdit(DomainError):
    """The record changed since the editor read it; nothing was saved (HTTP 409 `stale_edit`)."""

    code = "stale_edit"

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this in the meantime. Nothing was saved: reload the page, check the "
                "current data and make your change again."
            )
        )


def _require_edit(actor, case):
    if not can_edit_case(actor, case):
        raise PermissionDenied(_("You may not change this case."))


def _local_today(now) -> dt.date:
    return timezone.localdate(now)


def _not_in_future(field, value, now):
    moment_is_future = value > now if isinstance(value, dt.datetime) else value > _local_today(now)
    if moment_is_future:
        raise ValidationError({field: _("This cannot lie in the future.")}, code="future")
