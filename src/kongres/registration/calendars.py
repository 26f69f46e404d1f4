"""Calendar files of a registration: the days of the congress (attached to the ticket e-mail)
and the personal agenda (a secret, revocable feed URL; see ``links.agenda_feed_url``).

Both use the Europe/Warsaw time zone with its VTIMEZONE, and UIDs that stay the same from one
download to the next, so calendar apps update entries instead of duplicating them. Texts are in
the active language; callers override it with the participant's.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from icalendar import Calendar, Event

from kongres.program.enums import SessionKind
from kongres.program.ical import new_calendar, program_calendar
from kongres.program.models import LOCAL_TZ, Day, Session
from kongres.registration.models import Registration
from kongres.registration.tickets import venue_line
from kongres.visits.enums import SEATED_STATES, SignupState
from kongres.visits.models import Signup


def _url(name: str, **kwargs) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def _congress_days(edition) -> list[tuple]:
    """(date, name, first start, last end, only study visits) for each day of the edition."""
    days = {day.date: day for day in Day.objects.filter(edition=edition).order_by("date")}
    if not days:
        count = (edition.end_date - edition.start_date).days + 1
        days = {edition.start_date + timedelta(days=n): None for n in range(count)}
    spans = {
        row["day__date"]: row
        for row in Session.objects.filter(edition=edition)
        .values("day__date")
        .annotate(first=Min("start"), last=Max("end"))
    }
    visit_days = set(
        Session.objects.filter(edition=edition, kind=SessionKind.STUDY_VISIT).values_list(
            "day__date", flat=True
        )
    )
    other_days = set(
        Session.objects.filter(edition=edition)
        .exclude(kind__in=[SessionKind.STUDY_VISIT, SessionKind.BREAK])
        .values_list("day__date", flat=True)
    )
    result = []
    for date, day in sorted(days.items()):
        span = spans.get(date)
        only_visits = date in visit_days and date not in other_days
        result.append(
            (
                date,
                str(day.name) if day is not None and day.name else "",
                span["first"] if span else None,
                span["last"] if span else None,
                only_visits,
            )
        )
    return result


def congress_days_ics(edition) -> bytes:
    """One event per day of the congress (study-visit day included): from the first session's
    start to the last one's end, or all day when the day has no sessions yet."""
    with scopes_disabled():
        days = _congress_days(edition)
        edition_name = str(edition.name)
        location = venue_line(edition)
        program_url = _url("program:program", edition_slug=edition.slug)
        stamp = (edition.updated_at or datetime.now(tz=UTC)).astimezone(UTC)
        calendar = new_calendar(edition_name)
        for date, day_name, first, last, only_visits in days:
            event = Event()
            event.add("uid", f"day-{date.isoformat()}@{edition.slug}.kongres")
            event.add("dtstamp", stamp)
            if first is not None:
                event.add("dtstart", first.astimezone(LOCAL_TZ))
                event.add("dtend", last.astimezone(LOCAL_TZ))
            else:
                event.add("dtstart", date)
                event.add("dtend", date + timedelta(days=1))
            event.add("summary", f"{edition_name} – {day_name}" if day_name else edition_name)
            description = [str(edition.motto)] if edition.motto else []
            description.append(_("Programme: %(url)s") % {"url": program_url})
            event.add("description", "\n\n".join(description))
            if not only_visits:  # visits start from their own meeting points
                event.add("location", location)
            event.add("url", program_url)
            calendar.add_component(event)
        return calendar.to_ical()


def _agenda_signups(registration: Registration) -> list[Signup]:
    return list(
        Signup.objects.filter(registration=registration, state__in=SEATED_STATES)
        .select_related("session__study_visit")
        .order_by("session__start", "session_id")
    )


def personal_agenda_ics(registration: Registration) -> bytes:
    """The sessions a registration holds a seat in (or was offered one), and sessions without
    a seat limit it signed up for. Texts in the participant's language."""
    with scopes_disabled(), translation.override(registration.language):
        registration = Registration.objects.select_related("edition__venue").get(pk=registration.pk)
        edition = registration.edition
        signups = _agenda_signups(registration)
        sessions = (
            Session.objects.filter(pk__in=[signup.session_id for signup in signups])
            .select_related("room", "theme")
            .prefetch_related("appearances__speaker")
            .order_by("start", "id")
        )
        raw = program_calendar(
            edition=edition,
            sessions=sessions,
            session_url=lambda session: _url(
                "program:session", edition_slug=edition.slug, slug=session.slug
            ),
            name=_("My agenda – %(edition)s") % {"edition": edition.name},
        )
        calendar = Calendar.from_ical(raw)
        by_uid = {
            f"session-{signup.session_id}@{edition.slug}.kongres": signup for signup in signups
        }
        for event in calendar.walk("VEVENT"):
            signup = by_uid.get(str(event.get("uid")))
            if signup is None:
                continue
            _personalise(event, signup)
        return calendar.to_ical()


def _personalise(event: Event, signup: Signup) -> None:
    """Study visits start from their meeting point; an offered seat is still tentative."""
    notes = []
    visit = getattr(signup.session, "study_visit", None)
    if visit is not None:
        event.pop("location", None)
        event.add("location", str(visit.meeting_point))
        notes.append(
            _("Meeting point: %(point)s, departure %(departure)s.")
            % {
                "point": str(visit.meeting_point),
                "departure": visit.departure_at.astimezone(LOCAL_TZ).strftime("%H:%M"),
            }
        )
    if signup.state == SignupState.OFFERED:
        event.add("status", "TENTATIVE")
        notes.append(_("A seat is offered to you: confirm it on your personal page."))
    else:
        event.add("status", "CONFIRMED")
    if notes:
        description = str(event.get("description", ""))
        event.pop("description", None)
        event.add("description", "\n\n".join([*notes, description]).strip())
