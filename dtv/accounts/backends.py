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
from django.db import connections
from django.db.models import CharField, OuterRef, Value
from django.db.models.functions import Concat


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
