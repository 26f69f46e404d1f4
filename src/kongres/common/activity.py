"""Writing the activity log. Services call ``log_activity`` inside their transaction."""

from kongres.common.models import ActivityLog

SYSTEM = "system"
PARTICIPANT = "participant"


def log_activity(
    *,
    obj,
    action: str,
    actor=None,
    actor_label: str = SYSTEM,
    edition=None,
    data: dict | None = None,
) -> ActivityLog:
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = actor.get_username()
    else:
        actor, label = None, actor_label
    return ActivityLog.objects.create(
        edition=edition if edition is not None else getattr(obj, "edition", None),
        actor=actor,
        actor_label=label,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data or {},
    )
