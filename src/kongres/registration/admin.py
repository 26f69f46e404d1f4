"""The organiser's view of registration in the admin.

A registration changes state only through the services (approve, reject, cancel): the state,
its place in the quota and the timestamps are read-only here. Exports go through
``registration.exports`` so that every file is safe against formula injection.
"""

import secrets

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import re_path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.common.activity import log_activity
from kongres.common.admin import KongresModelAdmin, KongresTabularInline
from kongres.events.models import Edition
from kongres.registration import exports
from kongres.registration.enums import HOLDING_STATES, CancelReason, RegistrationState
from kongres.registration.exceptions import RegistrationError
from kongres.registration.models import (
    Category,
    ConsentRecord,
    ConsentText,
    InvitationCode,
    Question,
    Registration,
    RegistrationGroup,
)
from kongres.registration.services import (
    registration_approve,
    registration_cancel,
    registration_reject,
)
from kongres.visits.models import Signup

EXPORT_FORMATS = "csv|xlsx"


class _ReadOnlyInline(KongresTabularInline):
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Categories ---------------------------------------------------------------------------


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
class CategoryAdmin(KongresModelAdmin):
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
        return request.user.has_perm("registration.add_invitationcode")


# --- Invitation codes --------------------------------------------------------------------

# Letters and digits that cannot be mistaken for each other when read aloud or typed.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def _invitation_codes_generate(
    *, category: Category, count: int, prefix: str, max_uses: int, valid_until, note: str, actor
) -> list[InvitationCode]:
    """Create ``count`` random codes for a category, unique within its edition."""
    with transaction.atomic():
        category = (
            Category.objects.select_for_update().select_related("edition").get(pk=category.pk)
        )
        taken = {
            code.upper()
            for code in InvitationCode.objects.filter(edition=category.edition).values_list(
                "code", flat=True
            )
        }
        stem = f"{prefix.upper()}-" if prefix else ""
        codes = []
        while len(codes) < count:
            code = stem + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if code not in taken:
                taken.add(code)
                codes.append(code)
        created = InvitationCode.objects.bulk_create(
            InvitationCode(
                edition=category.edition,
                category=category,
                code=code,
                max_uses=max_uses,
                valid_until=valid_until,
                note=note,
            )
            for code in codes
        )
        log_activity(
            obj=category,
            action="invitation_codes.generated",
            actor=actor,
            data={"count": count, "prefix": prefix, "max_uses": max_uses},
        )
    return created


class GenerateCodesForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("category"), queryset=Category.objects.none(), empty_label=None
    )
    count = forms.IntegerField(label=_("how many codes"), min_value=1, max_value=1000, initial=10)
    prefix = forms.RegexField(
        label=_("prefix"),
        regex=r"^[A-Za-z0-9]{0,20}$",
        required=False,
        help_text=_("Optional letters and digits, e.g. SPEAKER → SPEAKER-7KQ2MZ4D."),
    )
    max_uses = forms.IntegerField(
        label=_("how many times each code can be used"), min_value=1, initial=1
    )
    valid_until = forms.SplitDateTimeField(
        label=_("valid until"), required=False, widget=admin.widgets.AdminSplitDateTime
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.select_related("edition").order_by(
            "edition", "order", "id"
        )
        self.fields["category"].label_from_instance = lambda c: f"{c} ({c.edition.slug})"


class InvitationCodeForm(forms.ModelForm):
    # No Meta, see CategoryForm.

    def clean(self):
        data = super().clean()
        edition, category = data.get("edition"), data.get("category")
        if edition and category and category.edition_id != edition.pk:
            self.add_error("category", _("This category belongs to another edition."))
        return data


@admin.register(InvitationCode)
class InvitationCodeAdmin(KongresModelAdmin):
    form = InvitationCodeForm
    list_display = ("code", "category", "edition", "uses", "max_uses", "valid_until", "note")
    list_filter = ("edition", "category")
    list_select_related = ("edition", "category")
    search_fields = ("code", "note")
    fields = (
        "edition",
        "category",
        "code",
        "max_uses",
        "uses",
        "valid_until",
        "note",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("uses", "created_at", "updated_at")

    def get_urls(self):
        return [
            re_path(
                r"^generate/$",
                self.admin_site.admin_view(self.generate_view),
                name="registration_invitationcode_generate",
            ),
            *super().get_urls(),
        ]

    def generate_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = GenerateCodesForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                codes = _invitation_codes_generate(
                    category=data["category"],
                    count=data["count"],
                    prefix=data["prefix"],
                    max_uses=data["max_uses"],
                    valid_until=data["valid_until"],
                    note=data["note"],
                    actor=request.user,
                )
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d invitation code generated.",
                        "%(count)d invitation codes generated.",
                        len(codes),
                    )
                    % {"count": len(codes)},
                    messages.SUCCESS,
                )
                url = reverse("admin:registration_invitationcode_changelist")
                return HttpResponseRedirect(f"{url}?category__id__exact={data['category'].pk}")
        else:
            form = GenerateCodesForm(initial={"category": request.GET.get("category")})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Generate invitation codes"),
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/registration/invitationcode/generate.html", context)


