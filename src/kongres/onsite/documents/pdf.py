"""Attendance lists and certificates of attendance as PDF (reportlab, DejaVu Sans embedded).

Attendance list: A4 portrait; on every page the logos of the event's organiser (left) and of
its funders, co-organisers and strategic partners (right), the list's title, a table with a
row number, surname and first name, organisation, time of entry and an empty signature
column; "strona 3 z 12" at the foot; the totals after the last row. Rows have a fixed height
(long organisations are cut with an ellipsis), so the number of pages is known before the
first one is drawn.

Certificate: A4 landscape, in the participant's language, with the short verification code,
the address where anyone can check it, and a QR code of that address.
"""

from __future__ import annotations

import datetime as dt
import logging
from io import BytesIO

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kongres.events.enums import PartnerRole
from kongres.events.models import Partner
from kongres.onsite.badges.pdf import draw_qr
from kongres.onsite.documents.selectors import AttendanceList
from kongres.program.models import LOCAL_TZ
from kongres.registration.tickets import FONT, FONT_BOLD, date_range, register_fonts, venue_line

logger = logging.getLogger(__name__)

INK = colors.HexColor("#1b2a41")
MUTED = colors.HexColor("#5b6675")
RULE = colors.HexColor("#9aa3ad")
ACCENT = colors.HexColor("#0b6e4f")
MARGIN = 14 * mm
LOGO_HEIGHT = 13 * mm
ROW_HEIGHT = 8.5 * mm
HEADER_ROW = 7 * mm
FUNDER_ROLES = (PartnerRole.STRATEGIC_PARTNER, PartnerRole.CO_ORGANISER)


# --- logos -----------------------------------------------------------------------------------


class Logo:
    """A partner's logo image, or its name in a frame when it has no (readable) logo."""

    def __init__(self, name: str, image: ImageReader | None):
        self.name = name
        self.image = image

    def width(self, height: float) -> float:
        if self.image is not None:
            w, h = self.image.getSize()
            return min(height * w / h, 45 * mm) if h else height
        return min(stringWidth(self.name, FONT_BOLD, 7) + 4 * mm, 45 * mm)

    def draw(self, canvas: Canvas, x: float, y: float, height: float) -> float:
        width = self.width(height)
        if self.image is not None:
            canvas.drawImage(self.image, x, y, width, height, preserveAspectRatio=True, mask="auto")
            return width
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.roundRect(x, y, width, height, 1.5 * mm, stroke=1, fill=0)
        canvas.setFillColor(INK)
        lines = simpleSplit(self.name, FONT_BOLD, 7, width - 3 * mm)[:3]
        top = y + height / 2 + (len(lines) * 8.5) / 2 - 7
        for index, line in enumerate(lines):
            canvas.setFont(FONT_BOLD, 7)
            canvas.drawCentredString(x + width / 2, top - index * 8.5, line)
        return width


def _logo(partner: Partner) -> Logo:
    image = None
    if partner.logo:
        try:
            with partner.logo.open("rb") as handle:
                image = ImageReader(BytesIO(handle.read()))
        except (OSError, ValueError):  # a missing or unreadable file: the name instead
            logger.warning("logo of partner %s cannot be read", partner.pk)
            image = None
    return Logo(partner.name, image)


def edition_logos(edition) -> tuple[list[Logo], list[Logo]]:
    """(the event's organisers, its funders and co-organisers), as the partners list them."""
    partners = list(
        Partner.objects.filter(
            edition=edition, role__in=[PartnerRole.ORGANISER, *FUNDER_ROLES]
        ).order_by("order", "name")
    )
    event = [_logo(p) for p in partners if p.role == PartnerRole.ORGANISER]
    if not event:
        event = [Logo(edition.series.organisation.name, None)]
    funders = [_logo(p) for p in partners if p.role in FUNDER_ROLES][:4]
    return event, funders


