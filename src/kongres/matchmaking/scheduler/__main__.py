"""``python -m kongres.matchmaking.scheduler < instance.json > schedule.json``

Reads an instance (JSON) from standard input, or from the file named as argument, and writes
the schedule (JSON) to standard output. A malformed instance is refused with a message on
standard error naming the problem and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import solve
from .model import Instance, InstanceError

EXIT_MALFORMED = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kongres.matchmaking.scheduler",
        description="Assign accepted B2B meetings to (slot, table).",
    )
    parser.add_argument("instance", nargs="?", help="instance JSON file (default: stdin)")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop searching after this long (default: the instance's time_limit, else 100)",
    )
    parser.add_argument("--indent", type=int, default=None, help="pretty-print the output")
    args = parser.parse_args(argv)
    if args.time_limit is not None and not args.time_limit > 0:
        parser.error("--time-limit must be positive")

    try:
        if args.instance:
            with open(args.instance, encoding="utf-8") as fh:
                text = fh.read()
        else:
            text = sys.stdin.read()
    except OSError as exc:
        print(f"error: cannot read the instance: {exc}", file=sys.stderr)
        return EXIT_MALFORMED
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"error: the instance is not valid JSON: {exc}", file=sys.stderr)
        return EXIT_MALFORMED
    try:
        inst = Instance.from_dict(data)
    except InstanceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_MALFORMED

    result = solve(inst, time_limit=args.time_limit).to_dict()
    json.dump(result, sys.stdout, indent=args.indent)
    sys.stdout.write("\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
