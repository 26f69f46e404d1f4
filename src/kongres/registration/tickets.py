"""The ticket: an A4 PDF with the participant, their confirmed seats and a QR code.

The QR code holds a signed token (``tokens.ticket_token``), never the registration's id, so a
ticket cannot be forged by counting. Text is drawn with ``drawString`` in DejaVu Sans (embedded,
so Polish letters print and can be copied or searched): whatever a participant typed appears
exactly as typed and is never read as markup.
"""

from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kongres.program.models import LOCAL_TZ
from kongres.registration import tokens
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Registration
from kongres.visits.enums import SignupState
from kongres.visits.models import Signup

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
QR_SIZE = 55 * mm
INK = colors.HexColor("#1b2a41")
MUTED = colors.HexColor("#5b6675")
ACCENT = colors.HexColor("#0b6e4f")
WARNING = colors.HexColor("#a4161a")


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) from ``settings.FONT_DIR``, once per process."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in (FONT, FONT_BOLD):
        if name in registered:
            continue
        path = Path(settings.FONT_DIR) / f"{name}.ttf"
        if not path.exists():
            raise ImproperlyConfigured(
                f"Font {path} is missing. Run scripts/setup (it installs DejaVu from npm)."
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))


def date_range(start, end) -> str:
    """Like "29–30 października 2025" or "29–30 October 2025", in the active language."""
    if start == end:
        return dateformat.format(start, "j E Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{dateformat.format(start, 'j')}–{dateformat.format(end, 'j E Y')}"
    if start.year == end.year:
        return f"{dateformat.format(start, 'j E')} – {dateformat.format(end, 'j E Y')}"
    return f"{dateformat.format(start, 'j E Y')} – {dateformat.format(end, 'j E Y')}"


def venue_line(edition) -> str:
    venue = edition.venue
    if venue is None:
        return edition.host_city
    address = ", ".join(
        part for part in (venue.street, f"{venue.postal_code} {venue.city}".strip()) if part
    )
    return f"{venue.name}, {address}" if address else venue.name


def _local(value, fmt: str) -> str:
    return dateformat.format(timezone.localtime(value, LOCAL_TZ), fmt)


class _Writer:
    """Draws lines top-down and starts a new page when the space runs out."""

    def __init__(self, canvas: Canvas, top: float):
        self.canvas = canvas
        self.y = top

    @staticmethod
    def lines(text, *, size=10, bold=False, width=None) -> list[str]:
        font = FONT_BOLD if bold else FONT
        return simpleSplit(str(text), font, size, width or PAGE_WIDTH - 2 * MARGIN) or [""]

    def text(self, text, *, size=10, bold=False, color=INK, width=None, x=MARGIN, gap=1.35):
        font = FONT_BOLD if bold else FONT
        for line in self.lines(text, size=size, bold=bold, width=width):
            if self.y - size < MARGIN:
                self.canvas.showPage()
                self.y = PAGE_HEIGHT - MARGIN
            self.y -= size * gap
            self.canvas.setFont(font, size)
            self.canvas.setFillColor(color)
            self.canvas.drawString(x, self.y, line)

    def space(self, points: float) -> None:
        self.y -= points


def _qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(value, barLevel="M", barBorder=2)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def _confirmed_signups(registration: Registration) -> list[Signup]:
    return list(
        Signup.objects.filter(registration=registration, state=SignupState.CONFIRMED)
        .select_related("session__room", "session__study_visit")
        .order_by("session__start", "session_id")
    )


def _draw(canvas: Canvas, registration: Registration, signups: list[Signup]) -> None:
    edition = registration.edition
    organiser = edition.series.organisation.name

    # Header band: the congress; as tall as its text.
    header_lines = [
        (_("Ticket"), 9, False),
        (str(edition.name), 16, True),
        (date_range(edition.start_date, edition.end_date), 11, True),
        (venue_line(edition), 10, False),
    ]
    band = 12 * mm + sum(
        len(_Writer.lines(text, size=size, bold=bold)) * size * 1.35
        for text, size, bold in header_lines
    )
    canvas.setFillColor(INK)
    canvas.rect(0, PAGE_HEIGHT - band, PAGE_WIDTH, band, stroke=0, fill=1)
    header = _Writer(canvas, PAGE_HEIGHT - 6 * mm)
    for text, size, bold in header_lines:
        header.text(text, size=size, bold=bold, color=colors.white)

    # The QR code on the right, the participant on the left.
    top = PAGE_HEIGHT - band - 8 * mm
    _qr(
        canvas,
        tokens.ticket_token(registration),
        PAGE_WIDTH - MARGIN - QR_SIZE,
        top - QR_SIZE,
        QR_SIZE,
    )
    left_width = PAGE_WIDTH - 2 * MARGIN - QR_SIZE - 8 * mm
    body = _Writer(canvas, top)
    body.text(_("Name"), size=9, color=MUTED, width=left_width)
    body.text(registration.full_name, size=20, bold=True, width=left_width, gap=1.25)
    if registration.organisation:
        body.space(2)
        body.text(registration.organisation, size=12, width=left_width)
    body.space(6)
    body.text(_("Category"), size=9, color=MUTED, width=left_width)
    body.text(str(registration.category.name), size=12, bold=True, width=left_width)
    body.space(4)
    body.text(_("Registration status"), size=9, color=MUTED, width=left_width)
    confirmed = registration.state == RegistrationState.CONFIRMED
    body.text(
        registration.get_state_display(),
        size=12,
        bold=True,
        color=ACCENT if confirmed else WARNING,
        width=left_width,
    )
    body.y = min(body.y, top - QR_SIZE) - 4 * mm
    body.text(
        _("Show this QR code at the registration desk. The ticket is personal."),
        size=9,
        color=MUTED,
    )

    # Seats: sessions and study visits.
    body.space(6 * mm)
    body.text(_("Your sessions and study visits"), size=12, bold=True)
    if not signups:
        body.text(_("No sessions or study visits chosen."), size=10, color=MUTED)
    for signup in signups:
        session = signup.session
        body.space(3)
        body.text(str(session.title), size=10, bold=True)
        details = [f"{_local(session.start, 'j E Y, H:i')}–{_local(session.end, 'H:i')}"]
        if session.room_id:
            details.append(str(session.room.name))
        if signup.seat:
            details.append(_("seat %(seat)s") % {"seat": signup.seat})
        body.text(" · ".join(details), size=9, color=MUTED)
        visit = getattr(session, "study_visit", None)
        if visit is not None:
            body.text(
                _("Meeting point: %(point)s, departure %(departure)s.")
                % {
                    "point": str(visit.meeting_point),
                    "departure": _local(visit.departure_at, "j E, H:i"),
                },
                size=9,
                color=MUTED,
            )

    # Footer: who organises.
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, MARGIN / 2, f"{organiser} · {edition.name}")


def ticket_pdf(registration: Registration) -> bytes:
    """The ticket of a registration as PDF bytes, in the participant's language."""
    register_fonts()
    buffer = BytesIO()
    with scopes_disabled():
        registration = Registration.objects.select_related(
            "edition__series__organisation", "edition__venue", "category"
        ).get(pk=registration.pk)
        signups = _confirmed_signups(registration)
    with (
        scopes_disabled(),
        translation.override(registration.language),
        timezone.override(LOCAL_TZ),
    ):
        canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
        canvas.setTitle(f"{_('Ticket')} – {registration.edition.name}")
        canvas.setAuthor(registration.edition.series.organisation.name)
        canvas.setSubject(registration.full_name)
        canvas.setCreator("Kongres")
        _draw(canvas, registration, signups)
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()