def _draw_logos(canvas: Canvas, event, funders, *, top: float, page_width: float) -> None:
    y = top - LOGO_HEIGHT
    x = MARGIN
    for logo in event:
        x += logo.draw(canvas, x, y, LOGO_HEIGHT) + 3 * mm
    x = page_width - MARGIN
    for logo in reversed(funders):
        width = logo.width(LOGO_HEIGHT)
        x -= width
        logo.draw(canvas, x, y, LOGO_HEIGHT)
        x -= 3 * mm


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- attendance list -------------------------------------------------------------------------


def _columns(width: float) -> list[tuple[str, float]]:
    fixed = [
        (_("No."), 11 * mm),
        (_("Surname and first name"), 52 * mm),
        (_("Organisation"), 0),
        (_("Entry"), 18 * mm),
        (_("Signature"), 38 * mm),
    ]
    rest = width - sum(w for _label, w in fixed)
    return [(label, w or rest) for label, w in fixed]


def attendance_pdf(listing: AttendanceList, *, kind_label: str) -> bytes:
    """The signed attendance list of ``listing`` (a day, a session or a study visit)."""
    register_fonts()
    edition = listing.edition
    page_width, page_height = A4
    event_logos, funder_logos = edition_logos(edition)
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"{_('Attendance list')} – {listing.title}")
    canvas.setAuthor(edition.series.organisation.name)
    canvas.setCreator("Kongres")

    columns = _columns(page_width - 2 * MARGIN)
    header_height = LOGO_HEIGHT + 27 * mm
    footer_height = 12 * mm
    table_top = page_height - MARGIN - header_height
    per_page = int((table_top - HEADER_ROW - MARGIN - footer_height) // ROW_HEIGHT)
    rows = listing.rows
    # The totals need two lines under the last row; start a page for them if they do not fit.
    pages = max(1, -(-len(rows) // per_page))
    if rows and len(rows) % per_page == 0:
        pages += 1
    generated = dateformat.format(timezone.localtime(timezone.now(), LOCAL_TZ), "j E Y, H:i")
    printed = _("printed %(when)s") % {"when": generated}
    footer_left = f"{edition.name} · {printed}"

    for page in range(pages):
        chunk = rows[page * per_page : (page + 1) * per_page]
        _draw_logos(
            canvas, event_logos, funder_logos, top=page_height - MARGIN, page_width=page_width
        )
        y = page_height - MARGIN - LOGO_HEIGHT - 7 * mm
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, 14)
        canvas.drawString(MARGIN, y, _fit(_("Attendance list"), FONT_BOLD, 14, 200 * mm))
        y -= 6.5 * mm
        canvas.setFont(FONT_BOLD, 11)
        title = f"{kind_label}: {listing.title}" if kind_label else listing.title
        canvas.drawString(MARGIN, y, _fit(title, FONT_BOLD, 11, page_width - 2 * MARGIN))
        y -= 5.5 * mm
        canvas.setFont(FONT, 9)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            MARGIN,
            y,
            _fit(
                f"{listing.subtitle} · {edition.name} · {venue_line(edition)}",
                FONT,
                9,
                page_width - 2 * MARGIN,
            ),
        )
        _table_header(canvas, columns, table_top)
        y = table_top - HEADER_ROW
        for index, row in enumerate(chunk, start=page * per_page + 1):
            _table_row(canvas, columns, y, index, row)
            y -= ROW_HEIGHT
        if page == pages - 1:
            y -= 6 * mm
            canvas.setFillColor(INK)
            canvas.setFont(FONT_BOLD, 10)
            canvas.drawString(
                MARGIN,
                y,
                ngettext(
                    "Total: %(count)d person",
                    "Total: %(count)d people",
                    listing.total,
                )
                % {"count": listing.total},
            )
            canvas.setFont(FONT, 9)
            canvas.drawString(
                MARGIN,
                y - 5 * mm,
                _("Entry recorded at check-in: %(checked)d of %(total)d")
                % {"checked": listing.checked_in, "total": listing.total},
            )
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN / 2 + 2 * mm, _fit(footer_left, FONT, 8, 140 * mm))
        canvas.drawRightString(
            page_width - MARGIN,
            MARGIN / 2 + 2 * mm,
            _("page %(page)d of %(pages)d") % {"page": page + 1, "pages": pages},
        )
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _table_header(canvas: Canvas, columns, top: float) -> None:
    canvas.setFillColor(colors.HexColor("#e8ecef"))
    canvas.rect(MARGIN, top - HEADER_ROW, sum(w for _l, w in columns), HEADER_ROW, 0, 1)
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 8)
    x = MARGIN
    for label, width in columns:
        canvas.drawString(
            x + 1.5 * mm, top - HEADER_ROW + 2.3 * mm, _fit(label, FONT_BOLD, 8, width - 3 * mm)
        )
        x += width


