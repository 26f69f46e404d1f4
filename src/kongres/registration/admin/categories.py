"""Categories of participants with their quotas and registration windows."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kongres.common.admin import KongresModelAdmin
from kongres.events.admin_access import EditionTeamAdminMixin, team_has_key
from kongres.registration.enums import HOLDING_STATES, RegistrationState
from kongres.registration.models import (
    Category,
)


class CategoryForm(forms.ModelForm):
    # No Meta: the admin builds the form class per request (inside the admin's lifted scope);
    # a model form built at import time would query scoped managers outside any scope.

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Registration must close after it opens."))
        return data


@admin.register(Category)
class CategoryAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.settings:write"
    team_unnarrowed_actions = ("generate_codes",)  # only leads to the codes page

    form = CategoryForm
    list_display = (
        "name",
        "edition",
        "quota",
        "places_taken",
        "places_waiting",
        "opens_at",
        "closes_at",
        "requires_approval",
        "requires_invitation",
        "order",
    )
    list_filter = ("edition", "requires_approval", "requires_invitation")
    list_select_related = ("edition",)
    actions = ["generate_codes"]
    fieldsets = (
        (None, {"fields": ("edition", "slug", "name", "description", "order")}),
        (_("Places and dates"), {"fields": ("quota", "opens_at", "closes_at")}),
        (_("Access"), {"fields": ("requires_approval", "requires_invitation")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                taken=Count("registrations", filter=Q(registrations__state__in=HOLDING_STATES)),
                waiting=Count(
                    "registrations",
                    filter=Q(registrations__state=RegistrationState.WAITLISTED),
                ),
            )
        )

    @admin.display(description=_("places taken"), ordering="taken")
    def places_taken(self, obj):
        return obj.taken

    @admin.display(description=_("waiting"), ordering="waiting")
    def places_waiting(self, obj):
        return obj.waiting

    @admin.action(description=_("Generate invitation codes"), permissions=["add_code"])
    def generate_codes(self, request, queryset):
        categories = list(queryset[:2])
        if len(categories) != 1:
            self.message_user(
                request, _("Choose exactly one category to generate codes for."), messages.WARNING
            )
            return None
        url = reverse("admin:registration_invitationcode_generate")
        return HttpResponseRedirect(f"{url}?category={categories[0].pk}")

    def has_add_code_permission(self, request):
        # The codes page itself checks the invitation codes' permission, edition by edition.
        return request.user.has_perm("registration.add_invitationcode") or team_has_key(
            request, "event.registrations:write"
        )
