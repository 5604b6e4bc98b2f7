"""Read functions for cases, used by views, the API and other apps."""

from django.db.models import Q

from .constants import Phase
from .models import AccessLogEntry, Case, ForeignNational
from .permissions import cases_visible_to

ACCESS_LOG_PAGE_SIZE = 50


def cases_for_workqueue(*, user):
    """The open cases assigned to `user`, with what the work queue shows, in one query."""
    return (
        Case.objects.filter(case_officer=user)
        .exclude(phase=Phase.CLOSED)
        .select_related("foreign_national", "team")
        .order_by("opened_at", "id")
    )


def foreign_nationals_search(*, user, v_number="", name=""):
    """People matching a V-number (exact) or surname (partial) whose cases the user's team works."""
    if not (v_number or name):
        return ForeignNational.objects.none()
    query = Q()
    if v_number:
        query &= Q(v_number=v_number)
    if name:
        query &= Q(surname__icontains=name) | Q(given_names__icontains=name)
    # The same scope as every other read of a case: one rule, in permissions.py.
    scope = Q(cases__in=cases_visible_to(user))
    return ForeignNational.objects.filter(query).filter(scope).distinct().order_by("surname", "id")[:50]


def access_log_page(*, before_id=None, page_size=ACCESS_LOG_PAGE_SIZE):
    """One page of the access log, newest first, by keyset so deep pages cost the same as the first."""
    rows = AccessLogEntry.objects.select_related("user", "foreign_national").order_by("-id")
    if before_id:
        rows = rows.filter(id__lt=before_id)
    return list(rows[:page_size])
