"""Printed and downloadable agendas of the B2B meetings: per person (PDF, .ics) and per table.

The layout works on plain rows (``AgendaRow``, ``TableRow``) built from the models by the
functions at the bottom, so it can be read and tested on its own. Text is drawn with
``drawString`` in DejaVu Sans, embedded as in the ticket (``registration/tickets.py``): Polish
letters print and can be copied or searched, and whatever a participant typed appears exactly
as typed. Times are shown in Europe/Warsaw; texts follow the active language, which the callers
set to the participant's (person agenda) or leave as the organiser's (table agendas).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO

from django.db.models import Q
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from icalendar import Event
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kongres.program.ical import new_calendar
from kongres.program.models import LOCAL_TZ
from kongres.registration.tickets import (
    FONT,
    INK,
    MARGIN,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    _Writer,
    register_fonts,
    venue_line,
)

ACCENT = colors.HexColor("#0b6e4f")
RULE = colors.HexColor("#c9ced6")
TIME_COLUMN = 34 * mm


@dataclass(frozen=True)
class AgendaRow:
    """One entry of a person's agenda: a B2B meeting or a consultation."""

    starts_at: datetime | None
    ends_at: datetime | None
    kind: str  # "meeting" | "consultation"
    title: str  # the partner's name, or the consultation host's name
    organisation: str = ""  # the partner's organisation, or the host's role
    place: str = ""  # "table 12", a room, or "time and table to be announced"
    offers: tuple[str, ...] = ()
    requests: tuple[str, ...] = ()
    note: str = ""  # a consultation's topic, a tentative state
    uid: str = ""


@dataclass(frozen=True)
class TableRow:
    """One meeting at a table: the slot and the two people."""

    starts_at: datetime
    ends_at: datetime
    slot_code: str
    people: tuple[str, ...]  # "Name (Organisation)" of each side


@dataclass
class TableAgenda:
    session_name: str
    location: str
    table: int
    rows: list[TableRow] = field(default_factory=list)


def _local(value: datetime, fmt: str) -> str:
    return dateformat.format(timezone.localtime(value, LOCAL_TZ), fmt)


def _time_span(row_start: datetime | None, row_end: datetime | None) -> tuple[str, str]:
    """("29 października", "10:00–10:20"), or ("", "") when the meeting has no slot yet."""
    if row_start is None:
        return "", ""
    end = f"–{_local(row_end, 'H:i')}" if row_end else ""
    return _local(row_start, "j E"), f"{_local(row_start, 'H:i')}{end}"


def _header(canvas: Canvas, lines: list[tuple[str, int, bool]]) -> float:
    """A dark band as tall as its text; returns the y below it."""
    band = 10 * mm + sum(
        len(_Writer.lines(text, size=size, bold=bold)) * size * 1.35 for text, size, bold in lines
    )
    canvas.setFillColor(INK)
    canvas.rect(0, PAGE_HEIGHT - band, PAGE_WIDTH, band, stroke=0, fill=1)
    writer = _Writer(canvas, PAGE_HEIGHT - 5 * mm)
    for text, size, bold in lines:
        writer.text(text, size=size, bold=bold, color=colors.white)
    return PAGE_HEIGHT - band - 6 * mm


def _footer(canvas: Canvas, text: str) -> None:
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, MARGIN / 2, text)


def _rule(writer: _Writer) -> None:
    writer.space(4)
    writer.canvas.setStrokeColor(RULE)
    writer.canvas.setLineWidth(0.5)
    writer.canvas.line(MARGIN, writer.y, PAGE_WIDTH - MARGIN, writer.y)
    writer.space(2)


def _keep_together(writer: _Writer, points: float) -> None:
    """Start a new page when fewer than ``points`` remain, so an entry is not split badly."""
    if writer.y - points < MARGIN:
        writer.canvas.showPage()
        writer.y = PAGE_HEIGHT - MARGIN


def draw_person_agenda(
    canvas: Canvas, *, edition_name: str, dates: str, person: str, rows: list[AgendaRow]
) -> None:
    """The layout of a person's agenda: a header, then one block per entry in time order."""
    top = _header(
        canvas,
        [
            (_("My B2B meetings"), 9, False),
            (edition_name, 15, True),
            (dates, 10, False),
        ],
    )
    writer = _Writer(canvas, top)
    writer.text(person, size=16, bold=True)
    writer.space(4)
    if not rows:
        writer.text(_("You have no meetings or consultations yet."), size=10, color=MUTED)
    body_x = MARGIN + TIME_COLUMN
    body_width = PAGE_WIDTH - MARGIN - body_x
    for row in rows:
        _keep_together(writer, 60)
        _rule(writer)
        day, span = _time_span(row.starts_at, row.ends_at)
        entry_top = writer.y
        # Left column: the time; right column: who, where, what.
        if span:
            writer.text(span, size=11, bold=True, width=TIME_COLUMN - 3 * mm)
            writer.text(day, size=8, color=MUTED, width=TIME_COLUMN - 3 * mm)
        left_bottom = writer.y
        writer.y = entry_top
        label = _("Meeting") if row.kind == "meeting" else _("Consultation")
        writer.text(label, size=8, color=ACCENT, x=body_x, width=body_width)
        writer.text(row.title, size=11, bold=True, x=body_x, width=body_width)
        if row.organisation:
            writer.text(row.organisation, size=10, x=body_x, width=body_width)
        if row.place:
            writer.text(row.place, size=10, bold=True, x=body_x, width=body_width)
        if row.note:
            writer.text(row.note, size=9, color=MUTED, x=body_x, width=body_width)
        for heading, items in ((_("Offers"), row.offers), (_("Looks for"), row.requests)):
            if items:
                writer.text(heading, size=8, color=MUTED, x=body_x, width=body_width)
                for item in items:
                    writer.text(f"• {item}", size=9, x=body_x + 2 * mm, width=body_width - 2 * mm)
        writer.y = min(writer.y, left_bottom)


