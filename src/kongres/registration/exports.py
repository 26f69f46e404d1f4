"""Exports for organisers and catering: registrations and dietary lists, CSV and XLSX.

The functions building rows are selectors in spirit: they read, format in the active language
and in ``Europe/Warsaw`` time, and return a ``Table``; ``kongres.common.exports`` turns a table
into CSV or XLSX bytes (safe against formula injection) and into a download. The visit list
lives in ``kongres.visits.exports``; its names are re-exported here for older imports.
"""

from collections import Counter

from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kongres.common.exports import (  # noqa: F401  (re-exported: the public export API)
    CONTENT_TYPES,
    CSV_DELIMITER,
    FORMULA_PREFIXES,
    LOCAL_TZ,
    Table,
    export_filename,
    export_response,
    field_label,
    safe_cell,
    to_csv,
    to_xlsx,
)
from kongres.registration.enums import HOLDING_STATES, ConsentKind
from kongres.registration.models import ConsentRecord, Question, Registration
from kongres.visits.exports import visit_list_rows  # noqa: F401  (re-exported)

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
        field_label(Registration, "edition"),
        field_label(Registration, "category"),
        field_label(Registration, "state"),
        *(field_label(Registration, name) for name in fields),
        field_label(Registration, "group"),
        field_label(Registration, "invitation_code"),
        _("Registered"),
        field_label(Registration, "confirmed_at"),
        field_label(Registration, "cancelled_at"),
        field_label(Registration, "cancel_reason"),
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
        field_label(Registration, "last_name"),
        field_label(Registration, "first_name"),
        field_label(Registration, "organisation"),
        field_label(Registration, "category"),
        field_label(Registration, "state"),
        field_label(Registration, "dietary_needs"),
        field_label(Registration, "accessibility_needs"),
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
