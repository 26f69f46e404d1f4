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
