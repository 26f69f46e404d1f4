"""The one check a service makes before an organiser's write: does the actor hold the key?

Services that an organiser calls with ``actor=user`` (the admin, the back office) call
``require_permission`` first, so a view that forgot its check still cannot write. The system
(``actor=None``: tasks, the demo loader) and participants (personal links, no user) are not
asked. Staff holding the Django model permission named by ``model_perm`` pass in every
edition, as in the admin (docs/architecture.md, "Permission keys").
"""

from django.core.exceptions import PermissionDenied

from kongres.events.enums import PERMISSION_KEYS
from kongres.events.selectors import team_permissions_get


def require_permission(user, edition_id: int, key: str, *, model_perm: str | None = None):
    """Raise ``PermissionDenied`` unless ``user`` holds ``key`` in the edition's team."""
    if key not in PERMISSION_KEYS:
        raise ValueError(f"Unknown permission key: {key}")
    if user is None:
        return
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        raise PermissionDenied
    if model_perm and user.is_staff and user.has_perm(model_perm):
        return
    if key not in team_permissions_get(user=user, edition_id=edition_id):
        raise PermissionDenied
