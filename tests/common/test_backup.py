"""``kongres backup`` and ``kongres restore`` as an operator runs them, on the database under test.

Every database here is a scratch one of the vendor the suite runs on (a SQLite file in a
temporary folder, or a ``kongres_backup_*`` PostgreSQL database created and dropped here); the
commands run as subprocesses pointed at it with ``KONGRES_DATABASE_URL``. The demo is backed up
while a thread keeps inserting (one rate-limit row and one activity row per transaction), then
restored elsewhere and compared table by table, row by row, ordered by primary key.
"""

import gzip
import hashlib
import io
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.integration

VENDOR = connection.vendor
LOADED_TABLES = {"common_ratecounter", "common_activitylog"}


# --- scratch databases ----------------------------------------------------------------------


def _pg_admin():
    import psycopg

    params = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=params["USER"] or "postgres",
        password=params["PASSWORD"] or None,
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
        autocommit=True,
    )


@dataclass
class Database:
    """One scratch Kongres installation: its database and its data folder (media)."""

    name: str
    data_dir: Path

    @property
    def url(self) -> str:
        if VENDOR == "sqlite":
            return f"sqlite:///{self.data_dir / 'kongres.sqlite3'}"
        params = connection.settings_dict
        auth = quote(params["USER"] or "postgres")
        if params["PASSWORD"]:
            auth += ":" + quote(params["PASSWORD"])
        host = params["HOST"] or "127.0.0.1"
        return f"postgres://{auth}@{host}:{params['PORT'] or 5432}/{self.name}"

    @property
    def media(self) -> Path:
        return self.data_dir / "media"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KONGRES_")}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.update(
            KONGRES_DATA_DIR=str(self.data_dir),
            KONGRES_DATABASE_URL=self.url,
            KONGRES_SECRET_KEY="backup-tests-" + "x" * 40,
            KONGRES_LOG_LEVEL="WARNING",
        )
        env.update(extra)
        return env

    def kongres(self, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "kongres.cli", *args],
            env=self.env(**extra_env),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def raw(self):
        """A plain driver connection in autocommit mode."""
        if VENDOR == "sqlite":
            return sqlite3.connect(
                self.data_dir / "kongres.sqlite3", timeout=30, isolation_level=None
            )
        import psycopg

        return psycopg.connect(self.url.replace("postgres://", "postgresql://"), autocommit=True)

    def tables(self) -> dict[str, list[tuple]]:
        """Every table's rows, ordered by primary key, as the introspection of Django sees it."""
        wrapper_class = connections["default"].__class__
        wrapper = wrapper_class({**connection.settings_dict, "NAME": self._django_name()})
        try:
            with wrapper.cursor() as cursor:
                names = sorted(wrapper.introspection.table_names(cursor))
                contents = {}
                for table in names:
                    keys = wrapper.introspection.get_primary_key_columns(cursor, table) or []
                    cursor.execute(f"SELECT * FROM {wrapper.ops.quote_name(table)}")  # noqa: S608
                    width = len(cursor.description)
                    order = [
                        i for i, column in enumerate(cursor.description) if column[0] in keys
                    ] or list(range(width))
                    rows = [tuple(row) for row in cursor.fetchall()]
                    rows.sort(key=lambda row, order=order: tuple(_sortable(row[i]) for i in order))
                    contents[table] = rows
            return contents
        finally:
            wrapper.close()

    def _django_name(self) -> str:
        return str(self.data_dir / "kongres.sqlite3") if VENDOR == "sqlite" else self.name

    def table_names(self) -> set[str]:
        if VENDOR == "sqlite" and not (self.data_dir / "kongres.sqlite3").exists():
            return set()
        return set(self.tables())


def _sortable(value):
    return (value is None, value if value is not None else 0)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory, django_db_blocker):
    """Makes scratch databases; drops them (PostgreSQL) at the end of the module."""
    made = []

    def make(role: str) -> Database:
        name = f"kongres_backup_{role}_{secrets.token_hex(4)}"
        database = Database(name, tmp_path_factory.mktemp(name))
        if VENDOR == "postgresql":
            with _pg_admin() as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
        made.append(database)
        return database

    with django_db_blocker.unblock():
        yield make
        if VENDOR == "postgresql":
            with _pg_admin() as admin:
                for database in made:
                    admin.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')


def _ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


# --- the demo under write load --------------------------------------------------------------


