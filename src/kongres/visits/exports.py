"""The visit list for hosts and coach companies: who comes, by seat, then the waiting list.

Rows are read and formatted in the active language and ``Europe/Warsaw`` time into a
``kongres.common.exports.Table``; the admin makes a CSV or XLSX download of it.
"""

from django.utils.translation import gettext as _

from kongres.common.exports import Table, field_label
from kongres.visits.enums import ACTIVE_STATES, SEATED_STATES
from kongres.visits.models import Signup


def _registration_model():
    """The registration model, reached through the sign-up's string foreign key (visits sits
    below registration and does not import it); resolved when called, after apps are loaded."""
    return Signup._meta.get_field("registration").related_model


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
    registration_model = _registration_model()
    header = [
        _("No."),
        field_label(registration_model, "last_name"),
        field_label(registration_model, "first_name"),
        field_label(registration_model, "organisation"),
        field_label(registration_model, "phone"),
        field_label(registration_model, "email"),
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
