"""Absolute links to the participant's matchmaking pages (for e-mails), in their language.

Every link carries the personal token of the person who opens it, so an e-mail to the
recipient of a request leads straight to the accept or decline page.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kongres.registration import tokens


def _absolute(name: str, registration, **kwargs) -> str:
    with translation.override(registration.language):
        path = reverse(
            f"matchmaking:{name}",
            kwargs={
                "edition_slug": registration.edition.slug,
                "token": tokens.personal_link_token(registration),
                **kwargs,
            },
        )
    return f"{settings.SITE_URL}{path}"


def hub_url(registration) -> str:
    return _absolute("hub", registration)


def profile_url(registration) -> str:
    """The page where the participant fills in or edits their matchmaking profile."""
    return _absolute("profile", registration)


def agenda_url(registration) -> str:
    return _absolute("agenda", registration)


def request_accept_url(request) -> str:
    """For the recipient of ``request``: choose a time (self-scheduling) or just accept."""
    return _absolute("request_accept", request.recipient.registration, request_id=request.pk)


def request_decline_url(request) -> str:
    return _absolute("request_decline", request.recipient.registration, request_id=request.pk)


def meeting_outcome_url(meeting, profile) -> str:
    """For one side of ``meeting``: the follow-up question after the meeting."""
    return _absolute("meeting_outcome", profile.registration, meeting_id=meeting.pk)


def consultations_url(registration) -> str:
    return _absolute("consultations", registration)