class WriteLoad(threading.Thread):
    """Inserts one rate-limit row and one activity row per transaction until stopped."""

    def __init__(self, database: Database):
        super().__init__(daemon=True)
        self.database = database
        self.done = 0
        self.errors: list[BaseException] = []
        self.stop = threading.Event()
        self.progress = threading.Condition()

    def wait_for(self, count: int) -> None:
        with self.progress:
            assert self.progress.wait_for(lambda: self.done >= count or self.errors, timeout=120)
        assert not self.errors, self.errors

    def run(self):
        json_value = "%s" if VENDOR == "sqlite" else "%s::jsonb"
        mark = "?" if VENDOR == "sqlite" else "%s"
        counter_sql = (
            "INSERT INTO common_ratecounter (key, count, expires_at) "  # noqa: S608 (no input)
            f"VALUES ({mark}, {mark}, {mark})"
        )
        activity_sql = (
            "INSERT INTO common_activitylog (actor_label, action, object_type, object_id, "  # noqa: S608
            f"data, created_at) VALUES ({mark}, {mark}, {mark}, {mark}, "
            f"{json_value.replace('%s', mark)}, {mark})"
        )
        db = self.database.raw()
        if VENDOR == "sqlite":
            # Committed rows stay in the write-ahead log (nothing checkpoints them into the
            # database file meanwhile), where a copy of the file alone would miss them.
            db.execute("PRAGMA wal_autocheckpoint=0")
        try:
            while not self.stop.is_set():
                i = self.done + 1
                key = f"backup-load-{i:06d}"
                now = datetime.now(UTC)
                stamp = now.isoformat() if VENDOR == "sqlite" else now
                db.execute("BEGIN IMMEDIATE" if VENDOR == "sqlite" else "BEGIN")
                db.execute(counter_sql, (key, i, stamp))
                db.execute(activity_sql, ("load", "backup.load", "ratecounter", key, "{}", stamp))
                db.execute("COMMIT")
                with self.progress:
                    self.done = i
                    self.progress.notify_all()
        except BaseException as error:  # reported by wait_for and the test
            self.errors.append(error)
            with self.progress:
                self.progress.notify_all()
        finally:
            db.close()


def _write_media(database: Database) -> dict[str, bytes]:
    files = {
        "partners/logo-kkp.png": secrets.token_bytes(40_000),
        "speakers/2025/photo ź.jpg": secrets.token_bytes(3_000),
        "empty.txt": b"",
    }
    for name, content in files.items():
        path = database.media / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return files


def _media_of(database: Database) -> dict[str, bytes]:
    if not database.media.exists():
        return {}
    return {
        path.relative_to(database.media).as_posix(): path.read_bytes()
        for path in database.media.rglob("*")
        if path.is_file()
    }


@dataclass
class BackedUp:
    source: Database
    archive: Path
    manifest: dict
    load_before: int
    load_after: int
    media: dict[str, bytes]


@pytest.fixture(scope="module")
def backed_up(scratch, tmp_path_factory):
    """The demo, backed up with ``kongres backup`` while a thread writes into it."""
    source = scratch("src")
    _ok(source.kongres("migrate", "--verbosity", "0"))
    _ok(source.kongres("load_demo"))
    media = _write_media(source)
    archive = tmp_path_factory.mktemp("archives") / "demo.tar.gz"
    load = WriteLoad(source)
    load.start()
    try:
        load.wait_for(20)
        before = load.done
        result = _ok(source.kongres("backup", "--output", str(archive)))
        after = load.done
        load.wait_for(after + 5)  # the load went on after the backup too
    finally:
        load.stop.set()
        load.join(60)
    assert not load.errors, load.errors
    assert "Backup written to" in result.stdout
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    return BackedUp(source, archive, manifest, before, after, media)


def test_the_demo_backed_up_under_write_load_restores_row_for_row(backed_up, scratch):
    manifest = backed_up.manifest
    source_tables = backed_up.source.tables()
    target = scratch("dst")

    result = _ok(target.kongres("restore", str(backed_up.archive)))

    assert "Restored" in result.stdout
    restored = target.tables()
    assert set(restored) == set(source_tables) == set(manifest["row_counts"])
    for table, rows in restored.items():
        assert len(rows) == manifest["row_counts"][table], table
    # The load wrote while the backup ran; the snapshot holds a prefix of its transactions,
    # both rows of each one or neither.
    assert backed_up.load_before < backed_up.load_after
    loaded = manifest["row_counts"]["common_ratecounter"]
    assert backed_up.load_before <= loaded <= backed_up.load_after
    assert len(source_tables["common_ratecounter"]) > loaded  # later rows are not in it
    load_activity = [row for row in restored["common_activitylog"] if "backup.load" in row]
    assert len(load_activity) == loaded
    keys = [row[0] for row in restored["common_ratecounter"]]
    assert keys == [f"backup-load-{i:06d}" for i in range(1, loaded + 1)]
    assert restored["common_ratecounter"] == source_tables["common_ratecounter"][:loaded]
    last_id = max(row[0] for row in restored["common_activitylog"])
    assert restored["common_activitylog"] == [
        row for row in source_tables["common_activitylog"] if row[0] <= last_id
    ]
    for table in set(source_tables) - LOADED_TABLES:
        assert restored[table] == source_tables[table], table
    assert len(restored["registration_registration"]) > 0  # the demo is in it
    assert _media_of(target) == backed_up.media


