"""Read functions of the deadline subsystem: overdue deadlines of a team, a user's notifications."""

from django.db.models import F

from dtv.core.batch import counted, fetch_together, prepared

from ..constants import DeadlineStatus
from ..models import Deadline, Notification


def deadlines_overdue_in_team(*, team):
    """The team's overdue deadlines with their cases, keyed for keyset paging oldest first (partial index)."""
    return (
        Deadline.objects.filter(status=DeadlineStatus.OVERDUE, case__team=team)
        .select_related("case__foreign_national", "case__case_officer")
        .annotate(sort_key=F("due_at"))
    )


def _unread_build(*, user_id):
    return counted(Notification.objects.filter(recipient_id=user_id, read_at__isnull=True))


def unread_count(user) -> int:
    """How many notifications the user has not read (one indexed count, on every page: prepared)."""
    return fetch_together({"unread": prepared(_unread_build, user_id=user.pk)})["unread"]


def notifications_of(*, user):
    """The user's notifications, keyed for keyset paging newest first (the key is the negated id)."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("case__foreign_national", "deadline")
        .annotate(sort_key=-F("id"))
    )
