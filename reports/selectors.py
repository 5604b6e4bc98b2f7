"""The team lead's dashboard: the team's caseload now, read from the apps' models in a fixed number of queries.

Today's figures come from the current state of the team's cases (index on team and phase), not from the
history: the statistics per period read the summary tables instead (reports.statistics).
"""

from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.constants import LIVE_DEADLINE_STATUSES, DeadlineStatus, Phase, Source, Track
from cases.countries import country_name
from cases.deadlines.models import Deadline
from cases.deadlines.registry import kind_label
from cases.models import Case, Nationality
from cases.selectors import team_case_officers

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


def _caseload_tables(team_id):
    """Caseload by phase, source, track and case officer: one GROUP BY query, four tables."""
    groups = Case.objects.filter(team_id=team_id).values("phase", "source", "track", "case_officer_id")
    by_phase, by_source, by_track, by_officer = Counter(), Counter(), Counter(), Counter()
    for row in groups.annotate(n=Count("id")).order_by():
        by_phase[row["phase"]] += row["n"]
        if row["phase"] != Phase.CLOSED:
            by_source[row["source"]] += row["n"]
            by_track[row["track"]] += row["n"]
            by_officer[row["case_officer_id"]] += row["n"]
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


def _officer_table(team_id, by_officer):
    """Each case officer's open cases, live deadlines and overdue deadlines (two queries)."""
    deadlines = defaultdict(Counter)
    rows = (
        Deadline.objects.filter(case__team_id=team_id, status__in=LIVE_DEADLINE_STATUSES)
        .exclude(case__phase=Phase.CLOSED)
        .values("case__case_officer_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        deadlines[row["case__case_officer_id"]][row["status"]] += row["n"]
    officers = list(team_case_officers(team_id=team_id))
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


def _nationality_table(team_id, top=10):
    rows = (
        Nationality.objects.filter(foreign_national__cases__team_id=team_id)
        .exclude(foreign_national__cases__phase=Phase.CLOSED)
        .values("country")
        .annotate(n=Count("foreign_national__cases", distinct=True))
        .order_by("-n", "country")[:top]
    )
    rows = list(rows)
    return Table(
        key="caseload_nationality",
        title=_("Open cases by nationality (top %(top)s)") % {"top": top},
        definition=_("The team's open cases by each nationality recorded for the person (claimed or established)."),
        columns=[Column("nationality", _("Nationality")), Column("cases", _("Cases"), numeric=True)],
        rows=[[country_name(row["country"]), row["n"]] for row in rows],
        links=[queue_link(nationaliteit=row["country"]) for row in rows],
    )


def _overdue_table(team_id):
    rows = list(
        Deadline.objects.filter(case__team_id=team_id, status=DeadlineStatus.OVERDUE)
        .exclude(case__phase=Phase.CLOSED)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by("-n", "kind")
    )
    return Table(
        key="overdue_kind",
        title=_("Overdue deadlines by kind"),
        definition=_("Deadlines of the team's open cases whose last day has passed without being met, by kind."),
        columns=[Column("kind", _("Kind of deadline")), Column("deadlines", _("Overdue"), numeric=True)],
        rows=[[kind_label(row["kind"]), row["n"]] for row in rows],
        links=[queue_link(kenmerk="overdue") for _row in rows],
    )


def caseload_section(team, on):
    """The caseload tables of the dashboard (five queries whatever the size of the team's caseload)."""
    phase, source, track, by_officer = _caseload_tables(team.pk)
    return [
        phase,
        _officer_table(team.pk, by_officer),
        _nationality_table(team.pk),
        source,
        track,
        _overdue_table(team.pk),
    ]
