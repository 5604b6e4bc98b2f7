"""Who may see or change which cases: one place, for the browser, the API, tasks and the shell alike.

- A case officer sees the team's cases and changes the cases assigned to them.
- A team lead sees and changes the team's cases and the unassigned national intake.
- A confidential case is seen only by its own case officer and the team lead.
- Anybody else with the break-the-glass permission may open a case for a limited time after
  recording a reason; that access is read-only and every read is logged with the reason.
- A chain partner reads only the cases it handed over.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from dtv.core.batch import fetch_together, prepared

from .constants import Phase, source_of_partner
from .models import BreakGlassGrant, Case, Handover
from .querysets import NATIONAL_INTAKE


def scope_shape(user) -> tuple[str, dict]:
    """The kind of the user's normal scope and the scalar values it depends on: for a prepared queryset's build.

    `cases_of_scope(kind, **values)` is then the same queryset as `cases_visible_to(user)`.
    """
    if not user.is_authenticated:
        return "none", {}
    if user.chain_partner:
        source = source_of_partner(user.chain_partner)
        return ("partner", {"source": str(source)}) if source else ("none", {})
    if not user.has_perm("cases.view_case"):
        return "none", {}
    if user.has_perm("cases.view_team_caseload"):
        return ("lead", {"team_id": user.team_id}) if user.team_id else ("intake", {})
    if not user.team_id:
        return "none", {}
    return "officer", {"team_id": user.team_id, "user_id": user.pk}


def _scope_parts_of(kind, *, team_id=None, user_id=None, source=None) -> list[Q]:
    if kind == "partner":
        return [Q(pk__in=Handover.objects.filter(source=source).values("case_id"))]
    if kind == "lead":
        return [Q(team_id=team_id), NATIONAL_INTAKE]
    if kind == "intake":
        return [NATIONAL_INTAKE]
    if kind == "officer":
        return [Q(team_id=team_id) & (Q(confidential=False) | Q(case_officer=user_id))]
    return []


def _scope_of(kind, **values) -> Q:
    parts = _scope_parts_of(kind, **values)
    return reduce(operator.or_, parts) if parts else Q(pk__in=[])


def cases_of_scope(kind, *, within=None, **values):
    """Cases within a scope given by `scope_shape` (what cases_visible_to(user, within=) is, for a prepared build)."""
    if within is None:
        return Case.objects.filter(_scope_of(kind, **values))
    if within in _scope_parts_of(kind, **values):
        return Case.objects.filter(within)
    return Case.objects.filter(_scope_of(kind, **values) & within)


def case_scope(user) -> Q:
    """The user's normal scope (no break-the-glass) as a condition on Case: a plain WHERE, no join, no distinct."""
    kind, values = scope_shape(user)
    return _scope_of(kind, **values)


def cases_visible_to(user, *, within=None):
    """Cases within the user's normal scope (no break-the-glass), narrowed to the condition `within` if given.

    Where `within` is a whole part of the scope (a team lead's team: `Q(team_id=…)`, the national
    intake: `NATIONAL_INTAKE`) the scope is not written around it again: an OR over a condition the
    query already has makes PostgreSQL estimate a handful of rows where there are thousands, and it
    then sorts them all instead of reading the work queue's index in order.
    """
    kind, values = scope_shape(user)
    return cases_of_scope(kind, within=within, **values)


def can_edit_case(user, case) -> bool:
    """Whether `user` may change `case` (record interviews, procedures, documents, notes, transitions)."""
    if not user.is_authenticated or not user.has_perm("cases.change_case") or not case.is_open:
        return False
    if user.has_perm("cases.view_team_caseload"):
        return case.in_national_intake or (user.team_id is not None and case.team_id == user.team_id)
    return case.case_officer_id == user.pk


def can_assign_case(user, case) -> bool:
    """Whether `user` may (re)assign `case`: a team lead, for the team's cases and the national intake."""
    if not user.is_authenticated or not user.has_perm("cases.assign_case") or not user.team_id:
        return False
    return case.team_id in (None, user.team_id)


def can_mark_confidential(user, case) -> bool:
    """Whether `user` may mark `case` confidential or lift it: a team lead who may change the case."""
    return user.has_perm("cases.mark_confidential") and can_edit_case(user, case)


def can_reopen_case(user, case) -> bool:
    """Whether `user` may reopen `case`: a team lead, for a closed case of their own team (a DT&V decision)."""
    return (
        user.is_authenticated
        and user.has_perm("cases.reopen_case")
        and case.phase == Phase.CLOSED
        and user.team_id is not None
        and case.team_id == user.team_id
    )


@dataclass(frozen=True)
class CaseAccess:
    """How a user reaches a case: in scope, or through break-the-glass with the recorded reason.

    The capabilities fold in the rule that break-the-glass access is read-only, so no caller has to.
    """

    case: Case
    user: object = None
    break_glass_reason: str = ""

    @property
    def through_break_glass(self) -> bool:
        return bool(self.break_glass_reason)

    @property
    def can_edit(self) -> bool:
        return not self.through_break_glass and can_edit_case(self.user, self.case)

    @property
    def can_assign(self) -> bool:
        return not self.through_break_glass and can_assign_case(self.user, self.case)

    @property
    def can_mark_confidential(self) -> bool:
        return not self.through_break_glass and can_mark_confidential(self.user, self.case)

    @property
    def can_reopen(self) -> bool:
        return not self.through_break_glass and can_reopen_case(self.user, self.case)


