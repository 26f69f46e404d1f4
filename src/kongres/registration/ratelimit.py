"""Rate limits of the public forms: fixed-window counters in the ``ratelimit`` cache.

A limit is ``"<count>/<seconds>"`` in ``settings.RATE_LIMITS`` under a scope name
(``register_ip``, ``register_email``, ``link_ip``, ``link_email``). Windows are aligned to the
epoch, so every process of the machine counts into the same key and the end of the window (the
``Retry-After``) is known without storing it. Identifiers are hashed before they become cache
keys: no e-mail address or IP address is written to disk.

Client address: ``REMOTE_ADDR`` only. ``X-Forwarded-For`` is not trusted, because any client can
send it. Behind a reverse proxy every request would come from the proxy's address, so a
deployment with ``KONGRES_BEHIND_PROXY`` needs the proxy to overwrite ``X-Forwarded-For`` and
this module to read its last entry (the address the proxy saw); that is not done yet.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches


def _limit(scope: str) -> tuple[int, int]:
    count, _slash, seconds = settings.RATE_LIMITS[scope].partition("/")
    return int(count), int(seconds)


def _key(scope: str, ident: str, window: int) -> str:
    digest = hashlib.sha256(f"{scope}\0{ident}".encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{window}"


def hit(scope: str, ident: str) -> bool:
    """Count one attempt of ``ident`` in ``scope``; True when it goes over the limit.

    An attempt over the limit is counted as well, so hammering does not reopen the window.
    An empty identifier is never limited.
    """
    if not ident:
        return False
    count, seconds = _limit(scope)
    window = int(time.time()) // seconds
    key = _key(scope, ident.strip().lower(), window)
    cache = caches["ratelimit"]
    # add() is a no-op when the key exists; the counter lives a little past its window.
    cache.add(key, 0, timeout=seconds + 60)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds + 60)
        attempts = 1
    return attempts > count


def retry_after(scope: str) -> int:
    """Seconds until the current window of ``scope`` ends (at least 1)."""
    _count, seconds = _limit(scope)
    return max(1, seconds - int(time.time()) % seconds)


def client_ip(request) -> str:
    """The address the request came from (see the module's note on proxies)."""
    return request.META.get("REMOTE_ADDR", "")
