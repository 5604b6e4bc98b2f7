"""Several querysets in one SQL statement, each returning the model instances it would have returned alone.

A page that shows many small lists (the case file: deadlines, interviews, procedures, notes, ...) would
otherwise pay one round trip per list. On PostgreSQL `fetch_together` compiles each queryset with
Django's own compiler, wraps it as `(SELECT json_agg(t) FROM (<the queryset's SQL>) AS t(c0, c1, …))`
and selects all of them in a single statement; each row is then turned back into the Python values the
database driver would have returned and built into instances (select_related included) the way
`QuerySet.__iter__` builds them. The order of each list is the queryset's ORDER BY: an aggregate over
an ordered subquery with nothing else at its level keeps that order (PostgreSQL documentation, 4.2.7).

On other databases (SQLite for the demo) each queryset simply runs on its own.
`prefetch_related` is not supported: fetch the related rows as a queryset of their own.
"""

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from decimal import Decimal
from weakref import ref as weak_ref

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models.query import ModelIterable, get_related_populators
from django.utils.dateparse import parse_duration


def fetch_together(querysets: Mapping[str, object], *, using=None) -> dict[str, list]:
    """Evaluate every queryset of `querysets` (name → QuerySet) in one SQL statement; name → list of instances."""
    querysets = dict(querysets)
    if not querysets:
        return {}
    db = using or next(iter(querysets.values())).db
    connection = connections[db]
    for name, queryset in querysets.items():
        if queryset._prefetch_related_lookups:
            raise ValueError(
                f"{name}: prefetch_related is not supported; fetch the related rows as their own queryset."
            )
        if queryset._iterable_class is not ModelIterable:
            raise ValueError(f"{name}: only model querysets (no values()/values_list()) can be fetched together.")
    if connection.vendor != "postgresql":
        return {name: list(queryset) for name, queryset in querysets.items()}

    plans, parts, params = {}, [], []
    for name, queryset in querysets.items():
        compiler = queryset.query.get_compiler(using=db)
        try:
            sql, sql_params = compiler.as_sql()
        except EmptyResultSet:
            plans[name] = None
            continue
        aliases = ", ".join(f"c{i}" for i in range(compiler.col_count))
        # `sql` is Django's own compiled query with its parameters kept apart: nothing user-given is pasted in.
        parts.append(f"(SELECT COALESCE(json_agg(t), '[]')::text FROM ({sql}) AS t({aliases}))")  # noqa: S608  # nosec B608
        params.extend(sql_params)
        plans[name] = (queryset, compiler)
    texts = []
    if parts:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            texts = list(cursor.fetchone())
    results = {}
    for name, plan in plans.items():
        if plan is None:
            results[name] = []
            continue
        queryset, compiler = plan
        rows = json.loads(texts.pop(0), parse_float=Decimal)
        results[name] = _instances(queryset, compiler, rows, db)
    return results


def _instances(queryset, compiler, json_rows, db):
    select, klass_info, annotation_col_map = compiler.select, compiler.klass_info, compiler.annotation_col_map
    fields = [column[0] for column in select[: compiler.col_count]]
    loaders = [_loader(expression.output_field) for expression in fields]
    rows = [[load(row[f"c{i}"]) for i, load in enumerate(loaders)] for row in json_rows]
    model_cls = klass_info["model"]
    fetch_mode = queryset._fetch_mode
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    populators = get_related_populators(klass_info, select, db, fetch_mode)
    instances, peers = [], []
    for row in compiler.results_iter(results=[rows]):
        instance = model_cls.from_db(db, init_list, row[start:end], fetch_mode=fetch_mode)
        if fetch_mode.track_peers:
            peers.append(weak_ref(instance))
            instance._state.peers = peers
        for populator in populators:
            populator.populate(row, instance)
        for attname, position in (annotation_col_map or {}).items():
            setattr(instance, attname, row[position])
        instances.append(instance)
    return instances


def _loader(field):
    """A function that turns a column's JSON value into what the driver returns for it (then Django converts)."""
    kind = field.get_internal_type()
    loader = _LOADERS.get(kind)
    if loader is None:
        return _same
    return lambda value: None if value is None else loader(value)


def _same(value):
    return value


def _json_text(value):
    # JSONField.from_db_value decodes text (Django loads jsonb as text on psycopg 3), with the field's decoder.
    return json.dumps(value)


_LOADERS = {
    "DateTimeField": dt.datetime.fromisoformat,
    "DateField": dt.date.fromisoformat,
    "TimeField": dt.time.fromisoformat,
    "DurationField": parse_duration,
    "DecimalField": Decimal,
    "FloatField": float,
    "UUIDField": uuid.UUID,
    "BinaryField": lambda text: bytes.fromhex(text.removeprefix("\\x")),
    "JSONField": _json_text,
}
