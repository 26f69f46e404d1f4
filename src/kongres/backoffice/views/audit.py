"""The audit log of one edition: who changed what, filterable, with downloads (CSV, XLSX)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from kongres.backoffice.access import edition_view
from kongres.common import audit, exports

PER_PAGE = 50


class AuditFilterForm(forms.Form):
    actor = forms.ChoiceField(label=_("Who"), required=False)
    action = forms.ChoiceField(label=_("What"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        anyone = [("", _("all"))]
        self.fields["actor"].choices = anyone + [(v, v) for v in choices["actor_label"]]
        self.fields["action"].choices = anyone + [(v, v) for v in choices["action"]]
        self.fields["object_type"].choices = anyone + [
            (v, audit.object_type_label(v)) for v in choices["object_type"]
        ]


def _filtered(request, edition):
    choices = audit.edition_activity_choices(edition_id=edition.pk)
    form = AuditFilterForm(request.GET or None, choices=choices)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "actor_label": data["actor"],
            "action": data["action"],
            "object_type": data["object_type"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
    return form, audit.edition_activity(edition_id=edition.pk, **filters)


def _admin_links(entries) -> dict:
    """``{(object_type, object_id): change url}`` of the objects that still exist: one query
    per object type on the page, none per entry."""
    by_type: dict[str, set[str]] = {}
    for entry in entries:
        by_type.setdefault(entry.object_type, set()).add(entry.object_id)
    links = {}
    for object_type, ids in by_type.items():
        model = audit.model_of(object_type)
        if model is None or model not in admin.site._registry:
            continue
        try:
            pks = [model._meta.pk.to_python(pk) for pk in ids]
        except ValidationError:  # an id that is not of this model's kind: no link
            pks = []
        existing = model._base_manager.filter(pk__in=pks).values_list("pk", flat=True)
        for pk in existing:
            try:
                url = reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk]
                )
            except NoReverseMatch:
                break
            links[(object_type, str(pk))] = url
    return links


@edition_view("event.audit:read")
def audit_list(request, edition):
    form, entries = _filtered(request, edition)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    links = _admin_links(page.object_list)
    items = []
    for entry in page.object_list:
        item = audit.entry_view(entry)
        item["type_label"] = audit.object_type_label(entry.object_type)
        item["url"] = links.get((entry.object_type, entry.object_id))
        items.append(item)
    return render(
        request,
        "backoffice/audit.html",
        {
            "edition": edition,
            "title": _("Audit log"),
            "form": form,
            "page": page,
            "items": items,
        },
    )


@edition_view("event.audit:read")
def audit_export(request, edition, fmt):
    _form, entries = _filtered(request, edition)
    header = [
        _("When"),
        _("Who"),
        _("What"),
        _("Object type"),
        _("Object id"),
        _("Data"),
    ]
    rows = [
        [
            entry.created_at,
            entry.actor_label,
            entry.action,
            audit.object_type_label(entry.object_type),
            entry.object_id,
            audit.data_json(entry.data),
        ]
        for entry in entries.iterator(chunk_size=1000)
    ]
    return exports.export_response(
        exports.Table(header=[str(h) for h in header], rows=rows),
        fmt=fmt,
        stem="audit",
        edition_slug=edition.slug,
    )
