"""The audit trail of organiser writes: snapshots, differences, reading and scrubbing the log.

Every write in the admin (``common.admin.KongresModelAdmin``) is logged in the activity log
as ``admin.<app_label>.<model>.added|changed|deleted`` with
``data = {"before": {...}, "after": {...}, "fields": [...], "inlines": [...]}``; the services
log their own writes with their own action names. This module turns model instances into
JSON-safe snapshots (foreign keys as ``{"id", "label"}``, translatable text as its
``{language: text}`` dict, dates in ISO format, secrets masked), compares two snapshots, reads
the log of one object or one edition, and overwrites personal data inside logged values when a
person is erased (GDPR).
"""

import datetime as dt
import json
import uuid
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kongres.common.activity import activity_entry
from kongres.common.models import ActivityLog

MASK = "••••••"
# A field whose name contains one of these holds a secret: logged as changed, never its value.
SECRET_MARKERS = ("password", "secret", "token", "hash", "salt", "otp", "private")

ADDED, CHANGED, DELETED = "added", "changed", "deleted"


def is_secret(name: str) -> bool:
    name = name.lower()
    return any(marker in name for marker in SECRET_MARKERS)


def admin_action(model, verb: str) -> str:
    """``admin.registration.category.changed``."""
    return f"admin.{model._meta.app_label}.{model._meta.model_name}.{verb}"


# --- Snapshots ---------------------------------------------------------------------------------


def _audited_fields(model):
    """Concrete fields worth comparing: not the primary key, not ``auto_now`` timestamps."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and not getattr(field, "auto_now", False)
    ]


def _m2m_fields(model):
    return [field for field in model._meta.many_to_many if field.concrete]


def jsonable(value):
    """A value as JSON can hold it (translatable text as its dict of languages)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "data") and value.__class__.__name__ == "LazyI18nString":
        data = value.data
        if isinstance(data, dict):
            # Languages left empty are not text: {"pl": "", "en": ""} is the same as nothing.
            return {lang: text for lang, text in data.items() if text} or ""
        return force_str(data or "")
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).isoformat()  # one instant, one text
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, bytes | memoryview):
        return "<binary>"
    if hasattr(value, "name") and hasattr(value, "storage"):  # a file field's value
        return value.name or ""
    return force_str(value)


def _raw(obj, field):
    """The comparable value of one field (ids for relations)."""
    value = getattr(obj, field.attname)
    if isinstance(value, models.Model):  # never for attname, but be safe
        value = value.pk
    return jsonable(value)


def _m2m_raw(obj, field) -> list:
    if obj.pk is None:
        return []
    return sorted(getattr(obj, field.name).values_list("pk", flat=True))


def raw_snapshot(obj) -> dict:
    """``{field: comparable value}`` of ``obj`` as it is in memory (m2m read from the DB)."""
    snapshot = {field.name: _raw(obj, field) for field in _audited_fields(obj.__class__)}
    for field in _m2m_fields(obj.__class__):
        snapshot[field.name] = _m2m_raw(obj, field)
    return snapshot


def db_snapshot(obj) -> dict | None:
    """The raw snapshot of ``obj``'s row as stored (before a form changed the instance)."""
    if obj.pk is None:
        return None
    with scopes_disabled():
        stored = obj.__class__._base_manager.filter(pk=obj.pk).first()
    return raw_snapshot(stored) if stored is not None else None


def _label(model, pk) -> str:
    if pk is None:
        return ""
    with scopes_disabled():
        related = model._base_manager.filter(pk=pk).first()
    return force_str(related) if related is not None else f"#{pk}"


def presentable(model, raw: dict, names) -> dict:
    """The logged form of ``names`` of a raw snapshot: relations with labels, secrets masked."""
    result = {}
    for name in names:
        value = raw.get(name)
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            result[name] = value
            continue
        if is_secret(name):
            result[name] = MASK if value not in (None, "", [], {}) else ""
        elif field.many_to_many:
            result[name] = [{"id": pk, "label": _label(field.related_model, pk)} for pk in value]
        elif field.is_relation and value is not None:
            result[name] = {"id": value, "label": _label(field.related_model, value)}
        else:
            result[name] = value
    return result


