"""The case file is composed of registered panels: `cases` registers its own, later apps add theirs.

A panel is a section of the case file: its place (`order`), its title, the permission a reader needs,
a loader (a selector) that returns the panel's context, and its template. Each panel declares how many
SQL queries its loader runs; that number may not depend on how many rows the panel shows, so the case
file costs the same for a case with three interviews and one with thirty (the tests hold every
registered panel to its declaration). Apps register in their `AppConfig.ready()`; `cases` never names them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Panel:
    """A section of the case file. `load(case, *, on, user)` returns the template's `panel` context."""

    key: str  # the section's anchor in the page ("termijnen"), unique
    title: Promise | str
    template: str
    order: int
    load: Callable[..., dict]
    queries: int  # SQL queries `load` runs, whatever the number of rows
    permission: str | None = None  # needed beyond reading the case; None: whoever reads the case file


_PANELS: dict[str, Panel] = {}


def register_panel(panel: Panel) -> Panel:
    """Add a panel to the case file; a key can be registered only once."""
    if panel.key in _PANELS:
        raise ValueError(f"Case-file panel {panel.key!r} is registered twice.")
    _PANELS[panel.key] = panel
    return panel


def unregister_panel(key):
    """Remove a panel (for tests that register throwaway panels)."""
    _PANELS.pop(key, None)


def registered_panels() -> list[Panel]:
    """Every registered panel in page order."""
    return sorted(_PANELS.values(), key=lambda panel: (panel.order, panel.key))


def panels_for(user) -> list[Panel]:
    """The panels this reader may see, in page order."""
    return [panel for panel in registered_panels() if panel.permission is None or user.has_perm(panel.permission)]
