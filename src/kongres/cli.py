"""The ``kongres`` command: demo, serve, and every Django management command.

kongres demo [--port N]       set up the embedded database with the demo edition and serve it,
                              with one worker alongside (e-mails go to <data folder>/mail)
kongres serve [--port N]      serve with gunicorn (static files included)
kongres worker [--interval N] [--housekeeping-every S]
                              run background tasks (sending e-mail) and housekeeping
                              (expired holds and seat offers, ID data after visits)
kongres migrate | createsuperuser | ...   any Django management command
"""

import argparse
import atexit
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

VENDOR_ASSETS = [
    "vendor/htmx/htmx.min.js",
    "vendor/fonts/DejaVuSans.ttf",  # PDF tickets with Polish letters
    "vendor/fonts/DejaVuSans-Bold.ttf",
]


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kongres.settings")
    import django

    django.setup()


def _check_assets() -> None:
    static_dir = Path(__file__).resolve().parent / "static"
    missing = [name for name in VENDOR_ASSETS if not (static_dir / name).exists()]
    if missing:
        sys.exit(
            "Front-end assets are missing: "
            + ", ".join(missing)
            + ". They ship with Kongres; in a checkout, scripts/vendor-assets restores them."
        )


def _prepare_static() -> None:
    from django.core.management import call_command

    _check_assets()
    call_command("collectstatic", interactive=False, verbosity=0)


def _serve(host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    from kongres.wsgi import application

    class KongresServer(BaseApplication):
        def load_config(self):
            options = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "gthread",
                "threads": threads,
                "keepalive": 5,
                "timeout": 60,
                "graceful_timeout": 10,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "preload_app": True,
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    # A server thread that waits for the database gives up the GIL; by default it may then
    # wait up to 5 ms to get it back from a busy sibling thread, and a thread holding the
    # writers' lock (SQLite) or a quota row lock (PostgreSQL) makes everybody wait with it.
    # 0.5 ms measured best for registrations under load (bench/registration.py).
    sys.setswitchinterval(float(os.environ.get("KONGRES_GIL_SWITCH_INTERVAL", "0.0005")))
    print(f"Kongres is serving at http://{host}:{port}/", flush=True)
    KongresServer().run()


def _default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 9)


def _server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("KONGRES_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("KONGRES_PORT", "8000")))
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("KONGRES_WORKERS", _default_workers())),
    )
    parser.add_argument("--threads", type=int, default=int(os.environ.get("KONGRES_THREADS", "4")))


def _demo_checkin() -> tuple[str, str, str]:
    """The demo's check-in account: (user name, password, the check-in page's path)."""
    from django.urls import reverse
    from django.utils import translation

    from kongres.demo.content import DEMO_EDITION
    from kongres.demo.onsite import demo_checkin_user
    from kongres.events.models import Edition

    username, password = demo_checkin_user(Edition.objects.get(slug=DEMO_EDITION))
    with translation.override("pl"):
        path = reverse("onsite:checkin", args=[DEMO_EDITION])
    return username, password, path


def _demo_partner() -> tuple[int, str, str]:
    """The demo edition's id and its read-only partner account (user name, password)."""
    from kongres.demo.content import DEMO_EDITION
    from kongres.demo.team import demo_partner_user
    from kongres.events.models import Edition

    edition = Edition.objects.get(slug=DEMO_EDITION)
    username, password = demo_partner_user(edition)
    return edition.pk, username, password


