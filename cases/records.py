"""The two accountability records every module writes: the case timeline and the access log."""

from django.db import transaction

from .constants import AccessChannel
from .models import AccessLogEntry, CaseEvent


def case_event_record(*, case, kind, actor, now, data=None) -> CaseEvent:
    """Append one event to the case's timeline (call inside the service's own transaction)."""
    return CaseEvent.objects.create(case=case, kind=kind, actor=actor, occurred_at=now, data=data or {})


def access_log_record(
    *,
    user,
    now,
    view_name,
    channel=AccessChannel.WEB,
    case=None,
    foreign_national=None,
    reason="",
    ip_address=None,
) -> AccessLogEntry:
    """Write that `user` read the data of a person (and case) through `view_name`."""
    if foreign_national is None and case is not None:
        foreign_national = case.foreign_national
    return AccessLogEntry.objects.create(
        user=user,
        occurred_at=now,
        view_name=view_name[:200],
        channel=channel,
        case=case,
        foreign_national=foreign_national,
        reason=reason,
        ip_address=ip_address,
    )


@transaction.atomic
def access_log_record_many(*, user, now, view_name, foreign_nationals, channel=AccessChannel.WEB, ip_address=None):
    """Write one access-log row per person shown in a list (search results), in one statement."""
    rows = [
        AccessLogEntry(
            user=user,
            occurred_at=now,
            view_name=view_name[:200],
            channel=channel,
            foreign_national=person,
            ip_address=ip_address,
        )
        for person in foreign_nationals
    ]
    return AccessLogEntry.objects.bulk_create(rows)
