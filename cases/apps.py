from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from dtv.accounts.constants import Role
from dtv.core.navigation import MenuEntry, StartPage

# What every role may do with cases; scope (which cases) is cases.permissions' business.
_READ_CASES = ["cases.view_case", "cases.view_foreignnational", "cases.view_caseevent"]
_WORK_CASES = [*_READ_CASES, "cases.change_case", "cases.add_case", "cases.change_foreignnational"]


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    # Collected by dtv.accounts.roles into the role groups after every migrate.
    role_permissions = {
        Role.CASE_OFFICER: [*_WORK_CASES, "cases.break_glass"],
        Role.TEAM_LEAD: [
            *_WORK_CASES,
            "cases.assign_case",
            "cases.view_team_caseload",
            "cases.mark_confidential",
            "cases.reopen_case",
            "cases.break_glass",
        ],
        Role.ENFORCEMENT_OFFICER: [*_READ_CASES, "cases.break_glass"],
        # The Atw calendar is reference data kept in the admin.
        Role.FUNCTIONAL_ADMIN: [
            "cases.view_atwholiday",
            "cases.add_atwholiday",
            "cases.change_atwholiday",
            "cases.delete_atwholiday",
        ],
        Role.PRIVACY_OFFICER: ["cases.view_accesslogentry", "cases.view_caseevent"],
        Role.CHAIN_PARTNER: ["cases.submit_handover"],
    }
    # Collected by dtv.navigation into the main navigation and the start page.
    navigation = [
        MenuEntry(_("Work queue"), "cases:workqueue", permission="cases.view_case", order=10),
        MenuEntry(_("Search"), "cases:search", permission="cases.view_case", order=20),
        MenuEntry(_("Register"), "cases:intake", permission="cases.add_case", order=30),
        MenuEntry(_("Overdue"), "cases:overdue", permission="cases.view_team_caseload", order=40),
        MenuEntry(
            _("Notifications"),
            "cases:notifications",
            permission="cases.view_case",
            order=50,
            badge="cases.deadlines.selectors.unread_count",
            badge_label=_("unread"),
        ),
        MenuEntry(_("Access log"), "cases:access_log", permission="cases.view_accesslogentry", order=70),
    ]
    start_pages = [
        StartPage("cases:workqueue", permission="cases.view_case", order=10),
        StartPage("cases:access_log", permission="cases.view_accesslogentry", order=20),
    ]

    def ready(self):
        # The event kinds of cases and of its deadline engine register themselves on import.
        from . import events  # noqa: F401
        from .deadlines import events as deadline_events  # noqa: F401

        # The deadline rules cases registers (its own, and those of the apps still to be built).
        from .deadlines import rules  # noqa: F401
        from .deadlines.calendar import seed_atw_calendar

        # The case-file panels and removability checks of cases register themselves on import.
        from .selectors import casefile, removability  # noqa: F401

        # After every migrate (and every flush in tests), so that a database never lacks the calendar.
        post_migrate.connect(seed_atw_calendar, sender=self, dispatch_uid="cases.seed_atw_calendar")
