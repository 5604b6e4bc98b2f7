from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from dtv.accounts.constants import Role
from dtv.core.navigation import MenuEntry

_READ = ["laissezpasser.view_country", "laissezpasser.view_mission", "laissezpasser.view_traveldocumentrequest"]
_WORK = [*_READ, "laissezpasser.add_traveldocumentrequest", "laissezpasser.change_traveldocumentrequest"]
_REFERENCE = [
    f"laissezpasser.{action}_{model}"
    for model in ("country", "mission")
    for action in ("view", "add", "change", "delete")
]


class LaissezpasserConfig(AppConfig):
    name = "laissezpasser"
    verbose_name = _("Travel documents")

    role_permissions = {
        Role.CASE_OFFICER: _WORK,
        Role.TEAM_LEAD: [*_WORK, "laissezpasser.approve_appeal_phase_request"],
        Role.ENFORCEMENT_OFFICER: _READ,
        # Countries and missions are reference data kept in the admin (no personal data there).
        Role.FUNCTIONAL_ADMIN: _REFERENCE,
    }
    navigation = [
        MenuEntry(_("Countries"), "laissezpasser:country_list", permission="laissezpasser.view_country", order=55),
    ]
    # Pages under /reisdocumenten/, the API under /api/v1/ (beside the API of cases).
    urls = ("", "laissezpasser.urls")

    def ready(self):
        from . import deadlines, events, processing, receivers, removability  # noqa: F401  (register on import)
        from .panels import register  # noqa: F401
        from .reference import seed_countries

        post_migrate.connect(seed_countries, sender=self, dispatch_uid="laissezpasser.seed_countries")
