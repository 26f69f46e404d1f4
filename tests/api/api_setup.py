"""Builders for API tests (also used by bench/api.py)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from kongres.api.enums import ApiScope
from kongres.api.services import api_token_create
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember

READ_SCOPES = [s for s in ApiScope.values if s.endswith(":read")]
ALL_SCOPES = list(ApiScope.values)


def team_user(edition, username="crm", role=TeamRole.ORGANISER):
    user = get_user_model().objects.create_user(username=username, password="x-api-2025!")
    TeamMember.objects.create(edition=edition, user=user, role=role)
    return user


def token_for(edition, user, scopes=None, *, days=30):
    _token, secret = api_token_create(
        edition=edition,
        user=user,
        name="CRM",
        scopes=ALL_SCOPES if scopes is None else scopes,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    return secret


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
