"""The login backend: Django's ModelBackend, with the signed-in user loaded once per request, whole.

Every page shows the user's roles and team and checks permissions. ModelBackend would load the user,
then their own permissions, their groups' permissions, their groups and their team in five queries on
every request. Here `get_user` loads all of it in one (PostgreSQL array subqueries) and fills the
caches ModelBackend itself reads, so `has_perm` behaves exactly as before. The caches live as long as
the user object: one request. Other databases (SQLite for the demo) fall back to ModelBackend's way.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
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


class UserWithRolesBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("team")
        if connections[users.db].vendor != "postgresql":
            return super().get_user(user_id)
        from django.contrib.postgres.expressions import ArraySubquery

        user = (
            users.annotate(
                loaded_role_names=ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name")),
                loaded_user_perms=ArraySubquery(_permission_names(user=OuterRef("pk"))),
                loaded_group_perms=ArraySubquery(_permission_names(group__user=OuterRef("pk"))),
            )
            .filter(pk=user_id)
            .first()
        )
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
