"""Rendering of queued e-mails: subject and plain-text body in the recipient's language.

Each message kind (``kongres.comms.registry``, registered by the app that sends it) has two
templates in ``templates/comms/email/``: ``<kind>.subject.txt`` (one line) and ``<kind>.txt``
(the body). Templates render with autoescaping off: the body is plain text, so user content
is shown exactly as typed and can never become markup. The kind's context builder reads
everything fresh from the database when the mail is built, so a mail sent after a retry tells
the current state (e.g. the ticket carries the seats held at sending time).
"""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kongres.comms.registry import MessageBuildError, kind_get

__all__ = ["TEMPLATE_DIR", "MessageBuildError", "message_build"]

TEMPLATE_DIR = "comms/email"


def _plain(text: str) -> str:
    """Tidy what template tags leave behind: trailing spaces and runs of blank lines."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def message_build(message) -> tuple[EmailMessage, str]:
    """The e-mail for a queued message, ready to send, and its subject (for the log)."""
    kind = kind_get(message.kind)
    with translation.override(message.language), timezone.override(settings.TIME_ZONE):
        context = kind.context(message)
        subject = _one_line(render_to_string(f"{TEMPLATE_DIR}/{message.kind}.subject.txt", context))
        body = _plain(render_to_string(f"{TEMPLATE_DIR}/{message.kind}.txt", context))
        attachments = kind.attachments(message, context) if kind.attachments else []
    reply_to = context.get("organiser_email")
    email = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        reply_to=[reply_to] if reply_to else None,
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
    )
    for filename, content, mimetype in attachments:
        email.attach(filename, content, mimetype)
    return email, subject
