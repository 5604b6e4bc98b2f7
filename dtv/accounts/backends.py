"""The login backend: Django's ModelBackend, with the signed-in user loaded once per request, whole.

Every page shows the user's roles and team and checks permissions. ModelBackend would load the user,
then their own permissions, their groups' permissions, their groups and their team in five queries on
every request. Here `get_user` loads all of it in one (PostgreSQL array subqueries) and fills the
caches ModelBackend itself reads, so `has_perm` behaves exactly as before. The caches live as long as
the user object: one request. Other databases (SQLite for the demo) fall back to ModelBackend's way.

The statement is compiled by the ORM once per process and then only executed: compiling a query with
three array subqueries cost ~2.4 ms of every request, its execution 0.9 ms (docs/perf-notes-issue8.md).
The rows become model instances as QuerySet does it: `Model.from_db` after the fields' converters.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.db.models import CharField, OuterRef, Value
from django.db.models.functions import Concat
from django.utils import timezone

from dtv.core.http import client_address

from .lockout import login_failure_record, login_locked_until, login_success_record


def _permission_names(**where):
    return (
        Permission.objects.filter(**where)
        .annotate(name_with_app=Concat("content_type__app_label", Value("."), "codename", output_field=CharField()))
        .values("name_with_app")
    )


_ANNOTATIONS = ("loaded_role_names", "loaded_user_perms", "loaded_group_perms")
# A user id that cannot be a real one: the compiled statement's parameter that get_user replaces.
_PLACEHOLDER_ID = -424242


def _users_with_roles():
    from django.contrib.postgres.expressions import ArraySubquery

    return (
        get_user_model()
        ._default_manager.select_related("team")
        .annotate(
            loaded_role_names=ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name")),
            loaded_user_perms=ArraySubquery(_permission_names(user=OuterRef("pk"))),
            loaded_group_perms=ArraySubquery(_permission_names(group__user=OuterRef("pk"))),
        )
    )


class _CompiledUserQuery:
    """`_users_with_roles().filter(pk=…)` compiled once for a database, run with another id each time."""

    def __init__(self, using):
        users = _users_with_roles().filter(pk=_PLACEHOLDER_ID).using(using)
        compiler = users.query.get_compiler(using)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.position = self.params.index(_PLACEHOLDER_ID)
        self.using = using  # connections are per thread: looked up on each load, never kept
        connection = connections[using]
        self.user_model = users.model
        self.team_model = users.model._meta.get_field("team").related_model
        self.columns = columns = [column for column, _sql, _alias in compiler.select]
        user_start = compiler.klass_info["select_fields"][0]
        user_fields = compiler.klass_info["select_fields"]
        team_info = compiler.klass_info["related_klass_infos"][0]
        self.user_slice = slice(user_start, user_fields[-1] + 1)
        self.team_slice = slice(team_info["select_fields"][0], team_info["select_fields"][-1] + 1)
        self.annotation_positions = {name: compiler.annotation_col_map[name] for name in _ANNOTATIONS}
        self.converters = [
            connection.ops.get_db_converters(column) + column.field.get_db_converters(connection)
            if hasattr(column, "field")
            else []
            for column in columns
        ]

    def load(self, user_id):
        try:
            user_id = self.user_model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        params = list(self.params)
        params[self.position] = user_id
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for position, converters in enumerate(self.converters):
            for converter in converters:
                row[position] = converter(row[position], self.columns[position], connection)
        db = self.using
        user = self.user_model.from_db(db, None, row[self.user_slice])
        team_values = row[self.team_slice]
        user.team = self.team_model.from_db(db, None, team_values) if team_values[0] is not None else None
        for name, position in self.annotation_positions.items():
            setattr(user, name, row[position])
        return user


_compiled = {}


class UserWithRolesBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager
        if connections[users.db].vendor != "postgresql":
            return super().get_user(user_id)
        if users.db not in _compiled:
            _compiled[users.db] = _CompiledUserQuery(users.db)
        user = _compiled[users.db].load(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        if not user.is_superuser:
            # The caches ModelBackend fills on first use (a superuser's are every permission: left to it).
            user._user_perm_cache = set(user.loaded_user_perms)
            user._group_perm_cache = set(user.loaded_group_perms)
            user._perm_cache = user._user_perm_cache | user._group_perm_cache
        return user


def lockout_of(request):
    """Until when the login attempt on `request` was refused by the lockout, or None."""
    return getattr(request, "login_locked_until", None)


class LockoutModelBackend(UserWithRolesBackend):
    """ModelBackend that refuses locked account names and addresses and never logs a chain partner in.

    A chain partner's account exists for the API (token) only: with the right password it gets the
    same answer as with a wrong one, and the attempt counts as a failure, so the login page tells
    nobody which accounts are partner accounts.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        now = timezone.now()
        address = client_address(request) if request is not None else None
        until = login_locked_until(username=username, address=address, now=now)
        if until is not None:
            if request is not None:
                request.login_locked_until = until
            # PermissionDenied stops authenticate() here: no other backend is tried.
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or user.is_api_only:
            login_failure_record(username=username, address=address, now=now)
            return None
        login_success_record(username=username)
        return user
