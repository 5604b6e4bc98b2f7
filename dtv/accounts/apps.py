from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dtv.accounts"
    label = "accounts"
    verbose_name = _("Users and teams")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401  (registers the deploy checks)
        from .roles import sync_role_groups
        from .sessions import session_started_record

        user_logged_in.connect(session_started_record, dispatch_uid="accounts.session_started")

        # After every migrate, so permissions of models added later join their roles too.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
