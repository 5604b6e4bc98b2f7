from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dtv.accounts"
    label = "accounts"
    verbose_name = _("Users and teams")

    def ready(self):
        from .roles import sync_role_groups

        # After every migrate, so permissions of models added later join their roles too.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
