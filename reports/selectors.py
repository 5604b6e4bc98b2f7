"""The team lead's dashboard: the team's caseload now, read from the apps' models in a fixed number of queries.

Today's figures come from the current state of the team's cases (index on team and phase), not from the
history: the statistics per period read the summary tables instead (reports.statistics).
"""

from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.constants import LIVE_DEADLINE_STATUSES, DeadlineStatus, Phase, Source, Track
from cases.countries import country_name
from cases.deadlines.models import Deadline
from cases.deadlines.registry import kind_label
from cases.models import Case
from cases.selectors import team_case_officers
from dtv.core.batch import counted, fetch_together, prepared

from .tables import Column, Table


def queue_link(**filters) -> str:
    """The team's work queue with these filters (cases.filters.WorkqueueFilter's parameter names)."""
    return f"{reverse('cases:workqueue')}?{urlencode({'weergave': 'team', **filters})}"


def team_caseload_by_phase(*, team):
    """Open and closed case counts of `team` per phase, in one aggregate query."""
    if team is None:
        return []
    counts = Case.objects.filter(team=team).aggregate(
        **{phase.value: Count("id", filter=Q(phase=phase.value)) for phase in Phase}
    )
    return [{"phase": phase.label, "count": counts[phase.value]} for phase in Phase]


def _caseload_build(*, team_id, top=10):
    """The querysets of the caseload tables, fetched in one statement and compiled once per process (`prepared`).

    The open cases grouped by phase, source, track and case officer through the partial index of the team's open
    cases; the closed ones only counted, from the index on team and phase, so the cases the team closed over the
    years are never read; the live deadlines of the open cases for both the officer and the overdue table; the
    team's case officers; the open cases per nationality recorded for their person (what the work queue's
    nationality filter lists, cases.filters.WorkqueueFilter.filter_nationality).
    """
    open_cases = Case.objects.filter(team_id=team_id).exclude(phase=Phase.CLOSED)
    return {
        "open": open_cases.values("phase", "source", "track", "case_officer_id").annotate(n=Count("id")).order_by(),
        "closed": counted(Case.objects.filter(team_id=team_id, phase=Phase.CLOSED)),
        "deadlines": Deadline.objects.filter(case__team_id=team_id, status__in=LIVE_DEADLINE_STATUSES)
        .exclude(case__phase=Phase.CLOSED)
        .values("case__case_officer_id", "status", "kind")
        .annotate(n=Count("id"))
        .order_by(),
        "officers": team_case_officers(team_id=team_id),
        "nationalities": open_cases.filter(foreign_national__nationalities__isnull=False)
        .values(country=F("foreign_national__nationalities__country"))
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "country")[:top],
    }


def _caseload_tables(rows):
    """Caseload by phase, source, track and case officer: four tables from the open cases and the closed count."""
    by_phase, by_source, by_track, by_officer = Counter(), Counter(), Counter(), Counter()
    for row in rows["open"]:
        by_phase[row["phase"]] += row["n"]
        by_source[row["source"]] += row["n"]
        by_track[row["track"]] += row["n"]
        by_officer[row["case_officer_id"]] += row["n"]
    by_phase[Phase.CLOSED] = rows["closed"]
    open_phases = [phase for phase in Phase if phase != Phase.CLOSED]
    phase = Table(
        key="caseload_phase",
        title=_("Caseload by phase"),
        definition=_("The team's cases now, by phase; closed cases are those the team held when they closed."),
        columns=[Column("phase", _("Phase")), Column("cases", _("Cases"), numeric=True)],
        rows=[[str(p.label), by_phase[p]] for p in Phase],
        links=[queue_link(fase=p.value) for p in open_phases] + [""],
        total=[_("Open cases"), sum(by_phase[p] for p in open_phases)],
    )
    source = Table(
        key="caseload_source",
        title=_("Open cases by source"),
        definition=_("The team's open cases by the source of the handover that opened them."),
        columns=[Column("source", _("Source")), Column("cases", _("Cases"), numeric=True)],
        rows=[[str(s.label), by_source[s]] for s in Source],
        links=[queue_link(bron=s.value) for s in Source],
    )
    tracks = [t for t in Track if by_track[t]] or list(Track)
    track = Table(
        key="caseload_track",
        title=_("Open cases by track"),
        definition=_("The team's open cases by track; cases without a track are not listed."),
        columns=[Column("track", _("Track")), Column("cases", _("Cases"), numeric=True)],
        rows=[[str(t.label), by_track[t]] for t in tracks],
        links=[queue_link(spoor=t.value) for t in tracks],
    )
    return phase, source, track, by_officer


