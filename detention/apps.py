from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dtv.accounts.constants import Role
from dtv.core.navigation import MenuEntry

_READ = ["detention.view_measure", "detention.view_detentionorder", "detention.view_courtstep"]
_IMPOSE = [
    *_READ,
    "detention.view_legality",
    "detention.impose_measure",
    "detention.add_measure",
    "detention.change_measure",
    "detention.add_detentionorder",
    "detention.change_detentionorder",
    "detention.add_courtstep",
]


class DetentionConfig(AppConfig):
    name = "detention"
    verbose_name = _("Supervision and detention")

    role_permissions = {
        # Enforcement officers impose the measures and draft the orders.
        Role.ENFORCEMENT_OFFICER: _IMPOSE,
        # Team leads approve the last resort for minors and families (four eyes) and may extend a holding.
        Role.TEAM_LEAD: [*_READ, "detention.view_legality", "detention.approve_order", "detention.extend_holding"],
        # Case officers read, record the reporting duty and write the progress reports to the court.
        Role.CASE_OFFICER: [*_READ, "detention.record_progress"],
    }

    navigation = [
        MenuEntry(_("My detention work"), "detention:queue", permission="detention.impose_measure", order=47),
        MenuEntry(_("Detentions"), "detention:legality_list", permission="detention.view_legality", order=48),
    ]
    # Pages under /detentie/, the API under /api/v1/ (beside the API of cases).
    urls = ("", "detention.urls")

    def ready(self):
        from . import deadlines, events, processing, receivers  # noqa: F401  (register on import)
        from .panels import register  # noqa: F401
