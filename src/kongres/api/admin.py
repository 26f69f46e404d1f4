"""API tokens in the back office: issued here (the secret is shown once), revoked here."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from kongres.api.enums import ApiScope
from kongres.api.models import ApiToken
from kongres.api.services import ApiTokenError, api_token_create, api_token_revoke
from kongres.common.admin import KongresModelAdmin


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple
    )


@admin.register(ApiToken)
class ApiTokenAdmin(KongresModelAdmin):
    # Issued and revoked through the services, which log it; never saved by the admin's own
    # save_model (so not logged twice). The secret is stored only as a hash and is masked.
    form = ApiTokenForm
    list_display = (
        "name",
        "edition",
        "user",
        "key",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("edition",)
    list_select_related = ("edition", "user")
    search_fields = ("name", "key", "user__username")
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("edition", "user", "name", "scopes", "expires_at")
        return ("edition", "user", "name", "key", "scopes", "expires_at", "last_used_at")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("edition", "user", "name", "key", "scopes", "expires_at", "last_used_at")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            token, secret = api_token_create(
                edition=obj.edition,
                user=obj.user,
                name=obj.name,
                scopes=form.cleaned_data["scopes"],
                expires_at=obj.expires_at,
                actor=request.user,
            )
        except ApiTokenError as error:
            messages.error(request, str(error))
            return
        obj.pk = token.pk
        messages.warning(
            request,
            _("Copy the token now; it is not shown again: %(secret)s") % {"secret": secret},
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token, actor=request.user)
