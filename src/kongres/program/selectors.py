"""Reads of the program. Every query is scoped to one edition."""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from kongres.events.models import Edition
from kongres.program.enums import SessionKind
from kongres.program.models import LOCAL_TZ, Day, Room, Session, SessionSpeaker, Speaker, Theme


def _sessions_with_people(edition: Edition):
    appearances = SessionSpeaker.objects.select_related("speaker").order_by("order", "id")
    return (
        Session.objects.filter(edition=edition)
        .select_related("room", "theme", "day")
        .prefetch_related(Prefetch("appearances", queryset=appearances))
    )


@dataclass
class ProgramFilter:
    day: Day | None = None
    theme: Theme | None = None
    room: Room | None = None
    days: list[Day] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    rooms: list[Room] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return self.theme is not None or self.room is not None


def program_filter_from_query(*, edition: Edition, query) -> ProgramFilter:
    """Read ``day``, ``theme`` and ``room`` from a query string; unknown values are ignored.

    ``day=all`` shows every day; no ``day`` shows the first day of the program.
    """
    days = list(Day.objects.filter(edition=edition).annotate(session_count=Count("sessions")))
    themes = list(Theme.objects.filter(edition=edition))
    rooms = list(Room.objects.filter(edition=edition))
    wanted_day = query.get("day", "")
    program_filter = ProgramFilter(days=days, themes=themes, rooms=rooms)
    if wanted_day != "all":
        program_filter.day = next((d for d in days if d.date.isoformat() == wanted_day), None)
        if program_filter.day is None and days:
            # The first day that has something on it; an empty first day is not "no program".
            program_filter.day = next((d for d in days if d.session_count), days[0])
    program_filter.theme = next((t for t in themes if t.slug == query.get("theme")), None)
    program_filter.room = next((r for r in rooms if str(r.pk) == query.get("room")), None)
    return program_filter


@dataclass
class TimeBlock:
    start: datetime
    sessions: list[Session]


@dataclass
class DayBlock:
    day: Day
    blocks: list[TimeBlock]


def program_list(*, edition: Edition, program_filter: ProgramFilter) -> list[DayBlock]:
    """Sessions grouped by day and by start time, as the program page shows them."""
    sessions = _sessions_with_people(edition)
    if program_filter.day is not None:
        sessions = sessions.filter(day=program_filter.day)
    if program_filter.theme is not None:
        sessions = sessions.filter(theme=program_filter.theme)
    if program_filter.room is not None:
        sessions = sessions.filter(room=program_filter.room)
    days = {day.pk: day for day in program_filter.days}
    result = []
    for day_id, day_sessions in groupby(
        sessions.order_by("start", "room__order", "id"), key=lambda s: s.day_id
    ):
        blocks = [
            TimeBlock(start=start, sessions=list(items))
            for start, items in groupby(day_sessions, key=lambda s: s.start)
        ]
        result.append(DayBlock(day=days[day_id], blocks=blocks))
    return result


def program_sessions_all(*, edition: Edition) -> list[Session]:
    return list(_sessions_with_people(edition).order_by("start", "room__order", "id"))


def session_public_get(*, edition: Edition, slug: str) -> Session:
    try:
        return _sessions_with_people(edition).get(slug=slug)
    except Session.DoesNotExist:
        raise Http404("session") from None


def program_summary(*, edition: Edition) -> dict:
    """Counts the home page shows: panels, days, themes, study visits."""
    counts = Session.objects.filter(edition=edition).aggregate(
        panels=Count("id", filter=Q(kind=SessionKind.PANEL)),
        visits=Count("id", filter=Q(kind=SessionKind.STUDY_VISIT)),
        sessions=Count("id"),
    )
    counts["themes"] = list(Theme.objects.filter(edition=edition))
    counts["speakers"] = Speaker.objects.filter(edition=edition).count()
    return counts


def speaker_list(*, edition: Edition) -> list[Speaker]:
    return list(Speaker.objects.filter(edition=edition).order_by("name"))


def speaker_public_get(*, edition: Edition, slug: str) -> tuple[Speaker, list[SessionSpeaker]]:
    try:
        speaker = Speaker.objects.get(edition=edition, slug=slug)
    except Speaker.DoesNotExist:
        raise Http404("speaker") from None
    appearances = list(
        SessionSpeaker.objects.filter(speaker=speaker)
        .select_related("session__room", "session__theme")
        .order_by("session__start")
    )
    return speaker, appearances


def local_time(value: datetime) -> datetime:
    return value.astimezone(LOCAL_TZ)
