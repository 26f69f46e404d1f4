"""REST API serializers of editions (views in ``kongres.api``)."""

from rest_framework import serializers

from kongres.common.api import I18nField
from kongres.events.models import Edition


class EditionSerializer(serializers.ModelSerializer):
    name = I18nField()
    motto = I18nField()
    venue = serializers.SerializerMethodField()

    class Meta:
        model = Edition
        fields = [
            "id",
            "slug",
            "number",
            "name",
            "motto",
            "status",
            "start_date",
            "end_date",
            "host_city",
            "host_voivodeship",
            "venue",
            "locales",
            "website",
        ]

    def get_venue(self, edition) -> str | None:
        return str(edition.venue) if edition.venue_id else None
