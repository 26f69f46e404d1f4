"""The worker's lower CPU priority takes effect under the scheduler's autogroups."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/autogroup").exists(), reason="the kernel has no autogroups"
)

PROGRAM = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kongres.settings")
django.setup()
from kongres.common.management.commands.worker import lower_priority
lower_priority(7)
print(os.nice(0))
print(open("/proc/self/autogroup").read().strip() or "none")
"""


def _group_nice(shown: str) -> int | None:
    # The file is empty for a process in the root group, which is no autogroup (a container's
    # first session, for one); there is then no group nice value to read or to change.
    shown = shown.strip()
    return None if shown in ("", "none") else int(shown.split()[-1])


def _run(*, own_session: bool) -> tuple[int, int | None]:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=own_session,
        check=True,
    )
    nice, group = done.stdout.split("\n", 1)
    return int(nice), _group_nice(group)


def _own_group_nice() -> int | None:
    return _group_nice(Path("/proc/self/autogroup").read_text())


def test_a_session_leader_lowers_its_whole_group():
    assert _run(own_session=True) == (os.nice(0) + 7, 7)


def test_in_a_shared_session_the_group_of_its_neighbours_is_left_alone():
    before = _own_group_nice()
    nice, group_nice = _run(own_session=False)
    assert nice == os.nice(0) + 7
    assert group_nice == before
    assert _own_group_nice() == before
