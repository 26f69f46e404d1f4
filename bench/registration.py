"""Throughput and latency of the public registration form under concurrent load.

Run from the project root:

    .venv/bin/python bench/registration.py [--requests N] [--concurrency C]
                                           [--databases sqlite,postgres]
                                           [--workers W] [--threads T] [--keep-data]

For each database (the embedded SQLite database of a fresh data folder, and a fresh PostgreSQL
database ``kongres_bench_<pid>`` on 127.0.0.1 that is dropped at the end) it runs
``kongres migrate`` and ``kongres load_demo``, starts ``kongres serve`` and one
``kongres worker`` (which sends the verification e-mails into the data folder), and then:

1. measures the trivial view (``/healthz``) with C kept-alive clients;
2. lets C clients register N people: each client keeps a cookie jar and one kept-alive
   connection, GETs the registration form, reads the CSRF token and the choices from the HTML,
   POSTs a complete valid registration (unique e-mail, every consent accepted, one study visit
   chosen at random so that visits fill and waiting lists grow, one panel) and follows the
   redirect to the thanks page;
3. counts with ``kongres shell`` the registrations the benchmark created and the verification
   e-mails the worker had sent when the last registration was answered, then how long the
   worker took to send the rest.

The registration form is rate limited per client address and per e-mail address; all clients
come from 127.0.0.1, so the benchmark raises both limits through the server's environment
(``KONGRES_RATELIMIT_REGISTER_IP`` and ``KONGRES_RATELIMIT_REGISTER_EMAIL``, see ``RATE_LIMITS``).
The limiter itself still runs on every POST, as in production.

It prints a table and, as the last line, one JSON object. Only 127.0.0.1 is ever contacted;
every request has a timeout and every phase a deadline; the server and the worker (their
process groups) are stopped, the PostgreSQL database dropped and the data folders removed on
every exit path.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import json
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from _load import (
    HOST,
    TRIVIAL_PATH,
    BenchError,
    configured_server_defaults,
    free_port,
    http_get,
    install_signal_handlers,
    kongres_command,
    load_average,
    machine_cpu_seconds,
    pids_cpu_seconds,
    pids_matching,
    read_full_response,
    rounded,
    run_phase,
    run_step,
    server_cpu_seconds,
    server_environment,
    start_process,
    start_server,
    stop_group,
    tail,
    wait_for_quiet,
    wait_for_workers,
    wait_until_ready,
)

EDITION = "kkp-2025"
FORM_PATH = f"/pl/{EDITION}/register/"
THANKS_PATH = f"/pl/{EDITION}/register/thanks/"
DATABASES = ("sqlite", "postgres")
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432"
# The form's limits would stop the benchmark after 30 registrations from one address.
RATE_LIMIT_ENV = {
    "KONGRES_RATELIMIT_REGISTER_IP": "1000000/3600",
    "KONGRES_RATELIMIT_REGISTER_EMAIL": "1000000/3600",
}
# Targets of the performance issue (16 concurrent clients on the 2-core machine).
TARGET_REGISTRATIONS_PER_S = 100.0
TARGET_P99_MS = 300.0
TARGET_VS_TRIVIAL = 0.25


# --- the form ---------------------------------------------------------------------------------

INPUT_RE = re.compile(r"<input\b([^>]*)>", re.IGNORECASE)
SELECT_RE = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.IGNORECASE | re.DOTALL)
OPTION_RE = re.compile(r"<option\b([^>]*)>", re.IGNORECASE)
TEXTAREA_RE = re.compile(r"<textarea\b([^>]*)>", re.IGNORECASE)
ATTR_RE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
ERROR_SUMMARY_RE = re.compile(
    r'<div class="error-summary".*?<ul>(.*?)</ul>', re.IGNORECASE | re.DOTALL
)
TAG_RE = re.compile(r"<[^>]+>")


def _attributes(text: str) -> dict[str, str]:
    attributes = {}
    for match in ATTR_RE.finditer(text):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if value is None:
            value = match.group(4) if match.group(4) is not None else ""
        attributes[match.group(1).lower()] = html.unescape(value)
    return attributes


@dataclass
class FormField:
    name: str
    kind: str  # text, email, tel, hidden, radio, checkbox, select, textarea
    required: bool = False
    options: list[str] = field(default_factory=list)  # values of radios, checkboxes, options
    checked: list[str] = field(default_factory=list)  # checked / selected values
    value: str = ""  # of a hidden or text input


def parse_form(page: str) -> dict[str, FormField]:
    """The fields of the registration form, from its HTML (regular expressions: fast)."""
    fields: dict[str, FormField] = {}
    for match in INPUT_RE.finditer(page):
        attrs = _attributes(match.group(1))
        name = attrs.get("name")
        if not name:
            continue
        kind = attrs.get("type", "text").lower()
        item = fields.setdefault(name, FormField(name=name, kind=kind))
        item.required = item.required or "required" in attrs
        if kind in {"radio", "checkbox"}:
            value = attrs.get("value", "on")
            item.options.append(value)
            if "checked" in attrs:
                item.checked.append(value)
        else:
            item.value = attrs.get("value", "")
    for match in SELECT_RE.finditer(page):
        attrs = _attributes(match.group(1))
        name = attrs.get("name")
        if not name:
            continue
        item = FormField(name=name, kind="select", required="required" in attrs)
        for option in OPTION_RE.finditer(match.group(2)):
            option_attrs = _attributes(option.group(1))
            value = option_attrs.get("value", "")
            item.options.append(value)
            if "selected" in option_attrs:
                item.checked.append(value)
        fields[name] = item
    for match in TEXTAREA_RE.finditer(page):
        attrs = _attributes(match.group(1))
        if attrs.get("name"):
            fields[attrs["name"]] = FormField(
                name=attrs["name"], kind="textarea", required="required" in attrs
            )
    return fields


TEXT_VALUES = {
    "first_name": "Zofia",
    "last_name": "Wiśniewska-Bench",
    "organisation": "Klaster Testowy sp. z o.o.",
    "position": "Kierowniczka projektów",
    "phone": "+48 600 100 200",
}


def fill_form(fields: dict[str, FormField], email: str, rng: random.Random) -> list[tuple]:
    """A complete, valid registration: every consent, one study visit and one panel."""
    if "csrfmiddlewaretoken" not in fields or "email" not in fields:
        raise ValueError("not the registration form (no CSRF token or e-mail field)")
    data: list[tuple[str, str]] = []
    for name, item in fields.items():
        non_empty = [value for value in item.options if value]
        if item.kind == "hidden":
            data.append((name, item.value))
        elif name == "email":
            data.append((name, email))
        elif name in TEXT_VALUES:
            data.append((name, TEXT_VALUES[name]))
        elif name in {"visit", "panels"}:
            # One study visit (at random, so that some fill and waiting lists grow), one panel.
            data.append((name, rng.choice(non_empty)))
        elif name.startswith("consent_"):
            data.append((name, "on"))
        elif name == "country":
            data.append((name, "PL" if "PL" in item.options else non_empty[0]))
        elif item.kind == "radio":
            # The preselected choice (category: the public participant; language), else any.
            chosen = item.checked[0] if item.checked else rng.choice(non_empty)
            data.append((name, chosen))
        elif item.kind == "select":
            if item.checked and item.checked[0]:
                data.append((name, item.checked[0]))
            elif non_empty:
                data.append((name, rng.choice(non_empty)))
        elif item.required:  # a required field this benchmark does not know how to fill
            raise ValueError(f"the benchmark cannot fill the required field {name!r}")
        # Optional text, checkboxes (cluster member) and text areas stay empty.
    return data


def form_errors(page: str) -> str:
    """The form's error summary as plain text (why a POST did not register)."""
    match = ERROR_SUMMARY_RE.search(page)
    if not match:
        return "no error summary on the page"
    items = [html.unescape(TAG_RE.sub("", item)).strip() for item in match.group(1).split("</li>")]
    return "; ".join(item for item in items if item)[:300]


