"""Keyset pagination for HTML lists: page 1,000 costs what page 1 costs (no OFFSET).

The queryset carries an annotation `sort_key`; rows are ordered by (sort_key, id). A cursor is the
(sort_key, id) of the row it continues from, signed so it cannot be tampered with. The filter repeats
`sort_key >= key` on its own: an index on (…, sort_key, id) can then start at the cursor instead of
reading every earlier row and discarding it.
"""

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.db.models import Q

_SALT = "regie.keyset"


@dataclass(frozen=True)
class KeysetPage:
    rows: list
    next_cursor: str | None
    previous_cursor: str | None


def _dump(value):
    if isinstance(value, dt.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    return {"v": value}


def _load(raw):
    if "t" in raw:
        return dt.datetime.fromisoformat(raw["t"])
    if "d" in raw:
        return dt.date.fromisoformat(raw["d"])
    return raw["v"]


def _cursor(direction, row):
    # A row is a model instance or, for a list read with .values() (the work queue), a dict with "id".
    key, pk = (row["sort_key"], row["id"]) if isinstance(row, dict) else (row.sort_key, row.pk)
    return signing.dumps([direction, _dump(key), pk], salt=_SALT, compress=True)


def _parse(cursor):
    try:
        direction, raw, pk = signing.loads(cursor, salt=_SALT)
        return direction, _load(raw), int(pk)
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        return None


def parse_cursor(cursor):
    """(direction, key, pk) of a signed cursor; None for none or a tampered one (the first page)."""
    return _parse(cursor) if cursor else None


def keyset_slice(queryset, parsed, *, size=50):
    """The unevaluated rows of the page after (or before) the parsed cursor, one more than a page."""
    if parsed and parsed[0] == "before":
        _direction, key, pk = parsed
        return queryset.filter(Q(sort_key__lte=key), Q(sort_key__lt=key) | Q(sort_key=key, pk__lt=pk)).order_by(
            "-sort_key", "-pk"
        )[: size + 1]
    if parsed:
        _direction, key, pk = parsed
        queryset = queryset.filter(Q(sort_key__gte=key), Q(sort_key__gt=key) | Q(sort_key=key, pk__gt=pk))
    return queryset.order_by("sort_key", "pk")[: size + 1]


def keyset_result(rows, parsed, *, size=50) -> KeysetPage:
    """The page of the evaluated `keyset_slice` rows, with the cursors on either side."""
    rows = list(rows)
    if parsed and parsed[0] == "before":
        more_before = len(rows) > size
        rows = list(reversed(rows[:size]))
        return KeysetPage(
            rows=rows,
            next_cursor=_cursor("after", rows[-1]) if rows else None,
            previous_cursor=_cursor("before", rows[0]) if rows and more_before else None,
        )
    more_after = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        rows=rows,
        next_cursor=_cursor("after", rows[-1]) if rows and more_after else None,
        previous_cursor=_cursor("before", rows[0]) if rows and parsed else None,
    )


def keyset_page(queryset, *, cursor=None, size=50) -> KeysetPage:
    """One page of `queryset` (annotated with `sort_key`), after or before the row the cursor names."""
    parsed = parse_cursor(cursor)
    return keyset_result(keyset_slice(queryset, parsed, size=size), parsed, size=size)
