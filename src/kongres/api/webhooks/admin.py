"""Webhook endpoints and the delivery log in the admin (the organiser's back office)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.api.webhooks.events import WebhookEvent
from kongres.api.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from kongres.api.webhooks.services import deliveries_resend
from kongres.common.activity import activity_entry, log_activities
from kongres.common.admin import KongresModelAdmin
from kongres.common.models import ActivityLog


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["edition", "url", "events", "active"]


class WebhookEndpointAdmin(KongresModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "edition", "active", "created_at"]
    list_filter = ["active", "edition"]
    readonly_fields = ["secret", "created_at"]
    list_select_related = ["edition"]

    def save_model(self, request, obj, form, change):
        if not change:
            # A new endpoint receives what happens from now on, not the edition's history.
            obj.cursor = ActivityLog.objects.aggregate(top=Max("id"))["top"] or 0
        super().save_model(request, obj, form, change)


class WebhookDeliveryAdmin(KongresModelAdmin):
    list_display = [
        "event_id",
        "event",
        "endpoint",
        "state",
        "attempts",
        "last_status",
        "response_ms",
        "created_at",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["state", "event", "endpoint__edition", "endpoint"]
    search_fields = ["event_id"]
    list_select_related = ["endpoint"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    readonly_fields = [
        "endpoint",
        "event_id",
        "event",
        "activity_id",
        "payload",
        "state",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "last_status",
        "last_error",
        "response_ms",
        "created_at",
        "delivered_at",
    ]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again"), permissions=["change"])
    def resend(self, request, queryset):
        deliveries = list(queryset.select_related("endpoint"))
        count = deliveries_resend(deliveries)
        # One entry per delivery sent again (the ones being sent right now are left alone).
        log_activities(
            activity_entry(
                obj=delivery,
                action="webhooks.delivery.resent",
                actor=request.user,
                edition_id=delivery.endpoint.edition_id,
                data={
                    "before": {"state": delivery.state, "attempts": delivery.attempts},
                    "after": {"state": DeliveryState.PENDING, "attempts": 0},
                },
            )
            for delivery in deliveries
            if delivery.state != DeliveryState.SENDING
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery will be sent again by the worker.",
                "%(count)d deliveries will be sent again by the worker.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


def register(site=admin.site) -> None:
    if not site.is_registered(WebhookEndpoint):
        site.register(WebhookEndpoint, WebhookEndpointAdmin)
        site.register(WebhookDelivery, WebhookDeliveryAdmin)
