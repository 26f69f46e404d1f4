"""Personal data on site (GDPR): the export section and erasure, registered in ready().

Scans, check-ins and badge prints hold no name of their own (they point at the registration,
which is anonymised): they stay, so the attendance figures stay true. The staff note about the
person is deleted and the certificate's printed name is blanked.
"""

from django.db import transaction
from django_scopes import scopes_disabled

from kongres.onsite.models import BadgePrint, Certificate, CheckIn, StaffNote

ERASED = "—"


def personal_data(registration) -> dict:
    with scopes_disabled():
        check_ins = (
            CheckIn.objects.filter(registration_id=registration.pk)
            .select_related("point")
            .order_by("scanned_at", "pk")
        )
        badge = BadgePrint.objects.filter(registration_id=registration.pk).first()
        certificate = Certificate.objects.filter(registration_id=registration.pk).first()
        note = StaffNote.objects.filter(registration_id=registration.pk).first()
        return {
            "check_ins": [
                {"point": row.point.name, "at": row.scanned_at.isoformat()} for row in check_ins
            ],
            "badge_printed": badge.count if badge else 0,
            "certificate": (
                {
                    "code": certificate.code,
                    "name": certificate.full_name,
                    "days": certificate.days,
                    "issued_at": certificate.issued_at.isoformat(),
                }
                if certificate
                else None
            ),
            "note_for_check_in_staff": note.text if note else "",
        }


def registration_erased(registration) -> None:
    with transaction.atomic(), scopes_disabled():
        StaffNote.objects.filter(registration_id=registration.pk).delete()
        Certificate.objects.filter(registration_id=registration.pk).update(full_name=ERASED)
