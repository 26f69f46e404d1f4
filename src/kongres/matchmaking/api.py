"""REST API serializers and list queries of matchmaking (views in ``kongres.api``)."""

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers

from kongres.events.models import Edition
from kongres.matchmaking.models import Meeting, Profile, Sector


class ProfileSerializer(serializers.ModelSerializer):
    sectors = serializers.SerializerMethodField()

    class Meta:
        model = Profile
        fields = [
            "id",
            "registration",
            "is_active",
            "organisation",
            "description",
            "sectors",
            "cooperation_types",
            "languages",
            "max_meetings",
            "updated_at",
        ]
        read_only_fields = fields

    def get_sectors(self, profile) -> list[str]:
        return [f"{sector.kind}:{sector.code}" for sector in profile.sectors.all()]


class MeetingSerializer(serializers.ModelSerializer):
    starts_at = serializers.DateTimeField(
        source="slot.starts_at", read_only=True, default=None, allow_null=True
    )
    ends_at = serializers.DateTimeField(
        source="slot.ends_at", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "a",
            "b",
            "state",
            "starts_at",
            "ends_at",
            "table",
            "is_published",
            "held",
            "updated_at",
        ]
        read_only_fields = fields


def profiles_api_list(*, edition: Edition) -> QuerySet[Profile]:
    return (
        Profile.objects.filter(edition=edition)
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("kind", "code")))
        .order_by("id")
    )


def meetings_api_list(*, edition: Edition, state: str = "") -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(edition=edition).select_related("slot")
    if state:
        meetings = meetings.filter(state=state)
    return meetings.order_by("id")