# --- the registration client ----------------------------------------------------------------


class Connection:
    """One kept-alive HTTP/1.1 connection to the server, reopened when the server closes it."""

    def __init__(self, port: int):
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def open(self) -> None:
        if self.streams is None:
            self.streams = await asyncio.open_connection(HOST, self.port)

    async def exchange(self, raw: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        await self.open()
        reader, writer = self.streams
        writer.write(raw)
        status, headers, body, closes = await read_full_response(reader)
        if closes:
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


class CookieJar:
    """Just enough of a browser's cookie jar for one host: name → value."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def update(self, headers: list[tuple[str, str]]) -> None:
        for name, value in headers:
            if name != "set-cookie":
                continue
            pair, *attributes = value.split(";")
            key, _, cookie = pair.strip().partition("=")
            expired = any(a.strip().lower() in {"max-age=0", "max-age=-1"} for a in attributes)
            if expired:
                self.cookies.pop(key, None)
            else:
                self.cookies[key] = cookie

    def header(self) -> str:
        if not self.cookies:
            return ""
        return "Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()) + "\r\n"


def get_bytes(port: int, path: str, jar: CookieJar) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\n"
        f"Host: {HOST}:{port}\r\n"
        "User-Agent: kongres-bench\r\n"
        "Accept: text/html,*/*\r\n"
        "Accept-Language: pl\r\n"
        f"{jar.header()}"
        "Connection: keep-alive\r\n"
        "\r\n"
    ).encode("ascii")


def post_bytes(port: int, path: str, jar: CookieJar, data: list[tuple[str, str]]) -> bytes:
    body = urlencode(data).encode("ascii")
    origin = f"http://{HOST}:{port}"
    return (
        f"POST {path} HTTP/1.1\r\n"
        f"Host: {HOST}:{port}\r\n"
        "User-Agent: kongres-bench\r\n"
        "Accept: text/html,*/*\r\n"
        "Accept-Language: pl\r\n"
        f"Origin: {origin}\r\n"
        f"Referer: {origin}{path}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"{jar.header()}"
        "Connection: keep-alive\r\n"
        "\r\n"
    ).encode("ascii") + body


@dataclass
class RegistrationResult:
    planned: int
    prefix: str  # of the e-mail addresses (and e-mail keys) of this run's registrations
    post_latencies: list[float] = field(default_factory=list)  # registered (302 to thanks)
    form_latencies: list[float] = field(default_factory=list)  # form GETs answered 200
    thanks_latencies: list[float] = field(default_factory=list)  # thanks GETs answered 200
    errors: Counter = field(default_factory=Counter)  # "stage: kind" -> count
    samples: dict = field(default_factory=dict)  # error kind -> first example
    visits: Counter = field(default_factory=Counter)  # visit chosen -> count
    attempted: int = 0
    posts_unanswered: int = 0  # POSTs sent whose answer never came: outcome unknown
    elapsed: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float = 0.0
    worker_cpu: float = 0.0
    database_cpu: float = 0.0
    machine_cpu: float = 0.0

    @property
    def registered(self) -> int:
        return len(self.post_latencies)

    @property
    def not_attempted(self) -> int:
        return max(0, self.planned - self.attempted)

    @property
    def per_second(self) -> float:
        return self.registered / self.elapsed if self.elapsed > 0 else 0.0

    def other_cpu_pct(self) -> float:
        ours = self.client_cpu + self.server_cpu + self.worker_cpu + self.database_cpu
        return 100 * max(0.0, self.machine_cpu - ours) / self.elapsed if self.elapsed else 0.0

    def error(self, kind: str, sample: str = "") -> None:
        self.errors[kind] += 1
        if sample and kind not in self.samples:
            self.samples[kind] = sample


def percentile_ms(values: list[float], pct: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1] * 1000  # nearest rank


async def registration_phase(
    port: int,
    result: RegistrationResult,
    concurrency: int,
    timeout: float,
    deadline: float,
    seed: int,
) -> None:
    counter = iter(range(result.planned))

    async def timed(conn: Connection, raw: bytes):
        async with asyncio.timeout(timeout):
            return await conn.exchange(raw)

    async def client(number: int, conn: Connection) -> None:
        rng = random.Random(seed * 1000 + number)
        jar = CookieJar()  # a visitor's browser: the CSRF cookie stays between registrations
        try:
            while time.monotonic() < deadline:
                n = next(counter, None)
                if n is None:
                    return
                result.attempted += 1
                stage = "form GET"
                try:
                    started = time.perf_counter()
                    status, headers, body = await timed(conn, get_bytes(port, FORM_PATH, jar))
                    jar.update(headers)
                    if status != 200:
                        result.error(f"form GET: HTTP {status}")
                        continue
                    result.form_latencies.append(time.perf_counter() - started)
                    email = f"{result.prefix}{n:06d}@example.org"
                    data = fill_form(parse_form(body.decode("utf-8", "replace")), email, rng)
                    result.visits[dict(data).get("visit", "")] += 1
                    stage = "POST"
                    raw = post_bytes(port, FORM_PATH, jar, data)
                    started = time.perf_counter()
                    status, headers, body = await timed(conn, raw)
                    latency = time.perf_counter() - started
                    jar.update(headers)
                    location = dict(headers).get("location", "")
                    if status != 302 or urlsplit(location).path != THANKS_PATH:
                        sample = form_errors(body.decode("utf-8", "replace"))
                        where = f" → {location}" if location else ""
                        result.error(f"POST: HTTP {status}{where}", sample)
                        continue
                    result.post_latencies.append(latency)
                    stage = "thanks GET"  # counted apart: the registration is already made
                    started = time.perf_counter()
                    status, headers, _body = await timed(conn, get_bytes(port, THANKS_PATH, jar))
                    jar.update(headers)
                    if status != 200:
                        result.error(f"thanks GET: HTTP {status}")
                        continue
                    result.thanks_latencies.append(time.perf_counter() - started)
                except (
                    OSError,
                    TimeoutError,
                    asyncio.IncompleteReadError,
                    asyncio.LimitOverrunError,
                    ValueError,
                ) as error:
                    result.error(f"{stage}: {type(error).__name__}", str(error)[:300])
                    if stage == "POST":
                        result.posts_unanswered += 1
                    conn.close()
        finally:  # also when cancelled (Ctrl-C): the server must not wait for idle connections
            conn.close()

    conns = [Connection(port) for _ in range(concurrency)]
    # Connect every client first, so the measurement sees kept-alive connections only.
    await asyncio.gather(
        *(asyncio.wait_for(c.open(), timeout) for c in conns), return_exceptions=True
    )
    started = time.perf_counter()
    await asyncio.gather(*(client(i, c) for i, c in enumerate(conns)))
    result.elapsed = time.perf_counter() - started


# --- counting in the database ---------------------------------------------------------------

# Runs in ``kongres shell``: set up before the measurement, it waits for a line on stdin (the
# end of the measurement), counts, then waits for the worker to send the rest of the e-mails.
COUNT_SCRIPT = """
import json, sys, time
from django.db import connections
from django.db.models import Count
from django_scopes import scopes_disabled
from kongres.comms.models import Message
from kongres.registration.models import Registration
from kongres.visits.models import Signup

PREFIX = {prefix!r}
DRAIN = {drain!r}
PENDING = ("queued", "sending", "retrying")


def counts():
    with scopes_disabled():
        mine = Registration.objects.filter(email_key__startswith=PREFIX)
        states = dict(mine.order_by().values_list("state").annotate(n=Count("id")))
        emails = dict(
            Message.objects.filter(registration__email_key__startswith=PREFIX, kind="verify_email")
            .order_by()
            .values_list("state")
            .annotate(n=Count("id"))
        )
        signups = [
            [kind, state, n]
            for kind, state, n in Signup.objects.filter(
                registration__email_key__startswith=PREFIX
            )
            .order_by()
            .values_list("session__kind", "state")
            .annotate(n=Count("id"))
        ]
    connections.close_all()
    return {{
        "registered": sum(states.values()),
        "states": states,
        "emails": emails,
        "signups": signups,
    }}


print("BENCH-READY", flush=True)
sys.stdin.readline()
at_end = counts()
print("BENCH-COUNT " + json.dumps(at_end), flush=True)
started = time.monotonic()
final = at_end
while sum(final["emails"].get(s, 0) for s in PENDING) and time.monotonic() - started < DRAIN:
    time.sleep(0.5)
    final = counts()
final["drain_s"] = round(time.monotonic() - started, 1)
print("BENCH-DRAIN " + json.dumps(final), flush=True)
"""


class DatabaseCounter:
    """``kongres shell`` with COUNT_SCRIPT, started (and Django set up) before the measurement."""

    def __init__(self, env: dict, prefix: str, drain: float, log_path: Path):
        script = COUNT_SCRIPT.format(prefix=prefix, drain=drain)
        self.log_path = log_path
        with log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [*kongres_command(), "shell", "-v", "0", "-c", script],
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                bufsize=1,
                start_new_session=True,
            )

    def _line(self, marker: str, timeout: float) -> str:
        """The next line that starts with ``marker`` (read in a thread: pipes do not time out)."""
        import queue
        import threading

        found: queue.Queue = queue.Queue()

        def read():
            for line in self.proc.stdout:
                if line.startswith(marker):
                    found.put(line[len(marker) :].strip())
                    return
            found.put(None)

        threading.Thread(target=read, daemon=True).start()
        try:
            line = found.get(timeout=timeout)
        except queue.Empty:
            line = None
        if line is None:
            raise BenchError(f"kongres shell gave no {marker.strip()}:\n{tail(self.log_path)}")
        return line

    def ready(self, timeout: float = 120) -> None:
        self._line("BENCH-READY", timeout)

    def count_now(self, timeout: float = 60) -> dict:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        return json.loads(self._line("BENCH-COUNT ", timeout))

    def drained(self, timeout: float) -> dict:
        return json.loads(self._line("BENCH-DRAIN ", timeout))

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        stop_group(self.proc, timeout=10)


# --- PostgreSQL -----------------------------------------------------------------------------


def postgres_urls(base: str, name: str) -> tuple[str, str]:
    """(maintenance database URL, benchmark database URL) on the server of ``base``."""
    parts = urlsplit(base)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise BenchError(f"--postgres-url must be postgres://…, not {base}")
    if parts.hostname not in {"127.0.0.1", "localhost"}:
        raise BenchError("--postgres-url: this benchmark only talks to 127.0.0.1")
    return (
        urlunsplit((parts.scheme, parts.netloc, "/postgres", "", "")),
        urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", "")),
    )


def postgres_admin(url: str, statement: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(name)))


# --- one database ---------------------------------------------------------------------------


def cpu_snapshot(server, worker, database_name) -> dict:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "client": time.process_time(),
        "children": children.ru_utime + children.ru_stime,
        "server": server_cpu_seconds(server.pid),
        "worker": server_cpu_seconds(worker.pid),
        "database": pids_cpu_seconds(pids_matching(database_name)) if database_name else 0.0,
        "machine": machine_cpu_seconds(),
    }


def benchmark_database(kind: str, args: argparse.Namespace, cleanup: contextlib.ExitStack):
    """Set up, serve, measure one database; return its summary and what to print."""
    print(f"\n=== {kind} ===", flush=True)
    load_before = load_average()
    data_dir = Path(tempfile.mkdtemp(prefix=f"kongres-bench-registration-{kind}-"))
    if args.keep_data:
        cleanup.callback(print, f"Data folder kept: {data_dir}", flush=True)
    else:
        cleanup.callback(shutil.rmtree, data_dir, ignore_errors=True)
    print(f"Data folder: {data_dir}", flush=True)

    database_url = database_name = None
    if kind == "postgres":
        database_name = f"kongres_bench_{os.getpid()}"
        admin_url, database_url = postgres_urls(args.postgres_url, database_name)
        try:
            postgres_admin(admin_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", database_name)
            postgres_admin(admin_url, "CREATE DATABASE {}", database_name)
        except Exception as error:
            raise BenchError(f"cannot create the PostgreSQL database: {error}") from error
        print(f"PostgreSQL database: {database_url}", flush=True)

        def drop_database():
            try:
                postgres_admin(admin_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", database_name)
                print(f"PostgreSQL database {database_name} dropped", flush=True)
            except Exception as error:
                print(f"could not drop {database_name}: {error}", file=sys.stderr, flush=True)

        cleanup.callback(drop_database)

    port = args.port or free_port()
    env = server_environment(data_dir, database_url)
    env.update(RATE_LIMIT_ENV)
    env["KONGRES_SITE_URL"] = f"http://{HOST}:{port}"
    run_step(["migrate", "--no-input", "-v0"], env, timeout=300)
    run_step(["load_demo"], env, timeout=300)

    server_log, worker_log = data_dir / "server.log", data_dir / "worker.log"
    server = start_server(port, args.workers, args.threads, env, server_log)
    cleanup.callback(stop_group, server)
    worker = start_process([*kongres_command(), "worker"], env, worker_log)
    cleanup.callback(stop_group, worker)
    wait_until_ready(server, port, server_log, timeout=120)
    default_workers, default_threads = configured_server_defaults()
    workers = wait_for_workers(
        server.pid, args.workers if args.workers is not None else default_workers
    )
    threads = args.threads if args.threads is not None else default_threads
    if worker.poll() is not None:
        raise BenchError(f"kongres worker exited ({worker.returncode}):\n{tail(worker_log)}")
    print(
        f"Server: http://{HOST}:{port}/ (pid {server.pid}), {workers} workers × {threads} "
        f"threads; task worker pid {worker.pid}; {args.concurrency} clients",
        flush=True,
    )

    for path in (FORM_PATH, THANKS_PATH):
        status, _body = http_get(port, path, timeout=args.timeout)
        if status != 200:
            raise BenchError(f"GET {path} answered {status}:\n{tail(server_log)}")
        if args.warmup:  # every worker renders the pages once before the measurement
            run_phase(
                "asyncio",
                "warmup",
                path,
                port,
                server.pid,
                args.warmup,
                args.concurrency,
                args.timeout,
                args.phase_timeout,
                None,
            )

    if args.wait_idle:
        busy = wait_for_quiet(args.wait_idle)
        print(f"  machine busy before the trivial view: {busy:.0f} % of a core", flush=True)
    print(f"  measuring the trivial view ({TRIVIAL_PATH}) ...", flush=True)
    trivial = run_phase(
        "asyncio",
        "trivial",
        TRIVIAL_PATH,
        port,
        server.pid,
        args.trivial_requests,
        args.concurrency,
        args.timeout,
        args.phase_timeout,
        None,
    )

    prefix = f"bench-{os.getpid()}-{int(time.time())}-"  # lower case: compared to email_key
    counter = DatabaseCounter(env, prefix, args.drain, data_dir / "count.log")
    cleanup.callback(counter.stop)
    counter.ready()
    if args.wait_idle:
        busy = wait_for_quiet(args.wait_idle)
        print(f"  machine busy before the registrations: {busy:.0f} % of a core", flush=True)
    load_start = load_average()
    print(f"  registering {args.requests} people ...", flush=True)
    result = RegistrationResult(planned=args.requests, prefix=prefix)
    before = cpu_snapshot(server, worker, database_name)
    deadline = time.monotonic() + args.phase_timeout
    asyncio.run(
        registration_phase(
            port, result, args.concurrency, args.timeout, deadline, args.seed + len(kind)
        )
    )
    after = cpu_snapshot(server, worker, database_name)
    at_end = counter.count_now()
    result.client_cpu = (after["client"] - before["client"]) + (
        after["children"] - before["children"]
    )
    result.server_cpu = after["server"] - before["server"]
    result.worker_cpu = after["worker"] - before["worker"]
    result.database_cpu = after["database"] - before["database"]
    result.machine_cpu = after["machine"] - before["machine"]
    load_end = load_average()
    print(f"  waiting up to {args.drain:.0f} s for the worker to send the e-mails ...", flush=True)
    drained = counter.drained(args.drain + 60)

    # The database must hold exactly the registrations whose POST was answered 302, except
    # those made by POSTs whose answer never came (a timeout: already counted as an error).
    in_database = at_end["registered"]
    missing = max(0, result.registered - in_database)
    unexplained = max(0, in_database - result.registered - result.posts_unanswered)
    counted = f"{in_database} in the database, {result.registered} POSTs answered 302"
    if missing:
        result.errors["database: answered 302 but not in the database"] += missing
        result.samples["database: answered 302 but not in the database"] = counted
    if unexplained:
        result.errors["database: more registrations than POSTs made"] += unexplained
        result.samples["database: more registrations than POSTs made"] = counted
    for label, proc, log in (("server", server, server_log), ("worker", worker, worker_log)):
        if proc.poll() is not None:
            raise BenchError(
                f"the {label} (pid {proc.pid}) exited with {proc.returncode} during the "
                f"measurement (a negative code is the signal that stopped it):\n{tail(log)}"
            )
    errors = sum(result.errors.values()) + result.not_attempted
    emails_at_end = at_end["emails"]
    summary = {
        "registrations_per_s": round(result.per_second, 1),
        "p50_ms": rounded(percentile_ms(result.post_latencies, 50), 1),
        "p95_ms": rounded(percentile_ms(result.post_latencies, 95), 1),
        "p99_ms": rounded(percentile_ms(result.post_latencies, 99), 1),
        "errors": errors,
        "trivial_rps": round(trivial.rps, 1),
        "vs_trivial": round(result.per_second / trivial.rps, 3) if trivial.rps else None,
        "registered": at_end["registered"],
        "emails_sent": emails_at_end.get("sent", 0),
        "emails_queued": sum(emails_at_end.values()),
        "emails_sent_after_drain": drained["emails"].get("sent", 0),
        "drain_s": drained["drain_s"],
        "server_cpu_ms_per_registration": rounded(
            1000 * result.server_cpu / result.registered if result.registered else math.nan, 1
        ),
        "other_cpu_pct": round(max(result.other_cpu_pct(), trivial.other_cpu_pct)),
        "load_avg_before": [round(v, 2) for v in load_before],
        "load_avg_at_start": [round(v, 2) for v in load_start],
        "load_avg_at_end": [round(v, 2) for v in load_end],
        "workers": workers,
        "threads": threads,
    }
    report = {
        "result": result,
        "trivial": trivial,
        "at_end": at_end,
        "drained": drained,
        "server_log": server_log,
        "worker_log": worker_log,
    }
    return summary, report


# --- report ---------------------------------------------------------------------------------


def _pct(cpu: float, elapsed: float) -> str:
    return f"{100 * cpu / elapsed:.0f} %" if elapsed else "-"


def print_database_report(kind: str, summary: dict, report: dict, concurrency: int) -> None:
    r: RegistrationResult = report["result"]
    trivial = report["trivial"]
    at_end, drained = report["at_end"], report["drained"]
    print(f"\n{kind}: {r.registered} of {r.planned} registered in {r.elapsed:.1f} s")
    header = f"{'request':<22} {'ok':>6} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    print(header)
    print("-" * len(header))
    rows = [
        ("trivial GET /healthz", trivial.latencies, trivial.elapsed),
        ("form GET", r.form_latencies, r.elapsed),
        ("registration POST", r.post_latencies, r.elapsed),
        ("thanks GET", r.thanks_latencies, r.elapsed),
    ]
    for label, latencies, elapsed in rows:
        per_s = len(latencies) / elapsed if elapsed else 0.0
        print(
            f"{label:<22} {len(latencies):>6} {per_s:>8.1f} "
            f"{percentile_ms(latencies, 50):>8.1f} {percentile_ms(latencies, 95):>8.1f} "
            f"{percentile_ms(latencies, 99):>8.1f}"
        )
    print(
        f"CPU during the registrations (% of one core; {os.cpu_count()} cores): "
        f"client {_pct(r.client_cpu, r.elapsed)}, server {_pct(r.server_cpu, r.elapsed)}, "
        f"task worker {_pct(r.worker_cpu, r.elapsed)}"
        + (f", PostgreSQL {_pct(r.database_cpu, r.elapsed)}" if kind == "postgres" else "")
        + f", other processes {r.other_cpu_pct():.0f} %; during the trivial view: other "
        f"{trivial.other_cpu_pct:.0f} %"
    )
    print(
        f"Server CPU per registration (form GET + POST + thanks GET): "
        f"{summary['server_cpu_ms_per_registration']} ms; "
        f"load average (1/5/15 min) before set-up {summary['load_avg_before']}, "
        f"at start {summary['load_avg_at_start']}, at end {summary['load_avg_at_end']}"
    )
    print(
        f"Database: {at_end['registered']} registrations by this run "
        f"({', '.join(f'{k} {v}' for k, v in sorted(at_end['states'].items()))}); sign-ups: "
        + ", ".join(f"{k} {s} {n}" for k, s, n in sorted(at_end["signups"]))
    )
    visits = ", ".join(f"{v or 'none'}: {n}" for v, n in sorted(r.visits.items()))
    print(f"Study visits chosen (session id: registrations): {visits}")
    emails = at_end["emails"]
    print(
        f"Verification e-mails when the last registration was answered: "
        f"{emails.get('sent', 0)} sent of {sum(emails.values())} queued "
        f"({', '.join(f'{k} {v}' for k, v in sorted(emails.items()))}); "
        f"{drained['emails'].get('sent', 0)} sent {drained['drain_s']} s later"
    )
    made_unanswered = at_end["registered"] - r.registered
    if made_unanswered > 0 and r.posts_unanswered:
        print(
            f"{min(made_unanswered, r.posts_unanswered)} registrations were made by POSTs whose "
            f"answer never came ({r.posts_unanswered} POSTs unanswered: counted as errors)"
        )
    if r.errors or r.not_attempted:
        print("Errors:")
        for kind_, count in r.errors.most_common():
            sample = r.samples.get(kind_)
            print(f"  {count:>6}  {kind_}" + (f"  (e.g. {sample})" if sample else ""))
        if r.not_attempted:
            print(f"  {r.not_attempted:>6}  not attempted before the phase deadline")
    for label, path in (("server", report["server_log"]), ("worker", report["worker_log"])):
        lines = [  # warnings and errors only, not the worker's task log
            line
            for line in tail(path, 5000).splitlines()
            if "is serving at" not in line
            and "running tasks" not in line
            and '"level": "INFO"' not in line
        ]
        text = "\n".join(lines[-10:])
        if text.strip():
            print(f"{label} log (last lines):\n{text}")

    print(f"Targets ({concurrency} concurrent clients):")
    checks = [
        (
            f"registrations/s ≥ {TARGET_REGISTRATIONS_PER_S:.0f}",
            f"{summary['registrations_per_s']:.1f}",
            summary["registrations_per_s"] >= TARGET_REGISTRATIONS_PER_S,
        ),
        (
            f"POST p99 ≤ {TARGET_P99_MS:.0f} ms",
            f"{summary['p99_ms']} ms",
            summary["p99_ms"] is not None and summary["p99_ms"] <= TARGET_P99_MS,
        ),
        ("errors = 0", str(summary["errors"]), summary["errors"] == 0),
        (
            f"registrations/s ≥ {TARGET_VS_TRIVIAL:.0%} of trivial req/s",
            f"{(summary['vs_trivial'] or 0):.1%}",
            (summary["vs_trivial"] or 0) >= TARGET_VS_TRIVIAL,
        ),
    ]
    for label, value, passed in checks:
        print(f"  {'PASS' if passed else 'FAIL'}  {label:<40} {value}")


def print_summary_table(summaries: dict) -> None:
    print()
    header = (
        f"{'database':<9} {'reg/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6} "
        f"{'trivial/s':>9} {'vs triv':>7} {'registered':>10} {'e-mails sent':>14} "
        f"{'srv ms/reg':>10} {'other CPU':>9}"
    )
    print(header)
    print("-" * len(header))
    for kind, s in summaries.items():
        if "error" in s:
            print(f"{kind:<9} FAILED: {s['error'][:200]}")
            continue
        print(
            f"{kind:<9} {s['registrations_per_s']:>7.1f} {s['p50_ms'] or math.nan:>8.1f} "
            f"{s['p95_ms'] or math.nan:>8.1f} {s['p99_ms'] or math.nan:>8.1f} "
            f"{s['errors']:>6} {s['trivial_rps']:>9.1f} {(s['vs_trivial'] or 0):>7.1%} "
            f"{s['registered']:>10} {s['emails_sent']:>6}/{s['emails_queued']:<7} "
            f"{s['server_cpu_ms_per_registration'] or math.nan:>10.1f} "
            f"{s['other_cpu_pct']:>7} %"
        )
    print(
        "(reg/s: POSTs answered 302 to the thanks page ÷ the whole measurement, which includes "
        "each client's form GET and thanks GET;\n e-mails sent: verification e-mails sent by "
        "the worker / queued, when the last registration was answered)"
    )


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--requests", type=int, default=2000, help="registrations per database (2000)"
    )
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent clients (16)")
    parser.add_argument(
        "--databases",
        default="sqlite,postgres",
        help="comma-separated: sqlite, postgres (default: both)",
    )
    parser.add_argument(
        "--postgres-url",
        default=DEFAULT_POSTGRES_URL,
        help=f"PostgreSQL server (127.0.0.1 only) to create the database on "
        f"({DEFAULT_POSTGRES_URL})",
    )
    parser.add_argument("--workers", type=int, default=None, help="passed to kongres serve")
    parser.add_argument("--threads", type=int, default=None, help="passed to kongres serve")
    parser.add_argument(
        "--trivial-requests", type=int, default=3000, help="requests to /healthz (3000)"
    )
    parser.add_argument(
        "--warmup", type=int, default=100, help="warm-up GETs of the form and thanks pages (100)"
    )
    parser.add_argument("--port", type=int, default=None, help="server port (default: a free one)")
    parser.add_argument("--seed", type=int, default=1, help="of the random choices (1)")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="before each measurement wait up to this long for other processes to go quiet",
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request (10)")
    parser.add_argument(
        "--phase-timeout",
        type=float,
        default=600.0,
        help="seconds at most per measurement phase (600)",
    )
    parser.add_argument(
        "--drain",
        type=float,
        default=60.0,
        help="seconds at most to wait afterwards for the worker to send every e-mail (60)",
    )
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="keep the data folders (and the server and worker logs); PostgreSQL databases "
        "are dropped all the same",
    )
    args = parser.parse_args(argv)
    args.databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    unknown = [d for d in args.databases if d not in DATABASES]
    if unknown or not args.databases:
        parser.error(f"--databases: choose from {', '.join(DATABASES)}")
    if min(args.requests, args.concurrency, args.trivial_requests) < 1:
        parser.error("--requests, --concurrency and --trivial-requests must be positive")
    if args.warmup < 0 or args.wait_idle < 0 or args.drain < 0:
        parser.error("--warmup, --wait-idle and --drain cannot be negative")
    if args.port is not None and not 0 < args.port < 65536:
        parser.error("--port must be 1..65535")
    return args


def code_version() -> str:
    """The commit of the code under test (and whether it has local changes), if git knows."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "src"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return commit + (" with local changes in src/" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    install_signal_handlers()  # Ctrl-C, SIGTERM, SIGHUP: clean up, then exit
    print(f"Code under test: {code_version()}; load average {load_average()}", flush=True)
    print(
        "Rate limits raised for the benchmark: "
        + ", ".join(f"{k}={v}" for k, v in RATE_LIMIT_ENV.items()),
        flush=True,
    )
    summaries: dict = {}
    reports: dict = {}
    try:
        for kind in args.databases:
            with contextlib.ExitStack() as cleanup:
                try:
                    summaries[kind], reports[kind] = benchmark_database(kind, args, cleanup)
                except BenchError as error:
                    print(f"{kind}: benchmark failed: {error}", file=sys.stderr, flush=True)
                    summaries[kind] = {"error": str(error)[:2000]}
                finally:
                    stopping = time.perf_counter()
                    cleanup.close()  # worker, server, counting shell, database, data folder
                    print(f"Stopped and cleaned up in {time.perf_counter() - stopping:.1f} s")
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    for kind, report in reports.items():
        print_database_report(kind, summaries[kind], report, args.concurrency)
    print_summary_table(summaries)
    output = {kind: summaries.get(kind) for kind in args.databases}
    output.update({"concurrency": args.concurrency, "requests": args.requests})
    print(json.dumps(output), flush=True)  # the last line: for scripts
    return 1 if any("error" in s for s in summaries.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
