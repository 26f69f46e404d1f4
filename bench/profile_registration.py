"""Where a registration's time goes: CPU, queries and the transaction, one request at a time.

Run from the project root:

    .venv/bin/python bench/profile_registration.py [--registrations N] [--prefill M]
                                                   [--database sqlite|postgres] [--top K]

It sets up a throw-away data folder (and, for PostgreSQL, a database ``kongres_prof_<pid>`` on
127.0.0.1 that is dropped at the end), runs ``kongres migrate`` and ``kongres load_demo``, and
then, inside ``kongres shell`` (no server, no concurrency, so the figures hardly move with
other load on the machine), registers M people unmeasured (``--prefill``: the database of a
busy registration day) and N people measured, each as the load test's clients do: GET the form,
POST it (filled in by ``registration.py``'s own form code), GET the thanks page.

Reported per request kind: CPU time (``time.process_time``, median and mean) and queries; for
the POST, the CPU spent in its parts (inclusive: a part's time contains the parts it calls) and
the wall time of the registration transaction, which is the critical section: writers of one
category queue for its row lock (PostgreSQL) or for the database's write lock (SQLite), so
throughput can never exceed 1 ÷ that time. Then the top functions of cProfile for the POST
and the form GET. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _load import BenchError, install_signal_handlers, kongres_command, run_step
from _load import server_environment as kongres_environment
from registration import (
    DEFAULT_POSTGRES_URL,
    FORM_PATH,
    RATE_LIMIT_ENV,
    postgres_admin,
    postgres_urls,
)

BENCH_DIR = Path(__file__).resolve().parent

# Runs in ``kongres shell``; {placeholders} are filled in by ``main``.
SCRIPT = r"""
import cProfile, functools, io, json, pstats, random, statistics, sys, time
from collections import defaultdict
from urllib.parse import urlencode

sys.path.insert(0, {bench_dir!r})
from registration import fill_form, parse_form

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kongres.registration import forms, ratelimit, selectors, services
from kongres.registration.services import creation
from kongres.registration.views import public
from kongres.common.db import rows

FORM = {form_path!r}
N, PREFILL, TOP, RUN = {registrations!r}, {prefill!r}, {top!r}, {run!r}
client = Client(HTTP_HOST="127.0.0.1")
rng = random.Random(1)
counter = iter(range(10**9))


