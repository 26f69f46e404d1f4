"""Find the gunicorn workers × threads that serve the public pages best on this machine.

Run from the project root:

    .venv/bin/python bench/tune_server.py [--workers 1,2,3,4,5] [--threads 1,2,4,8]
                                          [--repeat 2] [--requests 2000]

It runs ``bench/public_pages.py`` once per combination and repetition (each with its own
fresh data folder and server), the repetitions going through the grid in alternating order so
that slow drifts of the machine spread evenly, and reads the JSON line each run prints last.
This machine may be shared: each measurement first waits (``--wait-idle``) for other processes
to go quiet, every run records how busy they were, and the table shows the best of the
repetitions (noise only ever makes a run slower) next to the server's CPU time per request.
The last line printed is one JSON object with every run and the best combinations.
"""

from __future__ import annotations

import argparse
import json
import math
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

PUBLIC_PAGES = Path(__file__).resolve().with_name("public_pages.py")


def int_list(text: str) -> list[int]:
    values = [int(item) for item in text.split(",") if item.strip()]
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("a comma-separated list of positive integers")
    return values


def run_one(command: list[str], timeout: float) -> tuple[dict | None, str]:
    """Run public_pages.py; return its JSON summary (None on failure) and its output."""
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except BaseException:
        # SIGTERM lets public_pages.py stop its server and remove its data folder.
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        raise
    lines = output.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return None, output
    try:
        return json.loads(lines[-1]), output
    except json.JSONDecodeError:
        return None, output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int_list, default=int_list("1,2,3,4,5,8"))
    parser.add_argument("--threads", type=int_list, default=int_list("1,2,4,8"))
    parser.add_argument("--repeat", type=int, default=2, help="runs of each combination")
    parser.add_argument("--requests", type=int, default=2000, help="requests per page and run")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--client", choices=["asyncio", "threads", "wrk"], default="asyncio")
    parser.add_argument("--wait-idle", type=float, default=60.0, metavar="SECONDS")
    parser.add_argument("--run-timeout", type=float, default=900.0, metavar="SECONDS")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))

    grid = [(w, t) for w in args.workers for t in args.threads]
    runs: list[dict] = []
    started = time.monotonic()
    total = len(grid) * args.repeat
    try:
        for repetition in range(args.repeat):
            order = grid if repetition % 2 == 0 else list(reversed(grid))
            for workers, threads in order:
                command = [
                    sys.executable,
                    str(PUBLIC_PAGES),
                    f"--workers={workers}",
                    f"--threads={threads}",
                    f"--requests={args.requests}",
                    f"--concurrency={args.concurrency}",
                    f"--client={args.client}",
                    f"--wait-idle={args.wait_idle}",
                    *(f"--env={item}" for item in args.env),
                ]
                summary, output = run_one(command, args.run_timeout)
                runs.append({"workers": workers, "threads": threads, "summary": summary})
                done = len(runs)
                elapsed = time.monotonic() - started
                if summary is None:
                    print(f"[{done}/{total}] {workers}w×{threads}t FAILED:\n{output[-2000:]}")
                else:
                    p = summary["program"]
                    print(
                        f"[{done}/{total}] {workers}w×{threads}t: program {p['rps']:.0f} req/s "
                        f"p95 {p['p95_ms'] or math.nan:.0f} ms, "
                        f"trivial {summary['trivial']['rps']:.0f} req/s, "
                        f"other CPU {summary['other_cpu_pct']} % "
                        f"({elapsed / 60:.1f} min)",
                        flush=True,
                    )
    except KeyboardInterrupt:
        print("interrupted: the table shows the runs done so far", file=sys.stderr)

    table = []
    for workers, threads in grid:
        ok = [
            r["summary"]
            for r in runs
            if r["summary"] and (r["workers"], r["threads"]) == (workers, threads)
        ]
        if not ok:
            continue

        def values(page: str, key: str, runs=ok) -> list[float]:
            found = [s[page][key] for s in runs if s[page][key] is not None]
            return found or [math.nan]  # JSON null: nothing was answered

        table.append(
            {
                "workers": workers,
                "threads": threads,
                "runs": len(ok),
                "program_rps": max(values("program", "rps")),
                "program_p95_ms": min(values("program", "p95_ms")),
                "program_p99_ms": min(values("program", "p99_ms")),
                "program_errors": sum(s["program"]["errors"] for s in ok),
                "home_rps": max(values("home", "rps")),
                "trivial_rps": max(values("trivial", "rps")),
                "program_vs_trivial": max(s["program_vs_trivial"] or 0 for s in ok),
                "program_server_ms_per_req": statistics.median(
                    values("program", "server_cpu_ms_per_req")
                ),
                "other_cpu_pct_max": max(s["other_cpu_pct"] for s in ok),
            }
        )
    table.sort(key=lambda row: -row["program_rps"])
    print()
    print("Best of the repetitions, by program-page throughput:")
    header = (
        f"{'workers':>7} {'threads':>7} {'runs':>4} {'program r/s':>11} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'err':>4} {'home r/s':>8} {'trivial r/s':>11} {'ratio':>6} "
        f"{'srv ms/req':>10} {'other CPU':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in table:
        print(
            f"{row['workers']:>7} {row['threads']:>7} {row['runs']:>4} "
            f"{row['program_rps']:>11.1f} {row['program_p95_ms']:>7.1f} "
            f"{row['program_p99_ms']:>7.1f} {row['program_errors']:>4} {row['home_rps']:>8.1f} "
            f"{row['trivial_rps']:>11.1f} {row['program_vs_trivial']:>6.2f} "
            f"{row['program_server_ms_per_req']:>10.2f} {row['other_cpu_pct_max']:>7} %"
        )
    best_rps = table[0] if table else None
    with_p95 = [row for row in table if not math.isnan(row["program_p95_ms"])]
    best_p95 = min(with_p95, key=lambda row: row["program_p95_ms"]) if with_p95 else None
    if best_rps and best_p95:
        print(
            f"\nBest program throughput: {best_rps['workers']} workers × "
            f"{best_rps['threads']} threads; best program p95: {best_p95['workers']} workers × "
            f"{best_p95['threads']} threads."
        )
    for row in table:  # JSON has no NaN
        for key, value in row.items():
            if isinstance(value, float) and math.isnan(value):
                row[key] = None
    print(json.dumps({"table": table, "best_rps": best_rps, "best_p95": best_p95, "runs": runs}))
    return 0 if table else 1


if __name__ == "__main__":
    sys.exit(main())
