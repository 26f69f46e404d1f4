"""Login throttling with django-axes: the pieces the settings point to.

Every login form that goes through ``django.contrib.auth.authenticate`` with the request (the
admin's, the check-in staff's, Django's ``AuthenticationForm`` in any future one) is counted
per account and per client address (``AXES_LOCKOUT_PARAMETERS``); past the limit the form
answers 429 with ``accounts/locked_out.html`` until the cool-off has passed.
"""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render

from kongres.registration.ratelimit import client_ip as _client_ip


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' gate, minus its refusal of calls that carry no request.

    Calls without a request (the test client's ``login``, ``manage.py shell``) come from no
    form and cannot be counted per address; every web login passes the request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str:
    """The client's address, the same way the public forms' rate limits see it."""
    return _client_ip(request)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets: 429, in the visitor's language."""
    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else None
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
