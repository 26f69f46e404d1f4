"""Public edition pages: resolve the edition, scope every query to it, cache the result."""

import copy
import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from django_scopes import scope

from kongres.common.htmx import wants_partial
from kongres.events.selectors import edition_cache_stamp, edition_public_get

# (edition id, content version, slug) -> the loaded edition, kept by this process: uncached
# views (forms, personal pages) need the edition on every request, and it changes only when
# its content version does.
_editions: dict[tuple[int, int, str], object] = {}


def _edition(edition_slug: str, edition_id: int, content_version: int):
    key = (edition_id, content_version, edition_slug)
    edition = _editions.get(key)
    if edition is None:
        edition = edition_public_get(slug=edition_slug)
        if len(_editions) > 100:
            _editions.clear()
        _editions[key] = edition
    # Each request gets its own copy (Django copies the cache of related objects too), so
    # whatever a request loads through the edition (its matchmaking settings, say) stays in
    # that request and is never served stale to the next one.
    return copy.copy(edition)


def edition_loaded(edition_slug: str):
    """The public edition of this slug, kept by this process as the pages keep it; None when
    there is no such public edition. For views that are not public pages (check-in)."""
    stamp = edition_cache_stamp(slug=edition_slug)
    if stamp is None:
        return None
    edition_id, content_version, _locales = stamp
    return _edition(edition_slug, edition_id, content_version)


def forget_editions() -> None:
    """Drop this process's loaded editions (tests reuse ids and content versions)."""
    _editions.clear()


def public_edition_view(view=None, *, cached: bool = True):
    """Wrap a view ``view(request, edition, **kwargs)`` of a public edition page.

    The rendered page is cached under the edition's content version, which every edit of the
    edition or anything it owns increases, so a cached page is never stale and pages stay fast
    under load. Only successful anonymous-safe GET responses are cached.
    """

    def decorator(func):
        @functools.wraps(func)
        def wrapper(request, edition_slug, **kwargs):
            stamp = edition_cache_stamp(slug=edition_slug)
            if stamp is None:
                raise Http404("edition")
            edition_id, content_version, locales = stamp
            if locales and get_language() not in locales:
                raise Http404("language not offered by this edition")
            use_cache = cached and request.method == "GET" and settings.PUBLIC_PAGE_CACHE_SECONDS
            key = None
            if use_cache:
                key = ":".join(
                    [
                        "page",
                        str(edition_id),
                        str(content_version),
                        request.get_host(),  # pages carry absolute links
                        get_language() or "",
                        "partial" if wants_partial(request) else "full",
                        # Hashed: a long query string must not make an over-long cache key.
                        hashlib.sha256(request.get_full_path().encode()).hexdigest(),
                    ]
                )
                hit = cache.get(key)
                if hit is not None:
                    body, content_type, headers = hit
                    response = HttpResponse(body, content_type=content_type)
                    for name, value in headers.items():
                        response[name] = value
                    return response
            edition = _edition(edition_slug, edition_id, content_version)
            request.edition = edition
            with scope(edition=edition):
                response = func(request, edition, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
            if key and response.status_code == 200 and not response.streaming:
                headers = {
                    name: response[name]
                    for name in ("Content-Disposition", "Vary")
                    if response.has_header(name)
                }
                cache.set(
                    key,
                    (response.content, response["Content-Type"], headers),
                    settings.PUBLIC_PAGE_CACHE_SECONDS,
                )
            return response

        return wrapper

    if view is not None:
        return decorator(view)
    return decorator
