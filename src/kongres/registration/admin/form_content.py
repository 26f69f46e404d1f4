"""What the registration form asks: the organiser's questions and the versioned consents."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.common.activity import log_activity
from kongres.common.admin import KongresModelAdmin
from kongres.events.admin_access import EditionTeamAdminMixin
from kongres.registration.models import (
    ConsentText,
    Question,
)


@admin.register(Question)
class QuestionAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.settings:write"

    list_display = ("label", "edition", "kind", "required", "is_active", "order")
    list_filter = ("edition", "kind", "is_active")
    list_select_related = ("edition",)
    fieldsets = (
        (None, {"fields": ("edition", "label", "help_text", "kind", "options")}),
        (None, {"fields": ("required", "is_active", "order")}),
    )


@admin.register(ConsentText)
class ConsentTextAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    """A consent's wording is never changed once somebody accepted it: a change is a new version."""

    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.settings:write"

    list_display = ("kind", "version", "edition", "required", "accepted_count", "created_at")
    list_filter = ("edition", "kind")
    list_select_related = ("edition",)
    actions = ["new_version"]
    fields = ("edition", "kind", "version", "text", "required", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(accepted=Count("records"))

    @admin.display(description=_("accepted by"), ordering="accepted")
    def accepted_count(self, obj):
        return obj.accepted

    def _accepted(self, obj) -> bool:
        if obj is None:
            return False
        accepted = getattr(obj, "accepted", None)
        return accepted > 0 if accepted is not None else obj.records.exists()

    def get_readonly_fields(self, request, obj=None):
        if self._accepted(obj):
            return self.fields
        return ("created_at",)

    def has_delete_permission(self, request, obj=None):
        if self._accepted(obj):
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if self._accepted(obj) and request.method == "GET":
            messages.info(
                request,
                _(
                    "Participants have accepted this version, so it cannot be changed. "
                    "To change the wording, create a new version (action on the list)."
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(
        description=_("Create a new version of the selected consents"),
        permissions=["new_version"],
    )
    def new_version(self, request, queryset):
        created: list[ConsentText] = []
        with transaction.atomic():
            for consent in queryset.order_by("edition", "kind"):
                newest = (
                    ConsentText.objects.filter(edition=consent.edition, kind=consent.kind)
                    .order_by("-version")
                    .first()
                )
                if newest in created:
                    continue  # two versions of one consent selected: one new version
                copy = ConsentText.objects.create(
                    edition=consent.edition,
                    kind=consent.kind,
                    version=newest.version + 1,
                    text=newest.text,
                    required=newest.required,
                )
                log_activity(
                    obj=copy,
                    action="consent_text.new_version",
                    actor=request.user,
                    data={"kind": copy.kind, "version": copy.version},
                )
                created.append(copy)
        if len(created) == 1:
            url = reverse("admin:registration_consenttext_change", args=[created[0].pk])
            return HttpResponseRedirect(url)
        self.message_user(
            request,
            ngettext(
                "%(count)d new version created; edit its wording before people register.",
                "%(count)d new versions created; edit their wording before people register.",
                len(created),
            )
            % {"count": len(created)},
            messages.SUCCESS,
        )
        return None

    def has_new_version_permission(self, request):
        return request.user.has_perm("registration.add_consenttext") or self.team_may_write(request)
