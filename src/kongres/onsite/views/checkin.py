"""The check-in PWA: login for door staff, the page, its manifest and service worker, the list,
and the scan and sync endpoints. Thin: resolve the edition, check the key, call a service."""

import functools
import hashlib
import json

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_scopes import scope

from kongres.common.security_headers import permissions_policy
from kongres.events.models import Edition
from kongres.events.selectors import (
    team_permissions_get,
)
from kongres.events.views.decorators import edition_loaded
from kongres.onsite import selectors, services
from kongres.onsite.exceptions import OnsiteError

CHECKIN_KEY = "event.checkin:write"
MAX_BODY = 2 * 1024 * 1024


def _edition(edition_slug: str) -> Edition:
    """A published or archived edition (one indexed lookup once it has been loaded), or 404."""
    edition = edition_loaded(edition_slug)
    if edition is None:
        raise Http404("edition")
    return edition


def checkin_view(view=None, *, api: bool = False):
    """Wrap ``view(request, edition, **kwargs)``: a signed-in user holding the check-in key.

    Anonymous visitors of the page are sent to the check-in login; the JSON endpoints answer
    403 with a message instead, and so does every signed-in user without the key.
    """

    def decorator(func):
        @functools.wraps(func)
        @never_cache
        def wrapper(request, edition_slug, **kwargs):
            edition = _edition(edition_slug)
            if not request.user.is_authenticated and not api:
                login_url = reverse("onsite:checkin_login", args=[edition.slug])
                return redirect(f"{login_url}?next={request.path}")
            if CHECKIN_KEY not in team_permissions_get(user=request.user, edition_id=edition.pk):
                if api:
                    return JsonResponse(
                        {"error": _("Sign in as check-in staff of this edition.")}, status=403
                    )
                raise PermissionDenied
            with scope(edition=edition):
                return func(request, edition, **kwargs)

        return wrapper

    return decorator(view) if view else decorator


@never_cache
def checkin_login(request, edition_slug):
    edition = _edition(edition_slug)
    home = reverse("onsite:checkin", args=[edition.slug])
    next_url = request.POST.get("next") or request.GET.get("next") or home
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = home
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return redirect(next_url)
    return render(
        request,
        "onsite/checkin_login.html",
        {"edition": edition, "form": form, "next": next_url},
    )


@require_POST
def checkin_logout(request, edition_slug):
    edition = _edition(edition_slug)
    logout(request)
    return redirect("onsite:checkin_login", edition.slug)


@permissions_policy(camera="self")  # the scanner reads badges with the camera
@checkin_view
def checkin_page(request, edition):
    get_token(request)  # the page's scripts send the CSRF token with every scan
    points = selectors.checkin_points_list(edition=edition)
    return render(
        request,
        "onsite/checkin.html",
        {
            "edition": edition,
            "points": points,
            "urls": _urls(edition),
            "strings": _strings(),
        },
    )


def _strings() -> dict:
    """Texts the page's script shows, translated here (the script has no catalogue)."""
    reasons = {key: str(value) for key, value in services.REASON_MESSAGES.items() if key}
    return {
        "reasons": {**reasons, "ok": _("Welcome! Checked in.")},
        "online": _("Online"),
        "offline": _("Offline – scans are kept on this device"),
        "pending": _("Waiting to sync: {n}"),
        "list": _("List: {n} people, downloaded {time}"),
        "no_list": _("No check-in list on this device yet. Connect to the network."),
        "offline_note": _("Checked offline; the server will confirm when the device syncs."),
        "camera_start": _("Start the camera"),
        "camera_stop": _("Stop the camera"),
        "camera_error": _("The camera cannot be used: {error}. Find the person by name."),
        "check_in": _("Check in"),
        "nobody": _("No one found."),
        "synced": _("Synced at {time}."),
        "sync_failed": _("Sync failed; it will be tried again."),
        "note": _("Note for staff:"),
        "choose_point": _("Choose a check-in point first."),
    }


def _urls(edition) -> dict:
    args = [edition.slug]
    return {
        "page": reverse("onsite:checkin", args=args),
        "list": reverse("onsite:checkin_list", args=args),
        "scan": reverse("onsite:checkin_scan", args=args),
        "sync": reverse("onsite:checkin_sync", args=args),
        "sw": reverse("onsite:checkin_sw", args=args),
        "manifest": reverse("onsite:checkin_manifest", args=args),
        "logout": reverse("onsite:checkin_logout", args=args),
    }


def checkin_manifest(request, edition_slug):
    """The web app manifest: installable, opens on the check-in page in its own window."""
    edition = _edition(edition_slug)
    urls = _urls(edition)
    manifest = {
        "name": _("Check-in – %(edition)s") % {"edition": edition.name},
        "short_name": _("Check-in"),
        "lang": request.LANGUAGE_CODE,
        "start_url": urls["page"],
        "scope": urls["page"],
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": "#0b6e4f",
        "icons": [
            {
                "src": static("kongres/onsite/icon-192.png"),
                "sizes": "192x192",
                "type": "image/png",
            },
            {
                "src": static("kongres/onsite/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "any maskable",
            },
        ],
    }
    return HttpResponse(
        json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json"
    )


def checkin_service_worker(request, edition_slug):
    """The service worker, served under the page's path so that its scope is the page's.

    The script is a static file; this view only tells it what to keep for offline use.
    """
    edition = _edition(edition_slug)
    urls = _urls(edition)
    precache = [
        urls["page"],
        static("kongres/onsite/checkin.css"),
        static("kongres/onsite/checkin.js"),
        static("kongres/onsite/store.js"),
        static("vendor/jsqr/jsQR.js"),
        static("kongres/onsite/icon-192.png"),
        static("kongres/onsite/icon-512.png"),
        urls["manifest"],
    ]
    path = settings.BASE_DIR / "static/kongres/onsite/sw.js"
    script = path.read_text()
    # A new cache whenever a file or the script changes (static names carry hashes in production).
    version = hashlib.sha256((json.dumps(precache) + script).encode()).hexdigest()[:12]
    body = (
        f"const PRECACHE = {json.dumps(precache)};\n"
        f"const CACHE_NAME = {json.dumps(f'kongres-checkin-{edition.slug}-{version}')};\n"
        f"{script}"
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@checkin_view(api=True)
def checkin_list(request, edition):
    """The signed check-in list a device keeps for offline use, with a fresh CSRF token."""
    body = selectors.checkin_list_build(edition=edition)
    response = JsonResponse({**body, "csrf": get_token(request)})
    response["Cache-Control"] = "no-store"
    return response


def _batch(request):
    if len(request.body) > MAX_BODY:
        raise OnsiteError(_("The batch is too large; sync more often."))
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise OnsiteError(_("The data sent is not a check-in batch.")) from None


@require_POST
@checkin_view(api=True)
def checkin_scan(request, edition):
    """One scan made online: the same service as a sync, with a batch of one."""
    return _record(request, edition, offline=False)


@require_POST
@checkin_view(api=True)
def checkin_sync(request, edition):
    """A batch of scans made offline; replaying it changes nothing."""
    return _record(request, edition, offline=True)


def _record(request, edition, *, offline):
    try:
        result = services.scans_record(
            edition=edition, user=request.user, data=_batch(request), offline=offline
        )
    except OnsiteError as error:
        return JsonResponse({"error": str(error.message)}, status=400)
    return JsonResponse(result.as_json())
