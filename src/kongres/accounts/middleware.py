"""Nothing past the password until the second factor: see ``kongres.accounts.twofactor``."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from kongres.accounts import twofactor

# Reachable while the second factor is pending: its own pages, signing out, files, health.
_OPEN_PREFIXES = ("/admin/2fa/", "/admin/logout/", "/static/", "/media/", "/healthz", "/readyz")


class StaffTwoFactorMiddleware:
    """Send a signed-in user who needs a second factor and has not given it to its page.

    After ``OTPMiddleware`` (``request.user.is_verified``). Covers every login form: a user
    signed in by the check-in login is sent here as well before any page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            twofactor.two_factor_on()
            and user.is_authenticated
            and not user.is_verified()
            and not request.path_info.startswith(_OPEN_PREFIXES)
        ):
            has_device = twofactor.user_has_device(user=user)
            if has_device or twofactor.user_must_use_2fa(user=user):
                name = "accounts:two_factor" if has_device else "accounts:two_factor_setup"
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(name)}?{query}")
        return self.get_response(request)