def _table_row(canvas: Canvas, columns, top: float, number: int, row) -> None:
    bottom = top - ROW_HEIGHT
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    total = sum(w for _l, w in columns)
    canvas.line(MARGIN, bottom, MARGIN + total, bottom)
    x = MARGIN
    for _label, width in columns:
        canvas.line(x, top, x, bottom)
        x += width
    canvas.line(x, top, x, bottom)
    entry = (
        dateformat.format(timezone.localtime(row.checked_in_at, LOCAL_TZ), "H:i")
        if row.checked_in_at
        else ""
    )
    name = f"{row.last_name} {row.first_name}"
    values = [(str(number), FONT), (name, FONT_BOLD), (row.organisation, FONT), (entry, FONT)]
    baseline = bottom + (ROW_HEIGHT - 9 * 0.72) / 2
    x = MARGIN
    canvas.setFillColor(INK)
    for (value, font), (_label, width) in zip(values, columns, strict=False):
        canvas.setFont(font, 9)
        canvas.drawString(x + 1.5 * mm, baseline, _fit(value, font, 9, width - 3 * mm))
        x += width


# --- certificate -----------------------------------------------------------------------------


def certificate_verify_url(certificate) -> str:
    with translation.override(certificate.registration.language):
        path = reverse(
            "onsite:certificate_verify",
            kwargs={"edition_slug": certificate.edition.slug, "code": certificate.code},
        )
    return settings.SITE_URL + path


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}" if len(code) == 10 else code


def format_days(days: list[str]) -> str:
    dates = [dt.date.fromisoformat(day) for day in days]
    return ", ".join(dateformat.format(date, "j E Y") for date in dates)


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not rest:
        return ngettext("%(h)d hour", "%(h)d hours", hours) % {"h": hours}
    return _("%(h)d h %(m)d min") % {"h": hours, "m": rest}


