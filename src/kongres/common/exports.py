"""Tables for download: CSV and XLSX, safe against formula injection.

Formula injection (OWASP "CSV injection"): text that a spreadsheet would read as a formula
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return. A participant who types
``=HYPERLINK(…)`` as their organisation must see their own text in the organiser's
spreadsheet, and nothing may run.
- CSV has no cell types, so ``safe_cell`` prefixes such text with an apostrophe.
- XLSX has them: every text is written as a string cell (openpyxl would otherwise store text
  starting with ``=`` as a formula), and text starting with a formula character also gets
  Excel's "quote prefix" style, the flag Excel itself sets when one types a leading
  apostrophe: the raw text is shown (a phone number reads ``+48 …``) and stays text when the
  cell is edited.
HTML needs no escaping here: a CSV or XLSX cell is plain text and is shown as such.

The apps build their rows (``registration.exports``, ``visits.exports``) as a ``Table``;
``to_csv`` and ``to_xlsx`` turn a table into bytes; ``export_response`` makes a download of it.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)

# Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Semicolon, not comma: Excel in the Polish locale (where the comma is the decimal separator)
# splits a double-clicked CSV on semicolons only. LibreOffice asks and guesses it right, and
# every CSV library takes the delimiter as a parameter.
CSV_DELIMITER = ";"


class Table(NamedTuple):
    header: list[str]
    rows: list[list]


def _plain(value):
    """A value as a cell shows it: numbers stay numbers, everything else becomes text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def safe_cell(value):
    """A value safe for a CSV cell: text starting with a formula character gets an apostrophe.

    Numbers stay numbers (a negative number is not a formula); ``None`` is empty.
    """
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def field_label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


# --- Writers -------------------------------------------------------------------------------


def to_csv(rows: Iterable[Sequence], header: Sequence) -> bytes:
    """UTF-8 with a byte order mark (so Excel reads Polish letters right), ``;`` separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([safe_cell(str(name)) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[Sequence], header: Sequence, *, title: str = "") -> bytes:
    """One worksheet; text cells are strings (never formulas), the header bold and frozen."""
    workbook = Workbook()
    sheet = workbook.active
    # Sheet titles: at most 31 characters, none of []:*?/\ .
    sheet.title = "".join(c for c in (title or "Export") if c not in "[]:*?/\\")[:31] or "Export"
    widths: dict[int, int] = {}
    for row_number, row in enumerate([header, *rows], start=1):
        for column, value in enumerate(row, start=1):
            value = _plain(value)
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                # Control characters are not allowed in XML and mean nothing in a list.
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.value = value
                cell.data_type = "s"  # openpyxl would store text starting with "=" as a formula
                if value.startswith(FORMULA_PREFIXES):
                    cell.quotePrefix = True
            else:
                cell.value = value
            if row_number == 1:
                cell.font = Font(bold=True)
            widths[column] = max(widths.get(column, 0), len(str(value)))
    sheet.freeze_panes = "A2"
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- HTTP -------------------------------------------------------------------------------------

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_filename(stem: str, edition_slug: str, fmt: str, *, today=None) -> str:
    """``registrations-kkp-2025-2025-10-20.csv``: what, which edition, when (local date)."""
    today = today or timezone.localdate()
    return f"{stem}-{edition_slug}-{today.isoformat()}.{fmt}"


def export_response(table: Table, *, fmt: str, stem: str, edition_slug: str) -> HttpResponse:
    """A download of ``table`` as CSV or XLSX; ``fmt`` is checked by the URL pattern."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown export format {fmt!r}")
    if fmt == "csv":
        content = to_csv(table.rows, table.header)
    else:
        content = to_xlsx(table.rows, table.header, title=stem)
    filename = export_filename(stem, edition_slug, fmt)
    return HttpResponse(
        content,
        content_type=CONTENT_TYPES[fmt],
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            # Personal data: not kept by browsers or proxies.
            "Cache-Control": "private, no-store",
        },
    )
