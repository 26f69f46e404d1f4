"""Django's PostgreSQL backend, with a health check that costs no round trip.

With ``CONN_HEALTH_CHECKS`` Django checks a kept connection at the start of every request
that uses it, by running ``SELECT 1``: one round trip and one statement for the server per
request, about a fifth of the statements of a cached public page. Here an idle connection
counts as usable when nothing is waiting to be read on its socket. When the server ends a
connection (a restart, ``pg_terminate_backend``, an idle timeout) it sends an error and closes
the socket, so there is something to read: then, and whenever the connection is not idle or
psycopg already knows it is broken, the full check runs as before.
"""

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        conn = self.connection
        if conn is None or conn.closed or conn.broken:
            return False
        if conn.info.transaction_status != TransactionStatus.IDLE:
            return super().is_usable()
        try:
            readable, _, _ = select.select([conn.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return super().is_usable() if readable else True
