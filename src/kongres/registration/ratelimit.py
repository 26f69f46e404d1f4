"""Rate limits of the public forms: fixed-window counters in the database.

A limit is ``"<count>/<seconds>"`` in ``settings.RATE_LIMITS`` under a scope name
(``register_ip``, ``register_email``, ``link_ip``, ``link_email``). Windows are aligned to the
epoch, so every process counts into the same row and the end of the window (the
``Retry-After``) is known without storing it. A hit is one atomic upsert
(``INSERT … ON CONFLICT DO UPDATE … RETURNING``, on SQLite and PostgreSQL alike), so parallel
requests can never lose a count. Identifiers are hashed before they become keys: no e-mail
address or IP address is stored. Housekeeping deletes the rows of past windows.

Client address: ``REMOTE_ADDR``, unless the deployment says it runs behind a reverse proxy
(``KONGRES_BEHIND_PROXY``); then every request comes from the proxy, and the client's address is
the last entry of ``X-Forwarded-For``: the one the proxy appended (nginx's
``$proxy_add_x_forwarded_for``). Earlier entries come from the client and could be forged, so
they are ignored; without a proxy the header is ignored altogether.
"""

import contextlib
import hashlib
import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction

from kongres.common.models import RateCounter


def _limit(scope: str) -> tuple[int, int]:
    count, _slash, seconds = settings.RATE_LIMITS[scope].partition("/")
    return int(count), int(seconds)


def _key(scope: str, ident: str, window: int) -> str:
    digest = hashlib.sha256(f"{scope}\0{ident}".encode()).hexdigest()[:32]
    return f"{scope}:{digest}:{window}"


def hit_all(attempts) -> str | None:
    """Count one attempt for each ``(scope, identifier)``; return the first scope over its limit.

    All counters move in one statement. An attempt over the limit is counted as well, so
    hammering does not reopen the window. An empty identifier is never limited.
    """
    now = time.time()
    rows, limits = [], {}
    for scope, ident in attempts:
        if not ident:
            continue
        count, seconds = _limit(scope)
        window = int(now) // seconds
        key = _key(scope, ident.strip().lower(), window)
        # The row outlives its window a little; housekeeping removes it afterwards.
        expires = datetime.fromtimestamp((window + 1) * seconds + 60, tz=UTC)
        rows.append((key, connection.ops.adapt_datetimefield_value(expires)))
        limits[key] = (scope, count)
    if not rows:
        return None
    qn = connection.ops.quote_name
    table = qn(RateCounter._meta.db_table)
    values = ", ".join(["(%s, 1, %s)"] * len(rows))
    sql = (
        f"INSERT INTO {table} ({qn('key')}, {qn('count')}, {qn('expires_at')}) "  # noqa: S608
        f"VALUES {values} ON CONFLICT ({qn('key')}) "
        f"DO UPDATE SET {qn('count')} = {table}.{qn('count')} + 1 "
        f"RETURNING {qn('key')}, {qn('count')}"
    )
    # On SQLite in a transaction of its own, so that it queues with the other writers (see
    # kongres.common.db.sqlite) instead of polling for the write lock in the busy handler.
    # Elsewhere the one statement is atomic by itself: no BEGIN and COMMIT round trips.
    queue = transaction.atomic() if connection.vendor == "sqlite" else contextlib.nullcontext()
    with queue, connection.cursor() as cursor:
        cursor.execute(sql, [param for row in rows for param in row])
        counts = dict(cursor.fetchall())
    for key, (scope, limit) in limits.items():
        if counts.get(key, 0) > limit:
            return scope
    return None


def hit(scope: str, ident: str) -> bool:
    """Count one attempt of ``ident`` in ``scope``; True when it goes over the limit."""
    return hit_all([(scope, ident)]) is not None


def counters_purge(now=None) -> int:
    """Delete the counters of windows that have ended (housekeeping)."""
    now = now or datetime.now(tz=UTC)
    deleted, _by_model = RateCounter.objects.filter(expires_at__lt=now).delete()
    return deleted


def retry_after(scope: str) -> int:
    """Seconds until the current window of ``scope`` ends (at least 1)."""
    _count, seconds = _limit(scope)
    return max(1, seconds - int(time.time()) % seconds)


def client_ip(request) -> str:
    """The address the request came from (see the module's note on proxies)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
