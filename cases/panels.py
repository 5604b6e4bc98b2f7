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

A panel that shows what a removability check weighs (the travel-document panel shows the document the
check "geen geldig reisdocument" looks for) names the check (the `RemovabilityCheck`) in
`removability_checks` instead of repeating its querysets: its context gets the check's rows as
`rows["removability:<key>"]` (name → list), the same rows the header's removability was evaluated
from, fetched once in the page's statement (querysets panels only; a closed case, which is not
weighed, still gets them).

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
    removability_checks: tuple = ()  # the RemovabilityChecks whose rows the context reads (module docstring)

    def __post_init__(self):
        if (self.load is None) == (self.querysets is None):
            raise ValueError(f"Case-file panel {self.key!r} needs either querysets (preferred) or load.")
        if self.removability_checks and self.querysets is None:
            raise ValueError(f"Case-file panel {self.key!r}: removability_checks needs querysets, not load.")

    @property
    def standalone_queries(self) -> int:
        """SQL queries `panel_context` runs for this panel alone (the page shares the querysets' statement)."""
        return self.queries + (1 if self.querysets is not None else 0)


def check_querysets(checks, cases, *, on) -> dict:
    """The querysets of the removability `checks` for `cases`, named as the removability selector names them."""
    return {
        f"removability:{check.key}:{name}": queryset
        for check in checks
        for name, queryset in check.rows(cases, on=on).items()
    }


def panel_rows(panel, rows) -> dict:
    """The panel's own rows out of the page's (`panel:<key>:<name>`), with the rows of its removability checks."""
    prefix = f"panel:{panel.key}:"
    own = {name.removeprefix(prefix): value for name, value in rows.items() if name.startswith(prefix)}
    for check in panel.removability_checks:
        prefix = f"removability:{check.key}:"
        own[f"removability:{check.key}"] = {
            name.removeprefix(prefix): value for name, value in rows.items() if name.startswith(prefix)
        }
    return own


def panel_context(panel, case, *, on, user, params, rows=None) -> dict:
    """The panel's template context; `rows` are its querysets already evaluated (the case file does that)."""
    if panel.load is not None:
        return panel.load(case, on=on, user=user, params=params)
    if rows is None:
        querysets = {
            f"panel:{panel.key}:{name}": queryset
            for name, queryset in panel.querysets(case, on=on, user=user, params=params).items()
        }
        querysets.update(check_querysets(panel.removability_checks, [case], on=on))
        rows = panel_rows(panel, fetch_together(querysets))
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
