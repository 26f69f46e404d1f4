"""Admin plumbing: Polish and English inputs side by side for translatable fields."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.paginator import Paginator
from django.db import models
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled
from i18nfield import fields as i18n_fields
from i18nfield import forms as i18n_forms

from kongres.common import audit
from kongres.common.activity import log_activities
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


class AuditedAdminMixin:
    """Every write through the admin lands in the activity log with its before and after.

    - a change form: the fields whose stored values changed, before and after; the rows of its
      inlines that were added, changed or deleted; nothing when nothing changed;
    - an add form: the initial values; a delete (one object or the bulk action): the values
      before deletion.
    Action names are ``admin.<app_label>.<model>.added|changed|deleted`` (``common.audit``).
    An admin whose ``save_model`` does not call ``super()`` (it writes through a service that
    logs) is not logged twice. Django's own ``LogEntry`` is written as before.
    """

    HISTORY_PER_PAGE = 25
    HISTORY_PAGE_VAR = "audit_page"
    object_history_template = "admin/kongres/object_history.html"

    def _audit_pending(self, request) -> dict:
        return request.__dict__.setdefault("_kongres_audit", {})

    def save_model(self, request, obj, form, change):
        before = audit.db_snapshot(obj) if change else None
        super().save_model(request, obj, form, change)
        self._audit_pending(request)[id(form)] = {"before": before or {}, "inlines": []}

    def save_formset(self, request, form, formset, change):
        pending = self._audit_pending(request).get(id(form))
        if pending is None:
            return super().save_formset(request, form, formset, change)
        model = formset.model
        touched = [
            f
            for f in formset.initial_forms
            if f.instance.pk is not None and (f.has_changed() or f in formset.deleted_forms)
        ]
        before = {}
        if touched:
            with scopes_disabled():
                stored = model._base_manager.filter(pk__in=[f.instance.pk for f in touched])
                before = {row.pk: audit.raw_snapshot(row) for row in stored}
        deleting = {id(f.instance): f.instance.pk for f in formset.deleted_forms}
        result = super().save_formset(request, form, formset, change)
        label = model._meta.label_lower
        for obj in getattr(formset, "new_objects", []):
            after = audit.raw_snapshot(obj)
            pending["inlines"].append(
                {
                    "type": label,
                    "id": obj.pk,
                    "label": str(obj),
                    "verb": audit.ADDED,
                    **audit.diff(model, {}, after),
                }
            )
        for obj, _fields in getattr(formset, "changed_objects", []):
            change_data = audit.diff(model, before.get(obj.pk, {}), audit.raw_snapshot(obj))
            if change_data["fields"]:
                pending["inlines"].append(
                    {
                        "type": label,
                        "id": obj.pk,
                        "label": str(obj),
                        "verb": audit.CHANGED,
                        **change_data,
                    }
                )
        for obj in getattr(formset, "deleted_objects", []):
            pk = deleting.get(id(obj), obj.pk)
            old = before.get(pk, {})
            pending["inlines"].append(
                {
                    "type": label,
                    "id": pk,
                    "label": str(obj),
                    "verb": audit.DELETED,
                    "before": audit.presentable(model, old, list(old)),
                    "after": {},
                    "fields": list(old),
                }
            )
        return result

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pending = self._audit_pending(request).pop(id(form), None)
        if pending is None:
            return
        obj = form.instance
        after = audit.raw_snapshot(obj)
        if change:
            data = audit.diff(obj.__class__, pending["before"], after)
        else:
            data = audit.diff(obj.__class__, {}, after)
            data["before"] = {}
        if pending["inlines"]:
            data["inlines"] = pending["inlines"]
        if change and not data["fields"] and not pending["inlines"]:
            return
        verb = audit.CHANGED if change else audit.ADDED
        entry = audit.admin_entry(obj=obj, verb=verb, actor=request.user, data=data)
        entry.save()

    def _deleted_entry(self, request, obj):
        raw = audit.raw_snapshot(obj)
        data = {
            "before": audit.presentable(obj.__class__, raw, list(raw)),
            "after": {},
            "fields": list(raw),
            "label": str(obj),
        }
        return audit.admin_entry(obj=obj, verb=audit.DELETED, actor=request.user, data=data)

    def delete_model(self, request, obj):
        entry = self._deleted_entry(request, obj)
        super().delete_model(request, obj)
        log_activities([entry])

    def delete_queryset(self, request, queryset):
        entries = [self._deleted_entry(request, obj) for obj in queryset]
        super().delete_queryset(request, queryset)
        log_activities(entries)

    def history_view(self, request, object_id, extra_context=None):
        """Django's history page, led by the object's activity log: who, when, before → after."""
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_view_or_change_permission(request, obj):
            paginator = Paginator(audit.object_activity(obj=obj), self.HISTORY_PER_PAGE)
            page = paginator.get_page(request.GET.get(self.HISTORY_PAGE_VAR))
            extra_context = {
                **(extra_context or {}),
                "audit_page": page,
                "audit_entries": [audit.entry_view(entry) for entry in page.object_list],
                "audit_page_var": self.HISTORY_PAGE_VAR,
            }
        return super().history_view(request, object_id, extra_context)


class KongresModelAdmin(I18nAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
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
