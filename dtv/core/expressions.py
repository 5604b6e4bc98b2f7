"""Query expressions the apps share."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import BooleanField, F, Func, Q


def any_of(column, values):
    """`column` is one of the values the one-column queryset `values` selects, driven from `values`.

    On PostgreSQL `= ANY(ARRAY(…))`: the subquery runs once, first, and its few values are then looked up through
    the column's index. As a join or an `IN` the planner may scan the whole other side to match every candidate,
    and when its statistics lag behind (a week's bookings are always newer than the last ANALYZE) it walks the
    whole primary key of cases to match a handful of rows. Elsewhere (SQLite) a plain `IN`.
    """
    if connection.vendor != "postgresql":
        return Q(**{f"{column}__in": values})
    return Func(
        F(column), ArraySubquery(values), template="%(expressions)s)", arg_joiner=" = ANY(", output_field=BooleanField()
    )
