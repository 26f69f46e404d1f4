"""Admin plumbing: Polish and English inputs side by side for translatable fields."""

from django.contrib import admin, messages
from django.db import models
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from i18nfield import fields as i18n_fields
from i18nfield import forms as i18n_forms

from kongres.common.models import ActivityLog


class _LabelledLanguagesMixin:
    """Each language's input carries a visible language tag, side by side."""

    def format_output(self, rendered_widgets, id_) -> str:
        languages = [code for code in self.locales if code in self.enabled_locales]
        columns = format_html_join(
            "",
            '<div class="i18n-column"><span class="i18n-tag">{}</span>{}</div>',
            (
                # The widgets' own HTML, already escaped by Django's widget rendering.
                (code.upper(), mark_safe(html))  # noqa: S308
                for code, html in zip(languages, rendered_widgets, strict=True)
            ),
        )
        return format_html(
            '<div class="i18n-form-group" id="{}">{}</div>', escape(id_ or ""), columns
        )


class LabelledI18nTextInput(_LabelledLanguagesMixin, i18n_forms.I18nTextInput):
    pass


class LabelledI18nTextarea(_LabelledLanguagesMixin, i18n_forms.I18nTextarea):
    pass


I18N_OVERRIDES = {
    i18n_fields.I18nTextField: {"widget": LabelledI18nTextarea},
    i18n_fields.I18nCharField: {"widget": LabelledI18nTextInput},
    # Addresses typed without a scheme are https, as Django 6 will assume.
    models.URLField: {"assume_scheme": "https"},
}


class I18nAdminMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field_class, options in I18N_OVERRIDES.items():
            # Merge: ModelAdmin already holds Django's own entry for some field classes.
            self.formfield_overrides[field_class] = {
                **self.formfield_overrides.get(field_class, {}),
                **options,
            }


class KongresModelAdmin(I18nAdminMixin, admin.ModelAdmin):
    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and getattr(obj, "is_example_data", False) and request.method == "GET":
            messages.warning(
                request,
                _("This is example data made up for the demo; it is not an official fact."),
            )
        return super().change_view(request, object_id, form_url, extra_context)


class KongresTabularInline(I18nAdminMixin, admin.TabularInline):
    extra = 0


class KongresStackedInline(I18nAdminMixin, admin.StackedInline):
    extra = 0


# --- The activity log: read-only history for audit -------------------------------------------


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_label", "action", "object_type", "object_id", "edition")
    list_filter = ("action", "object_type", "edition")
    list_select_related = ("edition",)
    search_fields = ("action", "object_id", "actor_label")
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "edition",
        "actor",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "data",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
