"""Login events into the activity log (``kongres.common.activity``).

Receivers of Django's auth signals and of axes' ``user_locked_out``; connected in
``AccountsConfig.ready`` after axes' own receivers (``axes`` comes first in INSTALLED_APPS),
so a failure's count and lockout are known when it is logged.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from kongres.accounts.throttling import client_ip
from kongres.common.activity import log_activity


class _UnknownAccount:
    """The object of an entry about a user name that matches no account."""

    _meta = get_user_model()._meta
    pk = ""


def _account(username):
    if not username:
        return None
    model = get_user_model()
    return model.objects.filter(**{model.USERNAME_FIELD: username}).first()


def _where(request) -> dict:
    return {"ip": client_ip(request), "path": request.path[:200]} if request else {}


@receiver(user_logged_in, dispatch_uid="kongres_login_logged")
def _logged_in(sender, request, user, **kwargs):
    log_activity(obj=user, action="auth.login", actor=user, data=_where(request))


@receiver(user_login_failed, dispatch_uid="kongres_login_failed_logged")
def _login_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    username = str(credentials.get("username") or "")[:150]
    locked = getattr(request, "axes_locked_out", False)
    if locked and getattr(request, "axes_failures_since_start", None) is None:
        # Refused during a lockout (not counted by axes either): not logged again, so
        # hammering a locked account cannot flood the log.
        return
    user = _account(username)
    log_activity(
        obj=user or _UnknownAccount(),
        action="auth.login_failed",
        actor_label=username or "?",
        data={
            **_where(request),
            "username": username,
            "failures": getattr(request, "axes_failures_since_start", None),
        },
    )


@receiver(user_locked_out, dispatch_uid="kongres_locked_out_logged")
def _locked_out(sender, request, username, ip_address, **kwargs):
    if getattr(request, "axes_failures_since_start", None) is None:
        return  # a refusal during the lockout, not the failure that started it
    user = _account(username)
    log_activity(
        obj=user or _UnknownAccount(),
        action="auth.locked_out",
        actor_label=(username or "?")[:100],
        data={**_where(request), "username": username or ""},
    )
