"""On-site benchmarks: check-in scans and syncs against a real server; badges and lists as PDF.

Run from the project root:

    .venv/bin/python bench/onsite.py [--part scan,sync] [--databases sqlite,postgres]
                                     [--rate 50] [--seconds 20] [--sync-size 500]

Parts (``--part``, comma-separated; every part by default):

- ``scan``: the online scan endpoint at a steady rate (``--rate`` scans per second for
  ``--seconds``, open loop: each scan is sent at its planned time whatever the answers before
  it took), by ``--clients`` kept-alive connections of a signed-in check-in user, each a door
  with a device of its own; every scan is a different person (each one a write). Reports
  p50/p95/p99/max in ms (target: p99 ≤ 30 ms at 50 scans/s) and how late the clients were
  in sending (a late client means the rate was not held).
- ``sync``: one device's ``--sync-size`` offline scans sent as one batch, as the check-in page
  sends them when the network returns. Reports the time (target ≤ 5 s for 500) and counts the
  scans stored for that device in the database afterwards (0 lost).
- ``badges`` and ``attendance``: 1,000 badges as one PDF (target ≤ 5 s) and an attendance list
  of 1,000 names (target ≤ 3 s), with CPU time and peak memory (``bench/onsite_documents.py``).

For each database (the embedded SQLite database of a fresh data folder, and a fresh PostgreSQL
database ``kongres_bench_onsite_<pid>`` on 127.0.0.1, dropped at the end) it runs ``kongres
migrate`` and ``kongres load_demo``, adds a check-in point, a check-in user and the people to
scan to the demo edition (``kongres shell``), and starts ``kongres serve``. Only 127.0.0.1 is
contacted; the server's process group, the database and the data folder are removed on every
exit path. It prints a table and, as the last line, one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from _load import (
    HOST,
    BenchError,
    free_port,
    fresh_database_env,
    install_signal_handlers,
    kongres_command,
    load_average,
    run_step,
    server_cpu_seconds,
    start_server,
    stop_group,
    tail,
    wait_for_quiet,
    wait_until_ready,
)
from onsite_documents import DOCUMENT_PARTS

EDITION = "kkp-2025"
USERNAME = "bench-checkin"
PASSWORD = "bench-checkin-password"  # noqa: S105 (a throw-away database)
LANGUAGE = "pl"

SETUP = """
import json
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled
from kongres.events.models import Edition, TeamMember
from kongres.onsite.models import CheckInPoint
from kongres.registration.models import Category, Registration
from kongres.registration.services import email_key
from kongres.registration.tokens import ticket_token

COUNT = {count}
with scopes_disabled():
    edition = Edition.objects.get(slug="{edition}")
    point = CheckInPoint.objects.create(edition=edition, kind="hall", name="Bench door")
    category = Category.objects.filter(edition=edition).order_by("id").first()
    people = Registration.objects.bulk_create(
        Registration(
            edition=edition, category=category, state="confirmed",
            first_name="Bench", last_name=f"Person {{n:05d}}",
            email=f"bench-onsite-{{n}}@example.org",
            email_key=email_key(f"bench-onsite-{{n}}@example.org"),
        )
        for n in range(COUNT)
    )
    people = Registration.objects.filter(email_key__startswith="bench-onsite-").order_by("id")
    user = get_user_model().objects.create_user("{username}", password="{password}")
    TeamMember.objects.create(edition=edition, user=user, role="checkin")
    codes = [ticket_token(person) for person in people]
print("BENCH-SETUP " + json.dumps({{"point": point.pk, "codes": codes}}))
"""

COUNT_SCANS = """
import json
from django_scopes import scopes_disabled
from kongres.onsite.models import CheckIn, Scan
with scopes_disabled():
    scans = Scan.objects.filter(device__key="{device}")
    print("BENCH-COUNT " + json.dumps({{
        "scans": scans.count(),
        "accepted": scans.filter(outcome="accepted").count(),
        "checkins": CheckIn.objects.filter(device__key="{device}").count(),
    }}))
