"""Plumbing every case service shares: the row lock, the edit check, the local day."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Case,
)
from ..permissions import can_edit_case


def _lock(case) -> Case:
    return Case.objects.select_for_update().select_related("foreign_national").get(pk=case.pk)


def _require_edit(actor, case):
    if not can_edit_case(actor, case):
        raise PermissionDenied(_("You may not change this case."))


def _local_today(now) -> dt.date:
    return timezone.localdate(now)


def _not_in_future(field, value, now):
    moment_is_future = value > now if isinstance(value, dt.datetime) else value > _local_today(now)
    if moment_is_future:
        raise ValidationError({field: _("This cannot lie in the future.")}, code="future")
