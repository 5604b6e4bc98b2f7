"""The figures of each app, registered with reports' own registry (imported from ReportsConfig.ready()).

Every provider reads its app through that app's selectors, in a fixed number of queries whatever the size
of the team's caseload, and registers with `app=` so that it is skipped when the app is not installed.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cases.countries import country_name
from cases.models import Case
from departures.selectors import checklist_rows_for, checklists_from_rows, departures_this_week
from detention.selectors import legality_facts, running_detentions, team_population
from dtv.core.batch import fetch_together, prepared
from laissezpasser.selectors import requests_waiting_longest

from . import statistics
from .national import lp_awaiting_by_country, national_caseload_section, team_names
from .registry import DashboardSection, PeriodFigure, register_dashboard_section, register_period_figure
from .selectors import caseload_section
from .tables import Column, Table


def _lp_waiting_build(*, team_id):
    return requests_waiting_longest(team_id=team_id)


def _lp_waiting(team, on):
    # Compiled once per process (`prepared`): only the team goes into the statement per request.
    requests = fetch_together({"requests": prepared(_lp_waiting_build, team_id=team.pk)})["requests"]
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


def _yes_no(value):
    return _("yes") if value else _("no")


def _detention_population(team, on):
    """The team's running detentions with their legality facts (five queries), those with a warning first."""
    measures = list(running_detentions(Case.objects.filter(team_id=team.pk)).order_by("starts_at", "id"))
    facts = legality_facts(measures, on=on)
    shown = sorted((facts[m.pk] for m in measures), key=lambda f: (not f.warning, f.measure.starts_at))
    return [
        Table(
            key="detention_population",
            title=_("Detention population and legality warnings"),
            definition=_(
                "The team's running detentions (art. 59, 59a, 59b Vw 2000) today: days detained in the removal "
                "procedure (art. 59 lid 5-6), day 28 of art. 94 Vw 2000 and whether the court was notified, days "
                "since the last act towards removal. A warning means no act towards removal for too long "
                "(the detention may no longer be lawful)."
            ),
            columns=[
                Column("case", _("Case")),
                Column("days_total", _("Days detained"), numeric=True),
                Column("days_without_act", _("Days without an act towards removal"), numeric=True),
                Column("day_28", _("Day 28 (art. 94 Vw 2000)")),
                Column("court_notified", _("Court notified")),
                Column("warning", _("Legality warning")),
            ],
            rows=[
                [
                    _("Case %(number)s") % {"number": fact.measure.case_id},
                    fact.clock.days_total,
                    fact.days_without_act,
                    formats.date_format(fact.day_28, "j F Y"),
                    _yes_no(fact.court_notified),
                    _yes_no(fact.warning),
                ]
                for fact in shown
            ],
            links=[reverse("detention:measure_detail", args=[fact.measure.pk]) for fact in shown],
            total=[
                _("In detention: %(count)s") % {"count": len(shown)},
                None,
                None,
                None,
                None,
                _("%(count)s with a warning") % {"count": sum(f.warning for f in shown)},
            ],
        )
    ]


# A week's removals of one team are few; the cap keeps the one statement of their checklists bounded.
WEEK_REMOVALS_SHOWN = 50


def removals_with_checklists(removals):
    """(removal, checks) of each removal: its checklist on its own flight date, in one statement for all of them."""
    removals = list(removals)
    by_day = {}
    for removal in removals:
        by_day.setdefault(timezone.localdate(removal.departs_at), []).append(removal)
    # One set of querysets per flight date (at most seven in a week), not per removal.
    querysets = {}
    for day, on_day in by_day.items():
        rows = checklist_rows_for([removal.case_id for removal in on_day], on=day)
        querysets.update({f"{day.isoformat()}:{name}": qs for name, qs in rows.items()})
    fetched = fetch_together(querysets)
    checklists = {}
    for day, on_day in by_day.items():
        prefix = f"{day.isoformat()}:"
        rows = {name.removeprefix(prefix): found for name, found in fetched.items() if name.startswith(prefix)}
        checklists.update(checklists_from_rows(on_day, rows, on=day))
    return [(removal, checklists[removal.pk][0]) for removal in removals]


