"""Throughput, latency and page weight of Kongres's public pages under concurrent load.

Run from the project root:

    .venv/bin/python bench/public_pages.py [--requests N] [--concurrency C] [--workers W]
                                           [--threads T] [--client asyncio|threads|wrk]

It sets up a throw-away data folder (SQLite), migrates it, loads the demo edition, serves it
with ``kongres serve`` on a free port of 127.0.0.1 and, for the trivial view (/healthz), the
edition's home page and its program page, sends N GET requests from C concurrent clients, each
keeping its connection alive. It prints a table and, as the last line, one JSON object.

Only 127.0.0.1 is ever contacted; every request has a timeout and every phase a deadline; the
server (its whole process group) is stopped and the data folder removed on every exit path.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from _load import (
    HOST,
    WRK_SCRIPT,
    BenchError,
    configured_server_defaults,
    free_port,
    http_get,
    install_signal_handlers,
    run_phase,
    run_step,
    server_environment,
    start_server,
    stop_server,
    tail,
    wait_for_quiet,
    wait_for_workers,
    wait_until_ready,
)

EDITION = "kkp-2025"
PAGES = {
    "trivial": "/healthz",
    "home": f"/pl/{EDITION}/",
    "program": f"/pl/{EDITION}/program/",
}
# Targets of the performance issue (32 concurrent clients on the 2-core machine).
TARGET_PROGRAM_VS_TRIVIAL = 0.5
TARGET_P95_MS = 100.0
TARGET_WEIGHT_KB = 150.0


# --- page weight ----------------------------------------------------------------------------


class AssetFinder(HTMLParser):
    """The stylesheets (<link rel=stylesheet href>) and scripts (<script src>) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag == "link" and "stylesheet" in attributes.get("rel", "").lower().split():
            if attributes.get("href"):
                self.assets.append(("css", attributes["href"]))
        elif tag == "script" and attributes.get("src"):
            self.assets.append(("js", attributes["src"]))


def page_weight(port: int, path: str) -> tuple[int, list[tuple[str, str, int]]]:
    """Bytes of the page plus its CSS and JS, uncompressed; and the table of them."""
    base = f"http://{HOST}:{port}{path}"
    status, html = http_get(port, path)
    if status != 200:
        raise BenchError(f"GET {path} answered {status}")
    rows = [("html", path, len(html))]
    finder = AssetFinder()
    finder.feed(html.decode("utf-8", errors="replace"))
    seen = set()
    for kind, href in finder.assets:
        url = urljoin(base, href)
        parts = urlsplit(url)
        if url in seen:
            continue
        seen.add(url)
        if parts.hostname not in {HOST, "localhost"} or (parts.port or 80) != port:
            rows.append((kind, f"{url} (elsewhere: not fetched, not counted)", 0))
            continue
        asset_path = parts.path + (f"?{parts.query}" if parts.query else "")
        status, body = http_get(port, asset_path)
        if status != 200:
            raise BenchError(f"GET {asset_path} (referenced by {path}) answered {status}")
        rows.append((kind, asset_path, len(body)))
    return sum(size for _kind, _url, size in rows), rows


# --- report ---------------------------------------------------------------------------------


