"""The organiser's view of B2B matchmaking in the admin.

Requests and meetings change state only through the services (accept, cancel, move): their
states, slots, tables and drafts are read-only here. The scheduler page, statistics and table
agendas are custom admin views built on ``services.scheduler_run``/``schedule_publish`` and
``selectors.matchmaking_stats``/``table_agendas``.
"""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.common.admin import KongresModelAdmin, KongresTabularInline
from kongres.events.admin_access import EditionTeamAdminMixin
from kongres.matchmaking import services
from kongres.matchmaking.admin_views import OrganiserViews
from kongres.matchmaking.enums import MeetingState
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    ConsultationHost,
    ConsultationSlot,
    Listing,
    MatchmakingSession,
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    Profile,
    SchedulerRun,
    Sector,
    Slot,
)


@admin.register(MatchmakingSettings)
class MatchmakingSettingsAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"

    list_display = (
        "edition",
        "enabled",
        "request_mode",
        "scheduling_mode",
        "booking_opens_at",
        "booking_closes_at",
        "schedule_published_at",
        "organiser_pages",
    )
    list_filter = ("enabled", "request_mode", "scheduling_mode")
    list_select_related = ("edition",)
    readonly_fields = ("schedule_published_at", "follow_up_sent_at")
    fieldsets = (
        (None, {"fields": ("edition", "enabled", "request_mode", "scheduling_mode")}),
        (
            _("Requests"),
            {
                "fields": (
                    "booking_opens_at",
                    "booking_closes_at",
                    "request_expiry_hours",
                    "max_pending_requests",
                    "default_max_meetings",
                    "allow_session_limit",
                )
            },
        ),
        (
            _("After the event"),
            {"fields": ("follow_up_after_hours", "follow_up_sent_at", "schedule_published_at")},
        ),
    )

    def get_urls(self):
        views = OrganiserViews(self)
        wrap = self.admin_site.admin_view
        return [
            path("organiser/", wrap(views.index_view), name="matchmaking_organiser"),
            path(
                "<int:edition_id>/scheduler/",
                wrap(views.scheduler_view),
                name="matchmaking_scheduler",
            ),
            path(
                "<int:edition_id>/scheduler/runs/<int:run_id>/",
                wrap(views.run_view),
                name="matchmaking_scheduler_run",
            ),
            path(
                "<int:edition_id>/scheduler/runs/<int:run_id>/status/",
                wrap(views.run_status_view),
                name="matchmaking_scheduler_run_status",
            ),
            path(
                "<int:edition_id>/statistics/",
                wrap(views.statistics_view),
                name="matchmaking_statistics",
            ),
            path(
                "<int:edition_id>/tables.pdf",
                wrap(views.tables_pdf_view),
                name="matchmaking_tables_pdf",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("organiser pages"))
    def organiser_pages(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:matchmaking_scheduler", args=[obj.edition_id]),
            _("scheduler"),
            reverse("admin:matchmaking_statistics", args=[obj.edition_id]),
            _("statistics"),
        )


class SlotInline(EditionTeamAdminMixin, KongresTabularInline):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"
    team_edition_field = "session__edition"

    model = Slot
    fields = ("code", "starts_at", "ends_at")
    ordering = ("starts_at",)


@admin.register(MatchmakingSession)
class MatchmakingSessionAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"

    list_display = (
        "code",
        "name",
        "edition",
        "starts_at",
        "ends_at",
        "slot_minutes",
        "tables",
        "slot_count",
        "location",
    )
    list_filter = ("edition",)
    list_select_related = ("edition",)
    inlines = (SlotInline,)
    actions = ("generate_slots",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_slots=Count("slots"))

    @admin.display(description=_("slots"), ordering="n_slots")
    def slot_count(self, obj):
        return obj.n_slots

    @admin.action(description=_("Cut the sessions into time slots"))
    def generate_slots(self, request, queryset):
        made = 0
        for session in queryset:
            try:
                made += services.session_slots_generate(session, by=request.user)
            except MatchmakingError as error:
                self.message_user(request, f"{session}: {error.message}", messages.ERROR)
        self.message_user(
            request,
            ngettext("%(count)d time slot made.", "%(count)d time slots made.", made)
            % {"count": made},
        )


@admin.register(Sector)
class SectorAdmin(KongresModelAdmin):
    list_display = ("code", "name", "kind")
    list_filter = ("kind",)
    search_fields = ("code", "name")


class ListingInline(EditionTeamAdminMixin, KongresTabularInline):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"
    team_edition_field = "profile__edition"

    model = Listing
    fields = ("kind", "title", "text", "order")


@admin.register(Profile)
class ProfileAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"

    list_display = (
        "organisation",
        "person",
        "edition",
        "is_active",
        "max_meetings",
        "meeting_count",
        "updated_at",
    )
    list_filter = ("edition", "is_active", "sectors__kind", "is_example_data")
    list_select_related = ("edition", "registration")
    search_fields = (
        "organisation",
        "registration__first_name",
        "registration__last_name",
        "registration__email",
        "description",
    )
    raw_id_fields = ("registration",)
    filter_horizontal = ("sectors", "available_slots")
    readonly_fields = ("created_at", "updated_at")
    inlines = (ListingInline,)
    fields = (
        "edition",
        "registration",
        "is_active",
        "organisation",
        "description",
        "sectors",
        "cooperation_types",
        "languages",
        "max_meetings",
        "available_slots",
        "is_example_data",
        "created_at",
        "updated_at",
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_a=Count(
                    "meetings_as_a",
                    filter=Q(meetings_as_a__state=MeetingState.PLANNED),
                    distinct=True,
                ),
                n_b=Count(
                    "meetings_as_b",
                    filter=Q(meetings_as_b__state=MeetingState.PLANNED),
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("person"), ordering="registration__last_name")
    def person(self, obj):
        return obj.registration.full_name

    @admin.display(description=_("meetings"))
    def meeting_count(self, obj):
        return obj.n_a + obj.n_b

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.profile_reindex(form.instance)


@admin.register(MeetingRequest)
class MeetingRequestAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"

    list_display = ("sender", "recipient", "state", "session", "created_at", "expires_at")
    list_filter = ("edition", "state")
    list_select_related = ("sender__registration", "recipient__registration", "session")
    search_fields = (
        "sender__organisation",
        "recipient__organisation",
        "sender__registration__last_name",
        "recipient__registration__last_name",
    )
    date_hierarchy = "created_at"
    readonly_fields = (
        "edition",
        "sender",
        "recipient",
        "message",
        "state",
        "session",
        "created_at",
        "answered_at",
        "expires_at",
    )

    def has_add_permission(self, request):
        return False


@admin.register(Meeting)
class MeetingAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"

    list_display = (
        "__str__",
        "slot",
        "table",
        "state",
        "is_published",
        "draft_slot",
        "draft_table",
        "held",
        "outcome_a",
        "outcome_b",
    )
    list_filter = ("edition", "state", "is_published", "held", "outcome_a", "outcome_b")
    list_select_related = ("a", "b", "slot", "draft_slot")
    search_fields = ("a__organisation", "b__organisation")
    readonly_fields = (
        "edition",
        "request",
        "a",
        "b",
        "state",
        "slot",
        "table",
        "is_published",
        "draft_slot",
        "draft_table",
        "version",
        "held",
        "outcome_a",
        "outcome_b",
        "cancelled_at",
        "created_at",
        "updated_at",
    )
    fields = (*readonly_fields[:4], "priority", *readonly_fields[4:])
    actions = ("cancel_meetings",)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Cancel the meetings (both sides are told)"))
    def cancel_meetings(self, request, queryset):
        done = 0
        for meeting in queryset.filter(state=MeetingState.PLANNED):
            try:
                services.meeting_cancel(meeting, by=request.user)
                done += 1
            except MatchmakingError as error:
                self.message_user(request, f"{meeting}: {error.message}", messages.ERROR)
        self.message_user(
            request,
            ngettext("%(count)d meeting cancelled.", "%(count)d meetings cancelled.", done)
            % {"count": done},
        )


class ConsultationSlotInline(EditionTeamAdminMixin, KongresTabularInline):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"
    team_edition_field = "host__edition"

    model = ConsultationSlot
    fields = ("starts_at", "ends_at", "topic", "booked_by", "booked_at")
    readonly_fields = ("booked_by", "booked_at")
    ordering = ("starts_at",)


@admin.register(ConsultationHost)
class ConsultationHostAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"

    list_display = ("name", "role", "edition", "location", "slots_booked", "order")
    list_filter = ("edition",)
    list_select_related = ("edition",)
    search_fields = ("name",)
    raw_id_fields = ("registration",)
    inlines = (ConsultationSlotInline,)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_slots=Count("slots"),
                n_booked=Count("slots", filter=Q(slots__booked_by__isnull=False)),
            )
        )

    @admin.display(description=_("booked"))
    def slots_booked(self, obj):
        return f"{obj.n_booked} / {obj.n_slots}"


@admin.register(ConsultationSlot)
class ConsultationSlotAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"
    team_edition_field = "host__edition"

    list_display = ("host", "starts_at", "ends_at", "booked_by", "booked_at")
    list_filter = ("host__edition", "host")
    list_select_related = ("host", "booked_by")
    readonly_fields = ("booked_by", "booked_at")


@admin.register(SchedulerRun)
class SchedulerRunAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.matchmaking:write"

    list_display = (
        "created_at",
        "edition",
        "state",
        "meetings",
        "scheduled",
        "upper_bound",
        "share",
        "seconds",
        "keep_published",
        "published_at",
    )
    list_filter = ("edition", "state")
    list_select_related = ("edition",)
    readonly_fields = (
        "edition",
        "created_at",
        "created_by",
        "state",
        "started_at",
        "finished_at",
        "progress",
        "error",
        "keep_published",
        "meetings",
        "scheduled",
        "upper_bound",
        "seconds",
        "shortfall",
        "unscheduled",
        "published_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("share of the bound"))
    def share(self, obj):
        return f"{obj.share_of_bound:.1%}"
