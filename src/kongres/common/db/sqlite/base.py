"""Django's SQLite backend, with writers queued in the kernel instead of polling.

SQLite lets one writer in at a time. A connection that finds the write lock taken retries in
its busy handler, sleeping 1, 2, 5, 10 … up to 100 ms between attempts; under load the lock
is then often free while every waiter sleeps, which wastes throughput and gives some writers
latencies of seconds. Here every transaction (they all start with ``BEGIN IMMEDIATE``, i.e.
they take the write lock first) first takes an exclusive ``flock`` on a file next to the
database. A blocked ``flock`` sleeps in the kernel and wakes as soon as the holder lets go, so
the write lock passes from one transaction to the next without a gap. Each connection opens
the file itself, so threads of one process and separate processes queue alike. The lock is
released after COMMIT or ROLLBACK, and when the connection closes.

Statements outside a transaction (autocommit) do not queue here; they are single short writes
and rely on SQLite's busy handler as before.
"""

import os

from django.db.backends.sqlite3 import base

try:
    import fcntl
except ImportError:  # not POSIX: fall back to SQLite's busy handler alone
    fcntl = None


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_fd: int | None = None
    _writer_locked = False

    def _writer_lock_path(self) -> str | None:
        if fcntl is None or self.is_in_memory_db():
            return None
        return f"{self.settings_dict['NAME']}-writers.lock"

    def _acquire_writer_lock(self) -> None:
        path = self._writer_lock_path()
        if path is None or self._writer_locked:
            return
        if self._writer_fd is None:
            self._writer_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._writer_fd, fcntl.LOCK_EX)
        self._writer_locked = True

    def _release_writer_lock(self) -> None:
        if self._writer_locked:
            self._writer_locked = False
            fcntl.flock(self._writer_fd, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self):
        self._acquire_writer_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer_lock()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_writer_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writer_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_writer_lock()
            if self._writer_fd is not None:
                os.close(self._writer_fd)
                self._writer_fd = None
