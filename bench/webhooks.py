"""Webhooks: 1,000 deliveries drained by one worker against a local receiver (target ≤ 20 s).

    .venv/bin/python bench/webhooks.py [--count 1000] [--databases sqlite,postgres]

For each database: a fresh data folder (SQLite) or database (PostgreSQL on 127.0.0.1),
``kongres migrate``, ``kongres load_demo`` and one worker run for the demo's own tasks; a
receiver (``http.server`` in a thread of this process, on 127.0.0.1) that checks every
signature and answers 200; one webhook endpoint of the demo edition pointing at it;
``--count`` registrations, each with its ``registration.created`` entry in the activity log,
written in one go (the outbox as the services leave it). Then one
``kongres worker --batch --nice 0`` is timed from start to exit: its housekeeping turns the
log entries into deliveries and sends them, signed, eight at a time on kept-alive
connections. Reported: the worker's wall time (including the start of the process), the
time to the first request, the span between the first and the last request at the
receiver, deliveries per second, and the counts seen by the receiver and in the database.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from _load import HOST, BenchError, fresh_database_env, kongres_command, load_average, run_step

TARGET_SECONDS = 20.0
EDITION = "kkp-2025"

SETUP = r"""
import json
from django_scopes import scopes_disabled
from kongres.api.webhooks.services import endpoint_create
from kongres.common.activity import activity_entry, log_activities
from kongres.events.models import Edition
from kongres.registration.models import Category, Registration
from kongres.registration.services import email_key

with scopes_disabled():
    edition = Edition.objects.get(slug="{edition}")
    endpoint = endpoint_create(
        edition=edition, url="{url}", events=["registration.created"]
    )
    category = Category.objects.filter(edition=edition).order_by("id").first()
    people = Registration.objects.bulk_create(
        Registration(
            edition=edition, category=category, state="unverified",
            first_name="Łucja", last_name=f"Żak {{n:04d}}", organisation="Klaster Lubuski",
            email=f"bench-hook-{{n}}@example.org",
            email_key=email_key(f"bench-hook-{{n}}@example.org"),
        )
        for n in range({count})
    )
    log_activities(
        activity_entry(obj=p, action="registration.created.unverified", actor_label="participant")
        for p in people
    )
print("BENCH-SETUP", json.dumps({{"secret": endpoint.secret, "endpoint": endpoint.pk}}))
"""

COUNT_CODE = r"""
import json
from django_scopes import scopes_disabled
from kongres.api.webhooks.models import WebhookDelivery
with scopes_disabled():
    states = {{}}
    for state in WebhookDelivery.objects.filter(endpoint_id={endpoint}).values_list(
        "state", flat=True
    ):
        states[state] = states.get(state, 0) + 1
print("BENCH-COUNT", json.dumps(states))
"""


def shell(code: str, env: dict, marker: str, timeout: float = 300) -> dict:
    """Run ``code`` in ``kongres shell``; returns the JSON printed after ``marker``."""
    done = subprocess.run(
        [*kongres_command(), "shell", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith(marker + " "):
            return json.loads(line[len(marker) + 1 :])
    raise BenchError(f"kongres shell failed ({done.returncode}):\n{done.stdout}{done.stderr}")


class Receiver:
    def __init__(self):
        self.secret = ""
        self.lock = threading.Lock()
        self.times: list[float] = []
        self.ids: set[str] = set()
        self.bad_signatures = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                from kongres.api.webhooks.signing import signature_verify

                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                ok = signature_verify(
                    receiver.secret, self.headers.get("Kongres-Signature", ""), raw, now=time.time()
                )
                with receiver.lock:
                    receiver.times.append(time.perf_counter())
                    receiver.ids.add(json.loads(raw)["id"])
                    receiver.bad_signatures += not ok
                self.send_response(200 if ok else 400)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://{HOST}:{self.server.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def benchmark_database(kind: str, args, cleanup: contextlib.ExitStack) -> dict:
    print(f"\n=== {kind} ===", flush=True)
    env, _data_dir = fresh_database_env(kind, "webhooks", args.postgres_url, cleanup)
    run_step(["migrate", "--no-input", "-v0"], env, timeout=300)
    run_step(["load_demo"], env, timeout=300)
    # The demo's own queued work (its e-mails) first, so the timed run does webhooks only.
    run_step(["worker", "--batch", "--nice", "0", "-v0"], env, timeout=600)
    receiver = Receiver()
    cleanup.callback(receiver.close)
    setup = shell(
        SETUP.format(edition=EDITION, url=receiver.url, count=args.count), env, "BENCH-SETUP"
    )
    receiver.secret = setup["secret"]
    started = time.perf_counter()
    done = subprocess.run(
        [*kongres_command(), "worker", "--batch", "--nice", "0", "-v0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise BenchError(f"kongres worker failed:\n{done.stdout}{done.stderr}")
    states = shell(COUNT_CODE.format(endpoint=setup["endpoint"]), env, "BENCH-COUNT")
    span = receiver.times[-1] - receiver.times[0] if len(receiver.times) > 1 else 0.0
    result = {
        "deliveries": args.count,
        "received": len(receiver.times),
        "distinct_events": len(receiver.ids),
        "bad_signatures": receiver.bad_signatures,
        "delivered_in_db": states.get("delivered", 0),
        "worker_seconds": round(seconds, 2),
        "receiver_span_seconds": round(span, 2),
        # From the worker's start to the first request: process start, housekeeping, dispatch.
        "first_request_after_seconds": round(receiver.times[0] - started, 2)
        if receiver.times
        else None,
        "deliveries_per_second": round(args.count / seconds, 1),
        "target_seconds": TARGET_SECONDS,
        "met": seconds <= TARGET_SECONDS
        and len(receiver.ids) == args.count
        and states.get("delivered", 0) == args.count,
    }
    print(f"  {json.dumps(result)}", flush=True)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args(argv)
    print(f"load average {load_average()}", flush=True)
    results: dict = {}
    failed = False
    for kind in args.databases.split(","):
        with contextlib.ExitStack() as cleanup:
            try:
                results[kind] = benchmark_database(kind, args, cleanup)
            except BenchError as error:
                print(f"{kind}: benchmark failed: {error}", file=sys.stderr, flush=True)
                results[kind] = {"error": str(error)[:2000]}
                failed = True
    print(json.dumps({"webhooks": results}), flush=True)  # the last line
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
