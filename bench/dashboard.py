"""The organiser's dashboard of one edition with many registrations: server time per request.

Run from the project root:

    .venv/bin/python bench/dashboard.py [--databases sqlite,postgres] [--registrations 5000]
                                        [--requests 200] [--postgres-url URL]

For each database (the embedded SQLite database of a fresh data folder, and a fresh PostgreSQL
database ``kongres_bench_dashboard_<pid>`` on 127.0.0.1, dropped at the end) it runs ``kongres
migrate`` and ``kongres load_demo``, then, in one ``kongres shell``: adds ``--registrations``
registrations to the demo edition (spread over 120 days, every state, voivodeship and type of
organisation), a sign-up or waiting-list entry for every tenth of them, one e-mail per
registration (queued, sent or failed) and a superuser; then asks for the dashboard with
Django's test client (the whole request: middleware, the figures' queries, rendering), a few
warm-up requests and then ``--requests`` timed ones. Server time is the time of that call, in
the same process; no network. Target: p95 ≤ 150 ms. It prints a table and, as the last line,
one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys

from _load import (
    BenchError,
    fresh_database_env,
    install_signal_handlers,
    kongres_command,
    run_step,
)

EDITION = "kkp-2025"
TARGET_P95_MS = 150.0
MARKER = "BENCH-DASHBOARD"

CODE = """
import datetime as dt, json, math, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled
from kongres.comms.models import Message
from kongres.events.enums import Voivodeship
from kongres.events.models import Edition
from kongres.program.models import Session
from kongres.registration.enums import OrganisationType
from kongres.registration.models import Category, Registration
from kongres.registration.services import email_key
from kongres.visits.models import Signup

COUNT, REQUESTS = {count}, {requests}
STATES = ["confirmed"] * 6 + ["unverified", "pending_approval", "waitlisted", "cancelled"]
with scopes_disabled():
    edition = Edition.objects.get(slug="{edition}")
    categories = list(Category.objects.filter(edition=edition).order_by("id"))
    voivodeships = Voivodeship.values + [""]
    types = OrganisationType.values + [""]
    start = dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC)
    rows = Registration.objects.bulk_create(
        (
            Registration(
                edition=edition, category=categories[n % len(categories)],
                state=STATES[n % len(STATES)],
                first_name="Bench", last_name=f"Person {{n:05d}}",
                organisation=f"Firma {{n % 300}}",
                voivodeship=voivodeships[n % len(voivodeships)],
                organisation_type=types[n % len(types)],
                email=f"bench-dash-{{n}}@example.org",
                email_key=email_key(f"bench-dash-{{n}}@example.org"),
            )
            for n in range(COUNT)
        ),
        batch_size=1000,
    )
    for n, row in enumerate(rows):
        row.created_at = start + dt.timedelta(hours=n * 24 * 120 // COUNT)
    Registration.objects.bulk_update(rows, ["created_at"], batch_size=1000)
    sessions = list(Session.objects.filter(edition=edition, capacity__isnull=False))
    Signup.objects.bulk_create(
        (
            Signup(edition=edition, session=sessions[n % len(sessions)], registration=row,
                   state="waitlisted")
            for n, row in enumerate(rows[::10] if sessions else [])
        ),
        batch_size=1000,
    )
    Message.objects.bulk_create(
        (
            Message(edition=edition, registration=row, kind="registration_confirmed",
                    dedupe_key=f"bench-dash:{{row.pk}}", to_email=row.email, language="pl",
                    state=["sent", "sent", "sent", "queued", "failed"][n % 5])
            for n, row in enumerate(rows)
        ),
        batch_size=1000,
    )
    total = Registration.objects.filter(edition=edition).count()
    get_user_model().objects.create_superuser("bench-dash", password="bench-dash-2025!")

client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username="bench-dash"))
path = reverse("backoffice:dashboard", args=[edition.pk])
for _ in range(5):
    assert client.get(path).status_code == 200
statements = []
def count(execute, sql, params, many, context):
    statements.append(sql)
    return execute(sql, params, many, context)
with connection.execute_wrapper(count):
    response = client.get(path)
assert response.status_code == 200, response.status_code
times = []
for _ in range(REQUESTS):
    started = time.perf_counter()
    response = client.get(path)
    times.append(time.perf_counter() - started)
    assert response.status_code == 200
if {profile}:
    import cProfile, pstats, io
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
    print(out.getvalue())
times.sort()
def pct(p):
    return round(1000 * times[max(0, math.ceil(p / 100 * len(times)) - 1)], 2)
print("{marker} " + json.dumps({{
    "registrations": total, "queries": len(statements),
    "bytes": len(response.content), "requests": REQUESTS,
    "p50_ms": pct(50), "p95_ms": pct(95), "max_ms": round(1000 * times[-1], 2),
}}))
"""


def measure(kind: str, args: argparse.Namespace) -> dict:
    import subprocess

    with contextlib.ExitStack() as cleanup:
        env, _data = fresh_database_env(kind, "dashboard", args.postgres_url, cleanup)
        env["KONGRES_STAFF_2FA"] = "off"
        run_step(["migrate", "--no-input", "-v0"], env, timeout=600)
        run_step(["collectstatic", "--no-input", "-v0"], env, timeout=300)  # as `serve` does
        run_step(["load_demo"], env, timeout=600)
        code = CODE.format(
            count=args.registrations,
            requests=args.requests,
            edition=EDITION,
            marker=MARKER,
            profile=args.profile,
        )
        done = subprocess.run(
            [*kongres_command(), "shell", "-c", code],
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
            check=False,
        )
        if args.profile:
            print(done.stdout[-12000:])
        for line in done.stdout.splitlines():
            if line.startswith(MARKER + " "):
                return json.loads(line[len(MARKER) + 1 :])
        tail = (done.stdout + done.stderr)[-3000:]
        raise BenchError(f"kongres shell failed ({done.returncode}):\n{tail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--registrations", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--profile", action="store_true", help="print a profile of 10 requests")
    args = parser.parse_args()
    install_signal_handlers()
    results = {}
    for kind in [name.strip() for name in args.databases.split(",") if name.strip()]:
        try:
            results[kind] = measure(kind, args)
        except BenchError as error:
            print(f"{kind}: {error}", file=sys.stderr)
            results[kind] = {"error": str(error)[:500]}
    print(f"{'database':<10} {'regs':>6} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, row in results.items():
        if "error" in row:
            print(f"{kind:<10} error")
            continue
        print(
            f"{kind:<10} {row['registrations']:>6} {row['queries']:>8} {row['p50_ms']:>8} "
            f"{row['p95_ms']:>8} {row['max_ms']:>8}"
        )
    ok = all("error" not in row and row["p95_ms"] <= TARGET_P95_MS for row in results.values())
    print(json.dumps({"bench": "dashboard", "target_p95_ms": TARGET_P95_MS, "ok": ok, **results}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
