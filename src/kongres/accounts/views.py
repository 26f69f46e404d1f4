"""The second-factor pages: enter a code, or set up an authenticator and get recovery codes."""

import segno
from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from kongres.accounts import twofactor


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none"}
        ),
    )


def _next(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return "/admin/"
    return url


def _context(request, **extra) -> dict:
    return {**admin.site.each_context(request), "next": _next(request), **extra}


@never_cache
@login_required(login_url="admin:login")
def two_factor(request):
    """Ask for a code from the authenticator app or a recovery code."""
    if request.user.is_verified():
        return redirect(_next(request))
    if not twofactor.user_has_device(user=request.user):
        return redirect(f"{_setup_url()}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.second_factor_check(request=request, token=form.cleaned_data["token"]):
            return redirect(_next(request))
        form.add_error(
            "token",
            _("That code is not valid. Wait a moment after several wrong codes, then try again."),
        )
    return render(
        request,
        "accounts/two_factor.html",
        _context(request, form=form, title=_("Second step of signing in")),
    )


@never_cache
@login_required(login_url="admin:login")
def two_factor_setup(request):
    """Set up an authenticator app: QR code and key, confirmed by a code; recovery codes once."""
    user = request.user
    if twofactor.user_has_device(user=user) and not user.is_verified():
        # Replacing a device needs the current one: a password alone is not enough.
        return redirect(f"{_two_factor_url()}?{request.GET.urlencode()}")
    device = twofactor.totp_device_pending(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.totp_device_confirm(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            return render(
                request,
                "accounts/recovery_codes.html",
                _context(request, codes=codes, title=_("Your recovery codes")),
            )
        form.add_error("token", _("That code is not valid. Check the time on your phone."))
    qr = segno.make(device.config_url, error="m")
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return render(
        request,
        "accounts/two_factor_setup.html",
        _context(
            request,
            form=form,
            qr_svg=qr.svg_inline(scale=5, dark="#000", light="#fff"),
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            title=_("Set up two-step sign-in"),
        ),
    )


def _setup_url() -> str:
    return reverse("accounts:two_factor_setup")


def _two_factor_url() -> str:
    return reverse("accounts:two_factor")