# --- Questions and consents --------------------------------------------------------------


@admin.register(Question)
class QuestionAdmin(KongresModelAdmin):
    list_display = ("label", "edition", "kind", "required", "is_active", "order")
    list_filter = ("edition", "kind", "is_active")
    list_select_related = ("edition",)
    fieldsets = (
        (None, {"fields": ("edition", "label", "help_text", "kind", "options")}),
        (None, {"fields": ("required", "is_active", "order")}),
    )


@admin.register(ConsentText)
class ConsentTextAdmin(KongresModelAdmin):
    """A consent's wording is never changed once somebody accepted it: a change is a new version."""

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
        return request.user.has_perm("registration.add_consenttext")


# --- Groups --------------------------------------------------------------------------------


class GroupMemberInline(_ReadOnlyInline):
    model = Registration
    fields = ("first_name", "last_name", "email", "category", "state")
    readonly_fields = fields
    show_change_link = True
    verbose_name = _("person")
    verbose_name_plural = _("people")


@admin.register(RegistrationGroup)
class RegistrationGroupAdmin(KongresModelAdmin):
    list_display = (
        "organisation",
        "coordinator_name",
        "coordinator_email",
        "members",
        "edition",
        "created_at",
    )
    list_filter = ("edition",)
    list_select_related = ("edition",)
    search_fields = ("organisation", "coordinator_name", "coordinator_email")
    readonly_fields = ("edition", "created_at", "updated_at")
    inlines = [GroupMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("registrations"))

    @admin.display(description=_("people"), ordering="member_count")
    def members(self, obj):
        return obj.member_count

    def has_add_permission(self, request):
        return False  # groups are made by coordinators through the group form


# --- Registrations -------------------------------------------------------------------------


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


def _filename_edition(queryset) -> str:
    slugs = list(queryset.order_by().values_list("edition__slug", flat=True).distinct()[:2])
    return slugs[0] if len(slugs) == 1 else "all-editions"


@admin.register(Registration)
class RegistrationAdmin(KongresModelAdmin):
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
    actions = ["approve", "reject", "cancel", "export_csv", "export_xlsx"]
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            log_activity(
                obj=obj,
                action="registration.updated",
                actor=request.user,
                data={"fields": sorted(form.changed_data)},
            )

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
        return [
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
        table = exports.dietary_rows(edition)
        return exports.export_response(table, fmt=fmt, stem="catering", edition_slug=edition.slug)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_view_permission(request):
            extra_context["catering_editions"] = list(
                Edition.objects.filter(categories__isnull=False).distinct().order_by("-start_date")
            )
        return super().changelist_view(request, extra_context)
