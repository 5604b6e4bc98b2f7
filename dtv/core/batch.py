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

Prepared querysets. Building and compiling a queryset costs Django far more than PostgreSQL needs to run
it: the case file's ~30 small querysets took ~33 ms of Python per view before PostgreSQL saw a byte.
`prepared(build, *static, **values)` builds and compiles `build`'s querysets once per process (per
build function, static arguments, value names and database) and afterwards only puts this request's
`values` into the compiled statement's parameters. To find where each value goes, `build` is called
twice with two different stand-in values of the same type (`_SENTINELS`); the two statements must be
the same text and differ only in the stand-ins' parameters. A build that branches on a value in Python,
or derives a parameter from one (`on - 28 days`), gives two different statements and is refused at its
first use, so a prepared queryset can never answer for other values than the ones it was given.
"""

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from decimal import Decimal
from weakref import ref as weak_ref

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.query import ModelIterable, ValuesIterable, get_related_populators
from django.utils.dateparse import parse_duration


class Counted:
    """The number of rows of a queryset, fetched with the others (`counted(queryset)`): an int, not a list."""

    __slots__ = ("queryset",)

    def __init__(self, queryset):
        self.queryset = queryset

    @property
    def db(self):
        return self.queryset.db


def counted(queryset) -> Counted:
    """`queryset.count()` as a part of `fetch_together`'s statement (or of a prepared build)."""
    return Counted(queryset)


def _count_compiler(queryset):
    # What count() counts: the rows, without their order (as Query.get_count clears it).
    query = queryset.query.chain()
    query.clear_ordering(force=True)
    return query.get_compiler(using=queryset.db)


def _check_fetchable(name, queryset):
    if queryset._prefetch_related_lookups:
        raise ValueError(f"{name}: prefetch_related is not supported; fetch the related rows as their own queryset.")
    if queryset._iterable_class not in (ModelIterable, ValuesIterable):
        raise ValueError(f"{name}: only model and values() querysets (no values_list()) can be fetched together.")


def _wrapped(compiler, sql):
    aliases = ", ".join(f"c{i}" for i in range(compiler.col_count))
    # `sql` is Django's own compiled query with its parameters kept apart: nothing user-given is pasted in.
    return f"(SELECT COALESCE(json_agg(t), '[]')::text FROM ({sql}) AS t({aliases}))"  # noqa: S608  # nosec B608


def fetch_together(querysets: Mapping[str, object], *, using=None) -> dict[str, list]:
    """Evaluate every queryset of `querysets` (name → QuerySet, counted() or Prepared) in one SQL statement.

    name → its instances (dicts for a values() queryset), or the count of a counted() one.
    """
    querysets = dict(querysets)
    if not querysets:
        return {}
    db = using or next(iter(querysets.values())).db
    connection = connections[db]
    for name, queryset in querysets.items():
        if isinstance(queryset, QuerySet):
            _check_fetchable(name, queryset)
        elif isinstance(queryset, Counted):
            _check_fetchable(name, queryset.queryset)
        elif not isinstance(queryset, Prepared):
            raise TypeError(f"{name}: a QuerySet, counted() or a Prepared queryset, not {type(queryset).__name__}.")
    if connection.vendor != "postgresql":
        return {name: _evaluate_alone(queryset) for name, queryset in querysets.items()}

    plans, parts, params = {}, [], []
    for name, queryset in querysets.items():
        compiled = queryset.compiled() if isinstance(queryset, Prepared) else _compile(queryset, db)
        if compiled.empty:
            plans[name] = compiled  # no SQL at all: [] or 0
            continue
        parts.append(compiled.wrapped)
        params.extend(compiled.params_for(queryset.values) if isinstance(queryset, Prepared) else compiled.params)
        plans[name] = compiled
    texts = []
    if parts:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            texts = list(cursor.fetchone())
    results = {}
    for name, compiled in plans.items():
        if compiled.empty:
            results[name] = 0 if compiled.counting else []
        elif compiled.counting:
            results[name] = texts.pop(0)
        else:
            results[name] = compiled.row_plan.instances(json.loads(texts.pop(0), parse_float=Decimal), db)
    return results


def _evaluate_alone(queryset):
    if isinstance(queryset, Prepared):
        queryset = queryset.queryset()
    if isinstance(queryset, Counted):
        return queryset.queryset.count()
    return list(queryset)


def _compile(queryset, db, *, sql_params=None):
    """A QuerySet or counted() compiled for the shared statement (`sql_params`: as compiled already)."""
    counting = isinstance(queryset, Counted)
    compiler = _count_compiler(queryset.queryset) if counting else queryset.query.get_compiler(using=db)
    sql, params = sql_params if sql_params is not None else _as_sql(compiler)
    return _Compiled(queryset.queryset if counting else queryset, compiler, sql, params, (), db, counting=counting)


