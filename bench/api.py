"""REST API benchmarks against a real server (``kongres serve``).

Run from the project root:

    .venv/bin/python bench/api.py [--part list] [--databases sqlite,postgres]
                                  [--registrations 5000] [--rounds 3] [--clients 2]

Parts (``--part``, comma-separated; every part by default; add a part by adding an entry to
``PARTS``: ``name -> (run(ctx) -> dict, setup code for kongres shell or "")``):

- ``list``: the registrations list of the demo edition with ``--registrations`` registrations
  added, read page by page (100 a page, following the ``next`` cursor links) by ``--clients``
  kept-alive clients, each walking every page ``--rounds`` times after one warm-up walk.
  Reports p50/p95/p99/max per page in ms (target: p95 ≤ 50 ms) and checks that every walk saw
  every registration once.

For each database (the embedded SQLite database of a fresh data folder, and a fresh PostgreSQL
database ``kongres_bench_api_<pid>`` on 127.0.0.1, dropped at the end) it runs ``kongres
migrate`` and ``kongres load_demo``, adds the registrations, an organiser and an API token of
the demo edition (``kongres shell``), and starts ``kongres serve``. Only 127.0.0.1 is
contacted; the server's process group, the database and the data folder are removed on every
exit path. It prints a table and, as the last line, one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

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
    wait_for_quiet,
    wait_until_ready,
)

EDITION = "kkp-2025"
TARGET_P95_MS = 50.0

SETUP = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_scopes import scopes_disabled
from kongres.api.services import api_token_create
from kongres.events.models import Edition, TeamMember
from kongres.registration.models import Category, Registration
from kongres.registration.services import email_key

with scopes_disabled():
    edition = Edition.objects.get(slug="{edition}")
    categories = list(Category.objects.filter(edition=edition).order_by("id"))
    Registration.objects.bulk_create(
        (
            Registration(
                edition=edition, category=categories[n % len(categories)],
                state="confirmed" if n % 5 else "waitlisted",
                first_name="Bench", last_name=f"Person {{n:05d}}",
                organisation=f"Firma {{n % 300}}", voivodeship="lubuskie",
                email=f"bench-api-{{n}}@example.org",
                email_key=email_key(f"bench-api-{{n}}@example.org"),
            )
            for n in range({count})
        ),
        batch_size=1000,
    )
    user = get_user_model().objects.create_user("bench-api", password="bench-api-2025!")
    TeamMember.objects.create(edition=edition, user=user, role="organiser")
    _token, secret = api_token_create(
        edition=edition, user=user, name="bench", scopes=["registrations:read"],
        expires_at=timezone.now() + timedelta(days=1),
    )
    total = Registration.objects.filter(edition=edition).count()
print("BENCH-SETUP " + json.dumps({{"token": secret, "total": total}}))
"""


@dataclass
class Context:
    kind: str
    port: int
    env: dict
    server: subprocess.Popen
    token: str
    total: int
    args: argparse.Namespace


# --- plumbing --------------------------------------------------------------------------------


def shell(code: str, env: dict, marker: str, timeout: float = 600) -> dict:
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


def percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = max(0, math.ceil(pct / 100 * len(ordered)) - 1)
    return round(ordered[index] * 1000, 2)


def get_json(connection: http.client.HTTPConnection, path: str, token: str) -> tuple[int, dict]:
    connection.request(
        "GET", path, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}
    )
    response = connection.getresponse()
    body = response.read()
    return response.status, json.loads(body) if body else {}


# --- part: list --------------------------------------------------------------------------------


