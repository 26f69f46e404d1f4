from django.core.exceptions import PermissionDenied
from django_scopes import scopes_disabled


class ScopesForStaffMiddleware:
    """The back office works across editions with its own permission checks.

    Public views activate the scope of their edition explicitly (see ``public.views``); the
    admin sees every edition the signed-in organiser may see, so scoping is lifted there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and not user.is_staff:
                raise PermissionDenied
            with scopes_disabled():
                return self.get_response(request)
        return self.get_response(request)
