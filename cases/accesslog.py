"""Glue between a request and the access log: which view, which channel, which address."""

from django.utils import timezone

from .constants import AccessChannel
from .records import access_log_record, access_log_record_many


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
