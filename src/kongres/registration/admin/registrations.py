"""Registrations: the list, filters, approve/reject/cancel through the services, exports."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.common.admin import KongresModelAdmin
from kongres.events.admin_access import EditionTeamAdminMixin
from kongres.events.models import Edition
from kongres.events.selectors import team_editions_with_permission
from kongres.registration import exports
from kongres.registration.admin import changes
from kongres.registration.admin.base import EXPORT_FORMATS, _filename_edition, _ReadOnlyInline
from kongres.registration.enums import CancelReason, RegistrationState
from kongres.registration.exceptions import RegistrationError
from kongres.registration.models import (
    ConsentRecord,
    Question,
    Registration,
)
from kongres.registration.services import (
    registration_approve,
    registration_cancel,
    registration_erase,
    registration_reject,
)
from kongres.registration.services.privacy import can_erase
from kongres.visits.models import Signup


class ConsentRecordInline(_ReadOnlyInline):
    model = ConsentRecord
    fields = ("consent", "accepted_at", "withdrawn_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("consent")


class SignupInline(_ReadOnlyInline):
    model = Signup
    fields = ("session", "state", "seat", "offer_expires_at", "confirmed_at", "cancelled_at")
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("session")


@admin.register(Registration)
class RegistrationAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.registrations:write"

    list_display = ("name", "email", "organisation", "category", "state", "created_at")
    list_display_links = ("name",)
    list_filter = (
        "edition",
        "category",
        "state",
        "organisation_type",
        "voivodeship",
        "cluster_member",
        "language",
    )
    search_fields = ("first_name", "last_name", "email", "organisation", "nip")
    date_hierarchy = "created_at"
    list_select_related = ("edition", "category")
    list_per_page = 100
    inlines = [ConsentRecordInline, SignupInline]
    actions = ["approve", "reject", "cancel", "erase", "export_csv", "export_xlsx"]
    readonly_fields = (
        "edition",
        "category",
        "email",
        "state",
        "cancel_reason",
        "place",
        "email_key",
        "group",
        "invitation_code",
        "answers_display",
        "email_verified_at",
        "hold_expires_at",
        "confirmed_at",
        "cancelled_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (
            _("Registration"),
            {
                "fields": (
                    ("edition", "category"),
                    ("state", "cancel_reason", "place"),
                    ("group", "invitation_code"),
                )
            },
        ),
        (
            _("Person"),
            {
                "fields": (
                    ("first_name", "last_name"),
                    ("email", "email_key"),
                    "phone",
                    "language",
                )
            },
        ),
        (
            _("Organisation"),
            {
                "fields": (
                    "organisation",
                    "position",
                    "organisation_type",
                    ("cluster_member", "cluster_name"),
                    ("voivodeship", "country"),
                    "nip",
                )
            },
        ),
        (_("Needs"), {"fields": ("dietary_needs", "accessibility_needs")}),
        (_("Answers"), {"fields": ("answers_display",)}),
        (
            _("History"),
            {
                "fields": (
                    "created_at",
                    "email_verified_at",
                    "hold_expires_at",
                    "confirmed_at",
                    "cancelled_at",
                    "updated_at",
                )
            },
        ),
    )

    @admin.display(description=_("name"), ordering="last_name")
    def name(self, obj):
        return f"{obj.last_name} {obj.first_name}"

    @admin.display(description=_("answers"))
    def answers_display(self, obj):
        if not obj.answers:
            return "–"
        questions = {str(q.pk): q for q in Question.objects.filter(edition_id=obj.edition_id)}
        return format_html(
            "<dl>{}</dl>",
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                (
                    (
                        str(questions[key].label) if key in questions else key,
                        exports.answer_text(questions.get(key), value) or "–",
                    )
                    for key, value in obj.answers.items()
                ),
            ),
        )

    # Transitions only through the services; people are registered through the public or the
    # group form, never created or deleted here (that would skip quotas and waiting lists).
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Edits of the person's data are logged with before and after by KongresModelAdmin
    # ("admin.registration.registration.changed").

    # --- actions ---------------------------------------------------------------------------

    def _run(self, request, queryset, transition, done_text):
        done, problems = 0, []
        for registration in queryset.select_related("edition", "category").order_by("pk"):
            try:
                transition(registration)
            except RegistrationError as error:
                problems.append((registration, error.message))
            else:
                done += 1
        if done:
            self.message_user(request, done_text(done) % {"count": done}, messages.SUCCESS)
        for registration, message in problems:
            self.message_user(
                request,
                format_html("{}: {}", registration.full_name, message),
                messages.WARNING,
            )

    def _confirm(self, request, queryset, action: str, title, question):
        """An intermediate page: rejecting and cancelling cannot be undone and send e-mail."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "question": question,
            "action": action,
            "registrations": queryset.select_related("category").order_by(
                "last_name", "first_name"
            ),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(
            request, "admin/registration/registration/confirm_action.html", context
        )

    @admin.action(description=_("Approve the selected registrations"), permissions=["change"])
    def approve(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda r: registration_approve(registration=r, actor=request.user),
            lambda n: ngettext(
                "%(count)d registration approved.", "%(count)d registrations approved.", n
            ),
        )

    @admin.action(description=_("Reject the selected registrations"), permissions=["change"])
    def reject(self, request, queryset):
        if request.POST.get("post") != "yes":
            return self._confirm(
                request,
                queryset,
                "reject",
                _("Reject registrations"),
                _(
                    "These people will be told by e-mail that their registration was rejected. "
                    "This cannot be undone."
                ),
            )
        self._run(
            request,
            queryset,
            lambda r: registration_reject(registration=r, actor=request.user),
            lambda n: ngettext(
                "%(count)d registration rejected.", "%(count)d registrations rejected.", n
            ),
        )
        return None

    @admin.action(description=_("Cancel the selected registrations"), permissions=["change"])
    def cancel(self, request, queryset):
        if request.POST.get("post") != "yes":
            return self._confirm(
                request,
                queryset,
                "cancel",
                _("Cancel registrations"),
                _(
                    "These people will lose their places and seats, which go to the waiting "
                    "lists, and will be told by e-mail. This cannot be undone."
                ),
            )

        def cancel(registration):
            if registration.state == RegistrationState.CANCELLED:
                raise RegistrationError(_("This registration has been cancelled."))
            registration_cancel(
                registration=registration, reason=CancelReason.BY_ORGANISER, actor=request.user
            )

        self._run(
            request,
            queryset,
            cancel,
            lambda n: ngettext(
                "%(count)d registration cancelled.", "%(count)d registrations cancelled.", n
            ),
        )
        return None

    def has_erase_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff) and (
            user.has_perm("registration.change_registration")
            or bool(team_editions_with_permission(user=user, key="event.registrations:write"))
        )

    @admin.action(
        description=_("Erase the personal data of the selected people (GDPR)"),
        permissions=["erase"],
    )
    def erase(self, request, queryset):
        if request.POST.get("post") != "yes":
            return self._confirm(
                request,
                queryset,
                "erase",
                _("Erase personal data"),
                _(
                    "Names, e-mail addresses, phone numbers, answers and everything else that "
                    "identifies these people will be overwritten in every part of Kongres; "
                    "registrations still holding a place are cancelled first. Their personal "
                    "links stop working. The counts and the record of this erasure stay. This "
                    "cannot be undone."
                ),
            )

        def erase(registration):
            if not can_erase(user=request.user, edition_id=registration.edition_id):
                raise RegistrationError(_("You may not erase registrations of this edition."))
            registration_erase(registration=registration, actor=request.user)

        self._run(
            request,
            queryset,
            erase,
            lambda n: ngettext(
                "The personal data of %(count)d person was erased.",
                "The personal data of %(count)d people was erased.",
                n,
            ),
        )
        return None

    @admin.action(description=_("Export the selected to CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(queryset, "csv")

    @admin.action(description=_("Export the selected to XLSX"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(queryset, "xlsx")

    def _export(self, queryset, fmt: str):
        table = exports.registrations_rows(queryset)
        return exports.export_response(
            table, fmt=fmt, stem="registrations", edition_slug=_filename_edition(queryset)
        )

    # --- export views ----------------------------------------------------------------------

    def get_urls(self):
        def page(view):
            return self.admin_site.admin_view(
                lambda request, object_id: view(self, request, object_id)
            )

        return [
            path(
                "<path:object_id>/change-email/",
                page(changes.change_email_view),
                name="registration_registration_change_email",
            ),
            path(
                "<path:object_id>/change-category/",
                page(changes.change_category_view),
                name="registration_registration_change_category",
            ),
            path(
                "<path:object_id>/change-sessions/",
                page(changes.change_signups_view),
                name="registration_registration_change_sessions",
            ),
            re_path(
                rf"^export/(?P<fmt>{EXPORT_FORMATS})/$",
                self.admin_site.admin_view(self.export_view),
                name="registration_registration_export",
            ),
            re_path(
                rf"^dietary/(?P<edition_id>[0-9]+)/(?P<fmt>{EXPORT_FORMATS})/$",
                self.admin_site.admin_view(self.dietary_view),
                name="registration_registration_dietary",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, fmt):
        """The registrations the list shows with its current filters and search, as a file."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse("admin:registration_registration_changelist"))
        return self._export(changelist.queryset, fmt)

    def dietary_view(self, request, edition_id, fmt):
        if not self.has_view_permission(request):
            raise PermissionDenied
        edition = get_object_or_404(Edition, pk=edition_id)
        if not self.team_may_view_edition(request, edition.pk):
            raise PermissionDenied
        table = exports.dietary_rows(edition)
        return exports.export_response(table, fmt=fmt, stem="catering", edition_slug=edition.slug)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        registration = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            # The buttons to the organiser's changes (admin/changes.py), for those who may.
            "organiser_changes": registration is not None
            and not registration.is_cancelled
            and changes.can_change_registration(request.user, registration),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_view_permission(request):
            editions = Edition.objects.filter(categories__isnull=False)
            if not self.has_model_view_perm(request):
                editions = editions.filter(pk__in=self.team_view_edition_ids(request))
            extra_context["catering_editions"] = list(editions.distinct().order_by("-start_date"))
        return super().changelist_view(request, extra_context)
