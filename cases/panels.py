"""The case file is composed of registered panels: `cases` registers its own, later apps add theirs.

A panel is a section of the case file: its place (`order`), its title, the permission a reader needs,
the rows it shows and its template. A panel gets its rows in one of two ways:

- `querysets(case, *, on, user, params)` returns unevaluated querysets (name → QuerySet); the case
  file evaluates the querysets of every panel, of the header and of the removability checks together,
  in ONE SQL statement (`dtv.core.batch.fetch_together`), and passes the rows (name → list) to
  `context(case, rows, *, on, user, params)`, which returns the template's `panel` context (by
  default the rows themselves). Such a panel costs the page no query of its own: this is the way.
- `load(case, *, on, user, params)` runs its own queries and returns the context; `queries` declares
  how many, whatever the number of rows.

Either way the page's query count does not depend on how many rows a panel shows: the tests hold every
registered panel to its declaration and the whole page to its budget. Apps register in their
`AppConfig.ready()`; `cases` never names them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from dtv.core.batch import fetch_together


def _rows_as_context(case, rows, **kwargs):
    return rows


@dataclass(frozen=True)
class Panel:
    """A section of the case file (see the module docstring for `querysets`/`context` and `load`)."""

    key: str  # the section's anchor in the page ("termijnen"), unique
    title: Promise | str
    template: str
    order: int
    load: Callable[..., dict] | None = None
    queries: int = 0  # SQL queries `load` runs, whatever the number of rows
    permission: str | None = None  # needed beyond reading the case; None: whoever reads the case file
    querysets: Callable[..., dict] | None = None
    context: Callable[..., dict] = _rows_as_context

    def __post_init__(self):
        if (self.load is None) == (self.querysets is None):
            raise ValueError(f"Case-file panel {self.key!r} needs either querysets (preferred) or load.")

    @property
    def standalone_queries(self) -> int:
        """SQL queries `panel_context` runs for this panel alone (the page shares the querysets' statement)."""
        return self.queries + (1 if self.querysets is not None else 0)


def panel_context(panel, case, *, on, user, params, rows=None) -> dict:
    """The panel's template context; `rows` are its querysets already evaluated (the case file does that)."""
    if panel.load is not None:
        return panel.load(case, on=on, user=user, params=params)
    if rows is None:
        rows = fetch_together(panel.querysets(case, on=on, user=user, params=params))
    return panel.context(case, rows, on=on, user=user, params=params)


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
