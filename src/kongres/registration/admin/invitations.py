"""Invitation codes: generated in batches, shown with their use."""

import secrets

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import re_path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.common.activity import log_activity
from kongres.common.admin import KongresModelAdmin
from kongres.events.admin_access import EditionTeamAdminMixin
from kongres.registration.models import (
    Category,
    InvitationCode,
)

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
class InvitationCodeAdmin(EditionTeamAdminMixin, KongresModelAdmin):
    team_view_keys = ("event.registrations:read",)
    team_change_key = "event.registrations:write"

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

    def _limit_categories(self, request, form):
        """A team member generates codes only for categories of their own editions."""
        editions = self._team_change_edition_ids(request)
        if editions is not None:
            field = form.fields["category"]
            field.queryset = field.queryset.filter(edition_id__in=editions)
        return form

    def generate_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = self._limit_categories(request, GenerateCodesForm(request.POST))
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
            form = self._limit_categories(
                request, GenerateCodesForm(initial={"category": request.GET.get("category")})
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Generate invitation codes"),
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/registration/invitationcode/generate.html", context)