"""


# --- plumbing --------------------------------------------------------------------------------


def shell(code: str, env: dict, marker: str, timeout: float = 300) -> dict:
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


class Client:
    """One kept-alive connection with the session and CSRF cookies of a signed-in user."""

    def __init__(self, port: int, cookies: dict[str, str], timeout: float = 30):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
        self.cookies = dict(cookies)

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _eq, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), data

    def post_json(self, path: str, payload: dict):
        return self.request(
            "POST",
            path,
            json.dumps(payload).encode(),
            {"Content-Type": "application/json", "X-CSRFToken": self.cookies.get("csrftoken", "")},
        )

    def close(self):
        self.connection.close()


def sign_in(port: int) -> dict[str, str]:
    client = Client(port, {})
    login = f"/{LANGUAGE}/{EDITION}/checkin/login/"
    status, _headers, _body = client.request("GET", login)
    if status != 200:
        raise BenchError(f"GET {login} answered {status}")
    form = urlencode(
        {
            "csrfmiddlewaretoken": client.cookies.get("csrftoken", ""),
            "username": USERNAME,
            "password": PASSWORD,
        }
    ).encode()
    status, _headers, body = client.request(
        "POST", login, form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    client.close()
    if status != 302 or "sessionid" not in client.cookies:
        raise BenchError(f"signing in answered {status}: {body[:300]!r}")
    return client.cookies


def percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index] * 1000, 1)


@dataclass
class Context:
    kind: str
    port: int
    env: dict
    server: subprocess.Popen
    server_log: Path
    point: int
    codes: list[str]
    cookies: dict[str, str]
    args: argparse.Namespace
    used: int = 0  # codes handed out so far: every part scans people nobody scanned before
    notes: list[str] = field(default_factory=list)

    def take(self, count: int) -> list[str]:
        if self.used + count > len(self.codes):
            raise BenchError("not enough people set up for the parts chosen")
        chunk = self.codes[self.used : self.used + count]
        self.used += count
        return chunk


# --- parts -----------------------------------------------------------------------------------


def _steady(ctx: Context, codes: list[str], rate: float, seconds: float, clients: int) -> dict:
    """Send one scan per code at ``rate`` per second (open loop); latencies and lateness."""
    total = len(codes)
    path = f"/{LANGUAGE}/{EDITION}/checkin/scan"
    run = {"latencies": [], "lateness": [], "errors": {}, "colours": {}}
    lock = threading.Lock()
    next_index = iter(range(total))
    start = time.perf_counter() + 0.2

    def client_loop():
        client = Client(ctx.port, ctx.cookies)
        device = str(uuid.uuid4())  # each client is a door with its own device
        try:
            while True:
                with lock:
                    index = next(next_index, None)
                if index is None:
                    return
                planned = start + index / rate
                delay = planned - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                sent = time.perf_counter()
                now_ms = int(time.time() * 1000)
                scan = {"id": f"s{index}", "point": ctx.point, "code": codes[index], "at": now_ms}
                try:
                    status, _headers, body = client.post_json(
                        path, {"device": device, "now": now_ms, "scans": [scan]}
                    )
                except (OSError, http.client.HTTPException) as error:
                    with lock:
                        kind = type(error).__name__
                        run["errors"][kind] = run["errors"].get(kind, 0) + 1
                    client.close()
                    client = Client(ctx.port, ctx.cookies)
                    continue
                elapsed = time.perf_counter() - sent
                with lock:
                    run["lateness"].append(sent - planned)
                    if status == 200:
                        run["latencies"].append(elapsed)
                        colour = json.loads(body)["results"][0]["colour"]
                        run["colours"][colour] = run["colours"].get(colour, 0) + 1
                    else:
                        run["errors"][str(status)] = run["errors"].get(str(status), 0) + 1
        finally:
            client.close()

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    run["elapsed"] = time.perf_counter() - start
    return run


def part_scan(ctx: Context) -> dict:
    """The online scan endpoint at a steady rate, open loop, after a short warm-up."""
    args = ctx.args
    warmup = ctx.take(int(args.rate * args.warmup_seconds))
    codes = ctx.take(int(args.rate * args.seconds))
    if warmup:  # every server worker has served scans before the measurement
        _steady(ctx, warmup, args.rate, args.warmup_seconds, args.clients)
    busy = wait_for_quiet(args.wait_idle) if args.wait_idle else None
    cpu_before = server_cpu_seconds(ctx.server.pid)
    run = _steady(ctx, codes, args.rate, args.seconds, args.clients)
    elapsed = run["elapsed"]
    server_cpu = server_cpu_seconds(ctx.server.pid) - cpu_before
    latencies = run["latencies"]
    return {
        "scans": len(codes),
        "ok": len(latencies),
        "errors": run["errors"],
        "colours": run["colours"],
        "rate_planned": args.rate,
        "rate_achieved": round(len(latencies) / elapsed, 1) if elapsed > 0 else None,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "max_ms": percentile(latencies, 100),
        "send_late_p99_ms": percentile(run["lateness"], 99),
        "server_cpu_pct": round(100 * server_cpu / elapsed, 1) if elapsed > 0 else None,
        "load_average": load_average(),
        "machine_busy_before_pct": round(busy) if busy is not None else None,
        "target_p99_ms": 30,
    }


def part_sync(ctx: Context) -> dict:
    """One device's offline scans in one batch, then the rows stored for it counted."""
    size = ctx.args.sync_size
    codes = ctx.take(size)
    device = str(uuid.uuid4())
    scanned_from = int(time.time() * 1000) - size * 2000  # one scan every 2 s, offline
    payload = {
        "device": device,
        "now": int(time.time() * 1000),
        "scans": [
            {"id": f"offline-{n}", "point": ctx.point, "code": code, "at": scanned_from + n * 2000}
            for n, code in enumerate(codes)
        ],
    }
    client = Client(ctx.port, ctx.cookies, timeout=120)
    try:
        started = time.perf_counter()
        status, _headers, body = client.post_json(f"/{LANGUAGE}/{EDITION}/checkin/sync", payload)
        elapsed = time.perf_counter() - started
        replay_started = time.perf_counter()
        replay_status, _h, replay_body = client.post_json(
            f"/{LANGUAGE}/{EDITION}/checkin/sync", payload
        )
        replay_elapsed = time.perf_counter() - replay_started
    finally:
        client.close()
    if status != 200:
        raise BenchError(f"sync answered {status}: {body[:300]!r}\n{tail(ctx.server_log)}")
    counts = json.loads(body)["counts"]
    replay_counts = json.loads(replay_body)["counts"] if replay_status == 200 else {}
    stored = shell(COUNT_SCANS.format(device=device), ctx.env, "BENCH-COUNT")
    return {
        "scans": size,
        "seconds": round(elapsed, 3),
        "answer": counts,
        "stored": stored,
        "lost": size - stored["scans"],
        "replay_seconds": round(replay_elapsed, 3),
        "replay_new": replay_counts.get("new"),
        "target_seconds": 5,
    }


