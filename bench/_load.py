"""Load generation shared by the benchmarks: a throw-away Kongres server and lean clients.

``public_pages.py`` and ``registration.py`` import from here (run them as scripts: the folder
``bench/`` is then on ``sys.path``). Everything here talks to 127.0.0.1 only, every request
has a timeout, and processes are started in sessions of their own so that their whole process
group can be stopped on every exit path.

- The server: ``kongres`` commands (``run_step``), ``kongres serve`` / ``kongres worker`` in a
  process group of their own (``start_server``, ``start_process``, ``stop_group``), readiness
  (``wait_until_ready``, ``wait_for_workers``).
- CPU accounting from ``/proc``: the machine, a process group, any set of processes.
- Load generators for N GETs of one path from C kept-alive clients: ``asyncio`` (raw streams,
  a minimal HTTP/1.1 reader), ``threads`` (``http.client``) and ``wrk`` (``run_phase``), and
  ``read_full_response`` for clients that need headers and bodies (cookies, forms, redirects).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import math
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
TRIVIAL_PATH = "/healthz"
CLK_TCK = os.sysconf("SC_CLK_TCK")
# urllib without any proxy from the environment: the benchmark talks to 127.0.0.1 only.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class BenchError(Exception):
    """The benchmark cannot go on (set-up failed, server died, ...)."""


# --- results --------------------------------------------------------------------------------


@dataclass
class PhaseResult:
    name: str
    path: str
    planned: int
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    errors: Counter = field(default_factory=Counter)  # kind -> count
    body_bytes: int = 0
    elapsed: float = 0.0
    client_cpu: float = 0.0  # seconds
    server_cpu: float = 0.0  # seconds
    machine_cpu: float = 0.0  # seconds: every process on the machine
    wrk_percentiles: dict | None = None  # wrk computes its own percentiles (in seconds)

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def not_sent(self) -> int:
        return max(0, self.planned - self.ok - self.error_count)

    @property
    def other_cpu_pct(self) -> float:
        """CPU of every other process on the machine during the phase, % of one core."""
        other = max(0.0, self.machine_cpu - self.client_cpu - self.server_cpu)
        return 100 * other / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def server_ms_per_request(self) -> float:
        return 1000 * self.server_cpu / self.ok if self.ok else math.nan

    @property
    def rps(self) -> float:
        return self.ok / self.elapsed if self.elapsed > 0 else 0.0

    def percentile_ms(self, pct: float) -> float:
        if self.wrk_percentiles is not None:
            return self.wrk_percentiles[pct] * 1000
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        rank = max(1, math.ceil(pct / 100 * len(ordered)))  # nearest-rank percentile
        return ordered[rank - 1] * 1000

    def summary(self) -> dict:
        return {
            "rps": round(self.rps, 1),
            "p50_ms": rounded(self.percentile_ms(50), 2),
            "p95_ms": rounded(self.percentile_ms(95), 2),
            "p99_ms": rounded(self.percentile_ms(99), 2),
            # Requests that got no 200 (other status, timeout, reset) plus any never sent
            # because the phase hit its deadline.
            "errors": self.error_count + self.not_sent,
            # Server CPU (all workers) per answered request: hardly moved by other load.
            "server_cpu_ms_per_req": rounded(self.server_ms_per_request, 3),
        }


def rounded(value: float, digits: int) -> float | None:
    """JSON has no NaN: a figure with no answered request to measure is null."""
    return None if math.isnan(value) else round(value, digits)


# --- the server -----------------------------------------------------------------------------


def kongres_command() -> list[str]:
    script = Path(sys.executable).with_name("kongres")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "kongres.cli"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_environment(data_dir: Path, database_url: str | None = None) -> dict:
    """The environment of every ``kongres`` command: this data folder, plain http.

    Without ``database_url``: the embedded SQLite database of the data folder.
    """
    env = dict(os.environ)
    env["KONGRES_DATA_DIR"] = str(data_dir)
    env["KONGRES_HTTPS"] = "0"
    env.pop("KONGRES_DATABASE_URL", None)
    if database_url:
        env["KONGRES_DATABASE_URL"] = database_url
    env.pop("KONGRES_DEBUG", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def configured_server_defaults() -> tuple[int | None, int | None]:
    """The workers and threads ``kongres serve`` uses when not told (``kongres.cli``)."""
    try:
        from kongres import cli

        parser = argparse.ArgumentParser()
        cli._server_arguments(parser)
        ns = parser.parse_args([])
        return ns.workers, ns.threads
    except Exception:  # an older or newer cli: the measured worker count still tells
        return None, None


def run_step(args: list[str], env: dict, timeout: float) -> None:
    started = time.perf_counter()
    done = subprocess.run(
        kongres_command() + args,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(
            f"kongres {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    print(f"  kongres {' '.join(args)}: {time.perf_counter() - started:.1f} s", flush=True)


def start_server(
    port: int, workers: int | None, threads: int | None, env: dict, log_path: Path
) -> subprocess.Popen:
    command = [*kongres_command(), "serve", "--host", HOST, "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    if threads is not None:
        command += ["--threads", str(threads)]
    return start_process(command, env, log_path)


def start_process(command: list[str], env: dict, log_path: Path) -> subprocess.Popen:
    """Start a command in a session of its own; its output goes to ``log_path``."""
    with log_path.open("ab") as log:
        # A session of its own: the whole group (gunicorn master and workers) is stopped at
        # the end, and Ctrl-C in the terminal reaches only the benchmark, which then cleans up.
        return subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_group(proc: subprocess.Popen, timeout: float = 20.0) -> None:
    """SIGTERM the process group ``proc`` leads; SIGKILL it when it is not gone in time."""

    def signal_group(sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)

    signal_group(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)  # gunicorn's graceful timeout is 10 s
    except subprocess.TimeoutExpired:
        signal_group(signal.SIGKILL)
        proc.wait(timeout=10)
    signal_group(signal.SIGKILL)  # any worker left behind by a master that died early


stop_server = stop_group


def http_get(port: int, path: str, timeout: float = 10.0) -> tuple[int, bytes]:
    url = f"http://{HOST}:{port}{path}"
    try:
        with DIRECT.open(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_ready(
    proc: subprocess.Popen, port: int, log_path: Path, timeout: float, path: str = TRIVIAL_PATH
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"the server exited ({proc.returncode}):\n{tail(log_path)}")
        with contextlib.suppress(OSError):
            status, _body = http_get(port, path, timeout=2)
            if status == 200:
                return
        time.sleep(0.2)
    raise BenchError(f"no answer from {path} within {timeout:.0f} s:\n{tail(log_path)}")


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def process_group_pids(pid: int) -> list[int]:
    """The server's master and its workers (the processes of its session)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == pid:  # fields[3] is the session id (after state, ppid, pgrp)
                pids.append(int(entry.name))
    return pids


