"""The readable form of a participant's data export: a PDF of every section, key by key."""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from kongres.registration.tickets import FONT, FONT_BOLD, register_fonts


def _lines(value, depth: int = 0):
    """``(depth, text)`` lines of a JSON-able value, nested dicts and lists indented."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                yield depth, f"{key}:"
                yield from _lines(item, depth + 1)
            else:
                yield depth, f"{key}: {_scalar(item)}"
    elif isinstance(value, list):
        for number, item in enumerate(value, 1):
            if isinstance(item, dict | list):
                yield depth, f"{number}."
                yield from _lines(item, depth + 1)
            else:
                yield depth, f"{number}. {_scalar(item)}"
    else:
        yield depth, _scalar(value)


def _scalar(value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)


def _section_titles() -> dict[str, str]:
    return {
        "registration": _("Registration"),
        "consents": _("Consents"),
        "sessions_and_visits": _("Sessions and study visits"),
        "emails": _("E-mails sent to you"),
        "matchmaking": _("B2B matchmaking"),
        "onsite": _("On site: check-in, badge, certificate"),
    }


def personal_data_pdf(*, data: dict, title: str) -> bytes:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13)
    heading = ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=13, leading=17, spaceBefore=8)
    story = [Paragraph(escape(title), ParagraphStyle("title", parent=heading, fontSize=16))]
    titles = _section_titles()
    for section, value in data.items():
        label = titles.get(section) or section.replace("_", " ").capitalize()
        story.append(Paragraph(escape(label), heading))
        for depth, text in _lines(value):
            style = ParagraphStyle(f"d{depth}", parent=body, leftIndent=depth * 6 * mm)
            story.append(Paragraph(escape(text), style))
        story.append(Spacer(1, 3 * mm))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title, leftMargin=18 * mm, rightMargin=18 * mm).build(
        story
    )
    return out.getvalue()
