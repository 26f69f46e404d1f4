"""Check-in in the back office: points are set up here; devices, scans and check-ins are read.

Scans and check-ins are written only by the check-in service (``services.scans_record``), so
their admin pages are read-only: history is never edited by hand.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kongres.common.admin import KongresModelAdmin
from kongres.events.admin_access import EditionTeamAdminMixin
from kongres.onsite.enums import PointKind
from kongres.onsite.models import CheckIn, CheckInPoint, Device, Scan, StaffNote


class CheckInPointForm(forms.ModelForm):
    # No Meta: the admin builds the form class per request, inside the admin's lifted scope.

    def clean(self):
        data = super().clean()
        edition, kind, session = data.get("edition"), data.get("kind"), data.get("session")
        if kind == PointKind.HALL and session is not None:
            self.add_error("session", _("A hall entrance is not tied to a session."))
        if kind and kind != PointKind.HALL and session is None:
            self.add_error("session", _("Choose the study visit or session of this point."))
        if edition and session and session.edition_id != edition.pk:
            self.add_error("session", _("This program entry belongs to another edition."))
        if edition and any(day.edition_id != edition.pk for day in data.get("days") or ()):
            self.add_error("days", _("These days belong to another edition."))
        return data


@admin.register(CheckInPoint)
class CheckInPointAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.program:write"

    form = CheckInPointForm
    fields = ("edition", "kind", "name", "session", "days", "is_active", "order")
    list_display = ("name", "edition", "kind", "session", "is_active", "order")
    list_filter = ("edition", "kind", "is_active")
    list_select_related = ("edition", "session")
    filter_horizontal = ("days",)
    search_fields = ("name",)


class ReadOnlyAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Device)
class DeviceAdmin(ReadOnlyAdmin):
    list_display = ("key", "label", "edition", "user", "last_seen_at", "clock_offset_seconds")
    list_filter = ("edition",)
    list_select_related = ("edition", "user")


@admin.register(Scan)
class ScanAdmin(ReadOnlyAdmin):
    list_display = (
        "scanned_at",
        "registration",
        "point",
        "outcome",
        "reason",
        "device",
        "offline",
        "clock_flagged",
    )
    list_filter = ("edition", "outcome", "reason", "point", "offline", "clock_flagged")
    list_select_related = ("registration", "point", "device")
    search_fields = ("registration__last_name", "registration__email", "device_scan_id")
    date_hierarchy = "scanned_at"


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ("scanned_at", "registration", "point", "device", "received_at")
    list_filter = ("edition", "point")
    list_select_related = ("registration", "point", "device")
    search_fields = ("registration__last_name", "registration__email")
    date_hierarchy = "scanned_at"


@admin.register(StaffNote)
class StaffNoteAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.registrations:write"

    list_display = ("registration", "text", "edition")
    list_filter = ("edition",)
    list_select_related = ("registration", "edition")
    raw_id_fields = ("registration",)
    search_fields = ("registration__last_name", "text")
