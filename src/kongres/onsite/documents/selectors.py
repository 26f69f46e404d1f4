"""Reads for badges, attendance lists and certificates (``<entity>_<action>``, keyword-only).

Every function runs inside the edition's scope (the views enter it) and filters by the
edition explicitly as well. Lists of people come back in Polish alphabetical order by surname
(``onsite.collation``), which the database cannot do portably.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone

from kongres.onsite.badges.layout import STOCKS, BadgeSpec
from kongres.onsite.collation import person_key
from kongres.onsite.enums import BadgeStock, PointKind
from kongres.onsite.models import BadgeLayout, Certificate, CheckIn
from kongres.program.models import LOCAL_TZ, Day, Session
from kongres.registration import tokens
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Category, Registration
from kongres.registration.tickets import date_range
from kongres.visits.enums import SignupState
from kongres.visits.models import Signup

# Badges are printed for everyone who may come in: confirmed registrations only.
BADGE_STATES = (RegistrationState.CONFIRMED,)


def _sorted_people(items, *, last=lambda r: r.last_name, first=lambda r: r.first_name):
    return sorted(items, key=lambda r: person_key(last(r), first(r), r.pk))


# --- badges ----------------------------------------------------------------------------------


def badge_layout_get(*, edition) -> BadgeLayout:
    """The edition's layout; an unsaved default (A6, one per page) when none is set."""
    layout = BadgeLayout.objects.filter(edition=edition).first()
    return layout or BadgeLayout(edition=edition, stock=BadgeStock.A6)


def badge_registrations(
    *, edition, category_id: int | None = None, not_printed: bool = False
) -> list[Registration]:
    """Registrations that get a badge, with their category and print record, sorted."""
    queryset = Registration.objects.filter(edition=edition, state__in=BADGE_STATES).select_related(
        "category", "badge_print"
    )
    if category_id:
        queryset = queryset.filter(category_id=category_id)
    if not_printed:
        queryset = queryset.filter(badge_print__isnull=True)
    return _sorted_people(queryset)


def badge_registration_get(*, edition, registration_id: int) -> Registration | None:
    return (
        Registration.objects.filter(edition=edition, pk=registration_id)
        .select_related("category", "badge_print")
        .first()
    )


def badge_specs(*, edition, registrations, layout: BadgeLayout) -> list[BadgeSpec]:
    event = str(edition.name)
    extra = f"{date_range(edition.start_date, edition.end_date)} · {edition.host_city}"
    return [
        BadgeSpec(
            first_name=registration.first_name,
            last_name=registration.last_name,
            organisation=registration.organisation,
            category=str(registration.category.name),
            colour=layout.colour_of(registration.category.slug),
            event=event,
            qr=tokens.ticket_token(registration),
            extra=extra,
        )
        for registration in registrations
    ]


def badge_stock(layout: BadgeLayout):
    return STOCKS[layout.stock]


@dataclass
class CategoryCount:
    category: Category
    total: int = 0
    printed: int = 0

    @property
    def not_printed(self) -> int:
        return self.total - self.printed


def badge_counts(*, edition) -> list[CategoryCount]:
    """Per category: badges to print and badges printed (two queries)."""
    counts = {
        category.pk: CategoryCount(category)
        for category in Category.objects.filter(edition=edition).order_by("order", "id")
    }
    rows = Registration.objects.filter(edition=edition, state__in=BADGE_STATES).values_list(
        "category_id", "badge_print__id"
    )
    for category_id, print_id in rows:
        count = counts.get(category_id)
        if count is not None:
            count.total += 1
            count.printed += print_id is not None
    return list(counts.values())


# --- attendance lists ------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    registration_id: int
    last_name: str
    first_name: str
    organisation: str
    category: str
    checked_in_at: dt.datetime | None