def wait_for_workers(pid: int, expected: int | None, timeout: float = 30.0) -> int:
    """The number of workers, once all have booted (or their number stayed put for 2 s)."""
    deadline = time.monotonic() + timeout
    count, stable_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = len([p for p in process_group_pids(pid) if p != pid])
        if expected is not None and now >= expected:
            return now
        if now != count:
            count, stable_since = now, time.monotonic()
        elif expected is None and time.monotonic() - stable_since >= 2:
            break
        time.sleep(0.1)
    return count


def machine_cpu_seconds() -> float:
    """CPU time the whole machine has spent busy (all cores), from /proc/stat."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return (sum(values[:8]) - idle) / CLK_TCK  # user..steal, without guest (counted in user)


def server_cpu_seconds(pid: int) -> float:
    """CPU time of the processes of the session that ``pid`` leads (a server, a worker)."""
    return pids_cpu_seconds(process_group_pids(pid))


def pids_cpu_seconds(pids) -> float:
    total = 0
    for member in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / CLK_TCK


def pids_matching(text: str) -> list[int]:
    """Processes whose command line contains ``text``.

    E.g. the PostgreSQL backends serving one database: children of the PostgreSQL server,
    not of the benchmark, whose title names the database.
    """
    found = []
    needle = text.encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if needle in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
    return found


# --- load generators ------------------------------------------------------------------------


def request_bytes(port: int, path: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\n"
        f"Host: {HOST}:{port}\r\n"
        "User-Agent: kongres-bench\r\n"
        "Accept: text/html,*/*\r\n"
        "Connection: keep-alive\r\n"
        "\r\n"
    ).encode("ascii")


async def read_response(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """Read one HTTP/1.1 response; return (status, body length, server closes)."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = None
    chunked = False
    closes = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
        elif name == b"connection" and b"close" in value.lower():
            closes = True
    if chunked:
        length = 0
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            length += size
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:  # no length: the body runs to the end of the connection
        length = len(await reader.read())
        closes = True
    return status, length, closes


