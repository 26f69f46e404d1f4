"""Scopes of API tokens and the team permission keys each one also needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    EDITIONS_READ = "editions:read", _("Editions: read")
    PROGRAM_READ = "program:read", _("Program: read")
    REGISTRATIONS_READ = "registrations:read", _("Registrations: read")
    REGISTRATIONS_WRITE = "registrations:write", _("Registrations: write")
    CHECKINS_READ = "checkins:read", _("Check-ins: read")
    CHECKINS_WRITE = "checkins:write", _("Check-ins: write")
    MATCHMAKING_READ = "matchmaking:read", _("Matchmaking: read")


# A request passes when the token holds the scope AND the token's user holds at least one of
# these keys in the edition's team (events.enums.ROLE_PERMISSIONS). An empty set means any
# team member (the role itself is the permission).
SCOPE_TEAM_KEYS: dict[str, frozenset[str]] = {
    ApiScope.EDITIONS_READ: frozenset(),
    ApiScope.PROGRAM_READ: frozenset(),
    ApiScope.REGISTRATIONS_READ: frozenset({"event.registrations:read"}),
    ApiScope.REGISTRATIONS_WRITE: frozenset({"event.registrations:write"}),
    ApiScope.CHECKINS_READ: frozenset({"event.registrations:read", "event.checkin:write"}),
    ApiScope.CHECKINS_WRITE: frozenset({"event.checkin:write"}),
    ApiScope.MATCHMAKING_READ: frozenset({"event.registrations:read"}),
}