@dataclass
class AttendanceList:
    edition: object
    title: str
    subtitle: str
    rows: list[AttendanceRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def checked_in(self) -> int:
        return sum(row.checked_in_at is not None for row in self.rows)


def _local_day_bounds(date: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(date, dt.time.min, tzinfo=LOCAL_TZ)
    return start, start + dt.timedelta(days=1)


def attendance_days(*, edition) -> list[Day]:
    return list(Day.objects.filter(edition=edition).order_by("date"))


def attendance_sessions(*, edition) -> list[Session]:
    """Sessions that have a list of their own: study visits and sessions with a capacity."""
    return list(
        Session.objects.filter(edition=edition, capacity__isnull=False)
        .select_related("study_visit", "day")
        .order_by("start", "id")
    )


def _rows(registrations, first_checkin: dict) -> list[AttendanceRow]:
    rows = [
        AttendanceRow(
            registration_id=registration.pk,
            last_name=registration.last_name,
            first_name=registration.first_name,
            organisation=registration.organisation,
            category=str(registration.category.name),
            checked_in_at=first_checkin.get(registration.pk),
        )
        for registration in registrations
    ]
    return sorted(rows, key=lambda r: person_key(r.last_name, r.first_name, r.registration_id))


def attendance_for_day(*, edition, date: dt.date, everyone: bool = False) -> AttendanceList:
    """Who came on a day (a check-in anywhere that day); ``everyone``: all confirmed too."""
    start, end = _local_day_bounds(date)
    first = dict(
        CheckIn.objects.filter(edition=edition, scanned_at__gte=start, scanned_at__lt=end)
        .values("registration_id")
        .annotate(first=Min("scanned_at"))
        .values_list("registration_id", "first")
    )
    people = Registration.objects.filter(edition=edition).select_related("category")
    if everyone:
        people = people.filter(pk__in=list(first)) | people.filter(
            state=RegistrationState.CONFIRMED
        )
    else:
        people = people.filter(pk__in=list(first))
    return AttendanceList(
        edition=edition,
        title=str(edition.name),
        subtitle=timezone.localtime(start, LOCAL_TZ).date().strftime("%d.%m.%Y"),
        rows=_rows(people.distinct(), first),
    )


def attendance_for_session(*, edition, session: Session, everyone: bool = False):
    """Who came to a session or study visit (a check-in at its point); ``everyone``: also
    those with a confirmed seat who did not come."""
    first = dict(
        CheckIn.objects.filter(
            edition=edition,
            point__session=session,
            point__kind__in=[PointKind.VISIT, PointKind.SESSION],
        )
        .values("registration_id")
        .annotate(first=Min("scanned_at"))
        .values_list("registration_id", "first")
    )
    ids = set(first)
    if everyone:
        ids |= set(
            Signup.objects.filter(
                edition=edition, session=session, state=SignupState.CONFIRMED
            ).values_list("registration_id", flat=True)
        )
    people = Registration.objects.filter(edition=edition, pk__in=ids).select_related("category")
    start = timezone.localtime(session.start, LOCAL_TZ)
    end = timezone.localtime(session.end, LOCAL_TZ)
    return AttendanceList(
        edition=edition,
        title=str(session.title),
        subtitle=f"{start:%d.%m.%Y, %H:%M}–{end:%H:%M}",
        rows=_rows(people, first),
    )


def attendance_session_get(*, edition, session_id: int) -> Session | None:
    return (
        Session.objects.filter(edition=edition, pk=session_id).select_related("study_visit").first()
    )


def checkins_for_export(*, edition) -> list[CheckIn]:
    """Every check-in with its person and point, people in Polish order, then by time."""
    checkins = CheckIn.objects.filter(edition=edition).select_related(
        "registration__category", "point", "device"
    )
    return sorted(
        checkins,
        key=lambda c: (
            person_key(c.registration.last_name, c.registration.first_name, c.registration_id),
            c.scanned_at,
            c.pk,
        ),
    )


# --- certificates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Attendance:
    days: list[str]  # ISO dates, local time
    minutes: int | None  # of sessions attended; None when no session was scanned


def _merge_minutes(intervals: list[tuple[dt.datetime, dt.datetime]]) -> int:
    total = dt.timedelta()
    current_start = current_end = None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += current_end - current_start
    return int(total.total_seconds() // 60)


def attendance_of(*, edition, registration_ids) -> dict[int, Attendance]:
    """Days and minutes of sessions attended, per registration, from check-ins (one query).

    Minutes count the scheduled time of each session or study visit the person was scanned
    into; overlapping sessions count once.
    """
    days: dict[int, set] = {}
    intervals: dict[int, list] = {}
    checkins = (
        CheckIn.objects.filter(edition=edition, registration_id__in=list(registration_ids))
        .select_related("point__session")
        .only(
            "registration_id",
            "scanned_at",
            "point__kind",
            "point__session__start",
            "point__session__end",
        )
    )
    for checkin in checkins:
        local = timezone.localtime(checkin.scanned_at, LOCAL_TZ).date().isoformat()
        days.setdefault(checkin.registration_id, set()).add(local)
        session = checkin.point.session
        if session is not None and checkin.point.kind != PointKind.HALL:
            intervals.setdefault(checkin.registration_id, []).append((session.start, session.end))
    return {
        registration_id: Attendance(
            days=sorted(found),
            minutes=_merge_minutes(intervals[registration_id])
            if registration_id in intervals
            else None,
        )
        for registration_id, found in days.items()
    }


def certificate_for_registration(*, registration) -> Certificate | None:
    return (
        Certificate.objects.filter(edition_id=registration.edition_id, registration=registration)
        .select_related("edition")
        .first()
    )


def certificate_by_code(*, edition, code: str) -> Certificate | None:
    normalised = normalise_code(code)
    if not normalised:
        return None
    return Certificate.objects.filter(edition=edition, code=normalised).first()


CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U


def normalise_code(code: str) -> str:
    """Upper case, no spaces or dashes, and the letters people confuse mapped back."""
    cleaned = "".join((code or "").split()).replace("-", "").upper()
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if not cleaned or any(char not in CODE_ALPHABET for char in cleaned) or len(cleaned) > 12:
        return ""
    return cleaned


def certificates_count(*, edition) -> int:
    return Certificate.objects.filter(edition=edition).count()


def checked_in_without_certificate(*, edition) -> list[Registration]:
    return list(
        Registration.objects.filter(
            edition=edition, checkins__isnull=False, certificate__isnull=True
        )
        .exclude(state=RegistrationState.CANCELLED)
        .distinct()
    )