def draw_table_agenda(
    canvas: Canvas, *, edition_name: str, agenda: TableAgenda, title: str | None = None
) -> None:
    """One page (or more) for the host of one table: every slot with the two people."""
    top = _header(
        canvas,
        [
            (edition_name, 9, False),
            (title or _("Table %(table)s") % {"table": agenda.table}, 20, True),
            (" · ".join(p for p in (agenda.session_name, agenda.location) if p), 10, False),
        ],
    )
    writer = _Writer(canvas, top)
    if not agenda.rows:
        writer.text(_("No meetings at this table."), size=10, color=MUTED)
    body_x = MARGIN + TIME_COLUMN
    body_width = PAGE_WIDTH - MARGIN - body_x
    for row in agenda.rows:
        _keep_together(writer, 40)
        _rule(writer)
        entry_top = writer.y
        day, span = _time_span(row.starts_at, row.ends_at)
        writer.text(span, size=11, bold=True, width=TIME_COLUMN - 3 * mm)
        writer.text(f"{row.slot_code} · {day}", size=8, color=MUTED, width=TIME_COLUMN - 3 * mm)
        left_bottom = writer.y
        writer.y = entry_top
        for person in row.people:
            writer.text(person, size=10, x=body_x, width=body_width)
        writer.y = min(writer.y, left_bottom)


def _new_canvas(buffer: BytesIO, *, title: str, author: str, subject: str) -> Canvas:
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("Kongres")
    return canvas