class _RowPlan:
    """How a queryset's JSON rows become its instances: loaders, converters, populators (worked out once)."""

    __slots__ = ("keys", "names", "loaders", "converters", "model_cls", "fetch_mode", "start", "end", "init_list",
                 "populators", "annotations")  # fmt: skip

    def __init__(self, queryset, compiler, db):
        select, klass_info = compiler.select, compiler.klass_info
        fields = [column[0] for column in select[: compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ValueError("Composite primary keys are not supported by fetch_together.")
        self.keys = [f"c{i}" for i in range(len(fields))]
        query = queryset.query
        # A values() queryset gives dicts of these names, as ValuesIterable does.
        self.names = None
        if queryset._iterable_class is ValuesIterable:
            self.names = list(query.selected or [*query.extra_select, *query.values_select, *query.annotation_select])
        self.loaders = [_loader(expression.output_field) for expression in fields]
        # What compiler.results_iter applies, looked up once instead of for every evaluation.
        self.converters = list(compiler.get_converters(fields).items())
        if self.names is not None:
            return
        self.model_cls = klass_info["model"]
        self.fetch_mode = queryset._fetch_mode
        self.start, self.end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, db, self.fetch_mode)
        self.annotations = list((compiler.annotation_col_map or {}).items())

    def instances(self, json_rows, db) -> list:
        """The instances of these JSON rows, as QuerySet.__iter__ builds them."""
        # The converters get this thread's connection: a prepared plan outlives the one it was compiled on.
        keys, loaders, converters, connection = self.keys, self.loaders, self.converters, connections[db]
        if self.names is None:
            model_cls, fetch_mode, start, end, init_list = (
                self.model_cls, self.fetch_mode, self.start, self.end, self.init_list
            )  # fmt: skip
        instances, peers = [], []
        for json_row in json_rows:
            row = [load(json_row[key]) for key, load in zip(keys, loaders, strict=True)]
            for position, (functions, expression) in converters:
                value = row[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[position] = value
            if self.names is not None:
                instances.append(dict(zip(self.names, row, strict=True)))
                continue
            instance = model_cls.from_db(db, init_list, row[start:end], fetch_mode=fetch_mode)
            if fetch_mode.track_peers:
                peers.append(weak_ref(instance))
                instance._state.peers = peers
            for populator in self.populators:
                populator.populate(row, instance)
            for attname, position in self.annotations:
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


# --- Prepared querysets (module docstring) --------------------------------------------------------------

# Two stand-ins per value type, far apart (a sign, a century), so that a build that compares a value in
# Python is likelier to take two different branches and be refused. Integers stay within 32 bits: Django
# turns an integer lookup beyond the column's range into an empty or full result instead of a parameter.
_SENTINELS = {
    int: (lambda k: -2_000_000_000 + k, lambda k: 2_000_000_000 - k),
    dt.date: (lambda k: dt.date(1111, 1, 1 + k), lambda k: dt.date(2999, 12, 1 + k)),
    dt.datetime: (
        lambda k: dt.datetime(1111, 1, 1, 0, 0, k, tzinfo=dt.UTC),
        lambda k: dt.datetime(2999, 12, 31, 0, 0, k, tzinfo=dt.UTC),
    ),
    str: (lambda k: f"\x1fprepared-a-{k}", lambda k: f"\x1fprepared-b-{k}"),
}


class _Compiled:
    """A queryset compiled for the shared statement: its SQL wrapped, its parameters, a prepared one's value slots."""

    __slots__ = ("queryset", "sql", "wrapped", "params", "slots", "row_plan", "counting", "empty")

    def __init__(self, queryset, compiler, sql, params, slots, db, *, counting=False):
        self.queryset, self.sql, self.params, self.slots = queryset, sql, params, slots
        self.counting, self.empty = counting, sql is None  # empty: no SQL at all (`id__in=[]`), [] or 0
        self.wrapped = None if self.empty else (_counting(sql) if counting else _wrapped(compiler, sql))
        self.row_plan = None if self.empty or counting else _RowPlan(queryset, compiler, db)

    def params_for(self, values) -> list:
        """The statement's parameters with this request's values in their slots."""
        params = list(self.params)
        for position, name, wrap in self.slots:
            params[position] = values[name] if wrap is None else wrap(values[name])
        return params


def _counting(sql):
    # `sql` is Django's own compiled query with its parameters kept apart: nothing user-given is pasted in.
    return f"(SELECT COUNT(*) FROM ({sql}) AS t)"  # noqa: S608  # nosec B608


_COMPILED: dict[tuple, dict] = {}


def _identical(a, b):
    return type(a) is type(b) and a == b


def _stands_for(param, stand_in):
    # A value as Django passed it on: itself, or for an integer column bound by the server wrapped in the
    # column's integer type (psycopg's Int2/Int4/Int8, subclasses of int: Django's adapt_integerfield_value).
    if _identical(param, stand_in):
        return True
    return type(stand_in) is int and isinstance(param, int) and not isinstance(param, bool) and param == stand_in


def _as_sql(compiler):
    try:
        return compiler.as_sql()
    except EmptyResultSet:
        return None, ()


def _compile_build(build, static, names, types, db):
    stand_ins = []
    for index in (0, 1):
        stand_ins.append({name: _SENTINELS[types[name]][index](k) for k, name in enumerate(names)})
    built = [build(*static, **values) for values in stand_ins]
    if isinstance(built[0], (QuerySet, Counted)):
        built = [{None: queryset} for queryset in built]
    if set(built[0]) != set(built[1]):
        raise ValueError(f"{build.__qualname__}: its querysets depend on the values it was given (names differ).")
    compiled = {}
    for key, queryset in built[0].items():
        other = built[1][key]
        if not isinstance(queryset, (QuerySet, Counted)) or type(other) is not type(queryset):
            raise TypeError(f"{build.__qualname__}: {key} is not a QuerySet or counted().")
        _check_fetchable(key, queryset.queryset if isinstance(queryset, Counted) else queryset)
        first = _compile(queryset, db)
        sql, params = first.sql, first.params
        second = _compile(other, db)
        other_sql, other_params = second.sql, second.params
        if sql is None and other_sql is None:
            compiled[key] = first  # empty whatever the values (`id__in=[]`): no SQL at all
            continue
        if sql != other_sql or len(params) != len(other_params):
            raise ValueError(f"{build.__qualname__}: {key} depends in Python on the values it was given.")
        slots = []
        for position, (a, b) in enumerate(zip(params, other_params, strict=True)):
            name = next((n for n in names if _stands_for(a, stand_ins[0][n]) and _stands_for(b, stand_ins[1][n])), None)
            if name is not None:
                # The value goes in as the stand-in went: wrapped in the same integer type, if it was.
                slots.append((position, name, None if type(a) is type(stand_ins[0][name]) else type(a)))
            elif not _identical(a, b) or any(_stands_for(a, v) for v in stand_ins[0].values()):
                raise ValueError(
                    f"{build.__qualname__}: {key} derives a parameter from a value; pass it as a value of its own."
                )
        first.params, first.slots = tuple(params), tuple(slots)
        compiled[key] = first
    return compiled


class Prepared:
    """A queryset of a prepared build with this request's values (see `prepared`)."""

    __slots__ = ("_group", "key", "values")

    def __init__(self, group, key, values):
        self._group, self.key, self.values = group, key, values

    @property
    def db(self):
        return self._group.db

    def compiled(self):
        return self._group.compiled()[self.key]

    def queryset(self):
        """The queryset itself, built with the real values (other databases; tests)."""
        return self._group.built()[self.key]


class _Group:
    __slots__ = ("build", "static", "values", "db", "cache_key", "_built")

    def __init__(self, build, static, values, db):
        self.build, self.static, self.values, self.db = build, static, values, db
        names = tuple(sorted(values))
        self.cache_key = (build, static, names, tuple(type(values[n]) for n in names), db)
        self._built = None

    def compiled(self):
        entry = _COMPILED.get(self.cache_key)
        if entry is None:
            build, static, names, types, db = self.cache_key
            types = dict(zip(names, types, strict=True))
            entry = _COMPILED[self.cache_key] = _compile_build(build, static, names, types, db)
        return entry

    def built(self):
        if self._built is None:
            built = self.build(*self.static, **self.values)
            self._built = {None: built} if isinstance(built, (QuerySet, Counted)) else built
        return self._built


def prepared(build, *static, using="default", **values):
    """`build(*static, **values)` as Prepared querysets (one, or name → one when build returns a dict).

    `build` is a module-level function returning a QuerySet or a dict of them; `static` are hashable
    arguments that change the SQL (a variant), `values` are the scalars (int, date, datetime, str) that
    only go into it as query parameters. Hand the result to `fetch_together`.
    """
    if getattr(build, "__closure__", None) or "<locals>" in getattr(build, "__qualname__", "<locals>"):
        raise ValueError("prepared: build must be a module-level function (its compiled SQL is kept per function).")
    hash(static)
    for name, value in values.items():
        if type(value) not in _SENTINELS:
            raise TypeError(f"prepared: {name} must be an int, date, datetime or str, not {type(value).__name__}.")
    group = _Group(build, static, values, using)
    if connections[using].vendor != "postgresql":
        # Nothing is compiled ahead on other databases: the querysets are built as they would be.
        return group.built()[None] if isinstance(group.built().get(None), (QuerySet, Counted)) else dict(group.built())
    keys = group.compiled().keys()
    if None in keys:
        return Prepared(group, None, values)
    return {key: Prepared(group, key, values) for key in keys}


def matching(field: str, ids) -> Q:
    """`field` equal to `ids` when it is one id (a prepared value), `field__in` when it is several."""
    if isinstance(ids, int):
        return Q(**{field: ids})
    return Q(**{f"{field}__in": list(ids)})


def prepared_for(build, ids, **values):
    """`build(ids=…, **values)`: prepared for a single id (the case file), built as it is for several (a list).

    `build` filters with `matching(field, ids)`; the list of a list page varies too much to keep compiled.
    """
    ids = list(ids)
    if len(ids) == 1:
        return prepared(build, ids=ids[0], **values)
    return build(ids=ids, **values)
