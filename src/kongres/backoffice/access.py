"""Who may open a page of one edition's back office: the permission keys of its team.

Every view under ``/admin/office/<edition_id>/`` is wrapped by ``edition_view(*keys)``: the
user must be signed in as staff (the admin's middleware already asks for the second step) and
hold at least one of ``keys`` in that edition's team (``events.selectors.team_permissions_get``;
superusers hold all). The view runs inside ``scope(edition=…)``, so everything it queries is
that edition's.
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_scopes import scope

from kongres.events.models import Edition
from kongres.events.selectors import team_permissions_get


def edition_view(*keys: str):
    """Wrap ``view(request, edition, **kwargs)`` for staff holding any of ``keys``."""

    def decorator(func):
        @functools.wraps(func)
        @never_cache
        def wrapper(request, edition_id, **kwargs):
            user = request.user
            if not (user.is_authenticated and user.is_active and user.is_staff):
                return redirect_to_login(request.get_full_path(), reverse("admin:login"))
            edition = get_object_or_404(Edition, pk=edition_id)
            held = team_permissions_get(user=user, edition_id=edition.pk)
            if not held.intersection(keys):
                raise PermissionDenied
            request.edition_permissions = held
            with scope(edition=edition):
                return func(request, edition, **kwargs)

        return wrapper

    return decorator
