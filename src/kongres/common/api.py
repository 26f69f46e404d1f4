"""Serializer plumbing shared by the apps' ``api.py`` modules (Django REST Framework)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(
    {"type": "object", "additionalProperties": {"type": "string"}, "example": {"pl": "", "en": ""}}
)
class I18nField(serializers.Field):
    """A translatable text (``django-i18nfield``) as ``{language: text}``, read-only."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        data = getattr(value, "data", value)
        if data is None:
            return {}
        if isinstance(data, dict):
            return {str(k): str(v) for k, v in data.items() if v is not None}
        return {"pl": str(data)}


@extend_schema_field(OpenApiTypes.STR)
class SlugOfField(serializers.Field):
    """The slug of a related object fetched with ``select_related`` (no extra query)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value.slug
