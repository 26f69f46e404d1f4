"""Cursor pagination by id: stable while rows are added, no COUNT, one query per page."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination

PAGE_SIZE = 100


class IdCursorPagination(pagination.CursorPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = PAGE_SIZE
    ordering = "id"
    invalid_cursor_message = _("Invalid cursor: use the next or previous link as given.")

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise exceptions.ParseError(self.invalid_cursor_message) from None
        position = cursor.position if cursor is not None else None
        if position is not None and (not position.isdigit() or len(position) > 18):
            raise exceptions.ParseError(self.invalid_cursor_message)
        return cursor

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and (not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size):
            raise exceptions.ParseError(
                _("page_size must be a whole number from 1 to %(max)d.")
                % {"max": self.max_page_size}
            )
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": PAGE_SIZE}
        return parameters
