"""REST API serializers, list query and create of check-ins (views in ``kongres.api``)."""

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from kongres.events.models import Edition
from kongres.onsite import codes, services
from kongres.onsite.enums import PointKind, ScanOutcome
from kongres.onsite.exceptions import OnsiteError
from kongres.onsite.models import CheckIn, CheckInPoint, Scan
from kongres.registration.models import Registration


class CheckInSerializer(serializers.ModelSerializer):
    point = serializers.CharField(source="point.name", read_only=True)
    point_kind = serializers.CharField(source="point.kind", read_only=True)

    class Meta:
        model = CheckIn
        fields = ["id", "registration", "point", "point_kind", "scanned_at", "received_at"]
        read_only_fields = fields


def checkins_api_list(*, edition: Edition, since=None, point: int | None = None) -> QuerySet:
    checkins = CheckIn.objects.filter(edition=edition).select_related("point")
    if since is not None:
        checkins = checkins.filter(received_at__gte=since)
    if point is not None:
        checkins = checkins.filter(point_id=point)
    return checkins.order_by("id")


class CheckInCreateSerializer(serializers.Serializer):
    """A check-in through the API: a ticket's QR code or a registration id, at a point."""

    code = serializers.CharField(
        required=False, max_length=500, help_text="The ticket's QR code (ticket token)."
    )
    registration = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="Registration id."
    )
    point = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="Check-in point id; default: the edition's first active hall entrance.",
    )

    def validate(self, data):
        if bool(data.get("code", "").strip()) == (data.get("registration") is not None):
            raise serializers.ValidationError(
                _("Give either the ticket code or the registration id.")
            )
        return data


class CheckInResultSerializer(serializers.Serializer):
    """What the door device would show, and the check-in (none when refused)."""

    outcome = serializers.ChoiceField(choices=ScanOutcome.choices)
    reason = serializers.CharField(allow_blank=True)
    message = serializers.CharField()
    checkin = CheckInSerializer(allow_null=True)


@dataclass
class CheckInAnswer:
    outcome: str
    reason: str
    message: str
    checkin: CheckIn | None


def checkin_api_create(
    *, edition: Edition, user, device_key: uuid.UUID, code="", registration=None, point=None
) -> CheckInAnswer:
    """Check a person in through ``services.scans_record`` (an online batch of one scan, the
    token's own device): the same rules, locks, duplicate handling and activity-log entry (the
    ``checkin.created`` webhook) as a door device. Raises ``OnsiteError`` for bad input."""
    points = CheckInPoint.objects.filter(edition=edition, is_active=True)
    if point is None:
        chosen = points.filter(kind=PointKind.HALL).order_by("order", "id").first()
        if chosen is None:
            raise OnsiteError(_("This edition has no active hall entrance; give a point."))
    else:
        chosen = points.filter(pk=point).first()
        if chosen is None:
            raise OnsiteError(_("No active check-in point with this id in this edition."))
    scan = {"id": uuid.uuid4().hex, "point": chosen.pk, "at": timezone.now().isoformat()}
    if registration is not None:
        if not Registration.objects.filter(edition=edition, pk=registration).exists():
            raise OnsiteError(_("No registration with this id in this edition."))
        scan["ref"] = codes.person_ref(edition_id=edition.pk, registration_id=registration)
    else:
        scan["code"] = code.strip()
    result = services.scans_record(
        edition=edition,
        user=user,
        data={"device": str(device_key), "now": scan["at"], "scans": [scan]},
        offline=False,
    ).results[0]
    checkin = None
    if result["outcome"] != ScanOutcome.REFUSED:
        stored = Scan.objects.get(device__key=device_key, device_scan_id=scan["id"])
        checkin = (
            CheckIn.objects.filter(point=chosen, registration_id=stored.registration_id)
            .select_related("point")
            .first()
        )
    return CheckInAnswer(
        outcome=result["outcome"],
        reason=result["reason"],
        message=result["message"],
        checkin=checkin,
    )
