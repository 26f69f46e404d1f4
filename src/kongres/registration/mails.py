"""What the e-mails to a registrant say: the template context and the ticket attachments.

Registered with ``kongres.comms.registry`` in ``RegistrationConfig.ready()`` for the
registration's own kinds (``RegistrationMessage``) and the seat kinds of visits
(``SeatMessage``): each mail speaks to a registration, lists its sign-ups and ends with its
personal link (``templates/comms/email/base.txt``). Matchmaking builds on ``mail_context``.

Everything is read fresh from the database when the mail is built, so a mail sent after a retry
tells the current state (e.g. the ticket carries the seats held at sending time).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from kongres.comms.registry import MessageBuildError
from kongres.program.models import Session
from kongres.registration import links
from kongres.registration.calendars import congress_days_ics
from kongres.registration.enums import CancelReason, RegistrationMessage, RegistrationState
from kongres.registration.models import Registration
from kongres.registration.tickets import date_range, ticket_pdf
from kongres.visits.enums import SignupState
from kongres.visits.models import IdData, Signup
from kongres.visits.selectors import signups_of

# Kinds that bring the ticket and the calendar of the congress days, when the registration is
# confirmed at sending time.
TICKET_KINDS = (
    RegistrationMessage.REGISTRATION_CONFIRMED,
    RegistrationMessage.PROMOTED,
    RegistrationMessage.CHANGED_BY_ORGANISER,
)


def _registration(message) -> Registration:
    registration = (
        Registration.objects.select_related(
            "edition__series__organisation", "edition__venue", "category"
        )
        .filter(pk=message.registration_id)
        .first()
    )
    if registration is None:
        raise MessageBuildError(f"message {message.pk} has no registration to write about")
    return registration


def _signup(message, registration: Registration) -> Signup | None:
    """The sign-up a message is about: named in its data, else the latest one in its session."""
    signups = Signup.objects.select_related("session__room", "session__study_visit").filter(
        registration=registration
    )
    if message.context.get("signup"):
        return signups.filter(pk=message.context["signup"]).first()
    if message.context.get("session"):
        return (
            signups.filter(session_id=message.context["session"])
            .order_by("-created_at", "-id")
            .first()
        )
    return None


def _session(message, registration: Registration, signup: Signup | None) -> Session | None:
    if signup is not None:
        return signup.session
    if message.context.get("session"):
        return (
            Session.objects.select_related("room")
            .filter(pk=message.context["session"], edition_id=registration.edition_id)
            .first()
        )
    return None


def _when(session: Session) -> str:
    """Like "29 października 2025, 10:00–11:30": active language, local time."""
    start, end = timezone.localtime(session.start), timezone.localtime(session.end)
    return f"{dateformat.format(start, 'j E Y, H:i')}–{dateformat.format(end, 'H:i')}"


def _id_data_missing(signups: list[Signup]) -> list[Signup]:
    """Sign-ups for visits whose host needs ID data that the participant has not given yet."""
    needing = [
        signup
        for signup in signups
        if signup.state != SignupState.WAITLISTED
        and getattr(getattr(signup.session, "study_visit", None), "requires_id_data", False)
    ]
    given = (
        set(IdData.objects.filter(signup__in=needing).values_list("signup_id", flat=True))
        if needing
        else set()
    )
    return [signup for signup in needing if signup.pk not in given]


def mail_context(message) -> dict:
    """The context of every mail to a registrant: the edition, the organiser, the registration
    and its sign-ups, the personal links."""
    registration = _registration(message)
    edition = registration.edition
    organiser = edition.series.organisation
    venue = edition.venue
    place = f"{venue.name}, {venue.city}" if venue else edition.host_city
    signup = _signup(message, registration)
    session = _session(message, registration, signup)
    signups = signups_of(registration=registration)
    reason = message.context.get("reason") or registration.cancel_reason
    with translation.override(registration.language):
        register_url = settings.SITE_URL + reverse(
            "registration:register", kwargs={"edition_slug": edition.slug}
        )
    return {
        "registration": registration,
        "edition": edition,
        "edition_name": str(edition.name),
        "edition_dates": date_range(edition.start_date, edition.end_date),
        "place": place,
        "organiser": organiser.name,
        "organiser_email": organiser.email,
        "category": str(registration.category.name),
        "state": registration.state,
        "states": RegistrationState,
        "reason": reason,
        "reasons": CancelReason,
        "signup": signup,
        "session": session,
        "session_title": str(session.title) if session else "",
        "session_when": _when(session) if session else "",
        "signups": signups,
        "id_data_needed": _id_data_missing(signups),
        "hold_expires_at": registration.hold_expires_at,
        "link_days": settings.PERSONAL_LINK_DAYS,
        "personal_url": links.personal_url(registration),
        "verify_url": links.verify_url(registration),
        "agenda_feed_url": links.agenda_feed_url(registration),
        "register_url": register_url,
        # Set by the organiser's changes (services/organiser.py).
        "email_changed": bool(message.context.get("email_changed")),
        "changed": message.context.get("changed", ""),
        "with_ticket": message.kind in TICKET_KINDS
        and registration.state == RegistrationState.CONFIRMED,
    }


def mail_attachments(message, context: dict) -> list[tuple[str, bytes, str]]:
    """The ticket (PDF) and the calendar of the congress days, for a confirmed registration."""
    if not context["with_ticket"]:
        return []
    registration = context["registration"]
    slug = registration.edition.slug
    return [
        (f"ticket-{slug}.pdf", ticket_pdf(registration), "application/pdf"),
        (f"{slug}.ics", congress_days_ics(registration.edition), "text/calendar"),
    ]
