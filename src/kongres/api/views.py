"""The API's views: token, scope and role checks, edition scope, filters, pagination.

The serializers and list queries come from the apps' ``api.py``; writes go through the apps'
services, so the same rules and row locks apply as in the back office.
"""

import uuid

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_scopes import scope
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.response import Response

from kongres.api.enums import ApiScope
from kongres.api.errors import ErrorSerializer
from kongres.events.api import EditionSerializer
from kongres.events.models import Edition
from kongres.matchmaking.api import (
    MeetingSerializer,
    ProfileSerializer,
    meetings_api_list,
    profiles_api_list,
)
from kongres.matchmaking.enums import MeetingState
from kongres.onsite.api import (
    CheckInCreateSerializer,
    CheckInResultSerializer,
    CheckInSerializer,
    checkin_api_create,
    checkins_api_list,
)
from kongres.onsite.enums import ScanOutcome
from kongres.onsite.exceptions import OnsiteError
from kongres.program.api import SessionSerializer, SpeakerSerializer
from kongres.program.models import Session, SessionSpeaker, Speaker
from kongres.registration.api import (
    RegistrationPatchSerializer,
    RegistrationSerializer,
    registrations_api_list,
)
from kongres.registration.enums import RegistrationState
from kongres.registration.services.self_service import registration_update

MAX_ID = 2**63 - 1


class EditionAPIView(generics.GenericAPIView):
    """A view of one edition (``edition_slug`` in the path), run inside its scope."""

    read_scope: str = ""
    write_scope: str = ""
    filter_serializer: type[serializers.Serializer] | None = None
    edition: Edition | None = None

    def required_scope(self, request) -> str:
        if request.method in permissions.SAFE_METHODS:
            return self.read_scope
        return self.write_scope

    def dispatch(self, request, *args, **kwargs):
        slug = kwargs.get("edition_slug", "")
        self.edition = Edition.objects.filter(slug=slug).first() if slug else None
        with scope(edition=self.edition):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A misspelt filter must not silently return everything: unknown parameters are a 400.
        allowed = set()
        if self.filter_serializer is not None:
            allowed |= set(self.filter_serializer().fields)
        if request.method == "GET" and self.pagination_class is not None and "pk" not in kwargs:
            allowed |= {"cursor", "page_size"}
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise exceptions.ValidationError(
                {name: [_("Unknown query parameter.")] for name in unknown}
            )

    def filters(self) -> dict:
        if self.filter_serializer is None:
            return {}
        params = self.request.query_params
        serializer = self.filter_serializer(data=params)
        blank = [name for name in serializer.fields if name in params and not params[name].strip()]
        if blank:
            raise exceptions.ValidationError(
                {name: [_("Give a value or leave the filter out.")] for name in blank}
            )
        serializer.is_valid(raise_exception=True)
        return {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}

    def get_object(self):
        try:
            pk = int(self.kwargs["pk"])
        except ValueError:
            raise exceptions.NotFound() from None
        if pk > MAX_ID:
            raise exceptions.NotFound()
        obj = self.get_queryset().filter(pk=pk).first()
        if obj is None:
            raise exceptions.NotFound()
        return obj


# --- Editions --------------------------------------------------------------------------------
class EditionListView(EditionAPIView):
    """The token's own edition (a token is bound to one edition)."""

    serializer_class = EditionSerializer
    read_scope = ApiScope.EDITIONS_READ
    pagination_class = None

    def check_permissions(self, request):
        token = request.auth
        self.edition = getattr(token, "edition", None)
        if self.edition is None and token is not None:
            raise exceptions.NotFound()
        super().check_permissions(request)

    @extend_schema(operation_id="editions_list", responses=EditionSerializer(many=True))
    def get(self, request):
        return Response(EditionSerializer([self.edition], many=True).data)


class EditionDetailView(EditionAPIView):
    serializer_class = EditionSerializer
    read_scope = ApiScope.EDITIONS_READ

    def get(self, request, edition_slug):
        return Response(EditionSerializer(self.edition).data)


# --- Program ---------------------------------------------------------------------------------
class SessionListView(EditionAPIView, generics.ListAPIView):
    serializer_class = SessionSerializer
    read_scope = ApiScope.PROGRAM_READ

    def get_queryset(self):
        appearances = SessionSpeaker.objects.select_related("speaker").order_by("order", "id")
        return (
            Session.objects.filter(edition=self.edition)
            .select_related("room", "theme")
            .prefetch_related(Prefetch("appearances", queryset=appearances))
            .order_by("id")
        )


class SpeakerListView(EditionAPIView, generics.ListAPIView):
    serializer_class = SpeakerSerializer
    read_scope = ApiScope.PROGRAM_READ

    def get_queryset(self):
        return Speaker.objects.filter(edition=self.edition).order_by("id")


