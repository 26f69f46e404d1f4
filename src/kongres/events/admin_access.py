"""Team roles in the Django admin: what a team member may see and change, edition by edition.

A ``ModelAdmin`` of a model owned by an edition mixes in ``EditionTeamAdminMixin`` and names the
permission keys that open it (docs/architecture.md, "Permission keys"):

- ``team_view_keys``: holding any of these in an edition lets one see that edition's objects;
- ``team_change_key``: lets one add, change and delete them (and implies seeing them);
- ``team_edition_field``: the lookup from the model to its edition (``"edition"``,
  ``"host__edition"``, ``"pk"`` for the edition itself).

Each ``has_*_permission`` is the Django model permission (superusers and staff with model
permissions keep seeing every edition) *or* the key: in the object's edition when there is an
object, in any edition when there is none (the changelist, the admin index). Without the model
permission the list holds only the editions in which the user holds a view key, the edition
choices of a form only those in which they hold the change key, and saving an object into any
other edition is refused. The admin itself still needs ``is_staff``: a team member reaches
``/admin/`` only as a staff user without model permissions.
"""

from __future__ import annotations

from django.contrib.admin.options import InlineModelAdmin
from django.core.exceptions import PermissionDenied
from django.db import models
from django_scopes import scopes_disabled

from kongres.events.enums import PERMISSION_KEYS, ROLE_PERMISSIONS
from kongres.events.models import Edition, TeamMember

_CACHE_ATTRIBUTE = "_kongres_team_keys"


