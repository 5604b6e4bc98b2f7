from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import m2m_changed, post_migrate
from django.utils.translation import gettext_lazy as _

from .constants import Role


class AccountsConfig(AppConfig):
    name = "dtv.accounts"
    label = "accounts"
    verbose_name = _("Users and teams")

    # Functional administration keeps users and teams in the admin.
    role_permissions = {
        Role.FUNCTIONAL_ADMIN: [
            "accounts.view_team",
            "accounts.add_team",
            "accounts.change_team",
            "accounts.view_user",
            "accounts.add_user",
            "accounts.change_user",
            # Roles change with four eyes: one administrator proposes, another decides (rolechanges.py).
            "accounts.view_rolechangerequest",
            "accounts.propose_role_change",
            "accounts.decide_role_change",
        ],
    }

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks as deploy_checks  # noqa: F401  (registers the deploy checks)
        from .models import User, forget_roles
        from .roles import check_role_permissions, sync_role_groups
        from .sessions import session_started_record

        user_logged_in.connect(session_started_record, dispatch_uid="accounts.session_started")

        # After every migrate, so permissions of models added later join their roles too.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
        # A grant to an unknown role or of another app's permission fails `manage.py check`, not a migrate.
        checks.register(check_role_permissions)
        m2m_changed.connect(forget_roles, sender=User.groups.through, dispatch_uid="accounts.forget_roles")