def walk(port: int, token: str, latencies: list[float] | None, timeout: float = 30) -> list[int]:
    """Every page of the registrations list, following ``next``; returns the ids seen."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    path = f"/api/v1/editions/{EDITION}/registrations/"
    ids: list[int] = []
    try:
        while path:
            started = time.perf_counter()
            status, body = get_json(connection, path, token)
            elapsed = time.perf_counter() - started
            if status != 200:
                raise BenchError(f"{path}: HTTP {status} {body}")
            if latencies is not None:
                latencies.append(elapsed)
            ids += [row["id"] for row in body["results"]]
            following = body.get("next")
            path = urlsplit(following)._replace(scheme="", netloc="").geturl() if following else ""
    finally:
        connection.close()
    return ids


def run_list(ctx: Context) -> dict:
    walk(ctx.port, ctx.token, None)  # warm-up: caches, connections, imports
    wait_for_quiet(ctx.args.wait_idle)
    latencies: list[float] = []
    lock = threading.Lock()
    errors: list[str] = []
    incomplete = 0

    def client():
        nonlocal incomplete
        mine: list[float] = []
        try:
            for _ in range(ctx.args.rounds):
                ids = walk(ctx.port, ctx.token, mine)
                if len(ids) != ctx.total or len(set(ids)) != ctx.total:
                    incomplete += 1
        except (BenchError, OSError) as error:
            errors.append(str(error)[:300])
        with lock:
            latencies.extend(mine)

    cpu_before = server_cpu_seconds(ctx.server.pid)
    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(ctx.args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cpu = server_cpu_seconds(ctx.server.pid) - cpu_before
    p95 = percentile(latencies, 95)
    return {
        "registrations": ctx.total,
        "pages": len(latencies),
        "clients": ctx.args.clients,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": p95,
        "p99_ms": percentile(latencies, 99),
        "max_ms": percentile(latencies, 100),
        "pages_per_s": round(len(latencies) / wall, 1) if wall else None,
        "server_cpu_ms_per_page": round(cpu * 1000 / len(latencies), 2) if latencies else None,
        "incomplete_walks": incomplete,
        "errors": errors[:5],
        "target_p95_ms": TARGET_P95_MS,
        "ok": bool(p95 is not None and p95 <= TARGET_P95_MS and not errors and not incomplete),
    }


# name -> (run, needs the registrations and token of SETUP)
PARTS = {
    "list": (run_list, True),
}


# --- the run -------------------------------------------------------------------------------------


def benchmark_database(kind: str, args, cleanup: contextlib.ExitStack) -> dict:
    print(f"\n=== {kind} ===", flush=True)
    env, data_dir = fresh_database_env(kind, "api", args.postgres_url, cleanup)
    port = free_port()
    env["KONGRES_SITE_URL"] = f"http://{HOST}:{port}"
    run_step(["migrate", "--no-input", "-v0"], env, timeout=300)
    run_step(["load_demo"], env, timeout=300)
    setup = {"token": "", "total": 0}
    if any(PARTS[name][1] for name in args.part):
        setup = shell(SETUP.format(edition=EDITION, count=args.registrations), env, "BENCH-SETUP")
        print(f"  {setup['total']} registrations in {EDITION}", flush=True)
    server_log = data_dir / "server.log"
    server = start_server(port, args.workers, args.threads, env, server_log)
    cleanup.callback(stop_group, server)
    wait_until_ready(server, port, server_log, timeout=120)
    ctx = Context(
        kind=kind,
        port=port,
        env=env,
        server=server,
        token=setup["token"],
        total=setup["total"],
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
    parser.add_argument("--registrations", type=int, default=5000, help="added to the demo")
    parser.add_argument("--rounds", type=int, default=3, help="walks of every page per client")
    parser.add_argument("--clients", type=int, default=2, help="concurrent kept-alive clients")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=60.0,
        help="wait up to this many seconds for the machine to be quiet before measuring",
    )
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
            if part == "list":
                line = (
                    f"{figures['pages']} pages of {figures['registrations']}: p50 "
                    f"{figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']}"
                    f" ms, max {figures['max_ms']} ms, {figures['pages_per_s']} pages/s"
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
    print(json.dumps({"api": results, "parts": args.part}), flush=True)  # the last line
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