async def read_full_response(
    reader: asyncio.StreamReader,
) -> tuple[int, list[tuple[str, str]], bytes, bool]:
    """Read one HTTP/1.1 response; return (status, headers, body, server closes).

    Header names are lower case, in the order received (``Set-Cookie`` may repeat).
    """
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    headers = []
    length = None
    chunked = False
    closes = False
    for line in head[:-4].split(b"\r\n")[1:]:
        raw_name, _, raw_value = line.partition(b":")
        name = raw_name.strip().lower().decode("latin-1")
        value = raw_value.strip().decode("latin-1")
        headers.append((name, value))
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
        elif name == "connection" and "close" in value.lower():
            closes = True
    if chunked:
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append((await reader.readexactly(size + 2))[:-2])
            if size == 0:
                break
        body = b"".join(parts)
    elif length is not None:
        body = await reader.readexactly(length)
    else:  # no length: the body runs to the end of the connection
        body = await reader.read()
        closes = True
    return status, headers, body, closes


async def asyncio_phase(
    port: int, result: PhaseResult, concurrency: int, timeout: float, deadline: float
) -> None:
    raw = request_bytes(port, result.path)
    remaining = result.planned

    async def connect():
        return await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)

    async def client(conn) -> None:
        nonlocal remaining
        try:
            while remaining > 0 and time.monotonic() < deadline:
                remaining -= 1
                started = time.perf_counter()
                try:
                    async with asyncio.timeout(timeout):  # no extra task per request
                        if conn is None:
                            conn = await asyncio.open_connection(HOST, port)
                        reader, writer = conn
                        writer.write(raw)
                        status, length, closes = await read_response(reader)
                except (
                    OSError,
                    TimeoutError,
                    asyncio.IncompleteReadError,
                    asyncio.LimitOverrunError,
                    ValueError,
                ) as error:
                    result.errors[type(error).__name__] += 1
                    if conn is not None:
                        conn[1].close()
                    conn = None
                    continue
                if status == 200:
                    result.latencies.append(time.perf_counter() - started)
                    result.body_bytes += length
                else:
                    result.errors[f"HTTP {status}"] += 1
                if closes:
                    writer.close()
                    conn = None
        finally:  # also when cancelled (Ctrl-C): the server must not wait for idle connections
            if conn is not None:
                conn[1].close()

    # Connect every client first, so the measurement sees kept-alive connections only.
    conns = await asyncio.gather(*(connect() for _ in range(concurrency)), return_exceptions=True)
    conns = [None if isinstance(c, BaseException) else c for c in conns]
    started = time.perf_counter()
    await asyncio.gather(*(client(conn) for conn in conns))
    result.elapsed = time.perf_counter() - started


