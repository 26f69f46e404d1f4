"""Fixtures of the fuzzing suite: the demo edition loaded once per module, and a case counter.

Loading the demo takes seconds; the fuzz tests only need it to exist. It is loaded inside an
outer transaction that is rolled back when the module ends, and every test runs in a
savepoint inside it (pytest-django's ``db``), so other test modules never see it.
"""

import pytest
from django.db import transaction
from django_scopes import scopes_disabled

from tests.security import fuzzing


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    from kongres.demo.loader import demo_load
    from kongres.events.models import Edition

    with django_db_blocker.unblock(), scopes_disabled(), transaction.atomic():
        demo_load()
        yield Edition.objects.get(slug="kkp-2025")
        transaction.set_rollback(True)


@pytest.fixture
def open_limits(settings):
    """The rate limits are raised so that the fuzzer reaches the form logic behind them."""
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, "1000000/3600")


def pytest_terminal_summary(terminalreporter):
    if not fuzzing.CASES:
        return
    terminalreporter.section("fuzzing")
    for target, count in sorted(fuzzing.CASES.items()):
        if target == "self-test":
            continue
        seen = ", ".join(f"{code}×{n}" for code, n in sorted(fuzzing.STATUSES[target].items()))
        terminalreporter.write_line(f"{target}: {count} cases ({seen})")
    total = sum(n for target, n in fuzzing.CASES.items() if target != "self-test")
    terminalreporter.write_line(f"fuzz cases run: {total}")
