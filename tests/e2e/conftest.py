"""Browser fixtures: one Debian Chromium per session, a fresh context and page per test.

Every page records the requests it makes; a test whose page asked any origin other than the
live server (a CDN, a web font, an analytics script) fails in the page fixture's teardown.
"""

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.comms import conftest as comms_conftest

# A real SMTP server (aiosmtpd) for the browser tests that read their e-mails.
smtp_sink = comms_conftest.smtp_sink

# Playwright's sync API drives the browser from an asyncio event loop in the main thread, the
# thread the tests run in. Django sees that loop and refuses ORM calls there with
# SynchronousOnlyOperation, although nothing in these tests is asynchronous: the ORM calls of
# the tests (loading the demo data, reading expected values) run between browser steps, never
# inside a coroutine. Django reads the variable at each call, so setting it for the browser
# tests (from the first one on) keeps it out of the tests before them and out of the
# subprocesses those start (``check --deploy`` rightly refuses it).


@pytest.fixture(scope="session", autouse=True)
def _allow_sync_orm_beside_playwright():
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "pl-PL"}
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}


@dataclass(frozen=True)
class DemoSite:
    url: str
    edition: object

    def page_url(self, path: str) -> str:
        return f"{self.url}{path}"


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context_options():
    """Options of the browser context; a test parametrizes this to get a phone."""
    return DESKTOP


@pytest.fixture
def context(browser, context_options):
    context = browser.new_context(accept_downloads=True, **context_options)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context, live_server):
    """A page that records every request and fails the test if one left the live server."""
    allowed = urlsplit(live_server.url).netloc
    requested = []
    errors = []
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    foreign = [
        url
        for url in requested
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != allowed
    ]
    if foreign:
        pytest.fail(f"requests left the live server {allowed}: {foreign}")
    if errors:
        pytest.fail(f"JavaScript errors on the page: {errors}")


@pytest.fixture
def demo_site(transactional_db, live_server, demo_data):
    """The live server with the demo edition loaded; the page cache starts empty."""
    from django.core.cache import cache

    # Public pages are cached in the process-wide local memory cache, which outlives the
    # database flush between tests; start every test from the data it has just loaded.
    cache.clear()
    return DemoSite(url=live_server.url, edition=demo_data)


@pytest.fixture
def deliver_queued_mail(smtp_sink):
    """Play the worker: send every queued e-mail; return the e-mails that arrived since last time.

    Every queued message must go out: a message that failed to render or to send fails the test.
    """
    from kongres.comms.enums import MessageState
    from kongres.comms.models import Message
    from kongres.comms.services import message_send

    delivered = 0

    def deliver():
        nonlocal delivered
        queued = Message.objects.filter(state=MessageState.QUEUED).order_by("pk")
        outcomes = {message.pk: message_send(message.pk) for message in queued}
        assert outcomes == dict.fromkeys(outcomes, MessageState.SENT)
        arrived = smtp_sink.messages[delivered:]
        delivered += len(arrived)
        return arrived

    return deliver
