"""What users do with deadlines: mark one met, finish work items, read the sweep's notifications; the digest."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dtv.core.exceptions import DomainError

from ..constants import LIVE_DEADLINE_STATUSES
from ..events import case_event_record
from ..models import Deadline, Notification, WorkItem
from ..permissions import can_edit_case
from . import registry
from .engine import deadline_meet
from .events import WORK_ITEM_DONE

logger = logging.getLogger(__name__)


def notifications_mark_read(*, user, now, ids=None) -> int:
    """Mark the user's notifications (all, or those with `ids`) as read."""
    query = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        query = query.filter(pk__in=ids)
    return query.update(read_at=now)


def deadline_is_statutory(deadline) -> bool:
    """Whether the rule version that computed the deadline has a statutory legal basis."""
    try:
        return registry.rule_version(deadline.kind, on=None, version=deadline.rule_version).statutory
    except LookupError:
        # A kind no app registers any more: treat it as the law's until someone says otherwise.
        return True


@transaction.atomic
def deadline_mark_met(*, deadline, actor, now, reason="") -> Deadline:
    """A user records that the action a deadline asked for was taken; a statutory term needs a reason.

    The engine trusts its callers; this is the one gate for people (browser, API, work items): the
    user must be allowed to change the case, and for a term the law sets (departure term, flight
    notice, detention, Dublin) they must say what was done, because "met" ends the reminders and
    the escalation for good.
    """
    deadline = Deadline.objects.select_for_update(of=("self",)).select_related("case").get(pk=deadline.pk)
    if not can_edit_case(actor, deadline.case):
        raise PermissionDenied(_("You may not change this case."))
    reason = reason.strip()
    if deadline_is_statutory(deadline) and not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("This is a statutory term: say what was done to meet it."), code="reason_required"
                )
            }
        )
    return deadline_meet(deadline=deadline, actor=actor, now=now, reason=reason)


@transaction.atomic
def work_item_complete(*, work_item, actor, now, reason="") -> WorkItem:
    """Finish a work item; the deadline it came from counts as met, by the rules of `deadline_mark_met`."""
    # Lock only the work item: PostgreSQL refuses FOR UPDATE on the nullable side of the deadline join.
    work_item = WorkItem.objects.select_for_update(of=("self",)).select_related("case", "deadline").get(pk=work_item.pk)
    if not can_edit_case(actor, work_item.case):
        raise PermissionDenied(_("You may not change this case."))
    if work_item.done_at:
        raise DomainError(_("This work item has been done already."), code="already_done")
    work_item.done_at, work_item.done_by = now, actor
    work_item.save(update_fields=["done_at", "done_by"])
    case_event_record(case=work_item.case, kind=WORK_ITEM_DONE, actor=actor, now=now, data={"work_item": work_item.pk})
    if work_item.deadline and work_item.deadline.status in LIVE_DEADLINE_STATUSES:
        # Refused without a reason for a statutory term: the transaction then undoes the work item too.
        deadline_mark_met(deadline=work_item.deadline, actor=actor, now=now, reason=reason)
    return work_item


def _send_digest(user, notifications, now):
    # No request tells the language here: the recipient's own choice does (Dutch until they chose).
    with translation.override(user.preferred_language):
        body = render_to_string(
            "cases/email/digest.txt",
            {"user": user, "notifications": notifications, "site_url": settings.SITE_URL, "now": now},
        )
        subject = ngettext(
            "Regie: %(count)d notification about deadlines",
            "Regie: %(count)d notifications about deadlines",
            len(notifications),
        ) % {"count": len(notifications)}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def notifications_send_digests(*, now) -> int:
    """Mail each user one summary of the notifications not yet sent; each notification goes out once."""
    sent = 0
    recipients = (
        Notification.objects.filter(digested_at__isnull=True, created_at__lte=now)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    users = get_user_model().objects.filter(pk__in=list(recipients), is_active=True)
    for user in users:
        with transaction.atomic():
            notifications = list(
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(recipient=user, digested_at__isnull=True, created_at__lte=now)
                .select_related("case__foreign_national", "deadline")
                .order_by("deadline__due_at", "id")
            )
            if not notifications:
                continue
            if user.email:
                _send_digest(user, notifications, now)
                sent += 1
            else:
                logger.warning("digest skipped: user %s has no e-mail address", user.pk)
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(digested_at=now)
    return sent
