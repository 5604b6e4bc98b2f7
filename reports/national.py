"""The national dashboard of the management: today's caseload of every team, counted, without any personal data.

Each table counts cases (or requests, detentions, removals) per phase, team, nationality, source, track or kind;
no row names a person, a case or a case officer, and no row links to a list or a case file (the management
holds no permission of cases). A fixed number of queries, whatever the size of the caseload.
"""

from collections import Counter

from django.db.models import Count, Min
from django.utils.translation import gettext as _

from cases.constants import DeadlineStatus, Phase, Source, Track
from cases.countries import country_name
from cases.deadlines.models import Deadline
from cases.deadlines.registry import kind_label
from cases.models import Case, Nationality
from dtv.accounts.models import Team

from .tables import Column, Table


def team_names(team_ids) -> dict:
    """team id → its name; None (no team yet) is the national intake."""
    names = {team.pk: team.name for team in Team.objects.filter(pk__in=[t for t in team_ids if t is not None])}
    return {team_id: names.get(team_id, _("National intake (no team yet)")) for team_id in team_ids}


def _by_team_order(team_ids, names):
    """Teams by name, the national intake last."""
    return sorted(team_ids, key=lambda team_id: (team_id is None, str(names[team_id])))


def _caseload():
    groups = Case.objects.values("phase", "source", "track", "team_id").annotate(n=Count("id")).order_by()
    by_phase, by_source, by_track, by_team = Counter(), Counter(), Counter(), Counter()
    for row in groups:
        by_phase[row["phase"]] += row["n"]
        if row["phase"] != Phase.CLOSED:
            by_source[row["source"]] += row["n"]
            by_track[row["track"]] += row["n"]
            by_team[row["team_id"]] += row["n"]
    open_phases = [phase for phase in Phase if phase != Phase.CLOSED]
    names = team_names(list(by_team))
    tracks = [t for t in Track if by_track[t]] or list(Track)
    return [
        Table(
            key="caseload_phase",
            title=_("Caseload by phase"),
            definition=_("Every case now, by phase; the closed cases are those closed up to today."),
            columns=[Column("phase", _("Phase")), Column("cases", _("Cases"), numeric=True)],
            rows=[[str(p.label), by_phase[p]] for p in Phase],
            total=[_("Open cases"), sum(by_phase[p] for p in open_phases)],
        ),
        Table(
            key="caseload_team",
            title=_("Open cases by team"),
            definition=_(
                "The open cases now, by the team that holds them; the national intake holds the cases not yet "
                "given to a team."
            ),
            columns=[Column("team", _("Team")), Column("cases", _("Open cases"), numeric=True)],
            rows=[[str(names[team_id]), by_team[team_id]] for team_id in _by_team_order(by_team, names)],
            total=[_("Open cases"), sum(by_team.values())],
        ),
        Table(
            key="caseload_source",
            title=_("Open cases by source"),
            definition=_("The open cases now, by the source of the handover that opened them."),
            columns=[Column("source", _("Source")), Column("cases", _("Cases"), numeric=True)],
            rows=[[str(s.label), by_source[s]] for s in Source],
        ),
        Table(
            key="caseload_track",
            title=_("Open cases by track"),
            definition=_("The open cases now, by track; cases without a track are not listed."),
            columns=[Column("track", _("Track")), Column("cases", _("Cases"), numeric=True)],
            rows=[[str(t.label), by_track[t]] for t in tracks],
        ),
    ]


def _nationalities(top=10):
    rows = list(
        # One join to the cases: the count is of the open cases the filter selected.
        Nationality.objects.filter(foreign_national__cases__phase__in=[p for p in Phase if p != Phase.CLOSED])
        .values("country")
        .annotate(n=Count("foreign_national__cases", distinct=True))
        .order_by("-n", "country")[:top]
    )
    return Table(
        key="caseload_nationality",
        title=_("Open cases by nationality (top %(top)s)") % {"top": top},
        definition=_("The open cases now, by each nationality recorded for the person (claimed or established)."),
        columns=[Column("nationality", _("Nationality")), Column("cases", _("Cases"), numeric=True)],
        rows=[[country_name(row["country"]), row["n"]] for row in rows],
    )


def _overdue():
    rows = list(
        Deadline.objects.filter(status=DeadlineStatus.OVERDUE)
        .exclude(case__phase=Phase.CLOSED)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by("-n", "kind")
    )
    return Table(
        key="overdue_kind",
        title=_("Overdue deadlines by kind"),
        definition=_("Deadlines of the open cases whose last day has passed without being met, by kind."),
        columns=[Column("kind", _("Kind of deadline")), Column("deadlines", _("Overdue"), numeric=True)],
        rows=[[kind_label(row["kind"]), row["n"]] for row in rows],
        total=[_("Total"), sum(row["n"] for row in rows)],
    )


def national_caseload_section(on):
    """The national caseload tables (three queries and the team names)."""
    phase, team, source, track = _caseload()
    return [phase, team, _nationalities(), source, track, _overdue()]


def lp_awaiting_by_country(on):
    """The travel-document requests of open cases awaiting the mission, per country, with the longest wait."""
    from laissezpasser.constants import AWAITING_STATES
    from laissezpasser.models import TravelDocumentRequest

    rows = list(
        TravelDocumentRequest.objects.filter(state__in=AWAITING_STATES, submitted_on__isnull=False)
        .exclude(case__phase=Phase.CLOSED)
        .values("country__code")
        .annotate(n=Count("id"), oldest=Min("submitted_on"))
        .order_by("oldest", "country__code")
    )
    return [
        Table(
            key="lp_awaiting",
            title=_("Travel-document requests awaiting an answer, per country"),
            definition=_(
                "Requests of the open cases that await the mission's answer, per country, with the days since the "
                "oldest submission; the country waited on longest first."
            ),
            columns=[
                Column("country", _("Country")),
                Column("requests", _("Requests waiting"), numeric=True),
                Column("days", _("Longest wait (days)"), numeric=True),
            ],
            rows=[[country_name(row["country__code"]), row["n"], (on - row["oldest"]).days] for row in rows],
            total=[_("Total"), sum(row["n"] for row in rows), None],
        )
    ]
