from django.contrib import admin

from kongres.common.admin import KongresModelAdmin, KongresTabularInline
from kongres.events.admin_access import EditionTeamAdminMixin
from kongres.program.models import Day, Room, Session, SessionSpeaker, Speaker, Theme


@admin.register(Day)
class DayAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.program:write"

    list_display = ("date", "name", "edition")
    list_filter = ("edition",)
    list_select_related = ("edition",)


@admin.register(Room)
class RoomAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.program:write"

    list_display = ("name", "capacity", "order", "edition")
    list_filter = ("edition",)
    list_select_related = ("edition",)


@admin.register(Theme)
class ThemeAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.program:write"

    list_display = ("name", "slug", "order", "edition")
    list_filter = ("edition",)
    list_select_related = ("edition",)


class SessionSpeakerInline(EditionTeamAdminMixin, KongresTabularInline):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.program:write"

    model = SessionSpeaker
    autocomplete_fields = ("speaker",)


@admin.register(Session)
class SessionAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.program:write"

    list_display = ("title", "kind", "start", "end", "room", "theme", "is_example_data")
    list_filter = ("edition", "day", "kind", "theme", "room", "is_example_data")
    list_select_related = ("room", "theme", "edition")
    search_fields = ("slug",)
    inlines = [SessionSpeakerInline]
    fieldsets = (
        (None, {"fields": ("edition", "kind", "title", "slug", "abstract")}),
        (None, {"fields": ("day", "start", "end", "room", "theme", "capacity")}),
        (None, {"fields": ("is_example_data",)}),
    )


@admin.register(Speaker)
class SpeakerAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.program:write"

    list_display = ("name", "organisation", "edition", "is_example_data")
    list_filter = ("edition", "is_example_data")
    list_select_related = ("edition",)
    search_fields = ("name", "organisation")
    prepopulated_fields = {"slug": ("name",)}