# name -> (function, people it scans given the arguments); badges and attendance lists come
# from onsite_documents.py.
PARTS = {
    "scan": (part_scan, lambda args: int(args.rate * (args.seconds + args.warmup_seconds))),
    "sync": (part_sync, lambda args: args.sync_size),
    **DOCUMENT_PARTS,
}


# --- one database ----------------------------------------------------------------------------


def benchmark_database(kind: str, args, cleanup: contextlib.ExitStack) -> dict:
    print(f"\n=== {kind} ===", flush=True)
    env, data_dir = fresh_database_env(kind, "onsite", args.postgres_url, cleanup)
    port = free_port()
    env["KONGRES_SITE_URL"] = f"http://{HOST}:{port}"
    run_step(["migrate", "--no-input", "-v0"], env, timeout=300)
    run_step(["load_demo"], env, timeout=300)
    people = sum(PARTS[name][1](args) for name in args.part if name in PARTS)
    setup = shell(
        SETUP.format(count=max(people, 1), edition=EDITION, username=USERNAME, password=PASSWORD),
        env,
        "BENCH-SETUP",
    )
    server_log = data_dir / "server.log"
    server = start_server(port, args.workers, args.threads, env, server_log)
    cleanup.callback(stop_group, server)
    wait_until_ready(server, port, server_log, timeout=120)
    ctx = Context(
        kind=kind,
        port=port,
        env=env,
        server=server,
        server_log=server_log,
        point=setup["point"],
        codes=setup["codes"],
        cookies=sign_in(port),
        args=args,
    )
    summary = {}
    for name in args.part:
        print(f"  part {name} ...", flush=True)
        summary[name] = PARTS[name][0](ctx)
        print(f"  {name}: {json.dumps(summary[name])}", flush=True)
    return summary


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", default=",".join(PARTS), help="comma-separated parts")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "KONGRES_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--rate", type=float, default=50.0, help="scans per second")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup-seconds", type=float, default=3.0)
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=60.0,
        help="wait up to this many seconds for the machine to be quiet before measuring scans",
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--sync-size", type=int, default=500)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)
    args.part = [name.strip() for name in args.part.split(",") if name.strip()]
    unknown = [name for name in args.part if name not in PARTS]
    if unknown:
        parser.error(f"unknown parts: {unknown}; known: {list(PARTS)}")
    args.databases = [name.strip() for name in args.databases.split(",") if name.strip()]
    return args


def print_table(results: dict) -> None:
    print("\n database | part | figures")
    for kind, summary in results.items():
        for part, figures in summary.items():
            if part == "scan":
                line = (
                    f"p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, max "
                    f"{figures['max_ms']} ms at {figures['rate_achieved']}/s "
                    f"({figures['ok']}/{figures['scans']} ok, errors {figures['errors']})"
                )
            elif part == "sync":
                line = (
                    f"{figures['scans']} scans in {figures['seconds']} s, lost {figures['lost']}, "
                    f"replay {figures['replay_seconds']} s (new {figures['replay_new']})"
                )
            else:
                line = json.dumps(figures)
            print(f" {kind} | {part} | {line}")


def main(argv=None) -> int:
    args = parse_args(argv)
    install_signal_handlers()
    print(f"load average {load_average()}", flush=True)
    results: dict = {}
    failed = False
    for kind in args.databases:
        with contextlib.ExitStack() as cleanup:
            try:
                results[kind] = benchmark_database(kind, args, cleanup)
            except BenchError as error:
                print(f"{kind}: benchmark failed: {error}", file=sys.stderr, flush=True)
                results[kind] = {"error": str(error)[:2000]}
                failed = True
    print_table({k: v for k, v in results.items() if "error" not in v})
    print(json.dumps({"onsite": results, "parts": args.part}), flush=True)  # the last line
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
