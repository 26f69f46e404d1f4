"""Group registrations and their members (read-only)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from kongres.common.admin import KongresModelAdmin
from kongres.events.admin_access import EditionTeamAdminMixin
from kongres.registration.admin.base import _ReadOnlyInline
from kongres.registration.models import (
    Registration,
    RegistrationGroup,
)


class GroupMemberInline(_ReadOnlyInline):
    model = Registration
    fields = ("first_name", "last_name", "email", "category", "state")
    readonly_fields = fields
    show_change_link = True
    verbose_name = _("person")
    verbose_name_plural = _("people")


@admin.register(RegistrationGroup)
class RegistrationGroupAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.registrations:write"

    list_display = (
        "organisation",
        "coordinator_name",
        "coordinator_email",
        "members",
        "edition",
        "created_at",
    )
    list_filter = ("edition",)
    list_select_related = ("edition",)
    search_fields = ("organisation", "coordinator_name", "coordinator_email")
    readonly_fields = ("edition", "created_at", "updated_at")
    inlines = [GroupMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("registrations"))

    @admin.display(description=_("people"), ordering="member_count")
    def members(self, obj):
        return obj.member_count

    def has_add_permission(self, request):
        return False  # groups are made by coordinators through the group form