def _empty(value):
    return None if value in (None, "", {}, []) else value


def changed_names(before: dict, after: dict) -> list[str]:
    return [name for name in after if _empty(before.get(name)) != _empty(after.get(name))]


def diff(model, before: dict, after: dict) -> dict:
    """``{"before", "after", "fields"}`` of the fields whose values differ."""
    names = changed_names(before, after)
    return {
        "before": presentable(model, before, names),
        "after": presentable(model, after, names),
        "fields": names,
    }


def edition_id_of(obj) -> int | None:
    """The edition an object belongs to: its own ``edition_id``, or its parent's."""
    if obj._meta.label_lower == "events.edition":
        return obj.pk
    edition_id = getattr(obj, "edition_id", None)
    if edition_id is not None:
        return edition_id
    for field in obj._meta.concrete_fields:
        if not field.many_to_one or getattr(obj, field.attname) is None:
            continue
        if field.related_model._meta.label_lower == "events.edition":
            return getattr(obj, field.attname)
        if not any(f.name == "edition" for f in field.related_model._meta.concrete_fields):
            continue
        with scopes_disabled():
            parent = getattr(obj, field.name, None)
        if parent is not None and getattr(parent, "edition_id", None) is not None:
            return parent.edition_id
    return None


def admin_entry(*, obj, verb: str, actor, data: dict, object_id=None) -> ActivityLog:
    """An unsaved ``admin.*`` entry for ``obj`` (``object_id`` for an object already deleted)."""
    entry = activity_entry(
        obj=obj,
        action=admin_action(obj.__class__, verb),
        actor=actor,
        edition_id=edition_id_of(obj),
        data=data,
    )
    if object_id is not None:
        entry.object_id = str(object_id)
    return entry


# --- Reading the log ---------------------------------------------------------------------------


def object_activity(*, obj):
    """The entries of one object, newest first."""
    return ActivityLog.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("-created_at", "-id")


def edition_activity(
    *,
    edition_id: int,
    actor_label: str = "",
    action: str = "",
    object_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
):
    """The entries of one edition, filtered, newest first."""
    entries = ActivityLog.objects.filter(edition_id=edition_id)
    if actor_label:
        entries = entries.filter(actor_label=actor_label)
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if date_from:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries.order_by("-created_at", "-id")


def edition_activity_choices(*, edition_id: int) -> dict[str, list[str]]:
    """The actors, actions and object types that occur in the edition's log (three queries)."""
    entries = ActivityLog.objects.filter(edition_id=edition_id).order_by()
    return {
        name: sorted(set(entries.values_list(name, flat=True).distinct()))
        for name in ("actor_label", "action", "object_type")
    }


