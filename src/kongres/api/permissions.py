"""A request passes when the token holds the view's scope and the user's team role allows it."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions

from kongres.api.enums import SCOPE_TEAM_KEYS
from kongres.api.models import ApiToken
from kongres.events.selectors import team_permissions_get


class ScopeAndRole(permissions.BasePermission):
    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            raise exceptions.NotAuthenticated(_("Send an API token: Authorization: Bearer …"))
        edition = view.edition
        if edition is None:
            raise exceptions.NotFound(_("No such edition."))
        if token.edition_id != edition.pk:
            raise exceptions.PermissionDenied(_("This token belongs to another edition."))
        scope = view.required_scope(request)
        if scope not in token.scopes:
            raise exceptions.PermissionDenied(
                _("The token lacks the scope %(scope)s.") % {"scope": scope}
            )
        keys = team_permissions_get(user=request.user, edition_id=edition.pk)
        needed = SCOPE_TEAM_KEYS[scope]
        if not keys or (needed and not needed & keys):
            raise exceptions.PermissionDenied(
                _("Your role in this edition's team does not allow this.")
            )
        return True
