"""``kongres backup [--output FILE]``: one archive with the database, the uploads and a manifest.

See ``kongres.common.backup`` and docs/operations.md ("Backup and restore").
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kongres.common.backup import BackupError, backup_create, backup_summary, default_backup_name


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) with a consistent snapshot of the database, the uploaded "
        "files and a manifest; safe while the server and the worker run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="archive to write (default: kongres-backup-<UTC time>.tar.gz here)",
        )

    def handle(self, *args, output=None, **options):
        output = output or Path(default_backup_name())
        started = time.perf_counter()
        try:
            manifest = backup_create(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = output.stat().st_size
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Backup written to {output.resolve()} ({size:,} bytes) in {elapsed:.2f} s"
        )
        self.stdout.write(backup_summary(manifest))
