"""The demo's read-only partner account: staff of the back office with the partner-viewer role
of the demo edition only, to show what a role limited to its part sees."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled

from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember

PARTNER_USERNAME = "partner"


def demo_partner_user(edition) -> tuple[str, str]:
    """(user name, password); the password is made once and kept in the data folder."""
    password_file = settings.DATA_DIR / "demo-partner-password"
    if password_file.exists():
        password = password_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(12)
        password_file.write_text(password)
        password_file.chmod(0o600)
    user, _created = get_user_model().objects.get_or_create(
        username=PARTNER_USERNAME, defaults={"email": "partner@example.org"}
    )
    # Staff to reach the back office, never a superuser, no model permissions: the role decides.
    if not user.is_staff or user.is_superuser or not user.check_password(password):
        user.is_staff, user.is_superuser = True, False
        user.set_password(password)
        user.save()
    user.user_permissions.clear()
    with scopes_disabled():
        TeamMember.objects.update_or_create(
            edition=edition, user=user, defaults={"role": TeamRole.PARTNER_VIEWER}
        )
    return PARTNER_USERNAME, password
