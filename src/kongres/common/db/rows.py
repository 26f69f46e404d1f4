"""Plain INSERTs of prepared model instances, for critical sections where every statement counts.

The ORM spends a few hundred microseconds per ``save()`` or ``bulk_create()`` on building the
statement; inside a transaction that holds a lock others wait for (SQLite's write lock, a
quota's row lock) that time is paid by every waiter. Here the column list and statement text are
built once per model and the values of each row are computed from the instance the same way the
ORM does (``pre_save`` and ``get_db_prep_save``), so defaults, ``auto_now`` fields, JSON and
time zones come out exactly as with ``save()``. No signals are sent: use this only for models
without ``pre_save``/``post_save`` receivers that matter.

On PostgreSQL, ``reserve_ids`` takes the ids of rows to be inserted from their sequences before
a transaction begins, so that all the statements of a transaction can be sent at once.
"""

import functools

from django.db import connection


@functools.cache
def _fields(model, with_pk: bool) -> tuple:
    return tuple(f for f in model._meta.concrete_fields if with_pk or not f.primary_key)


@functools.cache
def _insert_sql(model, rows: int, with_pk: bool, returning: bool, vendor: str) -> str:
    quote = connection.ops.quote_name
    fields = _fields(model, with_pk)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608 (names from the model)
        f"({', '.join(quote(f.column) for f in fields)}) VALUES {', '.join([row] * rows)}"
    )
    if returning:
        sql += f" RETURNING {quote(model._meta.pk.column)}"
    return sql


def insert_statement(objs, *, returning: bool = False) -> tuple[str, list]:
    """The INSERT of model instances of one model (their pk given or all left to the database).

    With ``returning`` the statement ends in ``RETURNING <pk>``.
    """
    objs = list(objs)
    model = type(objs[0])
    with_pk = objs[0].pk is not None
    fields = _fields(model, with_pk)
    params = []
    for obj in objs:
        # As save() does: take foreign keys' ids from related objects saved since assignment.
        obj._prepare_related_fields_for_save(operation_name="insert")
        for f in fields:
            params.append(f.get_db_prep_save(f.pre_save(obj, True), connection))
    return _insert_sql(model, len(objs), with_pk, returning, connection.vendor), params


def insert(cursor, objs) -> None:
    """Insert instances and set their pks (taken from the database unless given)."""
    objs = list(objs)
    if not objs:
        return
    if objs[0].pk is not None:
        cursor.execute(*insert_statement(objs))
        return
    cursor.execute(*insert_statement(objs, returning=True))
    for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
        obj.pk = pk
    for obj in objs:
        obj._state.adding = False


def statements_at_once() -> bool:
    """Whether several statements can go to the database in one query string.

    PostgreSQL with client-side binding (Django's default for psycopg 3) runs such a string
    in one round trip, statement after statement, each with a fresh snapshot.
    """
    return connection.vendor == "postgresql" and not connection.settings_dict["OPTIONS"].get(
        "server_side_binding"
    )


def execute_all(cursor, statements) -> list[list | None]:
    """Run ``(sql, params)`` statements in order; the rows of each (None: it returns none).

    One round trip where ``statements_at_once()``, else one statement after another.
    """
    statements = list(statements)
    if not statements:
        return []
    results = []
    if statements_at_once():
        cursor.execute(
            "; ".join(sql for sql, _params in statements),
            [value for _sql, params in statements for value in params],
        )
        for index in range(len(statements)):
            if index:
                cursor.nextset()
            results.append(cursor.fetchall() if cursor.description is not None else None)
        return results
    for sql, params in statements:
        cursor.execute(sql, params)
        results.append(cursor.fetchall() if cursor.description is not None else None)
    return results


def literal_sql(sql: str, params) -> str:
    """PostgreSQL: a statement with its values written in as literals, as psycopg's client-side
    binding would send it; run it with no parameters."""
    return _mogrifier().mogrify(sql, params)


def _mogrifier():
    # One psycopg ClientCursor per connection, only ever asked to mogrify: Django's
    # ``ops.compose_sql`` opens two cursors per call, and each copies the connection's adapters.
    from psycopg import ClientCursor

    connection.ensure_connection()
    raw = connection.connection
    kept = getattr(connection, "_kongres_mogrifier", None)
    if kept is None or kept.connection is not raw:
        kept = connection._kongres_mogrifier = ClientCursor(raw)
    return kept


# PostgreSQL flushes the write-ahead log at COMMIT while the transaction still holds its row
# locks, so a busy lock is held through the flush, and on a busy machine through the wait to be
# scheduled again after it. A transaction begun with ``COMMIT_WITHOUT_WAITING`` releases its
# locks as soon as its commit record is written; ``WAIT_FOR_DISK``, sent right after its COMMIT,
# returns only once the log is on disk up to (and past) that record: it writes a record of its
# own (a logical decoding message, which any role may write at every ``wal_level``) in a
# transaction that commits synchronously. Answer the user only after it: what was confirmed is
# then as durable as with a synchronous commit. For those few milliseconds other sessions may
# see rows that a crash of the database server would still take back; whatever they write after
# seeing them lies later in the log and would go with them.
COMMIT_WITHOUT_WAITING = "SET LOCAL synchronous_commit TO off"
WAIT_FOR_DISK = "SELECT pg_logical_emit_message(true, 'kongres', 'flush')"


def rollback_quietly(cursor) -> None:
    """End a transaction begun with a plain ``BEGIN`` after a failure, keeping that failure.

    If the connection itself is broken the ROLLBACK fails too; the server then ends the
    transaction when the connection closes, and Django replaces the connection.
    """
    try:
        cursor.execute("ROLLBACK")
    except Exception:
        connection.close_if_unusable_or_obsolete()


@functools.cache
def _sequence(table: str, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        return cursor.fetchone()[0]


def reserve_ids(counts: dict) -> dict:
    """PostgreSQL: ``{model: n}`` → ``{model: [n new ids]}`` from the models' sequences.

    One statement for all models. The ids are the database's own, so they never collide with
    rows inserted without an id; ids reserved and not used leave a gap, as a rollback does.
    """
    models = [m for m, n in counts.items() if n]
    parts, params = [], []
    for model in models:
        parts.append("ARRAY(SELECT nextval(%s) FROM generate_series(1, %s))")
        params += [_sequence(model._meta.db_table, model._meta.pk.column), counts[model]]
    reserved = {m: [] for m in counts}
    if not parts:
        return reserved
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    for model, ids in zip(models, row, strict=True):
        reserved[model] = list(ids)
    return reserved
