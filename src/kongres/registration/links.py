"""Absolute links for e-mails, tickets and calendar feeds, in the participant's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kongres.registration import tokens
from kongres.registration.models import Registration


def _absolute(name: str, registration: Registration, **kwargs) -> str:
    with translation.override(registration.language):
        path = reverse(name, kwargs={"edition_slug": registration.edition.slug, **kwargs})
    return f"{settings.SITE_URL}{path}"


def personal_url(registration: Registration) -> str:
    return _absolute(
        "registration:personal", registration, token=tokens.personal_link_token(registration)
    )


def verify_url(registration: Registration) -> str:
    return _absolute(
        "registration:verify", registration, token=tokens.verification_token(registration)
    )


def ticket_url(registration: Registration) -> str:
    return _absolute(
        "registration:ticket_pdf", registration, token=tokens.personal_link_token(registration)
    )


def agenda_feed_token(registration: Registration) -> str:
    return f"{registration.pk}-{registration.feed_secret}"


def agenda_feed_url(registration: Registration) -> str:
    return _absolute("registration:agenda_feed", registration, feed=agenda_feed_token(registration))
