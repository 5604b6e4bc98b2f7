"""The access log: every read of a person's data, written here and only here, and the privacy officer's page of it.

Each row carries the fields of the Logboek Dataverwerkingen standard: who (user), whom (person, case),
for what (the processing activity of `cases.processing`), how (channel, view or endpoint), with what
result, when, and the trace id of the request, so that the rows of one request belong together.
"""

import csv
import re
import uuid
from dataclasses import dataclass

from django.db import connections, router
from django.utils import timezone

from .constants import AccessChannel, AccessResult
from .models import AccessLogEntry
from .processing import activity_label, processing_activity

ACCESS_LOG_PAGE_SIZE = 50
# W3C Trace Context: version-traceid-parentid-flags; an all-zero trace id is invalid.
_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-(?P<trace>[0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")


def access_log_record(
    *,
    user,
    now,
    view_name,
    activity,
    channel=AccessChannel.WEB,
    case=None,
    foreign_national=None,
    reason="",
    ip_address=None,
    result=AccessResult.SUCCESS,
    trace_id="",
) -> AccessLogEntry:
    """Write that `user` read (or was refused) the data of a person (and case) for `activity` through `view_name`."""
    if foreign_national is None and case is not None:
        foreign_national = case.foreign_national
    return AccessLogEntry.objects.create(
        user=user,
        occurred_at=now,
        view_name=view_name[:200],
        activity=processing_activity(activity).code,
        channel=channel,
        result=result,
        trace_id=trace_id,
        case=case,
        foreign_national=foreign_national,
        reason=reason,
        ip_address=ip_address,
    )


def access_log_record_many(
    *, user, now, view_name, activity, foreign_nationals, channel=AccessChannel.WEB, ip_address=None, trace_id=""
) -> int:
    """Write one access-log row per person shown in a list (search results), in one statement.

    `foreign_nationals` are people or their ids. A person shown twice (a closed and an open case) was
    still read once: one row each. Returns the number of rows written.
    """
    person_ids = list(dict.fromkeys(getattr(person, "pk", person) for person in foreign_nationals))
    if not person_ids:
        return 0
    facts = {
        "user": user.pk,
        "occurred_at": now,
        "view_name": view_name[:200],
        "activity": processing_activity(activity).code,
        "channel": channel,
        "result": AccessResult.SUCCESS,
        "trace_id": trace_id,
        "ip_address": ip_address,
        "case": None,
        "reason": "",
    }
    using = router.db_for_write(AccessLogEntry)
    connection = connections[using]
    fields = [field for field in AccessLogEntry._meta.concrete_fields if not field.primary_key]
    # One multi-row INSERT of values prepared as the ORM prepares them (it is atomic by itself: no BEGIN and
    # COMMIT around it). Not bulk_create: a model instance per row and its compilation cost more than the
    # write (docs/perf-notes-issue8.md); only the person differs from row to row.
    constant = {
        field.attname: field.get_db_prep_save(facts[field.name], connection)
        for field in fields
        if field.name != "foreign_national"
    }
    person_field = AccessLogEntry._meta.get_field("foreign_national")
    people = [person_field.get_db_prep_save(pk, connection) for pk in person_ids]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    table = quote(AccessLogEntry._meta.db_table)
    # Only the model's own table and column names and placeholders go into the text; every value is a parameter.
    if connection.vendor == "postgresql":
        # The people as one array: a statement of a dozen placeholders that psycopg parses once and caches,
        # where one placeholder per value (500 for a page) is parsed again on every request.
        selected = ", ".join("unnest(%s::bigint[])" if field.name == "foreign_national" else "%s" for field in fields)
        sql = f"INSERT INTO {table} ({columns}) SELECT {selected}"  # noqa: S608  # nosec B608
        params = [people if field.name == "foreign_national" else constant[field.attname] for field in fields]
    else:
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(person_ids))}"  # noqa: S608  # nosec B608
        params = [
            person if field.name == "foreign_national" else constant[field.attname]
            for person in people
            for field in fields
        ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    return len(person_ids)


def request_trace_id(request) -> str:
    """The trace id of this request: the caller's W3C `traceparent` when it sends one, else a new one."""
    trace_id = getattr(request, "regie_trace_id", None)
    if trace_id is None:
        match = _TRACEPARENT.match(request.META.get("HTTP_TRACEPARENT", "").strip().lower())
        trace_id = match["trace"] if match and match["trace"] != "0" * 32 else uuid.uuid4().hex
        request.regie_trace_id = trace_id
    return trace_id


def _request_facts(request, channel):
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match and match.view_name else request.path
    return {
        "user": request.user,
        "now": timezone.now(),
        "view_name": view_name,
        "channel": channel,
        "ip_address": request.META.get("REMOTE_ADDR") or None,
        "trace_id": request_trace_id(request),
    }


def log_read(request, *, activity, case=None, foreign_national=None, reason="", channel=AccessChannel.WEB):
    """Record that the requesting user read this case's / person's data for `activity` (cases.processing)."""
    return access_log_record(
        **_request_facts(request, channel),
        activity=activity,
        case=case,
        foreign_national=foreign_national,
        reason=reason,
    )


def log_refused(request, *, activity, case=None, foreign_national=None, reason="", channel=AccessChannel.WEB):
    """Record that the requesting user asked for this case's / person's data and was refused."""
    return access_log_record(
        **_request_facts(request, channel),
        activity=activity,
        case=case,
        foreign_national=foreign_national,
        reason=reason,
        result=AccessResult.DENIED,
    )


def log_list_read(request, foreign_nationals, *, activity, channel=AccessChannel.WEB):
    """Record one row per person shown in a list of results (people, or their ids)."""
    return access_log_record_many(
        **_request_facts(request, channel), activity=activity, foreign_nationals=foreign_nationals
    )


# --- The privacy officer's page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AccessLogFilter:
    """What the privacy officer narrows the log to; every part is optional."""

    user_id: int | None = None
    v_number: str = ""
    case_id: int | None = None
    activity: str = ""
    channel: str = ""
    result: str = ""
    break_glass_only: bool = False
    date_from: object = None
    date_to: object = None


def access_log_rows(criteria: AccessLogFilter | None = None):
    """The access log, newest first, narrowed by `criteria`."""
    rows = AccessLogEntry.objects.select_related("user", "foreign_national").order_by("-id")
    c = criteria or AccessLogFilter()
    if c.user_id:
        rows = rows.filter(user_id=c.user_id)
    if c.v_number:
        rows = rows.filter(foreign_national__v_number=c.v_number)
    if c.case_id:
        rows = rows.filter(case_id=c.case_id)
    if c.activity:
        rows = rows.filter(activity=c.activity)
    if c.channel:
        rows = rows.filter(channel=c.channel)
    if c.result:
        rows = rows.filter(result=c.result)
    if c.break_glass_only:
        rows = rows.exclude(reason="")
    if c.date_from:
        rows = rows.filter(occurred_at__date__gte=c.date_from)
    if c.date_to:
        rows = rows.filter(occurred_at__date__lte=c.date_to)
    return rows


def access_log_page(*, before_id=None, page_size=ACCESS_LOG_PAGE_SIZE, criteria=None):
    """One page of the access log, newest first, by keyset so deep pages cost the same as the first."""
    rows = access_log_rows(criteria)
    if before_id:
        rows = rows.filter(id__lt=before_id)
    return list(rows[:page_size])


CSV_COLUMNS = [
    "id",
    "occurred_at",
    "trace_id",
    "user",
    "username",
    "v_number",
    "case",
    "activity",
    "activity_name",
    "channel",
    "view_or_endpoint",
    "result",
    "reason",
    "ip_address",
]


def _cell(value):
    # A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula: typed reasons are data.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def access_log_csv_lines(criteria=None):
    """The filtered log as CSV lines (header first), for a streaming download."""

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    yield writer.writerow(CSV_COLUMNS)
    for entry in access_log_rows(criteria).iterator(chunk_size=2000):
        yield writer.writerow(
            [
                _cell(value)
                for value in (
                    entry.pk,
                    entry.occurred_at.isoformat(),
                    entry.trace_id,
                    entry.user,
                    entry.user.username,
                    entry.foreign_national.v_number if entry.foreign_national else "",
                    entry.case_id or "",
                    entry.activity,
                    activity_label(entry.activity),
                    entry.channel,
                    entry.view_name,
                    entry.result,
                    entry.reason,
                    entry.ip_address or "",
                )
            ]
        )
