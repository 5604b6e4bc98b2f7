"""Services for users and teams."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from .models import User
from .roles import STAFF_ROLES


@transaction.atomic
def user_set_roles(*, user: User, roles) -> User:
    """Give `user` exactly `roles` (groups); staff status follows the roles that need the admin."""
    user.groups.set([Group.objects.get(name=role.value) for role in roles])
    user.is_staff = user.is_superuser or any(role in STAFF_ROLES for role in roles)
    user.save(update_fields=["is_staff"])
    return user


def user_language_set(*, user: User, language: str) -> bool:
    """Remember the language the user chose (for mail sent without a request); an unknown code is ignored."""
    if language not in dict(settings.LANGUAGES) or user.language == language:
        return False
    user.language = language
    user.save(update_fields=["language"])
    return True