def _removals_this_week(team, on):
    # The table shows the removal's own fields and its checks: no person, case officer or notices to fetch with it.
    removals = (
        departures_this_week(cases=Case.objects.filter(team_id=team.pk), today=on)
        .select_related(None)
        .prefetch_related(None)[:WEEK_REMOVALS_SHOWN]
    )
    shown = removals_with_checklists(removals)
    return [
        Table(
            key="removals_this_week",
            title=_("Removals planned this week and their checklist"),
            definition=_(
                "The team's open removals departing this week (Monday to Sunday), by departure, with the "
                "pre-removal checks on the flight date: travel document, blocking procedures, medical fitness, the "
                "KMar departure file, the forced track's approval and the destination. A removal is ready when "
                "every check is met."
            ),
            columns=[
                Column("case", _("Case")),
                Column("departs_at", _("Departure")),
                Column("state", _("State")),
                Column("checks_failed", _("Checks not met"), numeric=True),
                Column("failed", _("Not met")),
            ],
            rows=[
                [
                    _("Case %(number)s") % {"number": removal.case_id},
                    formats.date_format(timezone.localtime(removal.departs_at), "D j F H:i"),
                    removal.get_state_display(),
                    sum(check.failed for check in checks),
                    "; ".join(str(check.label) for check in checks if check.failed) or _("ready"),
                ]
                for removal, checks in shown
            ],
            links=[reverse("departures:removal_detail", args=[removal.pk]) for removal, _checks in shown],
            total=[
                _("Removals this week: %(count)s") % {"count": len(shown)},
                None,
                None,
                None,
                _("%(count)s not ready") % {"count": sum(1 for _r, checks in shown if any(c.failed for c in checks))},
            ],
        )
    ]


def _national_detention(on):
    """Per team its running detentions and legality warnings (`detention.selectors.team_population`), counted."""
    team_ids = set(
        running_detentions(Case.objects.all()).order_by().values_list("case__team_id", flat=True).distinct()
    )
    names = team_names(team_ids)
    team_ids = sorted(team_ids, key=lambda team_id: (team_id is None, str(names[team_id])))
    rows = [(names[team_id], team_population(team_id=team_id, on=on)) for team_id in team_ids]
    fields = ["running", "without_removal_act", "court_not_notified_by_day_28", "review_overdue", "beyond_six_months"]
    return [
        Table(
            key="detention_population",
            title=_("Detention population and legality warnings by team"),
            definition=_(
                "The running detentions (art. 59, 59a, 59b Vw 2000) today, by the team that holds the case: how "
                "many have had no act towards removal for too long (the detention may no longer be lawful), passed "
                "day 28 of art. 94 Vw 2000 without the court notified, are past their periodic review, or have "
                "lasted beyond six months in the removal procedure (art. 59 lid 5 Vw 2000)."
            ),
            columns=[
                Column("team", _("Team")),
                Column("running", _("In detention"), numeric=True),
                Column("without_removal_act", _("No act towards removal"), numeric=True),
                Column("court_not_notified", _("Day 28 passed without notice"), numeric=True),
                Column("review_overdue", _("Review overdue"), numeric=True),
                Column("beyond_six_months", _("Beyond six months"), numeric=True),
            ],
            rows=[[str(name), *(getattr(population, f) for f in fields)] for name, population in rows],
            total=[_("Total"), *(sum(getattr(population, f) for _name, population in rows) for f in fields)],
        )
    ]


def _national_removals_this_week(on):
    """This week's removals of every team and how many are not ready, by team (counts, no case named)."""
    shown = removals_with_checklists(departures_this_week(cases=Case.objects.all(), today=on))
    per_team = {}
    for removal, checks in shown:
        planned, not_ready = per_team.get(removal.case.team_id, (0, 0))
        per_team[removal.case.team_id] = (planned + 1, not_ready + any(check.failed for check in checks))
    names = team_names(list(per_team))
    order = sorted(per_team, key=lambda team_id: (team_id is None, str(names[team_id])))
    return [
        Table(
            key="removals_this_week",
            title=_("Removals planned this week by team"),
            definition=_(
                "The open removals departing this week (Monday to Sunday), by the team that holds the case, and how "
                "many of them do not yet meet every pre-removal check on the flight date (travel document, blocking "
                "procedures, medical fitness, the KMar departure file, the forced track's approval, the destination)."
            ),
            columns=[
                Column("team", _("Team")),
                Column("removals", _("Removals this week"), numeric=True),
                Column("not_ready", _("Not ready"), numeric=True),
            ],
            rows=[[str(names[team_id]), *per_team[team_id]] for team_id in order],
            total=[_("Total"), sum(p for p, _n in per_team.values()), sum(n for _p, n in per_team.values())],
        )
    ]


def _removal_figures(period, counts):
    return [
        statistics.removals(period, counts=counts),
        statistics.cancellations(period, counts=counts),
        statistics.dublin_transfers(period, counts=counts),
    ]


register_dashboard_section(
    DashboardSection("caseload", 10, caseload_section, app="cases", national=national_caseload_section)
)
register_dashboard_section(
    DashboardSection("detention", 20, _detention_population, app="detention", national=_national_detention)
)
register_dashboard_section(
    DashboardSection(
        "removals_this_week", 30, _removals_this_week, app="departures", national=_national_removals_this_week
    )
)
register_period_figure(PeriodFigure("removals", 70, _removal_figures, app="departures"))
register_dashboard_section(
    DashboardSection("lp_waiting", 40, _lp_waiting, app="laissezpasser", national=lp_awaiting_by_country)
)
