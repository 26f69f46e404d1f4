"""The e-mail delivery log in the admin: read-only, with "send again" for failed messages.

Sending again never rewrites history: it queues a new message (with its own row, attempts and
outcome) whose unique key is derived from the failed one, so a double click queues it once.
"""

from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.common.activity import log_activity
from kongres.common.admin import KongresModelAdmin
from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.comms.registry import kind_label, kind_names
from kongres.comms.services import message_queue
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

    @admin.action(description=_("Send the selected failed e-mails again"), permissions=["resend"])
    def send_again(self, request, queryset):
        queued = skipped = already = 0
        for message in queryset.select_related("edition", "registration").order_by("pk"):
            if message.state != MessageState.FAILED:
                skipped += 1
                continue
            copy = message_queue(
                edition=message.edition,
                kind=message.kind,
                to_email=message.to_email,
                language=message.language,
                registration=message.registration,
                context=message.context,
                dedupe_key=f"resend:{message.pk}",
            )
            if copy is None:
                already += 1
                continue
            log_activity(
                obj=copy,
                action="message.resent",
                actor=request.user,
                data={"failed": message.pk},
            )
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
                    "%(count)d e-mail was skipped: only failed e-mails can be sent again.",
                    "%(count)d e-mails were skipped: only failed e-mails can be sent again.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