def print_report(results, weight_rows, weight, concurrency, cores) -> None:
    print()
    header = (
        f"{'page':<8} {'path':<24} {'ok':>6} {'err':>5} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'KB/resp':>8} {'client CPU':>10} {'server CPU':>10} "
        f"{'other CPU':>10} {'srv ms/req':>10}"
    )
    print(header)
    print("-" * len(header))
    for r in results.values():
        s = r.summary()
        kb = r.body_bytes / r.ok / 1024 if r.ok else 0
        client, server = (
            f"{100 * cpu / r.elapsed:.0f} %" if r.elapsed else "-"
            for cpu in (r.client_cpu, r.server_cpu)
        )
        other = f"{r.other_cpu_pct:.0f} %"
        print(
            f"{r.name:<8} {r.path:<24} {r.ok:>6} {s['errors']:>5} {s['rps']:>8.1f} "
            f"{r.percentile_ms(50):>8.2f} {r.percentile_ms(95):>8.2f} "
            f"{r.percentile_ms(99):>8.2f} {kb:>8.1f} "
            f"{client:>10} {server:>10} {other:>10} {r.server_ms_per_request:>10.2f}"
        )
    print(
        f"(CPU as % of one core; this machine has {cores} cores = {100 * cores} %. "
        "'other' is every other process: well above a few % means the numbers are disturbed;\n"
        " 'srv ms/req' is the server's CPU time per answered request, the least disturbed figure.)"
    )
    for r in results.values():
        if r.errors or r.not_sent:
            details = ", ".join(f"{k}: {v}" for k, v in r.errors.most_common())
            if r.not_sent:
                details += f"{', ' if details else ''}not sent before the deadline: {r.not_sent}"
            print(f"errors on {r.name}: {details}")

    print()
    print(f"Program page weight (uncompressed): {weight} bytes = {weight / 1024:.1f} KB")
    for kind, url, size in weight_rows:
        print(f"  {kind:<4} {size:>9} B  {url}")

    program, trivial = results["program"], results["trivial"]
    ratio = program.rps / trivial.rps if trivial.rps else 0.0
    p95 = program.percentile_ms(95)
    print()
    print(f"Targets ({concurrency} concurrent clients):")
    checks = [
        (
            f"program req/s ≥ {TARGET_PROGRAM_VS_TRIVIAL:.0%} of trivial",
            f"{ratio:.1%}",
            ratio >= TARGET_PROGRAM_VS_TRIVIAL,
        ),
        (f"program p95 ≤ {TARGET_P95_MS:.0f} ms", f"{p95:.1f} ms", p95 <= TARGET_P95_MS),
        (
            f"program page weight ≤ {TARGET_WEIGHT_KB:.0f} KB",
            f"{weight / 1024:.1f} KB",
            weight / 1024 <= TARGET_WEIGHT_KB,
        ),
    ]
    for label, value, passed in checks:
        print(f"  {'PASS' if passed else 'FAIL'}  {label:<36} {value}")


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent clients")
    parser.add_argument("--warmup", type=int, default=300, help="warm-up requests per page")
    parser.add_argument("--port", type=int, default=None, help="server port (default: a free one)")
    parser.add_argument("--workers", type=int, default=None, help="passed to kongres serve")
    parser.add_argument("--threads", type=int, default=None, help="passed to kongres serve")
    parser.add_argument(
        "--client",
        choices=["asyncio", "threads", "wrk"],
        default="asyncio",
        help="load generator: asyncio raw streams (default), threads with http.client, "
        "or wrk (if installed)",
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment of the server, e.g. KONGRES_PUBLIC_PAGE_CACHE_SECONDS=0 "
        "(repeatable)",
    )
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="before each measurement wait up to this long for other processes to go quiet "
        "(this machine may be shared)",
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument(
        "--phase-timeout", type=float, default=180.0, help="seconds at most per page and phase"
    )
    parser.add_argument(
        "--keep-data", action="store_true", help="keep the data folder (and server log)"
    )
    args = parser.parse_args(argv)
    if args.requests < 1 or args.concurrency < 1 or args.warmup < 0 or args.wait_idle < 0:
        parser.error("--requests and --concurrency must be positive, --warmup not negative")
    if args.port is not None and not 0 < args.port < 65536:
        parser.error("--port must be 1..65535")
    if any("=" not in item for item in args.env):
        parser.error("--env takes NAME=VALUE")
    if args.client == "wrk" and shutil.which("wrk") is None:
        parser.error("--client wrk: wrk is not installed (apt-get install wrk)")
    return args


