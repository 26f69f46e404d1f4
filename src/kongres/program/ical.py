"""iCalendar (RFC 5545) feeds of the program, in the Europe/Warsaw time zone."""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from icalendar import Calendar, Event, Timezone

from kongres.events.models import Edition
from kongres.program.models import LOCAL_TZ, Session

PRODID = "-//Kongres//Congress program//PL"


def _location(session: Session, edition: Edition) -> str:
    parts = []
    if session.room_id:
        parts.append(str(session.room.name))
    if edition.venue_id:
        venue = edition.venue
        parts.append(venue.name)
        parts.append(
            ", ".join(p for p in (venue.street, f"{venue.postal_code} {venue.city}".strip()) if p)
        )
    return ", ".join(p for p in parts if p)


def new_calendar(name: str) -> Calendar:
    """An empty calendar in Europe/Warsaw, with its VTIMEZONE, for any of our feeds."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(LOCAL_TZ))
    calendar.add_component(Timezone.from_tzid(str(LOCAL_TZ)))
    return calendar


def program_calendar(
    *,
    edition: Edition,
    sessions: Iterable[Session],
    session_url: Callable[[Session], str],
    name: str,
) -> bytes:
    calendar = new_calendar(name)
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@{edition.slug}.kongres")
        event.add("dtstamp", (session.updated_at or datetime.now(tz=UTC)).astimezone(UTC))
        event.add("dtstart", session.start.astimezone(LOCAL_TZ))
        event.add("dtend", session.end.astimezone(LOCAL_TZ))
        event.add("summary", str(session.title))
        description = str(session.abstract or "")
        people = ", ".join(a.speaker.name for a in session.appearances.all())
        if people:
            description = f"{description}\n\n{people}".strip()
        if description:
            event.add("description", description)
        location = _location(session, edition)
        if location:
            event.add("location", location)
        event.add("url", session_url(session))
        event.add("categories", [session.get_kind_display()])
        calendar.add_component(event)
    return calendar.to_ical()
