"""The figures of each app, registered with reports' own registry (imported from ReportsConfig.ready()).

TODO(detention, issue 12): a dashboard section with the detention population and its legality
warnings, and the KPI "lawfully imposed detention" (Kpi.LAWFUL_DETENTION), once detention offers
selectors for them (e.g. `detention.selectors.team_population(team_id=, on=)` and
`detention.selectors.lawful_rate(period)`); register them here with `app="detention"`.
TODO(departures, issue 11): removals planned this week with their checklist state (dashboard), and
planned removals and cancellations by reason per period, once departures offers
`departures.selectors.removals_planned(team_id=, week_of=)` and `cancellations_by_reason(period)`;
register them here with `app="departures"`.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from cases.countries import country_name
from laissezpasser.selectors import requests_waiting_longest

from .registry import DashboardSection, register_dashboard_section
from .selectors import caseload_section
from .tables import Column, Table


def _lp_waiting(team, on):
    requests = list(requests_waiting_longest(team_id=team.pk))
    return [
        Table(
            key="lp_waiting",
            title=_("Travel-document requests waiting longest"),
            definition=_(
                "Requests of the team's open cases that await the mission's answer, oldest submission first, with "
                "the days since submission."
            ),
            columns=[
                Column("case", _("Case")),
                Column("country", _("Country")),
                Column("submitted_on", _("Submitted on")),
                Column("days", _("Days waiting"), numeric=True),
            ],
            rows=[
                [
                    _("Case %(number)s") % {"number": request.case_id},
                    country_name(request.country.code),
                    request.submitted_on,
                    (on - request.submitted_on).days,
                ]
                for request in requests
            ],
            links=[reverse("cases:case_detail", args=[request.case_id]) for request in requests],
        )
    ]


register_dashboard_section(DashboardSection("caseload", 10, caseload_section, app="cases"))
register_dashboard_section(DashboardSection("lp_waiting", 40, _lp_waiting, app="laissezpasser"))
