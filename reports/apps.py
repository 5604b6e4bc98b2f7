from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dtv.accounts.constants import Role
from dtv.core.navigation import MenuEntry, StartPage

_FIGURES = ["reports.view_reports", "reports.view_annualreport", "reports.add_annualreport"]


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    role_permissions = {
        # The annual "Stand van de uitvoering" is the team leads' and the management's to ask for and download.
        Role.TEAM_LEAD: _FIGURES,
        # The management sees the national figures and no personal data: no case, no name, no V-number (it
        # holds no permission of cases, so no page or list of a case opens for it).
        Role.MANAGEMENT: [*_FIGURES, "reports.view_national_dashboard"],
        # Targets and the complaints register are kept in the admin (neither names a person).
        Role.FUNCTIONAL_ADMIN: [
            f"reports.{action}_{model}" for model in ("target", "complaint") for action in ("view", "add", "change")
        ],
    }
    # The dashboard shows the team's caseload: whoever may see that caseload sees the dashboard. The
    # statistics and KPIs are reached from the dashboard (one menu entry for the team lead's figures).
    navigation = [
        MenuEntry(_("Dashboard"), "reports:dashboard", permission="cases.view_team_caseload", order=60),
        MenuEntry(
            _("National dashboard"),
            "reports:national_dashboard",
            permission="reports.view_national_dashboard",
            order=61,
        ),
    ]
    start_pages = [StartPage("reports:national_dashboard", permission="reports.view_national_dashboard", order=40)]

    # The pages are under /dashboard/ (dtv/urls.py); the API for reporting tools under /api/v1/.
    urls = ("api/v1/", "reports.api.urls")

    def ready(self):
        # The data-quality panel; the figures of the apps; the processing activity of the downloads.
        from . import panels, processing, providers  # noqa: F401
