"""What apps above registration do when a registration changes, without registration knowing them.

An app registers a callback in its ``AppConfig.ready()``; ``registration_cancel`` calls every
callback at the end of its transaction, with the registration (already cancelled, its row
locked), in the order they were registered. A callback that raises rolls the cancellation
back. Plain function calls rather than a Django signal: the order and the transaction are
explicit, and an exception is not swallowed.
"""

from collections.abc import Callable

_on_cancelled: list[Callable] = []


def on_registration_cancelled(callback: Callable) -> None:
    """Call ``callback(registration)`` whenever a registration is cancelled (once per callback)."""
    if callback not in _on_cancelled:
        _on_cancelled.append(callback)


def registration_cancelled(registration) -> None:
    for callback in _on_cancelled:
        callback(registration)
