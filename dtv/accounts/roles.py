"""Which permissions each role holds, as the installed apps grant them, synchronised into groups after migrate.

Each app grants its own permissions on its `AppConfig`:

    role_permissions = {Role.FUNCTIONAL_ADMIN: ["accounts.change_user", ...], ...}

This module keeps the mechanism, not the list: it names no other app's permission. A key may be a
`Role` or its value ("functional_admin"), so that `dtv.core`, which may not import this layer, can
grant too.
"""

from collections import defaultdict

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .constants import Role

# Roles that work in the Django admin (Beheer) need is_staff.
STAFF_ROLES = {Role.FUNCTIONAL_ADMIN}


def role_permissions(app_configs=None) -> dict[Role, frozenset[str]]:
    """Every role with the permissions ("app_label.codename") the installed apps grant it; roles without any too."""
    configs = apps.get_app_configs() if app_configs is None else app_configs
    granted = defaultdict(set)
    for config in configs:
        for key, names in getattr(config, "role_permissions", {}).items():
            try:
                role = Role(key)
            except ValueError:
                raise ImproperlyConfigured(f"{config.name} grants permissions to an unknown role {key!r}.") from None
            for name in names:
                app_label, _, codename = name.partition(".")
                # An app grants only its own permissions, so the owner of every grant is plain to see.
                if app_label != config.label or not codename:
                    raise ImproperlyConfigured(
                        f"{config.name} may grant only its own permissions "
                        f"('{config.label}.<codename>'), not {name!r}."
                    )
                granted[role].add(name)
    return {role: frozenset(granted[role]) for role in Role}


def sync_role_groups(sender=None, using="default", **kwargs):
    """Create one group per role and give it exactly the permissions the apps grant it."""
    from django.contrib.auth.models import Group, Permission

    # A permission that does not exist (yet) is skipped; it joins its role on a later migrate.
    wanted = role_permissions()
    with transaction.atomic(using=using):
        permissions = {
            f"{p.content_type.app_label}.{p.codename}": p
            for p in Permission.objects.using(using).select_related("content_type")
        }
        for role, names in wanted.items():
            group, _ = Group.objects.using(using).get_or_create(name=role.value)
            group.permissions.set([permissions[name] for name in sorted(names) if name in permissions])


def check_role_permissions(app_configs=None, **kwargs):
    """System check: every app's grants name a role and the app's own permissions."""
    try:
        role_permissions(app_configs)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="accounts.E001")]
    return []
