"""REST API serializers and list queries of check-ins (views in ``kongres.api``)."""

from django.db.models import QuerySet
from rest_framework import serializers

from kongres.events.models import Edition
from kongres.onsite.models import CheckIn


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
