def wants_partial(request) -> bool:
    """An htmx request that swaps part of a page (not a history restore, which needs it all)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request
