from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dtv.accounts.constants import Role
from dtv.core.navigation import MenuEntry

_READ = [
    "departures.view_departureplan",
    "departures.view_removal",
    "departures.view_departurefile",
    "departures.view_dublinclaim",
    "departures.view_operation",
]
_WORK = [
    *_READ,
    "departures.add_departureplan",
    "departures.add_removal",
    "departures.change_removal",
    "departures.change_departurefile",
    "departures.add_dublinclaim",
    "departures.change_dublinclaim",
]


class DeparturesConfig(AppConfig):
    name = "departures"
    verbose_name = _("Departures")

    role_permissions = {
        # The case officer reads the medical particulars of their own cases only (permissions.can_read_medical).
        Role.CASE_OFFICER: [*_WORK, "departures.view_medical_particulars"],
        Role.TEAM_LEAD: [*_WORK, "departures.approve_forced_track", "departures.organise_operation"],
        Role.ENFORCEMENT_OFFICER: _READ,
        Role.MEDICAL_STAFF: ["departures.view_medical_particulars"],
        # KMar reads the departure file of the removals it escorts, medical part included (the API checks KMar).
        # KMar also reads the operations it escorts and their manifests (departures.manifest.sees_whole_manifest).
        Role.CHAIN_PARTNER: [
            "departures.view_departurefile",
            "departures.view_medical_particulars",
            "departures.view_operation",
        ],
    }
    navigation = [
        MenuEntry(_("Departures this week"), "departures:this_week", permission="departures.view_removal", order=47),
        MenuEntry(_("Group operations"), "departures:operations", permission="departures.view_operation", order=48),
    ]
    urls = ("", "departures.urls")

    def ready(self):
        from . import deadlines, events, processing, receivers, removability  # noqa: F401  (register on import)
        from .panels import register  # noqa: F401
