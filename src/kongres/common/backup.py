"""Backups of a Kongres installation: one archive with the database, the uploads and a manifest.

The archive is a gzip-compressed tar file with these members:

- ``database/kongres.sqlite3`` (SQLite) or ``database/kongres.pgdump`` (PostgreSQL): the
  database as one consistent snapshot. SQLite is copied with the online backup API (one step,
  inside one read transaction: writers of the server and the worker go on meanwhile);
  PostgreSQL is dumped with ``pg_dump`` (custom format) from a snapshot exported by a
  repeatable-read transaction, the same one in which the manifest's row counts and migrations
  are read, so they describe exactly the dumped data.
- ``media/<path>``: every regular file under ``MEDIA_ROOT`` (uploaded logos, photos).
- ``manifest.json`` (written last): versions (Kongres, Django, database vendor and server),
  the last applied migration of every app, the creation time, every other member with its
  size and SHA-256, and the row count of every table of the snapshot.

Restoring reads the whole archive before it changes anything: it refuses a damaged archive
(unreadable, truncated, a member missing, added or with another checksum), a mismatched one
(another format or database vendor, or migrations this code does not know) and a target that
holds data. It then loads the database, copies the uploads, and migrates when the archive is
older than the code. This module is plumbing: it imports no domain app.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.db import DatabaseError, connection, connections

import kongres

logger = logging.getLogger(__name__)

FORMAT = "kongres-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/kongres.sqlite3"
PGDUMP_MEMBER = "database/kongres.pgdump"
MEDIA_PREFIX = "media/"
# Rows that ``migrate`` writes into a new database: a target holding only these is empty.
BOOKKEEPING_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
CHUNK = 1 << 20
LIBPQ_PARAMETERS = frozenset(
    {
        "host",
        "hostaddr",
        "port",
        "dbname",
        "user",
        "passfile",
        "connect_timeout",
        "options",
        "sslmode",
        "sslcert",
        "sslkey",
        "sslrootcert",
        "sslcrl",
        "service",
        "target_session_attrs",
    }
)


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why and what to do."""


class ArchiveDamagedError(BackupError):
    pass


class ArchiveMismatchError(BackupError):
    pass


class TargetNotEmptyError(BackupError):
    pass


# --- helpers --------------------------------------------------------------------------------


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


