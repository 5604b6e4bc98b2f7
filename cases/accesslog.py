"""The access log: every read of a person's data, written here and only here, and the privacy officer's page of it."""

from django.db import router
from django.utils import timezone

from .constants import AccessChannel
from .models import AccessLogEntry

ACCESS_LOG_PAGE_SIZE = 50


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


def access_log_record_many(*, user, now, view_name, foreign_nationals, channel=AccessChannel.WEB, ip_address=None):
    """Write one access-log row per person shown in a list (search results), in one statement.

    A person shown twice (a closed and an open case) was still read once: one row each.
    """
    foreign_nationals = {person.pk: person for person in foreign_nationals}.values()
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
    if rows:
        # One multi-row INSERT, which is atomic by itself: bulk_create would wrap it in a transaction of
        # its own (BEGIN and COMMIT, two more round trips on every list page). No ids are read back.
        fields = [field for field in AccessLogEntry._meta.concrete_fields if not field.primary_key]
        AccessLogEntry.objects._insert(rows, fields=fields, using=router.db_for_write(AccessLogEntry))
    return rows


def _request_facts(request, channel):
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match and match.view_name else request.path
    return {
        "user": request.user,
        "now": timezone.now(),
        "view_name": view_name,
        "channel": channel,
        "ip_address": request.META.get("REMOTE_ADDR") or None,
    }


def log_read(request, *, case=None, foreign_national=None, reason="", channel=AccessChannel.WEB):
    """Record that the requesting user read this case's / person's data."""
    return access_log_record(
        **_request_facts(request, channel),
        case=case,
        foreign_national=foreign_national,
        reason=reason,
    )


def log_list_read(request, foreign_nationals, channel=AccessChannel.WEB):
    """Record one row per person shown in a list of results."""
    return access_log_record_many(**_request_facts(request, channel), foreign_nationals=foreign_nationals)


def access_log_page(*, before_id=None, page_size=ACCESS_LOG_PAGE_SIZE):
    """One page of the access log, newest first, by keyset so deep pages cost the same as the first."""
    rows = AccessLogEntry.objects.select_related("user", "foreign_national").order_by("-id")
    if before_id:
        rows = rows.filter(id__lt=before_id)
    return list(rows[:page_size])
