"""A registration confirmed to a user survives a crash of the worker or server right after the
confirmation page is shown.

A real ``kongres serve`` (gunicorn) runs against the test database. The test registers through
plain HTTP, sees the "check your e-mail" page, and at once kills the whole server with SIGKILL:
no shutdown handler, no ``atexit``, no flush. Whatever the page promised must already be
committed: the registration, and its verification e-mail queued together with the task that
sends it, so the e-mail goes out as soon as any worker runs.
"""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import URLError
from urllib.parse import quote, urlencode
from urllib.request import HTTPCookieProcessor, build_opener, urlopen

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.comms.services import message_send
from kongres.demo.loader import demo_load
from kongres.events.models import Edition
from kongres.program.models import Session
from kongres.registration.enums import RegistrationMessage, RegistrationState
from kongres.registration.models import Category, Question, Registration
from tests.comms import conftest as comms_conftest

pytestmark = pytest.mark.integration

# The real SMTP server of the e-mail tests (aiosmtpd in this process), as a fixture here too.
smtp_sink = comms_conftest.smtp_sink

KONGRES = Path(sys.executable).parent / "kongres"
SECRET_KEY = "crash-survival-test-key-not-secret-0123456789abcdefghijklmnop"
TIMEOUT = 10  # seconds, for every single request
START_TIMEOUT = 60  # seconds for the server to answer /healthz
EMAIL = "Anna.Nowak+kongres@Example.org"  # stored exactly as sent


def _database_url() -> str:
    """The test database (not the development one) as a KONGRES_DATABASE_URL."""
    db = connection.settings_dict
    if db["ENGINE"] == "kongres.common.db.sqlite":
        return f"sqlite:///{db['NAME']}"
    assert db["ENGINE"] == "kongres.common.db.postgresql", db["ENGINE"]
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or 'localhost'}{port}/{db['NAME']}"


def _server_environment(data_dir: Path, port: int) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("KONGRES_")
        and name not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    (data_dir / "static").mkdir(parents=True)  # nothing is collected; WhiteNoise wants the folder
    env.update(
        KONGRES_DATABASE_URL=_database_url(),
        KONGRES_DATA_DIR=str(data_dir),
        KONGRES_HTTPS="0",
        KONGRES_SECRET_KEY=SECRET_KEY,
        KONGRES_PLAIN_STATIC="1",  # no manifest needed: collectstatic is skipped
        KONGRES_SITE_URL=f"http://127.0.0.1:{port}",
        KONGRES_EMAIL_URL=f"file://{data_dir / 'mail'}",  # the server itself never sends
        KONGRES_LOG_LEVEL="WARNING",
    )
    return env


def _wait_until_healthy(server: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"kongres serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"kongres serve did not answer /healthz in {START_TIMEOUT} s:\n{log.read_text()}")


def _kill_group(server: subprocess.Popen) -> None:
    """SIGKILL the gunicorn master and its worker (one process group); reap the master."""
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=TIMEOUT)


def _form_data(edition, csrf_token: str) -> dict[str, str]:
    networking = Question.objects.get(edition=edition, order=1)
    return {
        "csrfmiddlewaretoken": csrf_token,
        "category": str(Category.objects.get(edition=edition, slug="uczestnik").pk),
        "first_name": "Anna",
        "last_name": "Nowak-Żuraw",
        "email": EMAIL,
        "language": "pl",
        "organisation": "Lubuski Klaster Metalowy",
        "organisation_type": "cluster",
        "country": "PL",
        "voivodeship": "lubuskie",
        f"q_{networking.pk}": "yes",
        "visit": str(
            Session.objects.get(edition=edition, slug="wizyta-przykladowa-obrobka-cnc").pk
        ),
        "consent_processing": "on",
    }


def test_registration_shown_as_done_survives_server_killed_right_after(
    transactional_db, smtp_sink, tmp_path
):
    demo_load()
    edition = Edition.objects.get(slug="kkp-2025")
    port = comms_conftest.free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [
                str(KONGRES),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "1",
                "--threads",
                "2",
                "--no-collectstatic",
            ],
            env=_server_environment(tmp_path / "data", port),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: one signal reaches every process
        )
    try:
        _wait_until_healthy(server, url, log)
        browser = build_opener(HTTPCookieProcessor(CookieJar()))
        with browser.open(f"{url}/pl/kkp-2025/register/", timeout=TIMEOUT) as response:
            form = response.read().decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert csrf is not None, form
        body = urlencode(_form_data(edition, csrf.group(1))).encode()

        with browser.open(f"{url}/pl/kkp-2025/register/", data=body, timeout=TIMEOUT) as response:
            status, final_url, page = response.status, response.url, response.read().decode()
        _kill_group(server)  # the moment the page is shown

        assert (status, final_url) == (200, f"{url}/pl/kkp-2025/register/thanks/")
        assert "Sprawdź skrzynkę e-mail" in page
    finally:
        if server.poll() is None:
            _kill_group(server)
    assert server.returncode == -signal.SIGKILL
    registration = Registration.objects.get(edition=edition, email_key=EMAIL.lower())
    assert (registration.email, registration.state) == (EMAIL, RegistrationState.UNVERIFIED)
    message = Message.objects.get(registration=registration)
    assert (message.kind, message.state, message.to_email) == (
        RegistrationMessage.VERIFY_EMAIL,
        MessageState.QUEUED,
        EMAIL,
    )
    tasks = [
        (task.task_path, task.status)
        for task in DBTaskResult.objects.all()
        if task.args_kwargs == {"args": [message.pk], "kwargs": {}}
    ]
    assert tasks == [("kongres.comms.tasks.send_message", "READY")]

    state = message_send(message.pk)

    assert state == MessageState.SENT
    [mail] = smtp_sink.messages
    assert mail["To"] == EMAIL
    assert (
        " ".join(mail["Subject"].split())
        == "Potwierdź adres e-mail – 11. Kongres Klastrów Polskich"
    )
