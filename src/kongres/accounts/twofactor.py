"""Two-factor sign-in for staff (django-otp): who needs it, setting it up, checking a code.

``settings.STAFF_2FA`` is ``"required"`` (the default without DEBUG) or ``"off"``. When
required, superusers and owners of any edition's team must pass a second factor (a TOTP
authenticator app, or one of their single-use recovery codes) before any page after the
password; a user without a device is led to set one up first. Anyone who has set up a device
is asked for it too.
"""

from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from kongres.common.activity import log_activity
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember

REQUIRED = "required"
OFF = "off"
RECOVERY_CODES = 10


def two_factor_on() -> bool:
    return settings.STAFF_2FA == REQUIRED


def user_must_use_2fa(*, user) -> bool:
    """Superusers and owners, when the installation requires it."""
    if not two_factor_on() or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    with scopes_disabled():
        return TeamMember.objects.filter(user_id=user.pk, role=TeamRole.OWNER).exists()


def user_has_device(*, user) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def totp_device_pending(*, user) -> TOTPDevice:
    """The authenticator being set up: one unconfirmed device, kept across page reloads."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def totp_device_confirm(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the pending device with a code from the app; return new recovery codes.

    On success the user's older devices and recovery codes are replaced, the session counts as
    verified, and the codes are returned to be shown once. A wrong code changes nothing.
    """
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user_id=user.pk)
        if not device.verify_token(_clean(token)):
            return None
        TOTPDevice.objects.filter(user_id=user.pk).exclude(pk=device.pk).delete()
        StaticDevice.objects.filter(user_id=user.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        recovery = StaticDevice.objects.create(user=user, name="recovery codes")
        codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
        log_activity(obj=user, action="auth.2fa_enabled", actor=user)
    otp_login(request, device)
    return codes


def second_factor_check(*, request, token: str) -> bool:
    """Verify a TOTP code or a recovery code (used up); mark the session verified."""
    user = request.user
    token = _clean(token)
    used = None
    with transaction.atomic():
        for model in (TOTPDevice, StaticDevice):
            devices = model.objects.filter(user_id=user.pk, confirmed=True).select_for_update()
            for device in devices:
                if device.verify_token(token):
                    used = device
                    break
            if used:
                break
    if used is None:
        log_activity(obj=user, action="auth.2fa_failed", actor=user)
        return False
    otp_login(request, used)
    action = "auth.recovery_code_used" if isinstance(used, StaticDevice) else "auth.2fa_verified"
    data = {"codes_left": used.token_set.count()} if isinstance(used, StaticDevice) else {}
    log_activity(obj=user, action=action, actor=user, data=data)
    return True


def _clean(token: str) -> str:
    return "".join((token or "").split()).lower()[:16]
