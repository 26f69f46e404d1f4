"""REST API serializers of the program (views in ``kongres.api``)."""

from rest_framework import serializers

from kongres.common.api import I18nField
from kongres.program.models import Session, SessionSpeaker, Speaker


class SpeakerSerializer(serializers.ModelSerializer):
    position = I18nField()
    bio = I18nField()

    class Meta:
        model = Speaker
        fields = ["id", "slug", "name", "organisation", "position", "bio", "updated_at"]


class SessionSpeakerSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="speaker_id", read_only=True)
    name = serializers.CharField(source="speaker.name", read_only=True)

    class Meta:
        model = SessionSpeaker
        fields = ["id", "name", "role"]


class SessionSerializer(serializers.ModelSerializer):
    title = I18nField()
    abstract = I18nField()
    room = serializers.SerializerMethodField()
    theme = serializers.SerializerMethodField()
    speakers = SessionSpeakerSerializer(source="appearances", many=True, read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "slug",
            "kind",
            "title",
            "abstract",
            "start",
            "end",
            "room",
            "theme",
            "capacity",
            "speakers",
            "updated_at",
        ]

    def get_room(self, session) -> str | None:
        return str(session.room.name) if session.room_id else None

    def get_theme(self, session) -> str | None:
        return session.theme.slug if session.theme_id else None
