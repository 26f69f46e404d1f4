from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kongres.common.admin import KongresModelAdmin, KongresTabularInline
from kongres.events.admin_access import EditionTeamAdminMixin
from kongres.events.models import (
    Edition,
    Organisation,
    Partner,
    PartnerTier,
    Series,
    TeamMember,
    Venue,
)


@admin.register(Organisation)
class OrganisationAdmin(KongresModelAdmin):
    list_display = ("name", "short_name", "website")
    search_fields = ("name", "short_name")
    prepopulated_fields = {"slug": ("short_name",)}


@admin.register(Series)
class SeriesAdmin(KongresModelAdmin):
    list_display = ("__str__", "organisation", "slug")


@admin.register(Venue)
class VenueAdmin(KongresModelAdmin):
    list_display = ("name", "city", "voivodeship", "latitude", "longitude")
    search_fields = ("name", "city")
    fieldsets = (
        (None, {"fields": ("name", "description")}),
        (
            _("Address"),
            {"fields": ("street", "postal_code", "city", "voivodeship", "country")},
        ),
        (_("Coordinates"), {"fields": ("latitude", "longitude")}),
        (_("Travel"), {"fields": ("travel",)}),
    )


class PartnerTierInline(EditionTeamAdminMixin, KongresTabularInline):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.settings:write"

    model = PartnerTier


class EditionAdminForm(forms.ModelForm):
    locales = forms.MultipleChoiceField(
        label=_("languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages of the public site."),
    )
    website = forms.URLField(label=_("official website"), required=False, assume_scheme="https")

    class Meta:
        model = Edition
        fields = (
            "series",
            "number",
            "slug",
            "name",
            "status",
            "locales",
            "start_date",
            "end_date",
            "host_voivodeship",
            "host_city",
            "venue",
            "motto",
            "description",
            "website",
            "personal_data_retention_months",
        )


@admin.register(Edition)
class EditionAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read", "event.program:write")
    team_change_key = "event.settings:write"
    team_edition_field = "pk"
    team_may_add = False  # a new edition is made by an administrator, not by a team
    team_may_delete = False

    form = EditionAdminForm
    list_display = ("__str__", "number", "start_date", "end_date", "host_city", "status")
    list_filter = ("status", "series", "host_voivodeship")
    search_fields = ("slug", "host_city")
    date_hierarchy = "start_date"
    inlines = [PartnerTierInline]
    fieldsets = (
        (None, {"fields": ("series", "number", "slug", "name", "status", "locales")}),
        (
            _("When and where"),
            {"fields": ("start_date", "end_date", "host_voivodeship", "host_city", "venue")},
        ),
        (_("Content"), {"fields": ("motto", "description", "website")}),
        (_("Personal data"), {"fields": ("personal_data_retention_months",)}),
    )


@admin.register(Partner)
class PartnerAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.settings:write"

    list_display = ("name", "edition", "role", "tier", "order", "is_example_data")
    list_filter = ("edition", "role", "is_example_data")
    list_select_related = ("edition", "tier")
    search_fields = ("name",)


@admin.register(TeamMember)
class TeamMemberAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    """Who is on an edition's team and in which role (check-in staff, say)."""

    team_view_keys = ()
    team_change_key = "event.settings:write"

    list_display = ("user", "edition", "role")
    list_filter = ("edition", "role")
    list_select_related = ("user", "edition")
    raw_id_fields = ("user",)
    search_fields = ("user__username", "user__email")