def test_the_manifest_lists_versions_migrations_and_every_member(backed_up):
    manifest = backed_up.manifest
    assert manifest["format"] == "kongres-backup"
    assert manifest["kongres_version"]
    assert manifest["django_version"].startswith("5.")
    assert manifest["database"]["vendor"] == VENDOR
    assert manifest["database"]["server_version"]
    assert manifest["migrations"]["registration"]
    assert manifest["migrations"]["contenttypes"] == "0002_remove_content_type_name"
    datetime.fromisoformat(manifest["created_at"])
    names = {entry["name"] for entry in manifest["files"]}
    database_member = "database/kongres." + ("sqlite3" if VENDOR == "sqlite" else "pgdump")
    assert names == {database_member} | {f"media/{name}" for name in backed_up.media}
    with tarfile.open(backed_up.archive) as tar:
        assert sorted(tar.getnames()) == sorted(names | {"manifest.json"})
        for entry in manifest["files"]:
            content = tar.extractfile(entry["name"]).read()
            assert len(content) == entry["size"]
            assert hashlib.sha256(content).hexdigest() == entry["sha256"]
    assert os.stat(backed_up.archive).st_mode & 0o077 == 0  # personal data: owner only


# --- refusals -------------------------------------------------------------------------------


def _rewrite(archive: Path, output: Path, *, drop=(), replace=None, manifest=None) -> Path:
    """A copy of ``archive`` with members dropped or replaced, or its manifest edited."""
    replace = dict(replace or {})
    with tarfile.open(archive) as source, tarfile.open(output, "w:gz") as target:
        for member in source:
            if member.name in drop:
                continue
            content = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest is not None:
                data = json.loads(content)
                manifest(data)
                content = json.dumps(data).encode()
            content = replace.get(member.name, content)
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    return output


def _flip_byte(archive: Path, output: Path) -> Path:
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x55
    output.write_bytes(bytes(data))
    return output


def _truncate(archive: Path, output: Path) -> Path:
    data = archive.read_bytes()
    output.write_bytes(data[: len(data) * 2 // 3])
    return output


def _unknown_migration(manifest: dict) -> None:
    manifest["migrations"]["registration"] = "9999_from_the_future"
    manifest["migrations"]["futureapp"] = "0001_initial"
    manifest["kongres_version"] = "9.0.0"


def _other_vendor(manifest: dict) -> None:
    manifest["database"]["vendor"] = "postgresql" if VENDOR == "sqlite" else "sqlite"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("flipped byte", "is damaged"),
        ("truncated", "cannot be read to the end"),
        ("member dropped", "missing: media/partners/logo-kkp.png"),
        ("database dropped", "missing: database/"),
        ("member changed", "does not match its size and SHA-256"),
        ("manifest dropped", "manifest.json is missing"),
        ("unknown migrations", "newer Kongres (9.0.0"),
        ("other database vendor", "KONGRES_DATABASE_URL points at"),
    ],
)
def test_a_damaged_or_mismatched_archive_is_refused_and_nothing_changes(
    backed_up, scratch, tmp_path, damage, message
):
    original = backed_up.archive
    database_member = next(
        e["name"] for e in backed_up.manifest["files"] if e["name"].startswith("database/")
    )
    bad = tmp_path / "bad.tar.gz"
    if damage == "flipped byte":
        _flip_byte(original, bad)
    elif damage == "truncated":
        _truncate(original, bad)
    elif damage == "member dropped":
        _rewrite(original, bad, drop={"media/partners/logo-kkp.png"})
    elif damage == "database dropped":
        _rewrite(original, bad, drop={database_member})
    elif damage == "member changed":
        _rewrite(original, bad, replace={"media/partners/logo-kkp.png": b"another logo"})
    elif damage == "manifest dropped":
        _rewrite(original, bad, drop={"manifest.json"})
    elif damage == "unknown migrations":
        _rewrite(original, bad, manifest=_unknown_migration)
    else:
        _rewrite(original, bad, manifest=_other_vendor)
    target = scratch("bad")

    result = target.kongres("restore", str(bad))

    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert target.table_names() == set()
    assert _media_of(target) == {}


