from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .navigation import MenuEntry, StartPage


class CoreConfig(AppConfig):
    name = "dtv.core"
    label = "core"
    verbose_name = _("System")

    # Keyed by the role's value: core sits below dtv.accounts and may not import its Role.
    role_permissions = {"functional_admin": ["core.view_heartbeat"]}
    navigation = [MenuEntry(_("System status"), "core:status", permission="core.view_heartbeat", order=80)]
    start_pages = [StartPage("core:status", permission="core.view_heartbeat", order=30)]
