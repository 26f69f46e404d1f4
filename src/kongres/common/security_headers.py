"""Content-Security-Policy and Permissions-Policy on every response.

Every script and stylesheet the project serves is a static file of its own origin, so the
policy is one constant string: no nonces, no hashes, no ``'unsafe-inline'`` or
``'unsafe-eval'``. A small middleware of our own instead of a library: with nothing inline
there is no nonce to thread through templates, and the Permissions-Policy (which CSP
libraries do not write) needs a per-view exception anyway (the check-in page uses the camera).

Policies come from the settings ``CONTENT_SECURITY_POLICY`` and ``PERMISSIONS_POLICY``
(directive -> list of sources / allowlist). A view loosens the Permissions-Policy for itself
with :func:`permissions_policy`, and may add sources to a CSP directive with :func:`csp_allow`:
only the API docs page does (Swagger UI draws its icons as ``data:`` SVG images).
"""

from collections.abc import Callable, Mapping
from functools import wraps

from django.conf import settings

CSP_HEADER = "Content-Security-Policy"
PERMISSIONS_HEADER = "Permissions-Policy"


def csp_header_value(policy: Mapping[str, list[str]]) -> str:
    """``{"default-src": ["'self'"]}`` -> ``"default-src 'self'"``; an empty list is a bare
    directive (``upgrade-insecure-requests``)."""
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


def permissions_header_value(policy: Mapping[str, list[str]]) -> str:
    """``{"camera": ["self"], "usb": []}`` -> ``"camera=(self), usb=()"``."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


def _per_view(attribute: str, given: Mapping[str, str | list[str]]) -> Callable:
    """A view decorator that leaves ``{"camera": ["self"]}`` on the response, for the
    middleware to merge into the policy (``img_src`` is written ``img-src``)."""
    values = {
        name.replace("_", "-"): [value] if isinstance(value, str) else list(value)
        for name, value in given.items()
    }

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            setattr(response, attribute, values)
            return response

        return wrapped

    return decorator


def permissions_policy(**features: str | list[str]) -> Callable:
    """Allow features for one view: ``@permissions_policy(camera="self")``."""
    return _per_view("permissions_policy", features)


def csp_allow(**directives: str | list[str]) -> Callable:
    """Add sources to CSP directives for one view: ``@csp_allow(img_src="data:")``."""
    return _per_view("csp_additions", directives)


class SecurityHeadersMiddleware:
    """Sets both headers on every response that has not set them itself."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp_policy = dict(settings.CONTENT_SECURITY_POLICY)
        self.csp = csp_header_value(self.csp_policy)
        self.permissions = dict(settings.PERMISSIONS_POLICY)
        self.permissions_value = permissions_header_value(self.permissions)

    def __call__(self, request):
        response = self.get_response(request)
        if CSP_HEADER not in response:
            additions = getattr(response, "csp_additions", None)
            response[CSP_HEADER] = (
                csp_header_value(
                    {
                        directive: [
                            *self.csp_policy.get(directive, []),
                            *additions.get(directive, []),
                        ]
                        for directive in {**self.csp_policy, **additions}
                    }
                )
                if additions
                else self.csp
            )
        if PERMISSIONS_HEADER not in response:
            overrides = getattr(response, "permissions_policy", None)
            response[PERMISSIONS_HEADER] = (
                permissions_header_value({**self.permissions, **overrides})
                if overrides
                else self.permissions_value
            )
        return response