def _live_deadlines(rows):
    """(case officer → status → count, kind → overdue count) of the live deadlines of the team's open cases."""
    deadlines, overdue = defaultdict(Counter), Counter()
    for row in rows:
        deadlines[row["case__case_officer_id"]][row["status"]] += row["n"]
        if row["status"] == DeadlineStatus.OVERDUE:
            overdue[row["kind"]] += row["n"]
    return deadlines, overdue


def _officer_table(officers, by_officer, deadlines):
    """Each case officer's open cases, live deadlines and overdue deadlines."""
    table_rows, links = [], []
    for officer in officers:
        counts = deadlines[officer.pk]
        table_rows.append(
            [
                officer.get_full_name() or officer.username,
                by_officer[officer.pk],
                counts[DeadlineStatus.OPEN] + counts[DeadlineStatus.OVERDUE],
                counts[DeadlineStatus.OVERDUE],
            ]
        )
        links.append(queue_link(regievoerder=officer.pk))
    if by_officer[None]:
        table_rows.append(
            [
                _("No case officer yet"),
                by_officer[None],
                deadlines[None][DeadlineStatus.OPEN] + deadlines[None][DeadlineStatus.OVERDUE],
                deadlines[None][DeadlineStatus.OVERDUE],
            ]
        )
        links.append("")
    return Table(
        key="caseload_officer",
        title=_("Caseload by case officer"),
        definition=_(
            "Each case officer's open cases of the team, with their deadlines still to be met (open or overdue) and "
            "of those the overdue ones."
        ),
        columns=[
            Column("officer", _("Case officer")),
            Column("cases", _("Open cases"), numeric=True),
            Column("deadlines", _("Open deadlines"), numeric=True),
            Column("overdue", _("Overdue"), numeric=True),
        ],
        rows=table_rows,
        links=links,
    )


def _nationality_table(rows, top=10):
    return Table(
        key="caseload_nationality",
        title=_("Open cases by nationality (top %(top)s)") % {"top": top},
        definition=_("The team's open cases by each nationality recorded for the person (claimed or established)."),
        columns=[Column("nationality", _("Nationality")), Column("cases", _("Cases"), numeric=True)],
        rows=[[country_name(row["country"]), row["n"]] for row in rows],
        links=[queue_link(nationaliteit=row["country"]) for row in rows],
    )


def _overdue_table(overdue):
    rows = [{"kind": kind, "n": n} for kind, n in sorted(overdue.items(), key=lambda item: (-item[1], item[0]))]
    return Table(
        key="overdue_kind",
        title=_("Overdue deadlines by kind"),
        definition=_("Deadlines of the team's open cases whose last day has passed without being met, by kind."),
        columns=[Column("kind", _("Kind of deadline")), Column("deadlines", _("Overdue"), numeric=True)],
        rows=[[kind_label(row["kind"]), row["n"]] for row in rows],
        links=[queue_link(kenmerk="overdue") for _row in rows],
    )


def caseload_section(team, on):
    """The caseload tables of the dashboard: one statement whatever the size of the team's caseload."""
    rows = fetch_together(prepared(_caseload_build, team_id=team.pk))
    phase, source, track, by_officer = _caseload_tables(rows)
    deadlines, overdue = _live_deadlines(rows["deadlines"])
    return [
        phase,
        _officer_table(rows["officers"], by_officer, deadlines),
        _nationality_table(rows["nationalities"]),
        source,
        track,
        _overdue_table(overdue),
    ]
