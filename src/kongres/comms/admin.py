"""The e-mail delivery log in the admin: read-only, with "send again" for any finished message
(sent, failed or suppressed), as an action on the list and a button on the change page.

Sending again never rewrites history: it queues a new message (with its own row, attempts and
outcome) whose unique key is derived from the original, so a double click queues it once
(``kongres.comms.services.message_resend``, which checks the permission and logs it).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.defaultfilters import truncatechars
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.common.admin import KongresModelAdmin
from kongres.comms.enums import FINISHED_STATES
from kongres.comms.models import Message
from kongres.comms.registry import kind_label, kind_names
from kongres.comms.services import (
    MessageResendError,
    message_resend,
    message_resend_allowed,
)
from kongres.events.admin_access import EditionTeamAdminMixin


class KindFilter(admin.SimpleListFilter):
    """The kinds the sending apps registered, by their labels (the field has no choices)."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(name, kind_label(name)) for name in kind_names()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(kind=self.value())
        return queryset


@admin.register(Message)
class MessageAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.mail:send"

    list_display = (
        "kind_display",
        "to_email",
        "state",
        "attempts",
        "created_at",
        "sent_at",
        "error",
    )
    list_filter = ("state", KindFilter, "edition", "language")
    list_select_related = ("edition",)
    search_fields = ("to_email", "subject", "dedupe_key")
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = (
        "edition",
        "registration",
        "kind_display",
        "to_email",
        "language",
        "subject",
        "state",
        "attempts",
        "created_at",
        "claimed_at",
        "sent_at",
        "last_error",
        "dedupe_key",
        "context",
    )
    readonly_fields = fields

    @admin.display(description=_("kind"), ordering="kind")
    def kind_display(self, obj):
        return obj.kind_label

    @admin.display(description=_("last error"))
    def error(self, obj):
        return truncatechars(obj.last_error, 80)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("comms.change_message") or self.team_may_write(request)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/resend/",
                self.admin_site.admin_view(self.resend_view),
                name="comms_message_resend",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        message = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "can_resend": message is not None
            and message.state in FINISHED_STATES
            and message_resend_allowed(user=request.user, edition_id=message.edition_id),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def resend_view(self, request, object_id):
        """The "Send again" button of the change page (POST only)."""
        if not self.has_resend_permission(request):
            raise PermissionDenied
        message = self.get_object(request, object_id)  # narrowed to the user's editions
        if message is None:
            raise Http404
        if not message_resend_allowed(user=request.user, edition_id=message.edition_id):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            copy = message_resend(message=message, actor=request.user)
        except MessageResendError as error:
            self.message_user(request, str(error), messages.WARNING)
            return redirect("admin:comms_message_change", message.pk)
        self.message_user(
            request,
            _("The e-mail is queued again: this is the new entry."),
            messages.SUCCESS,
        )
        return redirect("admin:comms_message_change", copy.pk)

    @admin.action(
        description=_("Send the selected e-mails again (a new copy each)"), permissions=["resend"]
    )
    def send_again(self, request, queryset):
        queued = skipped = already = refused = 0
        for message in queryset.select_related("edition", "registration").order_by("pk"):
            if message.state not in FINISHED_STATES:
                skipped += 1
                continue
            try:
                message_resend(message=message, actor=request.user)
            except PermissionDenied:
                refused += 1
                continue
            except MessageResendError:
                already += 1
                continue
            queued += 1
        if queued:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail queued again.", "%(count)d e-mails queued again.", queued
                )
                % {"count": queued},
                messages.SUCCESS,
            )
        if already:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail had already been sent again; see the newer entry.",
                    "%(count)d e-mails had already been sent again; see the newer entries.",
                    already,
                )
                % {"count": already},
                messages.WARNING,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail was skipped: it is still on its way.",
                    "%(count)d e-mails were skipped: they are still on their way.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail was skipped: you may not send the mail of its edition.",
                    "%(count)d e-mails were skipped: you may not send the mail of their edition.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )
