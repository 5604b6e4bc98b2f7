"""Where the figures of apps plug into the dashboard and the statistics, without reports changing its pages.

Reports owns the registry and registers the providers itself (reports may read every app; no app
imports reports): `providers.py` registers the figures of cases and laissezpasser, and is where the
figures of detention and departures join once their selectors exist. A provider is skipped when its
app is not installed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class DashboardSection:
    """A block of the team lead's dashboard: `load(team, on)` gives a list of `Table`s (links filled in).

    `national(on)`, when given, gives the block of the management's national dashboard: counts only, no row
    naming a person, a case or a case officer, and no links (the management opens no list or case file).
    """

    key: str
    order: int
    load: Callable
    app: str = "reports"
    national: Callable | None = None


@dataclass(frozen=True)
class PeriodFigure:
    """Statistics an app adds per period: `tables(period, counts)` gives a list of `Table`s.

    `counts` is the period's `statistics.PeriodCounts` of `statistics.PERIOD_FIGURES`, fetched once for the page.
    """

    key: str
    order: int
    tables: Callable
    app: str = "reports"


_SECTIONS: dict[str, DashboardSection] = {}
_FIGURES: dict[str, PeriodFigure] = {}


def register_dashboard_section(section: DashboardSection) -> DashboardSection:
    _SECTIONS[section.key] = section
    return section


def register_period_figure(figure: PeriodFigure) -> PeriodFigure:
    _FIGURES[figure.key] = figure
    return figure


def dashboard_sections() -> list[DashboardSection]:
    return sorted((s for s in _SECTIONS.values() if apps.is_installed(s.app)), key=lambda s: s.order)


def period_figures() -> list[PeriodFigure]:
    return sorted((f for f in _FIGURES.values() if apps.is_installed(f.app)), key=lambda f: f.order)
