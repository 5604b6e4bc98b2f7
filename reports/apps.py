from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dtv.core.navigation import MenuEntry


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    # The dashboard shows the team's caseload: whoever may see that caseload sees the dashboard.
    navigation = [MenuEntry(_("Dashboard"), "reports:dashboard", permission="cases.view_team_caseload", order=60)]
