"""What the B2B e-mails say: context for ``templates/comms/email/mm_*.txt``.

``MatchmakingConfig.ready()`` registers the matchmaking kinds with ``kongres.comms.registry``;
comms calls ``mail_context`` inside the recipient's language and time zone when the mail is
built (so a retried mail tells the current state). It extends the context of every mail to a
registrant (``kongres.registration.mails``). Links go to the participant's personal
matchmaking pages (URL names in ``kongres.matchmaking.urls``); while a page does not exist,
the link falls back to the matchmaking hub, then to the personal page.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import dateformat, timezone, translation

from kongres.matchmaking import selectors
from kongres.matchmaking.enums import RequestState
from kongres.matchmaking.models import Meeting, MeetingRequest, Profile
from kongres.registration import links, tokens
from kongres.registration import mails as registration_mails

# Names of the keyword argument that carries an object's id in the participant URLs.
_ID_KWARGS = ("pk", "id", "request_id", "meeting_id", "profile_id")


def _url(name: str, registration, obj_id: int | None = None) -> str | None:
    base = {
        "edition_slug": registration.edition.slug,
        "token": tokens.personal_link_token(registration),
    }
    variants = [base] if obj_id is None else [{**base, key: obj_id} for key in _ID_KWARGS]
    with translation.override(registration.language):
        for kwargs in variants:
            try:
                return f"{settings.SITE_URL}{reverse(f'matchmaking:{name}', kwargs=kwargs)}"
            except NoReverseMatch:
                continue
    return None


def hub_url(registration) -> str:
    return _url("hub", registration) or links.personal_url(registration)


def _page(name: str, registration, obj_id: int | None = None) -> str:
    return _url(name, registration, obj_id) or hub_url(registration)


def slot_when(slot) -> str:
    """Like "29 października 2031, 10:00–10:20" (active language, local time)."""
    start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    return f"{dateformat.format(start, 'j E Y, H:i')}–{dateformat.format(end, 'H:i')}"


def _meeting_line(meeting: Meeting, profile: Profile) -> dict:
    partner = meeting.partner_of(profile)
    visible = meeting.slot_id is not None and meeting.is_published
    return {
        "meeting": meeting,
        "partner_name": partner.registration.full_name,
        "partner_organisation": partner.organisation,
        "when": slot_when(meeting.slot) if visible else "",
        "table": meeting.table if visible else None,
        "location": meeting.slot.session.location if visible else "",
        "outcome_url": _page("meeting_outcome", profile.registration, meeting.pk),
    }


def mail_context(message) -> dict:
    """The template context of a matchmaking mail: a registrant's mail, and the B2B part."""
    context = registration_mails.mail_context(message)
    context.update(_matchmaking_context(message, context["registration"]))
    return context


def _matchmaking_context(message, registration) -> dict:
    """Extra template context for a matchmaking mail to ``registration``."""
    profile = (
        Profile.objects.select_related("registration__edition").filter(registration=registration)
    ).first()
    context: dict = {
        "profile": profile,
        "hub_url": hub_url(registration),
        "profiles_url": _page("profiles", registration),
        "agenda_pdf_url": _page("agenda_pdf", registration),
        "agenda_ics_url": _page("agenda_ics", registration),
    }
    data = message.context or {}
    request = None
    if data.get("request"):
        request = (
            MeetingRequest.objects.select_related(
                "sender__registration", "recipient__registration", "session"
            )
            .filter(pk=data["request"])
            .first()
        )
    meeting = None
    if data.get("meeting"):
        meeting = (
            Meeting.objects.select_related(
                "a__registration", "b__registration", "slot__session", "request"
            )
            .filter(pk=data["meeting"])
            .first()
        )
    if request is None and meeting is not None:
        request = meeting.request
    if meeting is None and request is not None:
        meeting = Meeting.objects.filter(request=request).select_related("slot__session").first()
    if request is not None:
        sender = request.sender
        context.update(
            {
                "request": request,
                "sender_name": sender.registration.full_name,
                "sender_organisation": sender.organisation,
                "request_message": request.message,
                "request_session": str(request.session.name) if request.session_id else "",
                "request_open": request.state == RequestState.PENDING,
                "accepted_at_once": request.state == RequestState.ACCEPTED
                and request.recipient.registration_id == registration.pk
                and selectors.matchmaking_settings(request.edition).request_mode == "auto",
                "expires_at": request.expires_at,
                "accept_url": _page("request_accept", registration, request.pk),
                "decline_url": _page("request_decline", registration, request.pk),
                "sender_profile_url": _page("profile_detail", registration, sender.pk),
            }
        )
    if meeting is not None and profile is not None and profile.pk in (meeting.a_id, meeting.b_id):
        context.update(_meeting_line(meeting, profile))
        context["meeting_visible"] = meeting.slot_id is not None and meeting.is_published
    if profile is not None and message.kind in ("mm_schedule_published", "mm_follow_up"):
        planned = list(selectors.planned_meetings_of(profile))
        context["agenda"] = [
            _meeting_line(m, profile) for m in planned if m.slot_id and m.is_published
        ]
        context["unscheduled"] = [
            _meeting_line(m, profile) for m in planned if not (m.slot_id and m.is_published)
        ]
    return context
