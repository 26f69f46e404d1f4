"""``kongres restore FILE [--check]``: restore an archive of ``kongres backup`` into an empty
database and media folder, then migrate if the archive is older than the code.

Every check (archive intact, same database vendor, no unknown migrations, target empty) runs
before anything is written; a refusal exits with status 1 and changes nothing.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kongres.common.backup import BackupError, backup_restore, backup_summary


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty database (never over data), with its uploaded "
        "files; migrate afterwards when the archive is older than this Kongres."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="archive written by kongres backup")
        parser.add_argument(
            "--check",
            action="store_true",
            help="only verify the archive and the target; restore nothing",
        )

    def handle(self, *args, archive, check=False, **options):
        started = time.perf_counter()
        try:
            result = backup_restore(archive=archive, check_only=check)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(backup_summary(result.manifest))
        if check:
            self.stdout.write(
                f"{archive}: intact and restorable here (the target database is empty)."
            )
            return
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Restored {archive} ({result.media_files} media files copied) in {elapsed:.2f} s."
        )
        if result.migrated:
            self.stdout.write(f"Migrated after restoring: {', '.join(result.migrated)}")
