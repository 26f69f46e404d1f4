"""``kongres worker``: run background tasks (sending e-mail) and periodic housekeeping.

The tasks run in the foreground with django-tasks-db's ``db_worker``; housekeeping (expired
holds and seat offers, ID data after visits, stuck messages) runs every few seconds in a
daemon thread. SIGTERM or SIGINT lets the running task finish, stops housekeeping and exits.
Several workers may share one database: each claims tasks with row locks.
"""

import os
import socket
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from kongres.common.housekeeping import run_housekeeping


def _housekeeping_loop(stop: threading.Event, every: float, stderr) -> None:
    while not stop.is_set():
        try:
            run_housekeeping()
        except Exception as error:  # keep the loop alive; run_housekeeping logs its own
            stderr.write(f"housekeeping failed: {error!r}")
        finally:
            connections.close_all()  # this thread's connections; not kept between runs
        stop.wait(every)


def wal_checkpoint() -> tuple[int, int, int]:
    """One passive checkpoint: (busy, frames in the WAL, frames copied into the database)."""
    with connections["default"].cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        return tuple(cursor.fetchone())


def _checkpoint_loop(stop: threading.Event, every: float, stderr) -> None:
    """Copy SQLite's write-ahead log into the database, so that requests need not.

    A PASSIVE checkpoint waits for nobody and blocks no writer; it runs here, outside the
    writers' queue, instead of inside the commit of whichever request crosses the threshold.
    """
    while not stop.wait(every):
        try:
            wal_checkpoint()
        except Exception as error:  # keep the loop alive; the next round tries again
            stderr.write(f"checkpoint failed: {error!r}")
        finally:
            connections.close_all()


def lower_priority(nice: int) -> None:
    """Lower this process's CPU priority, in a way the kernel actually applies.

    With the Linux scheduler's autogroups (``kernel.sched_autogroup_enabled``, on by default in
    most distributions) CPU time is shared fairly between sessions first, and a process's nice
    value only counts against others of its own session. The worker runs in a session of its
    own (``kongres demo``, systemd services, the benchmark), so ``os.nice`` alone would leave it
    an equal share with the web server during a burst. As the leader of its session it sets the
    nice value of the session's group too; in a shared session it leaves the group alone, not
    to slow down its neighbours.
    """
    os.nice(nice)
    if os.getsid(0) != os.getpid():
        return
    try:
        with open("/proc/self/autogroup", "w") as autogroup:
            autogroup.write(str(nice))
    except OSError:  # no autogroups (other systems, kernels without them): os.nice suffices
        pass


class Command(BaseCommand):
    help = "Run background tasks (e-mail) and periodic housekeeping until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds to wait for new tasks when the queue is empty (default: 1)",
        )
        parser.add_argument(
            "--housekeeping-every",
            type=float,
            default=60.0,
            help="seconds between housekeeping runs; 0 turns housekeeping off (default: 60)",
        )
        parser.add_argument(
            "--nice",
            type=int,
            default=int(os.environ.get("KONGRES_WORKER_NICE", "19")),
            help="lower the worker's CPU priority by this much, so that on a machine shared "
            "with the web server pages stay fast while e-mail waits a moment (default: 19, "
            "or KONGRES_WORKER_NICE; 0 keeps the priority)",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="run housekeeping once, then every task that is due, and exit",
        )

    def handle(self, *args, interval, housekeeping_every, nice, batch, verbosity, **options):
        if interval < 0 or housekeeping_every < 0 or nice < 0:
            raise CommandError("--interval, --housekeeping-every and --nice cannot be negative.")
        if nice:
            lower_priority(nice)
        worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}"
        worker_options = {
            "interval": interval,
            "batch": batch,
            "reload": False,
            "startup_delay": not batch,
            "worker_id": worker_id,
            "verbosity": verbosity,
        }
        if batch:
            if housekeeping_every:
                run_housekeeping()
            call_command("db_worker", **worker_options)
            return

        stop = threading.Event()
        threads = []
        if connections["default"].vendor == "sqlite":
            threads.append(
                threading.Thread(
                    target=_checkpoint_loop,
                    args=(stop, 2.0, self.stderr),
                    name="checkpoint",
                    daemon=True,
                )
            )
        thread = None
        if housekeeping_every:
            thread = threading.Thread(
                target=_housekeeping_loop,
                args=(stop, housekeeping_every, self.stderr),
                name="housekeeping",
                daemon=True,
            )
            thread.start()
        for checkpoint in threads:
            checkpoint.start()
        if verbosity:
            self.stdout.write(
                f"Worker {worker_id} running tasks"
                + (f", housekeeping every {housekeeping_every:g} s" if thread else "")
            )
        try:
            # db_worker installs its own SIGTERM/SIGINT handlers: the task being run finishes,
            # then it returns (or raises SystemExit when idle).
            call_command("db_worker", **worker_options)
        finally:
            stop.set()
            if thread is not None:
                thread.join(timeout=30)
            for checkpoint in threads:
                checkpoint.join(timeout=30)
