from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class PartnerRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    STRATEGIC_PARTNER = "strategic_partner", _("Strategic partner")
    PARTNER = "partner", _("Partner")
    MEDIA_PATRON = "media_patron", _("Media patron")


class Voivodeship(models.TextChoices):
    """The 16 Polish voivodeships; the congress moves to another one every year."""

    DOLNOSLASKIE = "dolnoslaskie", _("Lower Silesian")
    KUJAWSKO_POMORSKIE = "kujawsko-pomorskie", _("Kuyavian-Pomeranian")
    LUBELSKIE = "lubelskie", _("Lublin")
    LUBUSKIE = "lubuskie", _("Lubusz")
    LODZKIE = "lodzkie", _("Łódź")
    MALOPOLSKIE = "malopolskie", _("Lesser Poland")
    MAZOWIECKIE = "mazowieckie", _("Masovian")
    OPOLSKIE = "opolskie", _("Opole")
    PODKARPACKIE = "podkarpackie", _("Subcarpathian")
    PODLASKIE = "podlaskie", _("Podlaskie")
    POMORSKIE = "pomorskie", _("Pomeranian")
    SLASKIE = "slaskie", _("Silesian")
    SWIETOKRZYSKIE = "swietokrzyskie", _("Holy Cross")
    WARMINSKO_MAZURSKIE = "warminsko-mazurskie", _("Warmian-Masurian")
    WIELKOPOLSKIE = "wielkopolskie", _("Greater Poland")
    ZACHODNIOPOMORSKIE = "zachodniopomorskie", _("West Pomeranian")


class TeamRole(models.TextChoices):
    OWNER = "owner", _("owner")
    ORGANISER = "organiser", _("organiser")
    MATCHMAKING_MANAGER = "matchmaking_manager", _("matchmaking manager")
    CHECKIN = "checkin", _("check-in staff")
    PARTNER_VIEWER = "partner_viewer", _("partner (read-only)")


# Permission keys (docs/architecture.md, "Permission keys").
PERMISSION_KEYS = (
    "event.settings:write",
    "event.program:write",
    "event.registrations:read",
    "event.registrations:write",
    "event.checkin:write",
    "event.visits:read",
    "event.reports:read",
    "event.matchmaking:write",
    "event.mail:send",
    "event.audit:read",
)

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    TeamRole.OWNER: frozenset(PERMISSION_KEYS),
    TeamRole.ORGANISER: frozenset(PERMISSION_KEYS) - {"event.settings:write"},
    TeamRole.MATCHMAKING_MANAGER: frozenset(
        {"event.registrations:read", "event.reports:read", "event.matchmaking:write"}
    ),
    TeamRole.CHECKIN: frozenset({"event.checkin:write"}),
    TeamRole.PARTNER_VIEWER: frozenset({"event.visits:read", "event.reports:read"}),
}