def threads_phase(
    port: int, result: PhaseResult, concurrency: int, timeout: float, deadline: float
) -> None:
    lock = threading.Lock()
    remaining = [result.planned]
    start = threading.Barrier(concurrency + 1)
    headers = {"User-Agent": "kongres-bench", "Accept": "text/html,*/*"}

    def take() -> bool:
        with lock:
            if remaining[0] <= 0 or time.monotonic() >= deadline:
                return False
            remaining[0] -= 1
            return True

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        latencies, errors, body_bytes = [], Counter(), 0
        with contextlib.suppress(OSError):
            conn.connect()
        start.wait()
        while take():
            started = time.perf_counter()
            try:
                conn.request("GET", result.path, headers=headers)
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as error:
                errors[type(error).__name__] += 1
                conn.close()  # http.client reconnects on the next request
                continue
            if response.status == 200:
                latencies.append(time.perf_counter() - started)
                body_bytes += len(body)
            else:
                errors[f"HTTP {response.status}"] += 1
        conn.close()
        with lock:
            result.latencies.extend(latencies)
            result.errors.update(errors)
            result.body_bytes += body_bytes

    workers = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for worker in workers:
        worker.start()
    start.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()) + timeout + 5)
    result.elapsed = time.perf_counter() - started


WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  limit = tonumber(args[1]); count = 0; ok = 0; bad = 0; bytes = 0
end
function response(status, headers, body)
  count = count + 1
  if status == 200 then ok = ok + 1; bytes = bytes + #body else bad = bad + 1 end
  if count == limit then
    io.stderr:write("LIMIT\n"); io.stderr:flush(); wrk.thread:stop()
  end
end
function done(summary, latency, requests)
  local ok, bad, bytes = 0, 0, 0
  for _, t in ipairs(threads) do
    ok = ok + t:get("ok"); bad = bad + t:get("bad"); bytes = bytes + t:get("bytes")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"ok":%d,"bad":%d,"bytes":%d,"duration_us":%d,"socket_errors":%d,' ..
    '"p50_us":%d,"p95_us":%d,"p99_us":%d}\n',
    ok, bad, bytes, summary.duration, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def wrk_phase(
    port: int,
    result: PhaseResult,
    concurrency: int,
    timeout: float,
    deadline: float,
    script: Path,
) -> None:
    wrk_threads = 1  # one event-loop thread does far more than this server; leave it the CPU
    duration = max(1, int(deadline - time.monotonic()))
    command = [
        "wrk",
        f"-t{wrk_threads}",
        f"-c{concurrency}",
        f"-d{duration}s",
        f"--timeout={max(1, int(timeout))}s",
        "-s",
        str(script),
        f"http://{HOST}:{port}{result.path}",
        "--",
        str(math.ceil(result.planned / wrk_threads)),
    ]
    wrk = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        # wrk runs for all of -d even when its threads stop: each thread says on stderr when it
        # has its share of responses, and then SIGINT makes wrk finish and print its summary.
        finished = 0
        for line in wrk.stderr:  # ends at the latest when wrk's -d runs out
            if line.startswith("LIMIT"):
                finished += 1
                if finished == wrk_threads:
                    wrk.send_signal(signal.SIGINT)
                    break
        stdout, stderr = wrk.communicate(timeout=timeout + 30)
    except BaseException:
        wrk.kill()
        wrk.wait()
        raise
    line = next((ln for ln in stdout.splitlines() if ln.startswith("BENCH ")), None)
    if wrk.returncode != 0 or line is None:
        raise BenchError(f"wrk failed ({wrk.returncode}):\n{stdout}{stderr}")
    data = json.loads(line[len("BENCH ") :])
    result.elapsed = data["duration_us"] / 1e6
    # wrk keeps a latency histogram, not every sample: keep the count and its percentiles.
    result.latencies = [0.0] * data["ok"]
    result.wrk_percentiles = {p: data[f"p{p}_us"] / 1e6 for p in (50, 95, 99)}
    result.body_bytes = data["bytes"]
    if data["bad"]:
        result.errors["HTTP non-200"] += data["bad"]
    if data["socket_errors"]:
        result.errors["socket"] += data["socket_errors"]
    # A thread that hits its limit drops the requests still in flight; they were sent, not lost.
    result.planned = min(result.planned, result.ok + result.error_count)


