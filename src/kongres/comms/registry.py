"""The kinds of message comms can send, registered by the apps that send them.

``comms`` keeps the outbox and sends; it knows nothing of registrations, seats or meetings.
Each sending app registers its own kinds in its ``AppConfig.ready()``::

    register_kind("verify_email", _("Confirm your e-mail address"), context=..., attachments=...)

- ``name`` is what ``Message.kind`` stores and names the templates
  ``templates/comms/email/<name>.subject.txt`` and ``<name>.txt``;
- ``label`` is what the delivery log in the admin shows;
- ``context(message)`` returns the template context, read fresh from the database when the
  mail is built (inside the recipient's language and ``Europe/Warsaw`` time); it raises
  ``MessageBuildError`` when the message cannot be built. The mail's Reply-To is the context's
  ``organiser_email`` when it has one;
- ``attachments(message, context)``, optional, returns ``[(filename, bytes, mimetype)]``.

A name registered twice by different apps is a programming error and fails at start-up.
"""

from collections.abc import Callable
from dataclasses import dataclass


class MessageBuildError(Exception):
    """The message cannot be built (e.g. its registration was erased, or its kind is unknown)."""


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    context: Callable[..., dict]
    attachments: Callable[..., list[tuple[str, bytes, str]]] | None = None


_kinds: dict[str, Kind] = {}


def register_kind(
    name: str,
    label,
    *,
    context: Callable[..., dict],
    attachments: Callable[..., list[tuple[str, bytes, str]]] | None = None,
) -> None:
    kind = Kind(name=str(name), label=label, context=context, attachments=attachments)
    known = _kinds.get(kind.name)
    if known is not None and known.context is not context:
        raise ValueError(f"message kind {kind.name!r} is registered twice")
    _kinds[kind.name] = kind


def kind_get(name: str) -> Kind:
    try:
        return _kinds[name]
    except KeyError:
        raise MessageBuildError(f"unknown message kind {name!r}") from None


def kind_label(name: str) -> str:
    """The readable label of a kind; the stored name itself when no app registers it."""
    kind = _kinds.get(name)
    return str(kind.label) if kind is not None else name


def kind_names() -> list[str]:
    """Every registered kind, in the order of registration (INSTALLED_APPS, then each app's)."""
    return list(_kinds)
