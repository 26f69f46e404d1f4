"""Every API error is JSON: ``{"detail": ..., "code": ..., "errors": {field: [...]}}``."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler

from kongres.registration.exceptions import RegistrationError


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(name): [str(m) for m in (value if isinstance(value, list) else [value])]
            for name, value in detail.items()
        }
    return {"non_field_errors": [str(m) for m in detail]}


def api_exception_handler(exc, context):
    if isinstance(exc, RegistrationError):
        # A domain rule said no: the same translated text the pages show, as a 400.
        return Response({"detail": str(exc.message), "code": "refused"}, status=400)
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real bug: Django's 500 (logged), never hidden
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "detail": _("The request is not valid."),
            "code": "invalid",
            "errors": _flatten(exc.detail),
        }
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        response.data = {
            "detail": str(exc.detail),
            "code": codes if isinstance(codes, str) else "error",
        }
    else:  # Http404 and PermissionDenied of Django, converted by DRF
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        response.data = {"detail": str(detail), "code": "error"}
    return response
