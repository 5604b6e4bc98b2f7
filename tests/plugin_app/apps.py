"""A throwaway app, installed only by the test settings: it plugs into every seam `cases` offers.

It adds an event kind, a deadline rule, a case-file panel, a removability check, a permission with
its role grant and menu entry, a page of its own, and a receiver of `case_closed` — all from here,
without a line in `cases` naming it (tests/test_plugin_app.py shows each of them at work).
"""

from django.apps import AppConfig

from dtv.accounts.constants import Role
from dtv.core.navigation import MenuEntry


class PluginAppConfig(AppConfig):
    name = "tests.plugin_app"
    label = "plugin_app"
    verbose_name = "Plugin (tests only)"

    role_permissions = {Role.TEAM_LEAD: ["plugin_app.view_board"]}
    navigation = [MenuEntry("Plugin board", "plugin_app:board", permission="plugin_app.view_board", order=900)]
    urls = ("plugin/", "tests.plugin_app.urls")

    def ready(self):
        from . import seams  # noqa: F401  (registers the event kind, rule, panel, check and receiver)
