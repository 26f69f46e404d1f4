"""Writing the activity log. Services call ``log_activity`` inside their transaction."""

from kongres.common.models import ActivityLog

SYSTEM = "system"
PARTICIPANT = "participant"


def activity_entry(
    *,
    obj,
    action: str,
    actor=None,
    actor_label: str = SYSTEM,
    edition_id: int | None = None,
    data: dict | None = None,
) -> ActivityLog:
    """An unsaved log entry; write several at once with ``log_activities``."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = actor.get_username()
    else:
        actor, label = None, actor_label
    if edition_id is None:
        # The id column when the object has one: following the relation may cost a query.
        edition_id = getattr(obj, "edition_id", None)
        if edition_id is None and (edition := getattr(obj, "edition", None)) is not None:
            edition_id = edition.pk
    return ActivityLog(
        edition_id=edition_id,
        actor=actor,
        actor_label=label,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data or {},
    )


def log_activities(entries) -> None:
    """Write log entries in one statement (inside the caller's transaction)."""
    ActivityLog.objects.bulk_create(entries)


def log_activity(
    *,
    obj,
    action: str,
    actor=None,
    actor_label: str = SYSTEM,
    edition=None,
    data: dict | None = None,
) -> ActivityLog:
    entry = activity_entry(
        obj=obj,
        action=action,
        actor=actor,
        actor_label=actor_label,
        edition_id=edition.pk if edition is not None else None,
        data=data,
    )
    entry.save()
    return entry