def benchmark(args: argparse.Namespace, data_dir: Path, servers: list) -> dict:
    """Set up, serve, measure, report; return the summary. The caller stops the server."""
    log_path = data_dir / "server.log"
    env = server_environment(data_dir)
    env.update(item.split("=", 1) for item in args.env)
    port = args.port or free_port()
    print(f"Data folder: {data_dir}", flush=True)
    run_step(["migrate", "--no-input", "-v0"], env, timeout=300)
    run_step(["load_demo"], env, timeout=300)
    proc = start_server(port, args.workers, args.threads, env, log_path)
    servers.append(proc)
    wait_until_ready(proc, port, log_path, timeout=120)
    default_workers, default_threads = configured_server_defaults()
    workers = wait_for_workers(
        proc.pid, args.workers if args.workers is not None else default_workers
    )
    threads = args.threads if args.threads is not None else default_threads
    print(
        f"Server: http://{HOST}:{port}/ (pid {proc.pid}), {workers} workers × "
        f"{threads} threads; client: {args.client}, {args.concurrency} connections",
        flush=True,
    )
    wrk_script = None
    if args.client == "wrk":
        wrk_script = data_dir / "bench.lua"
        wrk_script.write_text(WRK_SCRIPT)

    def phase(name, path, requests):
        return run_phase(
            args.client,
            name,
            path,
            port,
            proc.pid,
            requests,
            args.concurrency,
            args.timeout,
            args.phase_timeout,
            wrk_script,
        )

    results = {}
    for name, path in PAGES.items():
        if proc.poll() is not None:
            raise BenchError(f"the server exited ({proc.returncode}):\n{tail(log_path)}")
        status, _body = http_get(port, path, timeout=args.timeout)
        if status != 200:
            raise BenchError(f"GET {path} answered {status}")
        if args.warmup:
            # Every worker renders and caches the page before the measurement.
            phase(name, path, args.warmup)
        if args.wait_idle:
            busy = wait_for_quiet(args.wait_idle)
            print(f"  machine busy before {name}: {busy:.0f} % of a core", flush=True)
        print(f"  measuring {name} ({path}) ...", flush=True)
        results[name] = phase(name, path, args.requests)

    weight, weight_rows = page_weight(port, PAGES["program"])
    print_report(results, weight_rows, weight, args.concurrency, os.cpu_count())
    log_text = "\n".join(
        line for line in tail(log_path, 15).splitlines() if "is serving at" not in line
    )
    if log_text.strip():
        print(f"\nServer log (last lines):\n{log_text}")

    trivial_rps = results["trivial"].rps
    summary = {name: r.summary() for name, r in results.items()}
    summary.update(
        {
            "program_vs_trivial": round(results["program"].rps / trivial_rps, 3)
            if trivial_rps
            else None,
            "program_page_weight_bytes": weight,
            "program_page_weight_kb": round(weight / 1024, 1),
            "concurrency": args.concurrency,
            "requests_per_page": args.requests,
            "workers": workers or args.workers or default_workers,
            "threads": threads,
            "client": args.client,
            "database": "sqlite",
            # Busiest phase's CPU use by other processes (% of one core): noise indicator.
            "other_cpu_pct": round(max(r.other_cpu_pct for r in results.values())),
        }
    )
    return summary


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    install_signal_handlers()  # Ctrl-C, SIGTERM, SIGHUP: clean up, then exit
    data_dir = Path(tempfile.mkdtemp(prefix="kongres-bench-"))
    servers: list[subprocess.Popen] = []
    try:
        summary = benchmark(args, data_dir, servers)
    except BenchError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        for proc in servers:
            stopping = time.perf_counter()
            stop_server(proc)
            print(f"Server stopped in {time.perf_counter() - stopping:.1f} s", flush=True)
        if args.keep_data:
            print(f"Data folder kept: {data_dir}", flush=True)
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(summary), flush=True)  # the last line: for scripts
    return 0


if __name__ == "__main__":
    sys.exit(main())