def _demo_organiser() -> tuple[str, str]:
    """The demo organiser account; its password is generated once and kept in the data folder."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    username = "organizator"
    password_file = settings.DATA_DIR / "demo-organiser-password"
    if password_file.exists():
        password = password_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(12)
        password_file.write_text(password)
        password_file.chmod(0o600)
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        username=username, defaults={"email": "organizator@example.org"}
    )
    if not (user.is_staff and user.is_superuser and user.check_password(password)):
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
    return username, password


def demo_api_token(username: str = "organizator") -> str:
    """The demo's API token of the demo organiser (read scopes and check-in), made once.

    The full token is kept in ``<data folder>/demo-api-token`` (only its hash is in the
    database); it is reused while it is valid for another day, and a new one is issued when it
    was revoked, expired or belongs to a database made anew.
    """
    import datetime as dt
    import hmac

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from kongres.api.enums import ApiScope
    from kongres.api.models import ApiToken, token_hash
    from kongres.api.services import api_token_create
    from kongres.demo.content import DEMO_EDITION
    from kongres.events.models import Edition

    token_file = settings.DATA_DIR / "demo-api-token"
    now = timezone.now()
    if token_file.exists():
        full = token_file.read_text().strip()
        _prefix, _sep, rest = full.partition("_")
        key, _sep, secret = rest.partition("_")
        with scopes_disabled():
            token = ApiToken.objects.filter(
                key=key,
                revoked_at__isnull=True,
                expires_at__gt=now + dt.timedelta(days=1),
                edition__slug=DEMO_EDITION,
            ).first()
        if token is not None and hmac.compare_digest(token.secret_hash, token_hash(secret)):
            return full
    scopes = [s for s in ApiScope.values if s.endswith(":read")] + [ApiScope.CHECKINS_WRITE]
    user = get_user_model().objects.get(username=username)
    _token, full = api_token_create(
        edition=Edition.objects.get(slug=DEMO_EDITION),
        user=user,
        name="Demo",
        scopes=scopes,
        expires_at=now + dt.timedelta(days=365),
        actor=user,
    )
    token_file.write_text(full)
    token_file.chmod(0o600)
    return full


def _site_url(host: str, port: int) -> str:
    """The address the demo is reached at, for links in e-mails and calendar feeds."""
    shown = "127.0.0.1" if host in {"", "0.0.0.0", "::"} else host  # noqa: S104 (compared)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def _start_worker() -> subprocess.Popen:
    """Start ``kongres worker`` beside the demo server; it is stopped when this process exits."""
    from django.conf import settings

    env = {**os.environ, "KONGRES_HTTPS": "0", "KONGRES_DATA_DIR": str(settings.DATA_DIR)}
    # Its own session: Ctrl+C in the terminal reaches only the server, and the worker gets
    # exactly one signal from ``stop_worker`` (a second one would abort the task it runs).
    process = subprocess.Popen(
        [sys.executable, "-m", "kongres.cli", "worker"], env=env, start_new_session=True
    )
    owner = os.getpid()

    def stop_worker() -> None:
        # Server worker processes are forks of this one: only the process that started the
        # task worker stops it.
        if os.getpid() != owner or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    atexit.register(stop_worker)
    # Until the server installs its own handlers, SIGTERM exits through atexit as well.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    return process


def demo(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="kongres demo", description="Serve the demo: the 11th Congress of Polish Clusters."
    )
    _server_arguments(parser)
    args = parser.parse_args(argv)
    # The demo runs on plain http://127.0.0.1, so cookies must not demand HTTPS.
    os.environ.setdefault("KONGRES_HTTPS", "0")
    # The demo organiser signs in with the printed password alone (said in the output).
    os.environ.setdefault("KONGRES_STAFF_2FA", "off")
    # The demo's made-up people have addresses at example.org: mail to them (the worker's
    # matchmaking follow-ups, certificates) is marked "suppressed", never sent. The worker started
    # below inherits this.
    os.environ.setdefault("KONGRES_EMAIL_SUPPRESS_DOMAINS", "example.org,example.com,example.net")
    os.environ.setdefault("KONGRES_SITE_URL", _site_url(args.host, args.port))
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from kongres.demo.content import DEMO_EDITION
    from kongres.demo.loader import demo_load

    print(f"Data folder: {settings.DATA_DIR}", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    _prepare_static()
    counts = demo_load()
    username, password = _demo_organiser()
    checkin_username, checkin_password, checkin_path = _demo_checkin()
    api_token = demo_api_token(username)
    edition_id, partner_username, partner_password = _demo_partner()
    worker = _start_worker()
    print("Demo edition loaded: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"Back office: http://{args.host}:{args.port}/admin/")
    print(f"  user: {username}")
    print(f"  password: {password}")
    if settings.STAFF_2FA == "off":
        print("  two-step sign-in (KONGRES_STAFF_2FA) is off in the demo; production requires it")
    print(f"  the edition's dashboard: http://{args.host}:{args.port}/admin/office/{edition_id}/")
    print("Partner of the edition (read-only: study visits and reports):")
    print(f"  user: {partner_username}")
    print(f"  password: {partner_password}")
    documents_path = checkin_path.replace("/checkin/", "/onsite/documents/")
    print(
        "Badges, attendance lists, certificates (the back-office user): "
        f"http://{args.host}:{args.port}{documents_path}"
    )
    print(f"Check-in (door staff, phone): http://{args.host}:{args.port}{checkin_path}")
    print(f"  user: {checkin_username}")
    print(f"  password: {checkin_password}")
    print(
        f"REST API (docs: http://{args.host}:{args.port}/api/docs/), demo token (read, check-in):"
    )
    print(f"  {api_token}")
    print(
        f'  curl -H "Authorization: Bearer {api_token}" '
        f"http://{args.host}:{args.port}/api/v1/editions/{DEMO_EDITION}/registrations/"
    )
    print(f"Task worker (e-mail, scheduler, housekeeping): pid {worker.pid}")
    if getattr(settings, "EMAIL_FILE_PATH", None):
        print(f"E-mails are written to: {settings.EMAIL_FILE_PATH}")
    _serve(args.host, args.port, args.workers, args.threads)


def serve(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="kongres serve", description="Serve Kongres.")
    _server_arguments(parser)
    parser.add_argument(
        "--no-collectstatic", action="store_true", help="static files are already collected"
    )
    args = parser.parse_args(argv)
    _setup_django()
    if not args.no_collectstatic:
        _prepare_static()
    _serve(args.host, args.port, args.workers, args.threads)


COMMANDS = {"demo": demo, "serve": serve}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    command, rest = argv[0], argv[1:]
    if command in COMMANDS:
        COMMANDS[command](rest)
        return
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kongres", command, *rest])


if __name__ == "__main__":
    main()