def render_person_agenda(
    *, edition_name: str, organiser: str, dates: str, person: str, rows: list[AgendaRow]
) -> bytes:
    register_fonts()
    buffer = BytesIO()
    canvas = _new_canvas(
        buffer,
        title=f"{_('My B2B meetings')} – {edition_name}",
        author=organiser,
        subject=person,
    )
    draw_person_agenda(canvas, edition_name=edition_name, dates=dates, person=person, rows=rows)
    _footer(canvas, f"{organiser} · {edition_name}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_table_agendas(*, edition_name: str, organiser: str, agendas: list[TableAgenda]) -> bytes:
    register_fonts()
    buffer = BytesIO()
    canvas = _new_canvas(
        buffer,
        title=f"{_('Table agendas')} – {edition_name}",
        author=organiser,
        subject=_("Table agendas"),
    )
    if not agendas:
        writer = _Writer(canvas, PAGE_HEIGHT - MARGIN)
        writer.text(_("No meetings are scheduled yet."), size=12)
    for agenda in agendas:
        draw_table_agenda(canvas, edition_name=edition_name, agenda=agenda)
        _footer(canvas, f"{organiser} · {edition_name}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def agenda_calendar(
    *, name: str, domain: str, rows: list[AgendaRow], url: str = "", stamp: datetime | None = None
) -> bytes:
    """An iCalendar file of the rows that have a time, in Europe/Warsaw with its VTIMEZONE."""
    calendar = new_calendar(name)
    stamp = (stamp or datetime.now(tz=UTC)).astimezone(UTC)
    for row in rows:
        if row.starts_at is None or row.ends_at is None:
            continue
        event = Event()
        event.add("uid", f"{row.uid}@{domain}.kongres")
        event.add("dtstamp", stamp)
        event.add("dtstart", row.starts_at.astimezone(LOCAL_TZ))
        event.add("dtend", row.ends_at.astimezone(LOCAL_TZ))
        if row.kind == "meeting":
            summary = _("B2B meeting: %(name)s") % {"name": row.title}
        else:
            summary = _("Consultation: %(name)s") % {"name": row.title}
        if row.organisation:
            summary = f"{summary} ({row.organisation})"
        event.add("summary", summary)
        if row.place:
            event.add("location", row.place)
        description = [row.note] if row.note else []
        if row.offers:
            description.append(_("Offers") + ":\n" + "\n".join(f"• {o}" for o in row.offers))
        if row.requests:
            description.append(_("Looks for") + ":\n" + "\n".join(f"• {r}" for r in row.requests))
        if url:
            description.append(url)
        if description:
            event.add("description", "\n\n".join(description))
        if url:
            event.add("url", url)
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


# --- From the models ---------------------------------------------------------------------


def _listing_titles(profile, kind: str) -> tuple[str, ...]:
    return tuple(listing.title for listing in profile.listings.all() if listing.kind == kind)


def _table_place(table, location: str) -> str:
    parts = [_("table %(table)s") % {"table": table}] if table else []
    if location:
        parts.append(location)
    return ", ".join(parts)


def agenda_rows(profile) -> list[AgendaRow]:
    """A person's agenda as rows: placed meetings and consultations in time order, then the
    accepted meetings still waiting for a time (organiser's scheduling)."""
    from kongres.matchmaking.enums import ListingKind
    from kongres.matchmaking.selectors import agenda_for, planned_meetings_of

    rows = []
    for item in agenda_for(profile):
        if item.kind == "meeting":
            partner = item.partner
            rows.append(
                AgendaRow(
                    starts_at=item.starts_at,
                    ends_at=item.ends_at,
                    kind="meeting",
                    title=partner.registration.full_name,
                    organisation=partner.organisation,
                    place=_table_place(item.table, item.location),
                    offers=_listing_titles(partner, ListingKind.OFFER),
                    requests=_listing_titles(partner, ListingKind.REQUEST),
                    uid=f"meeting-{item.meeting.pk}",
                )
            )
        else:
            consultation = item.consultation
            host = consultation.host
            topic = str(consultation.topic or host.topic or "")
            rows.append(
                AgendaRow(
                    starts_at=item.starts_at,
                    ends_at=item.ends_at,
                    kind="consultation",
                    title=host.name,
                    organisation=str(host.role),
                    place=item.location,
                    note=topic,
                    uid=f"consultation-{consultation.pk}",
                )
            )
    waiting = (
        planned_meetings_of(profile)
        .filter(Q(slot__isnull=True) | Q(is_published=False))
        .prefetch_related("a__listings", "b__listings")
    )
    for meeting in waiting:
        partner = meeting.partner_of(profile)
        rows.append(
            AgendaRow(
                starts_at=None,
                ends_at=None,
                kind="meeting",
                title=partner.registration.full_name,
                organisation=partner.organisation,
                place=_("Time and table to be announced"),
                offers=_listing_titles(partner, ListingKind.OFFER),
                requests=_listing_titles(partner, ListingKind.REQUEST),
                uid=f"meeting-{meeting.pk}",
            )
        )
    return rows


def person_agenda_pdf(profile) -> bytes:
    """The agenda of a profile as PDF bytes, in the participant's language."""
    from kongres.matchmaking.models import Profile
    from kongres.registration.tickets import date_range

    with scopes_disabled():
        profile = Profile.objects.select_related(
            "registration", "edition__series__organisation"
        ).get(pk=profile.pk)
        registration = profile.registration
        edition = profile.edition
        with translation.override(registration.language), timezone.override(LOCAL_TZ):
            rows = agenda_rows(profile)
            return render_person_agenda(
                edition_name=str(edition.name),
                organiser=edition.series.organisation.name,
                dates=f"{date_range(edition.start_date, edition.end_date)} · {venue_line(edition)}",
                person=f"{registration.full_name} · {profile.organisation}",
                rows=rows,
            )


def person_agenda_ics(profile) -> bytes:
    """The placed meetings and consultations of a profile as iCalendar, in their language."""
    from kongres.matchmaking.models import Profile

    with scopes_disabled():
        profile = Profile.objects.select_related("registration", "edition").get(pk=profile.pk)
        registration = profile.registration
        edition = profile.edition
        with translation.override(registration.language):
            rows = agenda_rows(profile)
            return agenda_calendar(
                name=_("My B2B meetings – %(edition)s") % {"edition": edition.name},
                domain=edition.slug,
                rows=rows,
                stamp=profile.updated_at,
            )


def _person_line(profile) -> str:
    return f"{profile.registration.full_name} ({profile.organisation})"


def table_agendas_pdf(edition, *, published_only: bool = True) -> bytes:
    """One page per table of each session, for the people hosting the tables."""
    from kongres.matchmaking.selectors import table_agendas

    with scopes_disabled(), timezone.override(LOCAL_TZ):
        edition = type(edition).objects.select_related("series__organisation").get(pk=edition.pk)
        agendas = [
            TableAgenda(
                session_name=str(schedule.session.name),
                location=schedule.session.location,
                table=schedule.table,
                rows=[
                    TableRow(
                        starts_at=meeting.slot.starts_at,
                        ends_at=meeting.slot.ends_at,
                        slot_code=meeting.slot.code,
                        people=(_person_line(meeting.a), _person_line(meeting.b)),
                    )
                    for meeting in schedule.meetings
                ],
            )
            for schedule in table_agendas(edition, published_only=published_only)
        ]
        return render_table_agendas(
            edition_name=str(edition.name),
            organiser=edition.series.organisation.name,
            agendas=agendas,
        )
