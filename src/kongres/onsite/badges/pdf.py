"""Badges as PDF: carries out the drawing operations of ``layout.py`` with reportlab.

Text is drawn in DejaVu Sans (embedded, so Polish letters print and can be searched). The QR
code is drawn as vector rectangles from the QR matrix, one path per badge, which is both sharp
at any printer resolution and quick: a thousand badges take a few seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from io import BytesIO

import segno
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kongres.onsite.badges.layout import (
    BadgeSpec,
    Band,
    Qr,
    Stock,
    Text,
    badge_ops,
    cut_marks,
    sheet_for,
)
from kongres.registration.tickets import FONT, FONT_BOLD, register_fonts

QUIET_ZONE = 2  # modules of white around the code


@lru_cache(maxsize=4096)
def _width(text: str, bold: bool, size: float) -> float:
    return stringWidth(text, FONT_BOLD if bold else FONT, size)


def width_of(text: str, bold: bool, size: float) -> float:
    """Width of ``text`` in the badge font, in points."""
    return _width(text, bold, size)


@lru_cache(maxsize=64)
def _colour(value: str):
    return colors.HexColor(value)


def qr_matrix(value: str) -> list[list[bool]]:
    """The QR code's modules (True = dark), error correction M as on the ticket.

    segno encodes it. The mask pattern is fixed (0) instead of trying all eight for the lowest
    penalty: every mask is valid and scanners read them all, and choosing would make each
    code four times slower (a thousand badges in about six seconds instead of under two).
    """
    code = segno.make_qr(value, error="m", boost_error=False, mask=0)
    return [[bool(cell) for cell in row] for row in code.matrix]


def qr_path(matrix: list[list[bool]]) -> tuple[str, int]:
    """PDF path operators in module units (origin lower left), one rectangle per dark run."""
    count = len(matrix) + 2 * QUIET_ZONE
    parts = []
    for row, cells in enumerate(matrix):
        y = count - QUIET_ZONE - row - 1
        col = 0
        width = len(cells)
        while col < width:
            if not cells[col]:
                col += 1
                continue
            start = col
            while col < width and cells[col]:
                col += 1
            parts.append(f"{start + QUIET_ZONE} {y} {col - start} 1 re")
    return "\n".join(parts), count


def draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    path, count = qr_path(qr_matrix(value))
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / count, size / count)
    canvas.setFillColor(colors.black)
    # Integer coordinates written directly: formatting floats for thousands of rectangles
    # through reportlab's path object would cost more than encoding the code.
    canvas.addLiteral(f"{path}\nf")
    canvas.restoreState()


def _draw_badge(canvas: Canvas, ops, x: float, y: float) -> None:
    canvas.saveState()
    canvas.translate(x, y)
    for op in ops:
        if isinstance(op, Band):
            canvas.setFillColor(_colour(op.colour))
            canvas.rect(op.x, op.y, op.width, op.height, stroke=0, fill=1)
        elif isinstance(op, Text):
            canvas.setFillColor(_colour(op.colour))
            canvas.setFont(FONT_BOLD if op.bold else FONT, op.size)
            if op.align == "centre":
                canvas.drawCentredString(op.x, op.y, op.text)
            else:
                canvas.drawString(op.x, op.y, op.text)
        elif isinstance(op, Qr):
            draw_qr(canvas, op.value, op.x, op.y, op.size)
    canvas.restoreState()


def badges_pdf(
    specs: Iterable[BadgeSpec], *, stock: Stock, two_per_sheet: bool, title: str = ""
) -> bytes:
    """All badges in one PDF; an empty PDF page says nothing was chosen."""
    register_fonts()
    sheet = sheet_for(stock, two_per_sheet=two_per_sheet)
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(sheet.width, sheet.height), pageCompression=1)
    canvas.setTitle(title or "Badges")
    canvas.setCreator("Kongres")
    marks = cut_marks(sheet, stock) if sheet.cut_marks else []
    slot_index = 0
    drawn_on_page = False
    for spec in specs:
        slot = sheet.slots[slot_index]
        _draw_badge(canvas, badge_ops(spec, stock, width_of), slot.x, slot.y)
        drawn_on_page = True
        slot_index += 1
        if slot_index == len(sheet.slots):
            _finish_page(canvas, marks)
            slot_index = 0
            drawn_on_page = False
    if drawn_on_page:
        _finish_page(canvas, marks)
    canvas.save()
    return buffer.getvalue()


def _finish_page(canvas: Canvas, marks) -> None:
    if marks:
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.3)
        for x1, y1, x2, y2 in marks:
            canvas.line(x1, y1, x2, y2)
    canvas.showPage()