# --- Registrations ---------------------------------------------------------------------------
class RegistrationFilter(serializers.Serializer):
    state = serializers.ChoiceField(choices=RegistrationState.choices, required=False)
    category = serializers.SlugField(max_length=50, required=False, help_text="Category slug.")
    updated_since = serializers.DateTimeField(
        required=False, help_text="ISO 8601; changed at or after this time."
    )


class RegistrationListView(EditionAPIView, generics.ListAPIView):
    serializer_class = RegistrationSerializer
    read_scope = ApiScope.REGISTRATIONS_READ
    filter_serializer = RegistrationFilter

    def get_queryset(self):
        return registrations_api_list(edition=self.edition, **self.filters())

    @extend_schema(parameters=[RegistrationFilter])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(parameters=[OpenApiParameter("pk", int, OpenApiParameter.PATH)])
class RegistrationDetailView(EditionAPIView):
    serializer_class = RegistrationSerializer
    read_scope = ApiScope.REGISTRATIONS_READ
    write_scope = ApiScope.REGISTRATIONS_WRITE

    def get_queryset(self):
        return registrations_api_list(edition=self.edition)

    def get(self, request, edition_slug, pk):
        return Response(RegistrationSerializer(self.get_object()).data)

    @extend_schema(request=RegistrationPatchSerializer, responses=RegistrationSerializer)
    def patch(self, request, edition_slug, pk):
        registration = self.get_object()
        patch = RegistrationPatchSerializer(data=request.data, partial=True)
        patch.is_valid(raise_exception=True)
        registration = registration_update(
            registration=registration, changes=patch.validated_data, actor=request.user
        )
        return Response(RegistrationSerializer(self.get_object()).data)


# --- Check-ins -------------------------------------------------------------------------------
class CheckInFilter(serializers.Serializer):
    since = serializers.DateTimeField(
        required=False, help_text="ISO 8601; received at or after this time."
    )
    point = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Check-in point id."
    )


class CheckInListView(EditionAPIView, generics.ListAPIView):
    serializer_class = CheckInSerializer
    read_scope = ApiScope.CHECKINS_READ
    write_scope = ApiScope.CHECKINS_WRITE
    filter_serializer = CheckInFilter

    def get_queryset(self):
        return checkins_api_list(edition=self.edition, **self.filters())

    def filters(self) -> dict:
        return super().filters() if self.request.method == "GET" else {}

    @extend_schema(parameters=[CheckInFilter])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="checkins_create",
        parameters=[],
        request=CheckInCreateSerializer,
        responses={
            201: OpenApiResponse(CheckInResultSerializer, description="Checked in."),
            200: OpenApiResponse(
                CheckInResultSerializer,
                description='Already checked in at this point (outcome "repeated"): the '
                "first check-in, nothing new.",
            ),
            409: OpenApiResponse(
                ErrorSerializer,
                description="Refused (code: the reason, e.g. cancelled, not_confirmed, "
                "unknown_ticket, wrong_day, not_signed_up); recorded as a refused scan.",
            ),
        },
    )
    def post(self, request, edition_slug):
        """Check a person in, as a door device would (the same rules and duplicate handling);
        fires the ``checkin.created`` webhook."""
        data = CheckInCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # The token is the device: its scans are grouped under one device of the edition.
        device_key = uuid.uuid5(uuid.NAMESPACE_URL, f"kongres:api-token:{request.auth.pk}")
        try:
            answer = checkin_api_create(
                edition=self.edition,
                user=request.user,
                device_key=device_key,
                code=data.validated_data.get("code", ""),
                registration=data.validated_data.get("registration"),
                point=data.validated_data.get("point"),
            )
        except OnsiteError as error:
            raise exceptions.ValidationError({"non_field_errors": [str(error.message)]}) from None
        if answer.outcome == ScanOutcome.REFUSED:
            return Response({"detail": answer.message, "code": answer.reason}, status=409)
        body = CheckInResultSerializer(answer).data
        return Response(body, status=201 if answer.outcome == ScanOutcome.ACCEPTED else 200)


# --- Matchmaking -----------------------------------------------------------------------------
class ProfileListView(EditionAPIView, generics.ListAPIView):
    serializer_class = ProfileSerializer
    read_scope = ApiScope.MATCHMAKING_READ

    def get_queryset(self):
        return profiles_api_list(edition=self.edition)


class MeetingFilter(serializers.Serializer):
    state = serializers.ChoiceField(choices=MeetingState.choices, required=False)


class MeetingListView(EditionAPIView, generics.ListAPIView):
    serializer_class = MeetingSerializer
    read_scope = ApiScope.MATCHMAKING_READ
    filter_serializer = MeetingFilter

    def get_queryset(self):
        return meetings_api_list(edition=self.edition, **self.filters())

    @extend_schema(parameters=[MeetingFilter])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([])
def not_found(request):
    raise exceptions.NotFound(_("No such API address."))