def test_the_unknown_migrations_are_named_with_what_to_do(backed_up, scratch, tmp_path):
    bad = _rewrite(backed_up.archive, tmp_path / "new.tar.gz", manifest=_unknown_migration)
    result = scratch("new").kongres("restore", "--check", str(bad))
    assert result.returncode != 0
    assert "futureapp.0001_initial" in result.stderr
    assert "registration.9999_from_the_future" in result.stderr
    assert "Install Kongres 9.0.0 or newer" in result.stderr


def test_a_target_with_data_is_refused_and_left_as_it_was(backed_up):
    source = backed_up.source
    before = source.tables()
    media_before = _media_of(source)

    result = source.kongres("restore", str(backed_up.archive))

    assert result.returncode != 0
    assert "is not empty" in result.stderr
    assert "Restore never overwrites data" in result.stderr
    assert source.tables() == before
    assert _media_of(source) == media_before


def test_a_media_folder_with_other_files_under_the_same_names_is_refused(backed_up, scratch):
    target = scratch("media")
    (target.media / "partners").mkdir(parents=True)
    (target.media / "partners" / "logo-kkp.png").write_bytes(b"someone else's logo")

    result = target.kongres("restore", str(backed_up.archive))

    assert result.returncode != 0
    assert "already holds" in result.stderr
    assert target.table_names() == set()
    assert (target.media / "partners" / "logo-kkp.png").read_bytes() == b"someone else's logo"


def test_check_verifies_without_restoring(backed_up, scratch):
    target = scratch("check")
    result = _ok(target.kongres("restore", "--check", str(backed_up.archive)))
    assert "intact and restorable here" in result.stdout
    assert target.table_names() == set()
    assert _media_of(target) == {}


# --- migrations -----------------------------------------------------------------------------


def test_an_older_archive_is_migrated_after_restoring_into_a_migrated_database(scratch, tmp_path):
    old = scratch("old")
    _ok(old.kongres("migrate", "--verbosity", "0"))
    _ok(old.kongres("migrate", "common", "0001", "--verbosity", "0"))  # as before rate limits
    archive = tmp_path / "old.tar.gz"
    _ok(old.kongres("backup", "-o", str(archive)))
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["migrations"]["common"].startswith("0001_")
    assert "common_ratecounter" not in manifest["row_counts"]
    # The target was set up by ``migrate`` already: it holds bookkeeping rows, no data.
    target = scratch("new")
    _ok(target.kongres("migrate", "--verbosity", "0"))

    result = _ok(target.kongres("restore", str(archive)))

    assert "Migrated after restoring: common.0002_rate_counter" in result.stdout
    assert "common_ratecounter" in target.table_names()
    assert _ok(target.kongres("migrate", "--check")).returncode == 0


@pytest.mark.skipif(VENDOR != "postgresql", reason="pg_dump is PostgreSQL's")
def test_backup_without_pg_dump_says_what_to_install(backed_up, tmp_path):
    result = backed_up.source.kongres(
        "backup", "-o", str(tmp_path / "x.tar.gz"), PATH=str(tmp_path)
    )
    assert result.returncode != 0
    assert "pg_dump was not found on PATH" in result.stderr
    assert "postgresql-client" in result.stderr
    assert not (tmp_path / "x.tar.gz").exists()
    assert not list(tmp_path.glob(".kongres-backup-*"))


def test_gzip_damage_is_found_even_in_the_last_member(backed_up, tmp_path, scratch):
    """The gzip trailer's CRC covers the manifest too: a changed last byte is caught."""
    data = bytearray(gzip.decompress(backed_up.archive.read_bytes()))
    position = data.find(b'"format": "kongres-backup"')
    data[position + 1] ^= 0x01  # the manifest no longer parses as the archive's
    compressed = bytearray(gzip.compress(bytes(data)))
    compressed[-6] ^= 0xFF  # ...and the CRC in the trailer does not match either
    bad = tmp_path / "crc.tar.gz"
    bad.write_bytes(bytes(compressed))

    result = scratch("crc").kongres("restore", str(bad))

    assert result.returncode != 0
    assert "is damaged" in result.stderr


def test_restore_into_a_database_that_does_not_exist_says_to_create_it(backed_up, tmp_path):
    missing = Database(f"kongres_backup_missing_{secrets.token_hex(4)}", tmp_path)
    if VENDOR == "sqlite":  # SQLite makes the file: restoring into a new folder just works
        (tmp_path / "kongres.sqlite3").mkdir()  # ...unless something else is in the way
    result = missing.kongres("restore", str(backed_up.archive))
    assert result.returncode != 0
    assert "The target database cannot be opened" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
