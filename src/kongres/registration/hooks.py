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


# --- Personal data (GDPR) ---------------------------------------------------------------------
# Erasure: ``registration_erase`` calls every erase callback inside its transaction, after the
# registration is cancelled and before its own fields are overwritten, with the registration
# (row locked). Each app above registration blanks or deletes its own personal data.
_on_erased: list[Callable] = []
# Export: ``name -> callback(registration) -> JSON-able dict or list``; one section each.
_sections: dict[str, Callable] = {}
# Consent withdrawn: ``callback(registration, kind)`` inside the withdrawal's transaction.
_on_consent_withdrawn: list[Callable] = []


def on_registration_erased(callback: Callable) -> None:
    """Call ``callback(registration)`` when a person's registration is erased."""
    if callback not in _on_erased:
        _on_erased.append(callback)


def registration_erased(registration) -> None:
    for callback in _on_erased:
        callback(registration)


def personal_data_section(name: str, callback: Callable) -> None:
    """Add the section ``name`` to a participant's data export, built by ``callback``."""
    _sections[name] = callback


def personal_data_sections() -> dict[str, Callable]:
    return dict(_sections)


def on_consent_withdrawn(callback: Callable) -> None:
    """Call ``callback(registration, kind)`` when a participant withdraws a consent."""
    if callback not in _on_consent_withdrawn:
        _on_consent_withdrawn.append(callback)


def consent_withdrawn(registration, kind: str) -> None:
    for callback in _on_consent_withdrawn:
        callback(registration, kind)