def model_of(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    model = model_of(object_type)
    return force_str(model._meta.verbose_name) if model is not None else object_type


def data_json(data) -> str:
    """An entry's data as JSON text (for exports)."""
    return json.dumps(data or {}, ensure_ascii=False, sort_keys=True)


# --- Showing changes ---------------------------------------------------------------------------


def display_value(value, field=None) -> str:
    """A logged value as a person reads it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        if "label" in value and "id" in value:
            return f"{value['label']} (#{value['id']})"
        return " · ".join(f"{key.upper()}: {text}" for key, text in value.items() if text) or "–"
    if isinstance(value, list):
        return ", ".join(display_value(item) for item in value) or "–"
    if field is not None and getattr(field, "flatchoices", None):
        for key, label in field.flatchoices:
            if key == value:
                return force_str(label)
    return str(value)


def _field_label(model, name):
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return name, None
        return force_str(getattr(field, "verbose_name", name)), field
    return name, None


def change_rows(object_type: str, data: dict) -> list[dict]:
    """``[{"field", "before", "after"}]`` of one entry's before/after values."""
    model = model_of(object_type)
    before, after = data.get("before") or {}, data.get("after") or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    names = data.get("fields") or list(dict.fromkeys([*before, *after]))
    rows = []
    for name in names:
        label, field = _field_label(model, name)
        rows.append(
            {
                "field": label,
                "before": display_value(before.get(name), field) if name in before else "–",
                "after": display_value(after.get(name), field) if name in after else "–",
            }
        )
    return rows


def entry_view(entry: ActivityLog) -> dict:
    """What a history table shows of one entry (no queries)."""
    data = entry.data if isinstance(entry.data, dict) else {}
    inlines = [
        {
            "object": f"{object_type_label(item.get('type', ''))} {item.get('label', '')}".strip(),
            "verb": item.get("verb", ""),
            "rows": change_rows(item.get("type", ""), item),
        }
        for item in data.get("inlines") or []
        if isinstance(item, dict)
    ]
    rest = {
        key: value
        for key, value in data.items()
        if key not in ("before", "after", "fields", "inlines")
    }
    return {
        "entry": entry,
        "rows": change_rows(entry.object_type, data),
        "inlines": inlines,
        "other": data_json(rest) if rest else "",
    }


# --- Erasure (GDPR) ----------------------------------------------------------------------------


def _scrub(value, *, fields: set[str], needles: list[str], replacement: str, personal: bool):
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if personal and key in fields and key not in ("before", "after", "inlines"):
                result[key] = replacement if item not in (None, "", [], {}) else item
            else:
                result[key] = _scrub(
                    item, fields=fields, needles=needles, replacement=replacement, personal=personal
                )
        return result
    if isinstance(value, list):
        return [
            _scrub(item, fields=fields, needles=needles, replacement=replacement, personal=personal)
            for item in value
        ]
    if isinstance(value, str):
        lowered = value.lower()
        for needle in needles:
            if needle.lower() in lowered:
                start = lowered.find(needle.lower())
                while start != -1:
                    value = value[:start] + replacement + value[start + len(needle) :]
                    lowered = value.lower()
                    start = lowered.find(needle.lower(), start + len(replacement))
        return value
    return value


def activity_scrub(
    *,
    edition_id: int | None,
    own_objects: list[tuple[str, str]],
    personal_fields: set[str],
    needles: list[str],
    searchable: list[str] = (),
    replacement: str,
) -> int:
    """Overwrite a person's data inside logged values; returns the number of entries changed.

    - entries of ``own_objects`` (``(object_type, object_id)``: the person's registration and
      what hangs on it): values of ``personal_fields`` are replaced wherever they occur in
      the data (before/after values included), and any text containing one of ``needles``
      (the e-mail address, the full name) has it replaced;
    - entries of the edition whose data contains one of ``searchable`` (ASCII text such as an
      e-mail address, found by the database): the needles are replaced in their text.
    Entries of the erasure itself are written after this and hold no personal data.
    """
    needles = [needle for needle in dict.fromkeys(needles) if needle and len(needle) >= 3]
    own = Q(pk__in=[])
    for object_type, object_id in own_objects:
        own |= Q(object_type=object_type, object_id=str(object_id))
    mentions = Q(pk__in=[])
    for text in searchable:
        if text and text.isascii():
            mentions |= Q(data__icontains=text)
    own_keys = {(t, str(i)) for t, i in own_objects}
    changed = []
    entries = ActivityLog.objects.filter(edition_id=edition_id).filter(own | mentions)
    for entry in entries.only("pk", "object_type", "object_id", "data"):
        personal = (entry.object_type, entry.object_id) in own_keys
        data = _scrub(
            entry.data,
            fields=personal_fields,
            needles=needles,
            replacement=replacement,
            personal=personal,
        )
        if data != entry.data:
            entry.data = data
            changed.append(entry)
    ActivityLog.objects.bulk_update(changed, ["data"], batch_size=200)
    return len(changed)
