"""Issuing and revoking API tokens (the secret is returned once and stored hashed)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kongres.api.enums import ApiScope
from kongres.api.models import ApiToken, token_generate
from kongres.common.activity import log_activity
from kongres.events.selectors import team_permissions_get

DEFAULT_LIFETIME = timedelta(days=90)


class ApiTokenError(Exception):
    """A token cannot be issued as asked; the message says why."""


def api_token_create(
    *, edition, user, name: str, scopes, expires_at=None, actor=None
) -> tuple[ApiToken, str]:
    """A new token of a team member; returns (token, the full secret to show once)."""
    scopes = sorted(set(scopes))
    unknown = [s for s in scopes if s not in ApiScope.values]
    if unknown:
        raise ApiTokenError(_("Unknown scopes: %s.") % ", ".join(unknown))
    if not scopes:
        raise ApiTokenError(_("Choose at least one scope."))
    if not team_permissions_get(user=user, edition_id=edition.pk):
        raise ApiTokenError(_("The user is not in this edition's team."))
    now = timezone.now()
    expires_at = expires_at or now + DEFAULT_LIFETIME
    if expires_at <= now:
        raise ApiTokenError(_("The expiry must be in the future."))
    full, key, secret_hash = token_generate()
    with transaction.atomic():
        token = ApiToken.objects.create(
            edition=edition,
            user=user,
            name=name,
            key=key,
            secret_hash=secret_hash,
            scopes=scopes,
            expires_at=expires_at,
        )
        log_activity(
            obj=token,
            action="api_token.created",
            actor=actor,
            edition=edition,
            data={"scopes": scopes, "user": user.pk},
        )
    return token, full


def api_token_revoke(*, token: ApiToken, actor=None) -> ApiToken:
    with transaction.atomic(), scopes_disabled():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            ApiToken.objects.filter(pk=token.pk).update(revoked_at=token.revoked_at)
            log_activity(obj=token, action="api_token.revoked", actor=actor, edition=token.edition)
    return token
