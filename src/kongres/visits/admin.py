"""Study visits, sign-ups and visit lists in the admin.

Seats are the session's capacity; sign-ups change only through ``visits.services`` (here: the
organiser cancels one). ID data is shown to superusers only and never edited here.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import re_path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.common.activity import SYSTEM
from kongres.common.admin import KongresModelAdmin
from kongres.common.exports import export_response
from kongres.events.admin_access import EditionTeamAdminMixin
from kongres.program.enums import SessionKind
from kongres.program.models import Session
from kongres.visits.enums import SEATED_STATES, SignupState
from kongres.visits.exports import visit_list_rows
from kongres.visits.models import IdData, Signup, StudyVisit
from kongres.visits.services import signup_cancel

EXPORT_FORMATS = "csv|xlsx"


class StudyVisitForm(forms.ModelForm):
    # No Meta: the admin builds the form class per request, inside the admin's lifted scope;
    # built at import time, the session field would query a scoped manager outside any scope.

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "session" in self.fields:
            self.fields["session"].queryset = Session.objects.filter(
                kind=SessionKind.STUDY_VISIT
            ).select_related("edition")

    def clean(self):
        data = super().clean()
        edition, session = data.get("edition"), data.get("session")
        if edition and session and session.edition_id != edition.pk:
            self.add_error("session", _("This program entry belongs to another edition."))
        departure, back = data.get("departure_at"), data.get("return_at")
        if departure and back and back <= departure:
            self.add_error("return_at", _("The return must be after the departure."))
        return data


@admin.register(StudyVisit)
class StudyVisitAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read", "event.visits:read")
    team_change_key = "event.program:write"

    form = StudyVisitForm
    list_display = (
        "host_name",
        "session_link",
        "departure_at",
        "seats",
        "seats_taken",
        "seats_waiting",
        "requires_id_data",
        "visit_list",
        "is_example_data",
    )
    list_filter = ("edition", "requires_id_data", "is_example_data")
    list_select_related = ("edition", "session")
    search_fields = ("host_name",)
    fieldsets = (
        (None, {"fields": ("edition", "session")}),
        (_("Host"), {"fields": ("host_name", "host_description")}),
        (
            _("Travel"),
            {"fields": ("meeting_point", "departure_at", "return_at")},
        ),
        (_("Requirements"), {"fields": ("requires_id_data", "requirements")}),
        (None, {"fields": ("is_example_data",)}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                taken=Count(
                    "session__signups", filter=Q(session__signups__state__in=SEATED_STATES)
                ),
                waiting=Count(
                    "session__signups",
                    filter=Q(session__signups__state=SignupState.WAITLISTED),
                ),
            )
        )

    @admin.display(description=_("program entry"), ordering="session__start")
    def session_link(self, obj):
        url = reverse("admin:program_session_change", args=[obj.session_id])
        return format_html('<a href="{}">{}</a>', url, obj.session)

    @admin.display(description=_("seats"), ordering="session__capacity")
    def seats(self, obj):
        return obj.session.capacity if obj.session.capacity is not None else "∞"

    @admin.display(description=_("taken"), ordering="taken")
    def seats_taken(self, obj):
        url = reverse("admin:visits_signup_changelist")
        return format_html(
            '<a href="{}?session__id__exact={}">{}</a>', url, obj.session_id, obj.taken
        )

    @admin.display(description=_("waiting"), ordering="waiting")
    def seats_waiting(self, obj):
        return obj.waiting

    @admin.display(description=_("visit list"))
    def visit_list(self, obj):
        return format_html(
            '<a href="{}">XLSX</a> · <a href="{}">CSV</a>',
            reverse("admin:visits_signup_visit_list", args=[obj.session_id, "xlsx"]),
            reverse("admin:visits_signup_visit_list", args=[obj.session_id, "csv"]),
        )


@admin.register(Signup)
class SignupAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    """Read-only list of sign-ups; the organiser can cancel one, which frees its seat."""

    team_view_keys = ("event.registrations:read", "event.visits:read")
    team_change_key = "event.registrations:write"

    list_display = (
        "person",
        "email",
        "session",
        "state",
        "seat",
        "offer_expires_at",
        "created_at",
    )
    list_filter = (("session", admin.RelatedOnlyFieldListFilter), "state", "edition")
    list_select_related = ("registration", "session")
    search_fields = (
        "registration__first_name",
        "registration__last_name",
        "registration__email",
    )
    actions = ["cancel", "export_visit_list"]
    fields = (
        "edition",
        "session",
        "registration",
        "state",
        "seat",
        "offer_expires_at",
        "confirmed_at",
        "cancelled_at",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields

    @admin.display(description=_("person"), ordering="registration__last_name")
    def person(self, obj):
        return f"{obj.registration.last_name} {obj.registration.first_name}"

    @admin.display(description=_("e-mail"), ordering="registration__email")
    def email(self, obj):
        return obj.registration.email

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_cancel_permission(self, request):
        return request.user.has_perm("visits.change_signup") or self.team_may_write(request)

    @admin.action(description=_("Cancel the selected sign-ups"), permissions=["cancel"])
    def cancel(self, request, queryset):
        cancelled = 0
        for signup in queryset.order_by("session_id", "pk"):
            if signup.state == SignupState.CANCELLED:
                continue
            signup_cancel(signup=signup, actor_label=SYSTEM, actor=request.user)
            cancelled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d sign-up cancelled; its seat goes to the next person waiting, if any.",
                "%(count)d sign-ups cancelled; their seats go to the people waiting, if any.",
                cancelled,
            )
            % {"count": cancelled},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the visit list (XLSX)"), permissions=["view"])
    def export_visit_list(self, request, queryset):
        session_ids = list(queryset.order_by().values_list("session_id", flat=True).distinct()[:2])
        if len(session_ids) != 1:
            self.message_user(
                request,
                _("Choose sign-ups of one session; its whole visit list is exported."),
                messages.WARNING,
            )
            return None
        return HttpResponseRedirect(
            reverse("admin:visits_signup_visit_list", args=[session_ids[0], "xlsx"])
        )

    def get_urls(self):
        return [
            re_path(
                rf"^visit-list/(?P<session_id>[0-9]+)/(?P<fmt>{EXPORT_FORMATS})/$",
                self.admin_site.admin_view(self.visit_list_view),
                name="visits_signup_visit_list",
            ),
            *super().get_urls(),
        ]

    def visit_list_view(self, request, session_id, fmt):
        """Everyone signed up for a session with seats, for the host and the coach company."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        session = get_object_or_404(
            Session.objects.select_related("edition", "study_visit"), pk=session_id
        )
        if not self.team_may_view_edition(request, session.edition_id):
            raise PermissionDenied
        table = visit_list_rows(session, user=request.user)
        return export_response(
            table, fmt=fmt, stem=f"visit-{session.slug}", edition_slug=session.edition.slug
        )


@admin.register(IdData)
class IdDataAdmin(KongresModelAdmin):
    """Identity document data: superusers only, read-only, deleted after the visit."""

    list_display = ("person", "session", "document_type", "delete_after")
    list_select_related = ("signup__registration", "signup__session")
    list_filter = (("signup__session", admin.RelatedOnlyFieldListFilter),)
    fields = (
        "signup",
        "document_type",
        "document_number",
        "date_of_birth",
        "nationality",
        "delete_after",
        "created_at",
    )
    readonly_fields = fields

    @admin.display(description=_("person"))
    def person(self, obj):
        registration = obj.signup.registration
        return f"{registration.last_name} {registration.first_name}"

    @admin.display(description=_("session"))
    def session(self, obj):
        return obj.signup.session

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