def register(measure=None):
    # measure(kind, call) runs the request (and times it); returns the response.
    measure = measure or (lambda kind, call: call())
    page = measure("form GET", lambda: client.get(FORM))
    assert page.status_code == 200, page.status_code
    email = f"prof-{{RUN}}-{{next(counter):07d}}@example.org"
    data = fill_form(parse_form(page.content.decode()), email, rng)
    # Encoded as browsers and the load test send this form (the test client's default,
    # multipart, costs the server several times more to parse).
    body = urlencode(data)
    done = measure(
        "POST", lambda: client.post(FORM, body, content_type="application/x-www-form-urlencoded")
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    thanks = measure("thanks GET", lambda: client.get(done["Location"]))
    assert thanks.status_code == 200, thanks.status_code


# Parts of the requests, timed by wrapping the module attributes the code calls through.
current = ["other"]  # the kind of request being measured
parts = defaultdict(float)  # (kind, part) -> CPU seconds
calls = defaultdict(int)
critical = []  # wall time of the registration transaction


def timed(name, func, wall=None):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        started, started_wall = time.process_time(), time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            parts[current[0], name] += time.process_time() - started
            calls[current[0], name] += 1
            if wall is not None:
                wall.append(time.perf_counter() - started_wall)
    return wrapper


def patch(owner, attribute, name, wall=None):
    setattr(owner, attribute, timed(name, getattr(owner, attribute), wall))


patch(public, "_registration_form_kwargs", "view: form choices (categories, consents, ...)")
patch(forms.RegistrationForm, "__init__", "form: build (incl. sessions and seats)")
patch(forms.RegistrationForm, "is_valid", "form: validate")
patch(selectors, "sessions_to_choose", "  sessions_to_choose (seats taken)")
patch(public, "_rate_limited", "rate limits (database upsert)")
patch(creation, "_registration_create", "registration (checks + transaction)")
patch(creation, "_registration_write", "  registration transaction", critical)
patch(rows, "execute_all", "    statements run (locks and counts; INSERTs on PostgreSQL)")
patch(rows, "reserve_ids", "    ids reserved (PostgreSQL)")
patch(rows, "insert_statement", "    INSERT statements built")
patch(rows, "insert", "    INSERTs run one by one (SQLite)")
patch(public, "render", "render (template)")
patch(public, "render_to_string", "render (template, cached form)")

for _ in range(3):  # warm-up: templates, imports, caches
    register()
for _ in range(PREFILL):
    register()
parts.clear(); calls.clear(); critical.clear()

cpu = defaultdict(list)
queries = defaultdict(list)
# CPU time, not wall time: on a busy machine wall time lands on whatever function was running.
profiles = {{kind: cProfile.Profile(time.process_time) for kind in ("POST", "form GET")}}
profiling = [False]


def measure(kind, call):
    current[0] = kind
    profile = profiles.get(kind) if profiling[0] else None
    with CaptureQueriesContext(connection) as captured:
        started = time.process_time()
        if profile:
            profile.enable()
        response = call()
        if profile:
            profile.disable()
        elapsed = time.process_time() - started
    if not profile:  # cProfile slows everything down: its runs are not timed
        cpu[kind].append(1000 * elapsed)
        queries[kind].append(len(captured))
    return response


for _ in range(N):
    register(measure)
timed_parts = {{
    kind: {{
        name: [round(1000 * value / N, 2), round(calls[kind, name] / N, 2)]
        for (kind_, name), value in parts.items()
        if kind_ == kind
    }}
    for kind in cpu
}}
profiling[0] = True
for _ in range(max(10, N // 4)):
    register(measure)

result = {{
    "cpu_ms": {{
        kind: {{"median": round(statistics.median(v), 2), "mean": round(statistics.mean(v), 2)}}
        for kind, v in cpu.items()
    }},
    "queries": {{kind: round(statistics.mean(v), 1) for kind, v in queries.items()}},
    "parts_cpu_ms_and_calls": timed_parts,
    "transaction_wall_ms": {{
        "median": round(1000 * statistics.median(critical), 2),
        "p95": round(1000 * sorted(critical)[int(0.95 * (len(critical) - 1))], 2),
    }},
}}
for kind, profile in profiles.items():
    for order, only in (("tottime", ""), ("cumulative", "/kongres/")):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats(order)
        stats.print_stats(*([only] if only else []), TOP)  # cumulative: the project's code
        text = out.getvalue()
        text = text[text.find("   ncalls"):]
        label = "by own time" if order == "tottime" else "by cumulative time, kongres code"
        result[f"profile {{kind}}, {{label}}"] = text
print("PROFILE-RESULT " + json.dumps(result), flush=True)
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrations", type=int, default=100, help="measured (100)")
    parser.add_argument(
        "--prefill", type=int, default=0, help="registrations made first, unmeasured (0)"
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--top", type=int, default=25, help="lines of each cProfile table (25)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds at most (1800)")
    parser.add_argument("--keep-data", action="store_true", help="keep the data folder")
    args = parser.parse_args(argv)
    if args.registrations < 1 or args.prefill < 0 or args.top < 1:
        parser.error("--registrations and --top must be positive, --prefill not negative")
    return args


def report(result: dict, args) -> None:
    print(f"\nPer request, one at a time ({args.database}, after {args.prefill} prefilled):")
    print(f"  {'request':<12} {'CPU ms median':>14} {'mean':>8} {'queries':>8}")
    for kind, cpu in result["cpu_ms"].items():
        print(
            f"  {kind:<12} {cpu['median']:>14.2f} {cpu['mean']:>8.2f} "
            f"{result['queries'][kind]:>8.1f}"
        )
    total = sum(cpu["mean"] for cpu in result["cpu_ms"].values())
    print(f"  {'together':<12} {'':>14} {total:>8.2f}")
    print("\nParts (CPU ms per request, inclusive: a part contains the parts it calls):")
    for kind, parts in result["parts_cpu_ms_and_calls"].items():
        for name, (ms, calls) in parts.items():
            print(f"  {kind:<11} {name:<48} {ms:>7.2f} ms  {calls:>4.1f}×")
    wall = result["transaction_wall_ms"]
    print(
        f"\nRegistration transaction (the critical section), wall time: median "
        f"{wall['median']} ms, p95 {wall['p95']} ms → at most "
        f"{1000 / wall['median']:.0f} registrations/s per category, whatever the cores"
    )
    for key, text in result.items():
        if key.startswith("profile "):
            print(f"\ncProfile, {key[len('profile ') :]}:\n{text.rstrip()}")


def main(argv=None) -> int:
    args = parse_args(argv)
    install_signal_handlers()
    data_dir = Path(tempfile.mkdtemp(prefix="kongres-profile-"))
    database_url = admin_url = None
    name = f"kongres_prof_{os.getpid()}"
    shell = None
    try:
        if args.database == "postgres":
            admin_url, database_url = postgres_urls(args.postgres_url, name)
            postgres_admin(admin_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
            postgres_admin(admin_url, "CREATE DATABASE {}", name)
        env = kongres_environment(data_dir, database_url)
        env.update(RATE_LIMIT_ENV)
        run_step(["migrate", "--no-input", "-v0"], env, timeout=300)
        run_step(["load_demo"], env, timeout=300)
        run_step(["collectstatic", "--no-input", "-v0"], env, timeout=300)  # as `serve` does
        script = SCRIPT.format(
            bench_dir=str(BENCH_DIR),
            form_path=FORM_PATH,
            registrations=args.registrations,
            prefill=args.prefill,
            top=args.top,
            run=os.getpid(),
        )
        print(
            f"  profiling {args.registrations} registrations after {args.prefill} ...",
            flush=True,
        )
        shell = subprocess.Popen(
            [*kongres_command(), "shell", "-v", "0", "-c", script],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        output, _ = shell.communicate(timeout=args.timeout)
        line = next((ln for ln in output.splitlines() if ln.startswith("PROFILE-RESULT ")), None)
        if shell.returncode != 0 or line is None:
            raise BenchError(f"kongres shell failed ({shell.returncode}):\n{output[-4000:]}")
        result = json.loads(line[len("PROFILE-RESULT ") :])
    except (BenchError, subprocess.TimeoutExpired) as error:
        print(f"profiling failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        if shell is not None and shell.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(shell.pid, 9)
            shell.wait()
        if admin_url:
            with contextlib.suppress(Exception):
                postgres_admin(admin_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
        if args.keep_data:
            print(f"Data folder kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    report(result, args)
    summary = {k: v for k, v in result.items() if not k.startswith("profile ")}
    summary.update(
        {"database": args.database, "prefill": args.prefill, "registrations": args.registrations}
    )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
