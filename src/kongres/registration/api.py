"""REST API serializers and list queries of registrations (views in ``kongres.api``)."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kongres.common.api import SlugOfField
from kongres.events.enums import Voivodeship
from kongres.events.models import Edition
from kongres.registration.enums import CancelReason, OrganisationType
from kongres.registration.models import Registration

# What the API may change, through ``registration_update`` (rules and the row lock apply).
API_EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "organisation",
    "position",
    "organisation_type",
    "cluster_member",
    "cluster_name",
    "voivodeship",
    "dietary_needs",
    "accessibility_needs",
    "language",
)


def _blank_choice(choices):
    """A choice that may be empty, read-only: documented as enum-or-blank in the schema."""
    return serializers.ChoiceField(choices=choices, allow_blank=True, read_only=True)


class RegistrationSerializer(serializers.ModelSerializer):
    category = SlugOfField()
    organisation_type = _blank_choice(OrganisationType.choices)
    voivodeship = _blank_choice(Voivodeship.choices)
    cancel_reason = _blank_choice(CancelReason.choices)

    class Meta:
        model = Registration
        fields = [
            "id",
            "state",
            "category",
            "group",
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
            "dietary_needs",
            "accessibility_needs",
            "language",
            "answers",
            "created_at",
            "updated_at",
            "email_verified_at",
            "confirmed_at",
            "cancelled_at",
            "cancel_reason",
        ]
        read_only_fields = fields

    def to_representation(self, registration):
        """The same output as DRF's field-by-field way (tested), about ten times faster: a list
        page is 100 of these, and field objects cost more than the database here."""
        tz = timezone.get_current_timezone()
        data = {}
        for name in self.Meta.fields:
            if name == "category":
                data[name] = registration.category.slug
            elif name == "group":
                data[name] = registration.group_id
            elif name in _DATETIMES:
                value = getattr(registration, name)
                data[name] = _iso(value, tz) if value is not None else None
            else:
                data[name] = getattr(registration, name)
        return data

    def to_representation_by_fields(self, registration):
        return super().to_representation(registration)


_DATETIMES = frozenset(
    {"created_at", "updated_at", "email_verified_at", "confirmed_at", "cancelled_at"}
)


def _iso(value, tz) -> str:
    text = timezone.localtime(value, tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class RegistrationPatchSerializer(serializers.ModelSerializer):
    """Validates a partial change of personal data; unknown fields are refused."""

    class Meta:
        model = Registration
        fields = list(API_EDITABLE_FIELDS)

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(API_EDITABLE_FIELDS))
        if unknown:
            raise serializers.ValidationError(
                {name: [_("This field cannot be changed through the API.")] for name in unknown}
            )
        if not attrs:
            raise serializers.ValidationError(_("Send at least one field to change."))
        return attrs


def registrations_api_list(
    *, edition: Edition, state: str = "", category: str = "", updated_since=None
) -> QuerySet[Registration]:
    """Registrations of an edition for the API, filtered; one query per page."""
    registrations = Registration.objects.filter(edition=edition).select_related("category")
    if state:
        registrations = registrations.filter(state=state)
    if category:
        registrations = registrations.filter(category__slug=category)
    if updated_since is not None:
        registrations = registrations.filter(updated_at__gte=updated_since)
    return registrations.order_by("id")
