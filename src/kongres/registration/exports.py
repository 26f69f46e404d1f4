"""Exports for organisers, hosts, coach companies and catering: CSV and XLSX.

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

The functions building rows are selectors in spirit: they read, format in the active language
and in ``Europe/Warsaw`` time, and return a ``Table``; ``to_csv`` and ``to_xlsx`` turn a table
into bytes; ``export_response`` makes a download of it. Views decide who may download what.
"""

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kongres.registration.enums import HOLDING_STATES, ConsentKind
from kongres.registration.models import ConsentRecord, Question, Registration
from kongres.visits.enums import ACTIVE_STATES, SEATED_STATES
from kongres.visits.models import Signup

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


def _field_label(model, name: str) -> str:
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


# --- Registrations ----------------------------------------------------------------------------


def answer_text(question: Question | None, value) -> str:
    """A stored answer as text: option labels instead of option values where known."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    labels = {}
    if question is not None:
        for option in question.options or []:
            if isinstance(option, dict) and "value" in option:
                label = option.get("label", option["value"])
                if isinstance(label, dict):
                    language = (get_language() or "pl")[:2]
                    label = label.get(language) or label.get("pl") or option["value"]
                labels[str(option["value"])] = str(label)
    if isinstance(value, list):
        return ", ".join(labels.get(str(item), str(item)) for item in value)
    return labels.get(str(value), str(value))


def registrations_rows(queryset: QuerySet) -> Table:
    """One row per registration, with answers to the questions and the consents given.

    Answers are stored under the question's id (``{"12": "linkedin"}``); every question of the
    editions in the queryset gets a column. Two queries for questions and consents, however
    many registrations.
    """
    queryset = queryset.select_related(
        "edition", "category", "group", "invitation_code"
    ).prefetch_related(
        Prefetch(
            "consents",
            queryset=ConsentRecord.objects.filter(withdrawn_at__isnull=True).select_related(
                "consent"
            ),
            to_attr="active_consents",
        )
    )
    registrations = list(queryset.order_by("edition_id", "created_at", "id"))
    editions = sorted({r.edition_id for r in registrations})
    questions = list(
        Question.objects.filter(edition_id__in=editions).order_by("edition_id", "order", "id")
    )
    fields = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "organisation",
        "position",
        "organisation_type",
        "cluster_member",
        "cluster_name",
        "voivodeship",
        "country",
        "nip",
        "dietary_needs",
        "accessibility_needs",
        "language",
    ]
    header = [
        _("No."),
        _field_label(Registration, "edition"),
        _field_label(Registration, "category"),
        _field_label(Registration, "state"),
        *(_field_label(Registration, name) for name in fields),
        _field_label(Registration, "group"),
        _field_label(Registration, "invitation_code"),
        _("Registered"),
        _field_label(Registration, "confirmed_at"),
        _field_label(Registration, "cancelled_at"),
        _field_label(Registration, "cancel_reason"),
        *(_("Consent: %(kind)s") % {"kind": label} for label in ConsentKind.labels),
        *(str(question.label) for question in questions),
    ]
    rows = []
    for registration in registrations:
        given = {record.consent.kind: record.consent for record in registration.active_consents}
        values = []
        for name in fields:
            display = getattr(registration, f"get_{name}_display", None)
            values.append(display() if display else getattr(registration, name))
        rows.append(
            [
                registration.pk,
                registration.edition.slug,
                str(registration.category),
                registration.get_state_display(),
                *values,
                str(registration.group) if registration.group else "",
                registration.invitation_code.code if registration.invitation_code else "",
                registration.created_at,
                registration.confirmed_at,
                registration.cancelled_at,
                registration.get_cancel_reason_display() if registration.cancel_reason else "",
                *(
                    f"v{given[kind].version}" if kind in given else ""
                    for kind in ConsentKind.values
                ),
                *(
                    answer_text(question, registration.answers.get(str(question.pk)))
                    if question.edition_id == registration.edition_id
                    else ""
                    for question in questions
                ),
            ]
        )
    return Table(header, rows)


# --- Visit lists for hosts and coaches --------------------------------------------------------


def _may_see_id_data(session, user) -> bool:
    visit = getattr(session, "study_visit", None)
    return bool(
        visit is not None and visit.requires_id_data and user is not None and user.is_superuser
    )


def visit_list_rows(session, *, user=None) -> Table:
    """Who comes to a session with seats: seated people by seat, then the waiting list.

    Cancelled sign-ups are left out. ID document columns appear only when the visit's host
    needs ID data and the user is a superuser.
    """
    visit = getattr(session, "study_visit", None)
    with_id_data = _may_see_id_data(session, user)
    signups = Signup.objects.filter(session=session, state__in=ACTIVE_STATES).select_related(
        "registration__category"
    )
    if with_id_data:
        signups = signups.select_related("id_data")
    signups = sorted(
        signups,
        key=lambda s: (
            0 if s.state in SEATED_STATES else 1,
            s.seat or 0,
            s.created_at,
            s.pk,
        ),
    )
    meeting_point = str(visit.meeting_point) if visit is not None else ""
    departure = visit.departure_at if visit is not None else session.start
    header = [
        _("No."),
        _field_label(Registration, "last_name"),
        _field_label(Registration, "first_name"),
        _field_label(Registration, "organisation"),
        _field_label(Registration, "phone"),
        _field_label(Registration, "email"),
        _("Sign-up"),
        _("Registration"),
        _("Seat"),
        _("Meeting point"),
        _("Departure"),
    ]
    if with_id_data:
        header += [_("Document"), _("Document number"), _("Date of birth"), _("Citizenship")]
    rows = []
    for number, signup in enumerate(signups, start=1):
        registration = signup.registration
        row = [
            number,
            registration.last_name,
            registration.first_name,
            registration.organisation,
            registration.phone,
            registration.email,
            signup.get_state_display(),
            registration.get_state_display(),
            signup.seat,
            meeting_point,
            departure,
        ]
        if with_id_data:
            id_data = getattr(signup, "id_data", None)
            row += (
                [
                    id_data.get_document_type_display(),
                    id_data.document_number,
                    id_data.date_of_birth,
                    id_data.nationality,
                ]
                if id_data is not None
                else ["", "", "", ""]
            )
        rows.append(row)
    return Table(header, rows)


# --- Catering ---------------------------------------------------------------------------------


def dietary_rows(edition) -> Table:
    """People holding a place who told us about dietary or accessibility needs, and counts.

    Below the list: the number of people holding a place (for the number of meals) and how
    many asked for each diet, the same wording counted once whatever its letter case.
    """
    holders = Registration.objects.filter(edition=edition, state__in=HOLDING_STATES)
    people = list(
        holders.exclude(dietary_needs="", accessibility_needs="")
        .select_related("category")
        .order_by("last_name", "first_name", "id")
    )
    header = [
        _("No."),
        _field_label(Registration, "last_name"),
        _field_label(Registration, "first_name"),
        _field_label(Registration, "organisation"),
        _field_label(Registration, "category"),
        _field_label(Registration, "state"),
        _field_label(Registration, "dietary_needs"),
        _field_label(Registration, "accessibility_needs"),
    ]
    rows: list[list] = [
        [
            number,
            r.last_name,
            r.first_name,
            r.organisation,
            str(r.category),
            r.get_state_display(),
            r.dietary_needs,
            r.accessibility_needs,
        ]
        for number, r in enumerate(people, start=1)
    ]
    diets: Counter = Counter()
    spelling: dict[str, str] = {}
    for r in people:
        need = " ".join(r.dietary_needs.split())
        if need:
            key = need.casefold()
            spelling.setdefault(key, need)
            diets[key] += 1
    rows.append([])
    rows.append(["", _("People holding a place"), holders.count()])
    rows.append(["", _("With dietary needs"), sum(diets.values())])
    rows.append(
        ["", _("With accessibility needs"), sum(1 for r in people if r.accessibility_needs.strip())]
    )
    for key, count in sorted(diets.items(), key=lambda item: (-item[1], item[0])):
        rows.append(["", spelling[key], count])
    return Table(header, rows)


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
