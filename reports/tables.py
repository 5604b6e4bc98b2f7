"""A figure as a table: what the page, the CSV/XLSX export and the API all render the same way."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """One figure: its key (the export's name), title, definition text, columns, rows and per-row links."""

    key: str
    title: str
    definition: str
    columns: list
    rows: list  # lists of cells, in the order of the columns
    links: list = field(default_factory=list)  # per row: the URL of the list behind it, or ""
    total: list | None = None  # a totals row, or None

    def chart_values(self, column=1):
        """(label, value) per row for a bar chart of one numeric column."""
        return [(str(row[0]), row[column] or 0) for row in self.rows]

    def as_dicts(self):
        return [dict(zip([c.key for c in self.columns], row, strict=True)) for row in self.rows]