class _HashingReader:
    """A file object that hashes and counts what is read through it (for ``tarfile``)."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _last_migrations(rows) -> dict[str, str]:
    """{app: name of its last applied migration}, from (app, name) rows in applied order."""
    last = {}
    for app, name in rows:
        last[app] = name
    return dict(sorted(last.items()))


def _tool_major(tool: str) -> tuple[str, int]:
    """(path, major version) of a PostgreSQL client program on PATH."""
    path = shutil.which(tool)
    if path is None:
        raise BackupError(
            f"{tool} was not found on PATH. It comes with the PostgreSQL client programs "
            f"(Debian: apt-get install postgresql-client); install the version of the "
            f"database server or newer."
        )
    result = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)  # noqa: S603 (found on PATH)
    match = re.search(r"(\d+)(?:\.\d+)?", result.stdout)
    if result.returncode != 0 or match is None:
        raise BackupError(f"{path} --version failed: {result.stderr.strip() or result.stdout}")
    return path, int(match.group(1))


def _pg_connection():
    """A new psycopg connection to the default database (not shared with Django's)."""
    wrapper = connections.create_connection("default")
    wrapper.connect()
    return wrapper


def _pg_conninfo_and_env(raw) -> tuple[str, dict]:
    """The connection string for pg_dump/pg_restore; the password travels in the environment."""
    from psycopg.conninfo import make_conninfo

    # Only parameters every libpq knows: psycopg's own libpq may be newer than pg_dump's.
    parameters = {k: v for k, v in raw.info.get_parameters().items() if k in LIBPQ_PARAMETERS}
    conninfo = make_conninfo(**parameters)
    env = dict(os.environ)
    if raw.info.password:
        env["PGPASSWORD"] = raw.info.password
    return conninfo, env


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files(root: Path) -> list[tuple[str, Path]]:
    """(archive name, path) of every regular file under the media folder, sorted."""
    if not root.is_dir():
        return []
    found = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(directory) / filename
            if path.is_symlink() or not path.is_file():
                continue
            found.append((MEDIA_PREFIX + path.relative_to(root).as_posix(), path))
    return found


# --- backup ---------------------------------------------------------------------------------


@dataclass
class Snapshot:
    member: str
    path: Path
    server_version: str
    migrations: dict[str, str]
    row_counts: dict[str, int]
    extra: dict = field(default_factory=dict)


def _sqlite_snapshot(workdir: Path, on_snapshot: Callable[[], None] | None) -> Snapshot:
    source_path = connection.settings_dict["NAME"]
    if not os.path.isfile(source_path):
        raise BackupError(f"There is no database at {source_path}: nothing to back up.")
    target_path = workdir / "kongres.sqlite3"
    source = sqlite3.connect(source_path, timeout=30)
    target = sqlite3.connect(target_path)
    try:
        # One step: the whole database is copied inside one read transaction, so the copy is
        # consistent while other connections keep writing (WAL lets them).
        source.backup(target)
    finally:
        source.close()
    try:
        if on_snapshot is not None:
            on_snapshot()
        # The copy becomes one self-contained file (no write-ahead log beside it).
        target.execute("PRAGMA journal_mode=DELETE")
        tables = [
            row[0]
            for row in target.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {
            table: target.execute(f"SELECT COUNT(*) FROM {_quote(table)}").fetchone()[0]  # noqa: S608 (names from the schema)
            for table in tables
        }
        migrations = (
            _last_migrations(target.execute("SELECT app, name FROM django_migrations ORDER BY id"))
            if "django_migrations" in tables
            else {}
        )
    finally:
        target.close()
    return Snapshot(SQLITE_MEMBER, target_path, sqlite3.sqlite_version, migrations, counts)


def _postgresql_snapshot(workdir: Path, on_snapshot: Callable[[], None] | None) -> Snapshot:
    import psycopg

    wrapper = _pg_connection()
    raw = wrapper.connection
    try:
        server_major = raw.info.server_version // 10000
        pg_dump, dump_major = _tool_major("pg_dump")
        if dump_major < server_major:
            raise BackupError(
                f"{pg_dump} is version {dump_major}, older than the database server "
                f"({server_major}); it cannot dump it. Install the PostgreSQL {server_major} "
                f"client programs (or newer) and put their pg_dump first on PATH."
            )
        raw.autocommit = False
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
        target_path = workdir / "kongres.pgdump"
        with raw.cursor() as cursor:
            # The snapshot of this transaction is the backup: pg_dump reads through it, and
            # the counts and migrations below are read in it too.
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot_id, server_version = cursor.fetchone()
            if on_snapshot is not None:
                on_snapshot()
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() "
                "ORDER BY c.relname"
            )
            tables = [row[0] for row in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (names from the catalogue)
                counts[table] = cursor.fetchone()[0]
            migrations = {}
            if "django_migrations" in tables:
                cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
                migrations = _last_migrations(cursor.fetchall())
            conninfo, env = _pg_conninfo_and_env(raw)
            result = subprocess.run(  # noqa: S603 (pg_dump found on PATH, arguments ours)
                [
                    pg_dump,
                    "--format=custom",
                    "--compress=0",  # the archive is compressed as a whole
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot_id}",
                    f"--file={target_path}",
                    f"--dbname={conninfo}",
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        raw.rollback()
    finally:
        wrapper.close()
    return Snapshot(
        PGDUMP_MEMBER,
        target_path,
        server_version,
        migrations,
        counts,
        extra={"pg_dump_major": dump_major},
    )


def _add_file(archive: tarfile.TarFile, name: str, path: Path) -> dict:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    with path.open("rb") as handle:
        reader = _HashingReader(handle)
        try:
            archive.addfile(info, reader)
        except OSError as error:
            raise BackupError(
                f"{path} changed while it was being archived ({error}); run the backup again."
            ) from error
    return {"name": name, "size": reader.size, "sha256": reader.digest.hexdigest()}


def default_backup_name(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"kongres-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"


def backup_create(*, output: Path, on_snapshot: Callable[[], None] | None = None) -> dict:
    """Write the archive to ``output`` and return its manifest.

    The archive is written beside ``output`` under a temporary name and renamed when complete,
    so ``output`` never holds a partial archive. ``on_snapshot`` is called once the database
    snapshot is fixed (tests use it to write meanwhile).
    """
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups of a {vendor} database are not supported.")
    created_at = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix=".kongres-backup-", dir=output.parent) as tmp:
        workdir = Path(tmp)
        try:
            if vendor == "sqlite":
                snapshot = _sqlite_snapshot(workdir, on_snapshot)
            else:
                snapshot = _postgresql_snapshot(workdir, on_snapshot)
        except (DatabaseError, sqlite3.Error) as error:
            raise BackupError(f"The database cannot be read: {error}") from error
        partial = workdir / "archive.tar.gz"
        files = []
        with (
            partial.open("wb") as raw_file,
            gzip.GzipFile(fileobj=raw_file, mode="wb", compresslevel=6, mtime=0) as zipped,
            tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as archive,
        ):
            files.append(_add_file(archive, snapshot.member, snapshot.path))
            for name, path in _media_files(_media_root()):
                files.append(_add_file(archive, name, path))
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": created_at.isoformat(),
                "kongres_version": kongres.__version__,
                "django_version": django.get_version(),
                "database": {
                    "vendor": vendor,
                    "server_version": snapshot.server_version,
                    "member": snapshot.member,
                    **snapshot.extra,
                },
                "migrations": snapshot.migrations,
                "row_counts": snapshot.row_counts,
                "files": files,
            }
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mode = 0o600
            info.mtime = int(created_at.timestamp())
            archive.addfile(info, _BytesReader(body))
        os.chmod(partial, 0o600)  # personal data of participants
        os.replace(partial, output)
    logger.info(
        "backup written to %s: %s tables, %s rows, %s files",
        output,
        len(snapshot.row_counts),
        sum(snapshot.row_counts.values()),
        len(files),
    )
    return manifest


class _BytesReader:
    def __init__(self, data: bytes):
        self.data = data
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.position + size
        chunk = self.data[self.position : end]
        self.position += len(chunk)
        return chunk


# --- verification ---------------------------------------------------------------------------


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and path.as_posix() == name
        and (name in {MANIFEST, SQLITE_MEMBER, PGDUMP_MEMBER} or name.startswith(MEDIA_PREFIX))
    )


def backup_verify(*, archive: Path, into: Path) -> dict:
    """Read the whole archive, extract it into ``into`` and return its manifest.

    Raises ``ArchiveDamagedError`` unless every member is a regular file with a safe name, the
    manifest lists exactly the other members and each has its size and SHA-256.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive}: no such file.")
    seen: dict[str, dict] = {}
    manifest_bytes = None
    damaged = (
        f"{archive} is damaged and was not restored: "
        "{problem}. Restore another copy of the backup (or a newer one)."
    )
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                name = member.name
                if not member.isfile() or not _safe_member_name(name):
                    raise ArchiveDamagedError(
                        damaged.format(problem=f"unexpected member {name!r} in the archive")
                    )
                if name in seen or (name == MANIFEST and manifest_bytes is not None):
                    raise ArchiveDamagedError(damaged.format(problem=f"{name} appears twice"))
                source = tar.extractfile(member)
                if name == MANIFEST:
                    manifest_bytes = source.read()
                    continue
                target = into / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                size = 0
                with target.open("wb") as handle:
                    while block := source.read(CHUNK):
                        digest.update(block)
                        size += len(block)
                        handle.write(block)
                seen[name] = {"size": size, "sha256": digest.hexdigest()}
            # tarfile stops at the end-of-archive blocks; gzip checks its CRC and length only
            # when the stream is read to its end, so read what is left.
            while tar.fileobj.read(CHUNK):
                pass
    except ArchiveDamagedError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, OSError) as error:
        problem = f"it cannot be read to the end ({error or type(error).__name__})"
        raise ArchiveDamagedError(damaged.format(problem=problem)) from error
    if manifest_bytes is None:
        raise ArchiveDamagedError(damaged.format(problem=f"{MANIFEST} is missing"))
    try:
        manifest = json.loads(manifest_bytes)
        listed = {entry["name"]: entry for entry in manifest["files"]}
    except (ValueError, KeyError, TypeError) as error:
        raise ArchiveDamagedError(damaged.format(problem=f"{MANIFEST} is unreadable")) from error
    if manifest.get("format") != FORMAT:
        raise ArchiveMismatchError(f"{archive} is not a Kongres backup (no {FORMAT} manifest).")
    database_member = (manifest.get("database") or {}).get("member")
    if database_member not in {SQLITE_MEMBER, PGDUMP_MEMBER} or database_member not in listed:
        raise ArchiveDamagedError(damaged.format(problem="the manifest lists no database"))
    missing = sorted(set(listed) - set(seen))
    if missing:
        problem = "members listed in the manifest are missing: " + ", ".join(missing)
        raise ArchiveDamagedError(damaged.format(problem=problem))
    unlisted = sorted(set(seen) - set(listed))
    if unlisted:
        problem = "members not in the manifest: " + ", ".join(unlisted)
        raise ArchiveDamagedError(damaged.format(problem=problem))
    for name, entry in listed.items():
        if seen[name] != {"size": entry.get("size"), "sha256": entry.get("sha256")}:
            problem = f"{name} does not match its size and SHA-256 checksum in the manifest"
            raise ArchiveDamagedError(damaged.format(problem=problem))
    return manifest


def _known_migrations() -> set[tuple[str, str]]:
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def backup_check_compatible(manifest: dict, *, archive: Path) -> None:
    """Raise ``ArchiveMismatchError`` when this code and database cannot restore the archive."""
    version = manifest.get("format_version")
    from_version = manifest.get("kongres_version", "?")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ArchiveMismatchError(
            f"{archive} was written by Kongres {from_version} in backup format {version}; "
            f"this Kongres ({kongres.__version__}) reads format {FORMAT_VERSION}. "
            f"Upgrade Kongres to {from_version} or newer and restore again."
        )
    database = manifest.get("database") or {}
    archive_vendor = database.get("vendor")
    if archive_vendor != connection.vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise ArchiveMismatchError(
            f"{archive} holds a {names.get(archive_vendor, archive_vendor)} database, but "
            f"KONGRES_DATABASE_URL points at {names.get(connection.vendor, connection.vendor)}. "
            f"Restore it into a {names.get(archive_vendor, archive_vendor)} database (set "
            f"KONGRES_DATABASE_URL accordingly); moving between database vendors is not "
            f"supported by restore."
        )
    known = _known_migrations()
    unknown = sorted(
        f"{app}.{name}"
        for app, name in (manifest.get("migrations") or {}).items()
        if (app, name) not in known
    )
    if unknown:
        raise ArchiveMismatchError(
            f"{archive} comes from a newer Kongres ({from_version}; this is "
            f"{kongres.__version__}): it has migrations this code does not know: "
            f"{', '.join(unknown)}. Install Kongres {from_version} or newer, then restore."
        )


# --- restore --------------------------------------------------------------------------------


def _sqlite_tables(path: str) -> dict[str, int]:
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return {}
    target = sqlite3.connect(path, timeout=30)
    try:
        tables = [
            row[0]
            for row in target.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: target.execute(f"SELECT COUNT(*) FROM {_quote(table)}").fetchone()[0]  # noqa: S608 (names from the schema)
            for table in tables
        }
    finally:
        target.close()


def _postgresql_tables() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (names from the catalogue)
            counts[table] = cursor.fetchone()[0]
    return counts


def target_tables() -> dict[str, int]:
    """Row count of every table of the target database (none for a new database)."""
    if connection.vendor == "sqlite":
        return _sqlite_tables(connection.settings_dict["NAME"])
    return _postgresql_tables()


def _check_target_empty(tables: dict[str, int]) -> None:
    holding = {table: n for table, n in tables.items() if n and table not in BOOKKEEPING_TABLES}
    if holding:
        where = (
            connection.settings_dict["NAME"]
            if connection.vendor == "sqlite"
            else f"PostgreSQL database {connection.settings_dict['NAME']!r}"
        )
        examples = ", ".join(
            f"{table} ({n})" for table, n in sorted(holding.items(), key=lambda i: -i[1])[:3]
        )
        raise TargetNotEmptyError(
            f"The target database ({where}) is not empty: {len(holding)} tables hold rows, "
            f"e.g. {examples}. Restore never overwrites data: point KONGRES_DATABASE_URL at a "
            f"new, empty database (or move the SQLite file away) and restore again."
        )


def _check_media_target(workdir: Path) -> list[tuple[Path, Path]]:
    """(source, target) of the uploads to copy; refuses to replace a different file."""
    root = _media_root()
    copies = []
    source_root = workdir / MEDIA_PREFIX
    for _name, source in _media_files(source_root):
        target = root / source.relative_to(source_root)
        if target.exists():
            if not target.is_file() or _sha256_file(target) != _sha256_file(source):
                raise TargetNotEmptyError(
                    f"The media folder {root} already holds {target} with other content. "
                    f"Restore never overwrites files: use an empty media folder."
                )
            continue
        copies.append((source, target))
    return copies


def _restore_sqlite(snapshot: Path) -> None:
    target_path = connection.settings_dict["NAME"]
    Path(target_path).parent.mkdir(parents=True, exist_ok=True)
    connections.close_all()
    source = sqlite3.connect(snapshot)
    target = sqlite3.connect(target_path, timeout=30)
    try:
        # Replaces the target's content in one transaction, whatever its journal mode.
        source.backup(target)
    finally:
        source.close()
        target.close()


def _restore_postgresql(dump: Path, manifest: dict, tables: dict[str, int]) -> None:
    pg_restore, restore_major = _tool_major("pg_restore")
    dump_major = (manifest.get("database") or {}).get("pg_dump_major", 0)
    if restore_major < dump_major:
        raise BackupError(
            f"{pg_restore} is version {restore_major}; the archive was dumped by pg_dump "
            f"{dump_major}. Install the PostgreSQL {dump_major} client programs (or newer)."
        )
    wrapper = _pg_connection()
    raw = wrapper.connection
    try:
        conninfo, env = _pg_conninfo_and_env(raw)
        if tables:
            # Only what ``migrate`` writes into a new database is here (checked before).
            with raw.cursor() as cursor:
                cursor.execute(
                    "DROP TABLE IF EXISTS " + ", ".join(_quote(t) for t in tables) + " CASCADE"
                )
    finally:
        wrapper.close()
    connections.close_all()
    result = subprocess.run(  # noqa: S603 (pg_restore found on PATH, arguments ours)
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={conninfo}",
            str(dump),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(
            f"pg_restore failed (the database was left as it was): {result.stderr.strip()}"
        )


def _pending_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    connections.close_all()
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@dataclass
class RestoreResult:
    manifest: dict
    media_files: int
    migrated: list[str]


def backup_restore(*, archive: Path, check_only: bool = False) -> RestoreResult:
    """Restore ``archive`` into the configured (empty) database and media folder.

    Every check runs before anything is written; a refusal raises ``BackupError`` (or one of
    its kinds) and leaves the database and the media folder as they were. With
    ``check_only`` the archive is verified and the target checked, and nothing is restored.
    """
    from django.core.management import call_command

    archive = Path(archive).resolve()
    with tempfile.TemporaryDirectory(prefix="kongres-restore-") as tmp:
        workdir = Path(tmp)
        manifest = backup_verify(archive=archive, into=workdir)
        backup_check_compatible(manifest, archive=archive)
        try:
            tables = target_tables()
        except (DatabaseError, sqlite3.Error) as error:
            raise BackupError(
                f"The target database cannot be opened: {str(error).strip()}. Create it first "
                f"(PostgreSQL: createdb), empty, and check KONGRES_DATABASE_URL."
            ) from error
        _check_target_empty(tables)
        copies = _check_media_target(workdir)
        if check_only:
            return RestoreResult(manifest, len(copies), [])
        member = workdir / manifest["database"]["member"]
        if connection.vendor == "sqlite":
            _restore_sqlite(member)
        else:
            _restore_postgresql(member, manifest, tables)
        for source, target in copies:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    pending = _pending_migrations()
    if pending:
        call_command("migrate", interactive=False, verbosity=0)
    connections.close_all()
    logger.info(
        "backup %s restored (from Kongres %s, %s), %s media files, migrated: %s",
        archive,
        manifest.get("kongres_version"),
        manifest.get("created_at"),
        len(copies),
        ", ".join(pending) or "nothing",
    )
    return RestoreResult(manifest, len(copies), pending)


def backup_summary(manifest: dict) -> str:
    counts = manifest.get("row_counts") or {}
    return (
        f"Kongres {manifest.get('kongres_version')}, {manifest['database']['vendor']} "
        f"{manifest['database'].get('server_version')}, created {manifest.get('created_at')}: "
        f"{len(counts)} tables, {sum(counts.values())} rows, "
        f"{sum(1 for f in manifest['files'] if f['name'].startswith(MEDIA_PREFIX))} media files"
    )