def run_phase(
    kind: str,
    name: str,
    path: str,
    port: int,
    server_pid: int,
    requests: int,
    concurrency: int,
    timeout: float,
    phase_timeout: float,
    wrk_script: Path | None,
) -> PhaseResult:
    result = PhaseResult(name=name, path=path, planned=requests)
    deadline = time.monotonic() + phase_timeout
    cpu_before = time.process_time()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = server_cpu_seconds(server_pid)
    machine_before = machine_cpu_seconds()
    if kind == "asyncio":
        asyncio.run(asyncio_phase(port, result, concurrency, timeout, deadline))
    elif kind == "threads":
        threads_phase(port, result, concurrency, timeout, deadline)
    else:
        wrk_phase(port, result, concurrency, timeout, deadline, wrk_script)
    result.server_cpu = server_cpu_seconds(server_pid) - server_before
    result.machine_cpu = machine_cpu_seconds() - machine_before
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result.client_cpu = (
        time.process_time()
        - cpu_before
        + (children.ru_utime - children_before.ru_utime)
        + (children.ru_stime - children_before.ru_stime)
    )
    return result


# --- the machine ----------------------------------------------------------------------------


def wait_for_quiet(max_wait: float, threshold_pct: float = 25.0, quiet_seconds: int = 3) -> float:
    """Wait up to ``max_wait`` s until the machine has been quiet for ``quiet_seconds`` in a row.

    Quiet: under ``threshold_pct`` of one core busy (the idle server uses next to nothing).
    Returns the busiest of the last seconds measured.
    """
    deadline = time.monotonic() + max_wait
    recent: list[float] = []
    while True:
        before = machine_cpu_seconds()
        time.sleep(1)
        recent = [*recent, 100 * (machine_cpu_seconds() - before)][-quiet_seconds:]
        quiet = len(recent) == quiet_seconds and max(recent) < threshold_pct
        if quiet or time.monotonic() >= deadline:
            return max(recent)


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages (as ``uptime`` shows them)."""
    try:
        return os.getloadavg()
    except OSError:
        return (math.nan, math.nan, math.nan)


def _terminate(signum, _frame):
    raise SystemExit(128 + signum)  # unwinds through the callers' clean-up


def install_signal_handlers() -> None:
    """Ctrl-C, SIGTERM and SIGHUP unwind through ``finally`` blocks, which clean up."""
    # Ctrl-C raises KeyboardInterrupt even where SIGINT came in ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)


def _postgres_admin(url: str, statement: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(name)))


def fresh_database_env(kind: str, label: str, postgres_url: str, cleanup) -> tuple[dict, Path]:
    """The environment of a ``kongres`` command on a fresh database, and its data folder.

    ``kind`` is "sqlite" (the embedded database of a new data folder) or "postgres" (a new
    database ``kongres_bench_<label>_<pid>`` on 127.0.0.1). ``cleanup`` (an ExitStack) removes
    both on every exit path.
    """
    import shutil
    import tempfile
    from urllib.parse import urlsplit, urlunsplit

    data_dir = Path(tempfile.mkdtemp(prefix=f"kongres-bench-{label}-{kind}-"))
    cleanup.callback(shutil.rmtree, data_dir, ignore_errors=True)
    env = dict(os.environ)
    env.pop("KONGRES_DATABASE_URL", None)
    env.pop("KONGRES_DEBUG", None)
    env.update({"KONGRES_DATA_DIR": str(data_dir), "KONGRES_HTTPS": "0", "PYTHONUNBUFFERED": "1"})
    if kind == "postgres":
        parts = urlsplit(postgres_url)
        if parts.hostname not in {"127.0.0.1", "localhost"}:
            raise BenchError("--postgres-url: this benchmark only talks to 127.0.0.1")
        name = f"kongres_bench_{label}_{os.getpid()}"
        admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
        drop = "DROP DATABASE IF EXISTS {} WITH (FORCE)"
        _postgres_admin(admin, drop, name)
        _postgres_admin(admin, "CREATE DATABASE {}", name)
        cleanup.callback(_postgres_admin, admin, drop, name)
        env["KONGRES_DATABASE_URL"] = urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))
    return env, data_dir
