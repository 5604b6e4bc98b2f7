"""Bulk writing for the demo seed: PostgreSQL COPY with creation history, bulk_create elsewhere.

At 100,000 cases the seed writes a few million rows; Django's bulk_create spends most of that time
compiling parameters in Python. On PostgreSQL the rows go through COPY instead: primary keys are
taken from the table's sequence first (the rows that follow need them), and the history rows that
simple-history's bulk_create_with_history would write are copied alongside, with the same columns
(history_date and history_user from each object's _history_date / _history_user, type "+").
Other databases (SQLite for `make run`) use bulk_create_with_history itself.
"""

from django.db import connection, models
from psycopg import sql
from psycopg.types.json import Jsonb
from simple_history.utils import bulk_create_with_history

BATCH_SIZE = 2_000
_HISTORY_COLUMNS = {"history_date", "history_change_reason", "history_type", "history_user_id"}


def _reader(field):
    """A function reading the database value of `field` from an instance, as COPY takes it."""
    attname = field.attname
    if isinstance(field, models.ForeignKey):
        # Rows may point at objects that were unsaved when assigned: take the pk the object has now.
        def read(obj):
            value = obj.__dict__.get(attname)
            if value is None:
                related = field.get_cached_value(obj, None)
                value = related.pk if related is not None else None
            return value

        return read
    if isinstance(field, models.JSONField):
        return lambda obj: Jsonb(obj.__dict__[attname])
    return lambda obj: obj.__dict__[attname]


def _copy(table, columns, rows):
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(column) for column in columns)
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _allocate_pks(model, objs):
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, len(objs)]
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
            obj._state.adding = False


def insert(model, objs, *, history=True, pks=True):
    """Insert `objs` (and their creation history); afterwards each object has its pk when `pks` is set."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        if history:
            bulk_create_with_history(objs, model, batch_size=BATCH_SIZE)
        else:
            model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        return
    pks = pks or history
    if pks:
        _allocate_pks(model, objs)
    fields = [f for f in model._meta.concrete_fields if pks or not f.primary_key]
    readers = [_reader(f) for f in fields]
    _copy(model._meta.db_table, [f.column for f in fields], ([read(obj) for read in readers] for obj in objs))
    if history:
        _copy_history(model, objs)


def _copy_history(model, objs):
    history_model = model.history.model
    source = {f.attname: f for f in model._meta.concrete_fields}
    fields = [f for f in history_model._meta.concrete_fields if f.attname != "history_id"]
    readers = []
    for field in fields:
        if field.attname == "history_date":
            readers.append(lambda obj: obj._history_date)
        elif field.attname == "history_user_id":
            readers.append(lambda obj: getattr(obj._history_user, "pk", None))
        elif field.attname == "history_type":
            readers.append(lambda obj: "+")
        elif field.attname == "history_change_reason":
            readers.append(lambda obj: None)
        else:
            readers.append(_reader(source[field.attname]))
    _copy(history_model._meta.db_table, [f.column for f in fields], ([read(obj) for read in readers] for obj in objs))


def insert_rows(model, columns, rows):
    """Insert plain value rows (no pk needed, no history): COPY on PostgreSQL, bulk_create elsewhere."""
    rows = list(rows)
    if not rows:
        return
    if connection.vendor == "postgresql":
        fields = [model._meta.get_field(column) for column in columns]
        json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
        if json_at:
            rows = ([Jsonb(v) if i in json_at else v for i, v in enumerate(row)] for row in rows)
        _copy(model._meta.db_table, [f.column for f in fields], rows)
    else:
        model.objects.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=BATCH_SIZE
        )