def certificate_pdf(certificate) -> bytes:
    """The certificate of attendance, in its participant's language."""
    register_fonts()
    registration = certificate.registration
    edition = certificate.edition
    buffer = BytesIO()
    with translation.override(registration.language), timezone.override(LOCAL_TZ):
        width, height = landscape(A4)
        canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
        canvas.setTitle(f"{_('Certificate of attendance')} – {edition.name}")
        canvas.setAuthor(edition.series.organisation.name)
        canvas.setSubject(certificate.full_name)
        canvas.setCreator("Kongres")
        event_logos, funder_logos = edition_logos(edition)
        _draw_logos(canvas, event_logos, funder_logos, top=height - MARGIN, page_width=width)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(2)
        canvas.line(
            MARGIN,
            height - MARGIN - LOGO_HEIGHT - 5 * mm,
            width - MARGIN,
            height - MARGIN - LOGO_HEIGHT - 5 * mm,
        )
        centre = width / 2
        inner = width - 2 * MARGIN - 20 * mm
        y = height - 60 * mm
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, 26)
        canvas.drawCentredString(centre, y, _("Certificate of attendance").upper())
        y -= 15 * mm
        canvas.setFont(FONT, 13)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(centre, y, _("This is to certify that"))
        y -= 14 * mm
        canvas.setFillColor(INK)
        size = 28
        while size > 14 and stringWidth(certificate.full_name, FONT_BOLD, size) > inner:
            size -= 1
        canvas.setFont(FONT_BOLD, size)
        canvas.drawCentredString(centre, y, _fit(certificate.full_name, FONT_BOLD, size, inner))
        y -= 12 * mm
        canvas.setFont(FONT, 13)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(centre, y, _("attended"))
        y -= 10 * mm
        canvas.setFillColor(INK)
        for line in simpleSplit(str(edition.name), FONT_BOLD, 17, inner)[:2]:
            canvas.setFont(FONT_BOLD, 17)
            canvas.drawCentredString(centre, y, line)
            y -= 7.5 * mm
        canvas.setFont(FONT, 12)
        canvas.drawCentredString(
            centre,
            y,
            _fit(
                f"{date_range(edition.start_date, edition.end_date)}, {venue_line(edition)}",
                FONT,
                12,
                inner,
            ),
        )
        y -= 9 * mm
        canvas.setFont(FONT, 11)
        if certificate.days:
            canvas.drawCentredString(
                centre,
                y,
                _fit(
                    _("Present on: %(days)s") % {"days": format_days(certificate.days)},
                    FONT,
                    11,
                    inner,
                ),
            )
            y -= 6 * mm
        if certificate.minutes:
            canvas.drawCentredString(
                centre,
                y,
                _("Time in sessions and study visits: %(time)s")
                % {"time": format_minutes(certificate.minutes)},
            )
        # Verification: the code, the address and a QR code of the address.
        url = certificate_verify_url(certificate)
        qr_size = 26 * mm
        draw_qr(canvas, url, width - MARGIN - qr_size, MARGIN, qr_size)
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 8.5)
        text_right = width - MARGIN - qr_size - 4 * mm
        canvas.drawRightString(
            text_right,
            MARGIN + 14 * mm,
            _("Verification code: %(code)s") % {"code": format_code(certificate.code)},
        )
        canvas.drawRightString(text_right, MARGIN + 9 * mm, _fit(url, FONT, 8.5, 150 * mm))
        canvas.drawRightString(
            text_right,
            MARGIN + 4 * mm,
            _("Issued on %(date)s") % {"date": dateformat.format(certificate.issued_at, "j E Y")},
        )
        # The organiser.
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, MARGIN + 14 * mm, MARGIN + 75 * mm, MARGIN + 14 * mm)
        canvas.setFillColor(INK)
        canvas.setFont(FONT, 9)
        canvas.drawString(MARGIN, MARGIN + 9 * mm, _("The organiser"))
        canvas.drawString(
            MARGIN,
            MARGIN + 4 * mm,
            _fit(edition.series.organisation.name, FONT, 9, 110 * mm),
        )
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()


def checkins_xlsx(checkins, *, edition) -> bytes:
    """Who was checked in where: one row per check-in, and a sheet of totals per point."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Check-ins")[:31]
    headers = [
        _("Surname"),
        _("First name"),
        _("Organisation"),
        _("Category"),
        _("Check-in point"),
        _("Checked in"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    totals: dict[str, set] = {}
    for checkin in checkins:
        registration = checkin.registration
        local = timezone.localtime(checkin.scanned_at, LOCAL_TZ).replace(tzinfo=None)
        sheet.append(
            [
                registration.last_name,
                registration.first_name,
                registration.organisation,
                str(registration.category.name),
                checkin.point.name,
                local,
            ]
        )
        sheet.cell(row=sheet.max_row, column=6).number_format = "yyyy-mm-dd hh:mm"
        totals.setdefault(checkin.point.name, set()).add(registration.pk)
    for column, width in zip("ABCDEF", (22, 18, 40, 18, 28, 18), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    summary = workbook.create_sheet(_("Totals")[:31])
    summary.append([_("Check-in point"), _("People")])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    for name, people in totals.items():
        summary.append([name, len(people)])
    summary.append([_("Everyone (any point)"), len({c.registration_id for c in checkins})])
    summary.column_dimensions["A"].width = 34
    workbook.properties.title = f"{_('Check-ins')} – {edition.name}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