def team_keys_by_edition(request) -> dict[int, frozenset[str]]:
    """Every edition's keys the signed-in user holds, read once per request."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    user = request.user
    keys: dict[int, frozenset[str]] = {}
    if user.is_authenticated and user.is_active:
        with scopes_disabled():  # filtered by the user explicitly
            rows = TeamMember.objects.filter(user_id=user.pk).values_list("edition_id", "role")
            for edition_id, role in rows:
                keys[edition_id] = keys.get(edition_id, frozenset()) | ROLE_PERMISSIONS.get(
                    role, frozenset()
                )
    setattr(request, _CACHE_ATTRIBUTE, keys)
    return keys


def team_edition_ids(request, keys) -> set[int] | None:
    """Editions where the user holds any of ``keys``; ``None`` means all (a superuser)."""
    user = request.user
    if user.is_active and user.is_superuser:
        return None
    wanted = set(keys)
    return {
        edition_id for edition_id, held in team_keys_by_edition(request).items() if wanted & held
    }


def team_has_key(request, key: str, edition_id: int | None = None) -> bool:
    """Whether the user holds ``key`` in ``edition_id`` (or, without one, in any edition)."""
    if key not in PERMISSION_KEYS:
        raise ValueError(key)
    ids = team_edition_ids(request, [key])
    if ids is None:
        return True
    return bool(ids) if edition_id is None else edition_id in ids


class EditionTeamAdminMixin:
    """Put first in the bases: ``class XAdmin(EditionTeamAdminMixin, KongresModelAdmin)``."""

    team_view_keys: tuple[str, ...] = ()
    team_change_key: str | None = None
    team_edition_field: str = "edition"
    # What the change key allows besides changing; the edition itself is never added by a team.
    team_may_add: bool = True
    team_may_delete: bool = True
    # Actions that write nothing themselves (they lead to a page that checks again).
    team_unnarrowed_actions: tuple[str, ...] = ()

    # --- which editions ------------------------------------------------------------------

    def _team_view_keys(self) -> tuple[str, ...]:
        return (*self.team_view_keys, *([self.team_change_key] if self.team_change_key else []))

    def team_edition_id_of(self, obj) -> int | None:
        if not isinstance(obj, self.model):
            # An inline is asked about its parent object: an edition or something it owns.
            return obj.pk if isinstance(obj, Edition) else getattr(obj, "edition_id", None)
        *path, last = self.team_edition_field.split("__")
        for part in path:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        if last in ("pk", "id"):
            return obj.pk
        return getattr(obj, f"{last}_id", None)

    def _team_allows(self, request, keys, obj=None) -> bool:
        keys = [key for key in keys if key]
        if not keys or not request.user.is_active or not request.user.is_staff:
            return False
        ids = team_edition_ids(request, keys)
        if ids is None:
            return True
        if obj is None:
            return bool(ids)
        return self.team_edition_id_of(obj) in ids

    def _model_perm(self, request, action: str) -> bool:
        from django.contrib.auth import get_permission_codename

        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")

    def has_model_view_perm(self, request) -> bool:
        return self._model_perm(request, "view") or self._model_perm(request, "change")

    def team_view_edition_ids(self, request) -> set[int] | None:
        """Editions whose objects the user sees through a team role; ``None``: all."""
        return team_edition_ids(request, self._team_view_keys())

    def team_may_view_edition(self, request, edition_id: int) -> bool:
        """For custom admin views of one edition (exports): the model perm or a view key."""
        if self.has_model_view_perm(request):
            return True
        ids = team_edition_ids(request, self._team_view_keys())
        return ids is None or edition_id in ids

    # --- Django's permission hooks --------------------------------------------------------

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._team_allows(
            request, self._team_view_keys()
        )

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._team_allows(
            request, self._team_view_keys(), obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._team_allows(
            request, [self.team_change_key], obj
        )

    def has_add_permission(self, request, *args, **kwargs):
        # ModelAdmin.has_add_permission(request); InlineModelAdmin's also takes obj.
        return super().has_add_permission(request, *args, **kwargs) or (
            self.team_may_add and self._team_allows(request, [self.team_change_key])
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) or (
            self.team_may_delete and self._team_allows(request, [self.team_change_key], obj)
        )

    # --- what the list and the forms hold -------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if isinstance(self, InlineModelAdmin) or self.has_model_view_perm(request):
            # An inline lists what belongs to its parent, which the parent's list narrowed.
            return queryset
        ids = team_edition_ids(request, self._team_view_keys())
        if ids is None:
            return queryset
        return queryset.filter(**{f"{self.team_edition_field}__in": ids})

    def _team_change_edition_ids(self, request) -> set[int] | None:
        """Editions the user may write into; ``None``: any (model permission or superuser)."""
        if self._model_perm(request, "change") or self._model_perm(request, "add"):
            return None
        return team_edition_ids(request, [self.team_change_key] if self.team_change_key else [])

    def _limit_to_editions(self, db_field, field, ids):
        related = db_field.related_model
        if field is None or ids is None or not hasattr(field, "queryset"):
            return field
        if related is Edition:
            field.queryset = field.queryset.filter(pk__in=ids)
        elif any(
            isinstance(f, models.ForeignKey | models.OneToOneField)
            and f.name == "edition"
            and f.related_model is Edition
            for f in related._meta.get_fields()
        ):
            field.queryset = field.queryset.filter(edition_id__in=ids)
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._limit_to_editions(db_field, field, self._team_change_edition_ids(request))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._limit_to_editions(db_field, field, self._team_change_edition_ids(request))

    def save_model(self, request, obj, form, change):
        ids = self._team_change_edition_ids(request)
        if ids is not None and self.team_edition_id_of(obj) not in ids:
            # The form offers only the user's editions; this is the last line of defence.
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    # --- actions on the selected objects --------------------------------------------------

    def get_action(self, action):
        """Writing actions work only on the selected objects of the user's write editions."""
        found = super().get_action(action)
        if found is None:
            return None
        func, name, description = found
        if name in self.team_unnarrowed_actions or "view" in getattr(
            func, "allowed_permissions", ("view",)
        ):
            return found

        def narrowed(modeladmin, request, queryset):
            ids = modeladmin._team_change_edition_ids(request)
            if ids is not None:
                queryset = queryset.filter(**{f"{modeladmin.team_edition_field}__in": ids})
            return func(modeladmin, request, queryset)

        narrowed.allowed_permissions = func.allowed_permissions
        narrowed.short_description = getattr(func, "short_description", description)
        return narrowed, name, description

    def team_may_write(self, request) -> bool:
        """For custom action permissions (``has_<name>_permission``): model perm or change key."""
        return self._model_perm(request, "change") or self._team_allows(
            request, [self.team_change_key]
        )