class OutsideScope(Exception):
    """The case exists but lies outside the user's scope; the user may break the glass."""

    def __init__(self, case_id):
        super().__init__(case_id)
        self.case_id = case_id


def _related_only(queryset) -> tuple | None:
    """The select_related paths of a Case queryset that does nothing else (None: it filters, orders, annotates...)."""
    if queryset is None:
        return ()
    query = queryset.query
    plain = (
        queryset.model is Case
        and not query.where
        and not query.annotations
        and not query.extra
        and not query.order_by
        and not query.distinct
        and not query.combinator
        and not query.deferred_loading[0]
        and query.low_mark == 0
        and query.high_mark is None
        and not queryset._prefetch_related_lookups
    )
    if not plain or query.select_related is True:
        return None

    def paths(tree, prefix=""):
        for name, below in sorted((tree or {}).items()):
            yield prefix + name
            yield from paths(below, f"{prefix}{name}__")

    return tuple(paths(query.select_related or {}))


def _case_in_scope(kind, related, *, case_id, **values):
    # The case by id within a scope of this kind: a prepared statement per kind (dtv.core.batch.prepared).
    cases = Case.objects.select_related(*related) if related else Case.objects.all()  # select_related(): every FK
    return cases.filter(_scope_of(kind, **values), pk=case_id)[:1]


def _case_of(user, case_id, queryset):
    related = _related_only(queryset)
    if related is None or type(case_id) is not int:
        return queryset.filter(case_scope(user), pk=case_id).first()
    kind, values = scope_shape(user)
    # The page's first query, on every case page: compiled once per scope kind, not per request.
    found = fetch_together({"case": prepared(_case_in_scope, kind, related, case_id=case_id, **values)})["case"]
    return found[0] if found else None


def case_access(*, user, case_id, now, queryset=None, break_glass=True) -> CaseAccess | None:
    """The user's access to case `case_id`: None if it does not exist, OutsideScope if only the glass helps."""
    base = queryset if queryset is not None else Case.objects.all()
    # The scope as a plain WHERE on the same query: a `pk IN (subquery)` costs the planner more than the read.
    case = _case_of(user, case_id, queryset)
    if case is not None:
        return CaseAccess(case=case, user=user)
    if not break_glass or not user.has_perm("cases.break_glass"):
        return None
    grant = (
        BreakGlassGrant.objects.filter(user=user, case_id=case_id, expires_at__gt=now).order_by("-expires_at").first()
    )
    if grant is not None:
        return CaseAccess(case=base.get(pk=case_id), user=user, break_glass_reason=grant.reason)
    if Case.objects.filter(pk=case_id).exists():
        raise OutsideScope(case_id)
    return None


# How long the break-the-glass offer of a search stays valid (the form may be read and filled in).
BREAK_GLASS_OFFER_SECONDS = 30 * 60
_OFFER_SALT = "cases.permissions.break_glass_offer"


def break_glass_offer(*, user, case_id) -> str:
    """A signed token that lets `user` ask break-the-glass access to `case_id`, handed out by an exact V-number search.

    Without it the case file and the break-the-glass page of a case outside the scope answer as for a
    case that does not exist, so trying ids tells nobody which exist.
    """
    return signing.dumps([user.pk, case_id], salt=_OFFER_SALT, compress=False)


def break_glass_offered(*, user, case_id, token) -> bool:
    """Whether `token` is a still-valid offer of `case_id` to `user`."""
    if not token or not isinstance(token, str) or len(token) > 200:
        return False
    try:
        offered = signing.loads(token, salt=_OFFER_SALT, max_age=BREAK_GLASS_OFFER_SECONDS)
    except signing.BadSignature:
        return False
    return offered == [user.pk, case_id]


def case_for_reading(*, user, case_id, now, queryset=None, break_glass=True) -> CaseAccess:
    """The case this request may read: Http404 when missing or out of scope, OutsideScope when the glass may help.

    With `break_glass=False` (the API, chain partners) grants are ignored and out of scope is simply 404.
    """
    access = case_access(user=user, case_id=case_id, now=now, queryset=queryset, break_glass=break_glass)
    if access is None:
        raise Http404
    return access


def case_for_change(*, user, case_id, now, queryset=None) -> Case:
    """The case this request may change: 404 outside the scope (the glass gives no write access), 403 without rights."""
    try:
        access = case_for_reading(user=user, case_id=case_id, now=now, queryset=queryset)
    except OutsideScope:
        raise Http404 from None
    if not access.can_edit:
        raise PermissionDenied
    return access.case


def can_read_case_work(user) -> bool:
    """Whether the user may read DT&V's case work (interviews, procedures, deadlines, timeline) of a visible case.

    Chain partners receive the status of the cases they handed over, not the case work (AVG art. 5
    lid 1 onder c, data minimisation).
    """
    return user.is_authenticated and not user.chain_partner


def scoped(queryset, user, *, via="case"):
    """The rows of `queryset` whose case (reached through `via`) lies within the user's scope: for every app's lists."""
    return queryset.filter(**{f"{via}__in": cases_visible_to(user).values("pk")})
