"""How long ``kongres backup`` and ``kongres restore`` take, and how big the archive is.

Run from the project root:

    .venv/bin/python bench/backup.py [--databases sqlite,postgres] [--registrations 5000]
                                     [--repeat 3]

For each database (the embedded SQLite database of a fresh data folder, and fresh PostgreSQL
databases ``kongres_bench_backup_*`` on 127.0.0.1, dropped at the end) it runs
``kongres migrate`` and ``kongres load_demo`` and measures, on the demo and then again after
adding N registrations through the registration service (inside ``kongres shell``, unmeasured):

- ``kongres backup``: wall time of the whole command (Python and Django start included),
  the archive's size, and the rows and tables of its manifest;
- ``kongres restore`` into a new, empty database and data folder: wall time of the whole
  command, and a check that the restored registrations are as many as the manifest says.

Each is run ``--repeat`` times and the median is reported (each restore into a new database).
The start-up of a ``kongres`` command (``kongres check``) is measured too, to tell it apart.
A table is printed and, as the last line, one JSON object. Temporary folders and databases are
removed on every exit path.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"

FILL = """
import datetime as dt
from django.db import transaction
from django_scopes import scopes_disabled
from kongres.events.models import Edition
from kongres.registration import services
from kongres.registration.models import Category
N = {count}
with scopes_disabled():
    edition = Edition.objects.get(slug="kkp-2025")
    # Room for everybody: the demo's quotas and dates would stop a bench this size.
    Category.objects.filter(edition=edition).update(quota=None, opens_at=None, closes_at=None)
    category = Category.objects.filter(edition=edition, requires_invitation=False,
                                       requires_approval=False).order_by("order").first()
    consents = [c.pk for c in services.consents_current(edition=edition)]
    for i in range(N):
        data = services.RegistrationInput(
            first_name="Uczestnik", last_name=f"Testowy {{i}}",
            email=f"bench-backup-{{i}}@example.org", consent_ids=consents,
            details={{"organisation": f"Klaster {{i % 97}}"}},
        )
        registration, created = services.registration_create(
            edition=edition, category=category, data=data)
        assert created
        if i % 2:
            services.registration_verify(registration=registration)
print("filled", N)
"""


class Installation:
    """A data folder and its database (SQLite inside it, or a PostgreSQL database)."""

    def __init__(self, vendor: str, root: Path, label: str, pg_url: str):
        self.vendor = vendor
        self.data_dir = root / label
        self.data_dir.mkdir(parents=True)
        self.db_name = f"kongres_bench_backup_{label}_{os.getpid()}"
        base = pg_url.rsplit("/", 1)[0]
        self.pg_admin_url = pg_url
        self.url = (
            f"sqlite:///{self.data_dir / 'kongres.sqlite3'}"
            if vendor == "sqlite"
            else f"{base}/{self.db_name}"
        )
        if vendor == "postgresql":
            _pg_admin(pg_url, f'CREATE DATABASE "{self.db_name}"')

    def drop(self) -> None:
        if self.vendor == "postgresql":
            _pg_admin(self.pg_admin_url, f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    def kongres(self, *args: str) -> tuple[float, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KONGRES_")}
        env.update(
            KONGRES_DATA_DIR=str(self.data_dir),
            KONGRES_DATABASE_URL=self.url,
            KONGRES_SECRET_KEY="bench-backup-" + "x" * 40,
            KONGRES_LOG_LEVEL="WARNING",
        )
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "kongres.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise SystemExit(f"kongres {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return elapsed, result.stdout

    def registrations(self) -> int:
        sql = "SELECT COUNT(*) FROM registration_registration"
        if self.vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(self.data_dir / "kongres.sqlite3")) as db:
                return db.execute(sql).fetchone()[0]
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as db:
            return db.execute(sql).fetchone()[0]


def _pg_admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute(statement)


def _measure(vendor, root, pg_url, label, source, repeat, made) -> dict:
    backups, restores, backups_inside, restores_inside = [], [], [], []
    archive = root / f"{label}.tar.gz"
    for _ in range(repeat):
        archive.unlink(missing_ok=True)
        elapsed, out = source.kongres("backup", "--output", str(archive))
        backups.append(elapsed)
        backups_inside.append(float(re.search(r" in ([\d.]+) s", out).group(1)))
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    expected = manifest["row_counts"]["registration_registration"]
    for attempt in range(repeat):
        target = Installation(vendor, root, f"{label}_r{attempt}", pg_url)
        made.append(target)
        elapsed, out = target.kongres("restore", str(archive))
        restores.append(elapsed)
        restores_inside.append(float(re.search(r" in ([\d.]+) s", out).group(1)))
        restored = target.registrations()
        if restored != expected:
            raise SystemExit(f"restored {restored} registrations, the manifest says {expected}")
        target.drop()
        shutil.rmtree(target.data_dir)
    return {
        "registrations": expected,
        "rows": sum(manifest["row_counts"].values()),
        "tables": len(manifest["row_counts"]),
        "archive_kb": round(archive.stat().st_size / 1024, 1),
        "database_kb": round(
            next(f["size"] for f in manifest["files"] if f["name"].startswith("database/")) / 1024,
            1,
        ),
        "backup_s": round(statistics.median(backups), 2),
        "restore_s": round(statistics.median(restores), 2),
        "backup_work_s": round(statistics.median(backups_inside), 2),
        "restore_work_s": round(statistics.median(restores_inside), 2),
    }


def run_database(vendor: str, registrations: int, repeat: int, pg_url: str) -> dict:
    made: list[Installation] = []
    root = Path(tempfile.mkdtemp(prefix=f"kongres-bench-backup-{vendor}-"))
    try:
        source = Installation(vendor, root, "src", pg_url)
        made.append(source)
        source.kongres("migrate", "--verbosity", "0")
        source.kongres("load_demo")
        startup, _out = source.kongres("check")
        results = {"command_startup_s": round(startup, 2)}
        results["demo"] = _measure(vendor, root, pg_url, "demo", source, repeat, made)
        source.kongres("shell", "-c", FILL.format(count=registrations))
        results[f"demo_plus_{registrations}"] = _measure(
            vendor, root, pg_url, "large", source, repeat, made
        )
        return results
    finally:
        for installation in made:
            with contextlib.suppress(Exception):
                installation.drop()
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--registrations", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("KONGRES_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help="an administrative connection (the server's 'postgres' database)",
    )
    args = parser.parse_args()
    vendors = {"sqlite": "sqlite", "postgres": "postgresql", "postgresql": "postgresql"}
    report = {"registrations_added": args.registrations, "repeat": args.repeat}
    for name in args.databases.split(","):
        vendor = vendors[name.strip()]
        report[vendor] = run_database(vendor, args.registrations, args.repeat, args.postgres_url)
        print(f"== {vendor}  (kongres check alone: {report[vendor]['command_startup_s']} s)")
        print(
            f"{'data':<20}{'regs':>6}{'rows':>7}{'db KB':>9}{'archive KB':>11}"
            f"{'backup s (work)':>17}{'restore s (work)':>18}"
        )
        for label, row in report[vendor].items():
            if not isinstance(row, dict):
                continue
            backup = f"{row['backup_s']} ({row['backup_work_s']})"
            restore = f"{row['restore_s']} ({row['restore_work_s']})"
            print(
                f"{label:<20}{row['registrations']:>6}{row['rows']:>7}{row['database_kb']:>9}"
                f"{row['archive_kb']:>11}{backup:>17}{restore:>18}",
                flush=True,
            )
    print(json.dumps(report))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
