"""The bulk e-mail pages of an edition's back office (key ``event.mail:send``).

list → new (form) → preview (recipients, the mail as one real recipient of each language gets
it) → confirm (POST) → progress (polled by htmx every 2 s while the worker works).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kongres.backoffice.access import edition_view
from kongres.backoffice.bulk_mail import (
    KIND,
    LANGUAGES,
    PLACEHOLDERS,
    bulk_mail_progress,
    bulk_mail_recipients,
)
from kongres.backoffice.enums import BulkMailState
from kongres.backoffice.mail_forms import BulkMailForm
from kongres.backoffice.mail_services import MAIL_SEND_KEY, bulk_mail_save, bulk_mail_send
from kongres.backoffice.models import BulkMail
from kongres.comms.models import Message
from kongres.comms.rendering import message_build

PREVIEW_RECIPIENTS = 10


def _bulk(edition, bulk_id: int) -> BulkMail:
    return get_object_or_404(BulkMail, pk=bulk_id, edition=edition)


@edition_view(MAIL_SEND_KEY)
def mail_list(request, edition):
    bulks = BulkMail.objects.filter(edition=edition).select_related("created_by")
    return render(
        request,
        "backoffice/mail_list.html",
        {"edition": edition, "bulks": bulks, "title": _("Bulk e-mail"), "states": BulkMailState},
    )


def _form_page(request, edition, bulk=None):
    if bulk is not None and bulk.state != BulkMailState.DRAFT:
        return redirect("backoffice:mail_progress", edition.pk, bulk.pk)
    form = BulkMailForm(request.POST or None, edition=edition, bulk=bulk)
    if request.method == "POST" and form.is_valid():
        try:
            bulk = bulk_mail_save(
                edition=edition, actor=request.user, data=form.to_input(), bulk=bulk
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("backoffice:mail_preview", edition.pk, bulk.pk)
    placeholders = [(f"{{{name}}}", label) for name, (label, _key) in PLACEHOLDERS.items()]
    return render(
        request,
        "backoffice/mail_form.html",
        {
            "edition": edition,
            "form": form,
            "bulk": bulk,
            "placeholders": placeholders,
            "title": _("Change the bulk e-mail") if bulk else _("New bulk e-mail"),
        },
        status=400 if form.errors else 200,
    )


@edition_view(MAIL_SEND_KEY)
def mail_new(request, edition):
    return _form_page(request, edition)


@edition_view(MAIL_SEND_KEY)
def mail_edit(request, edition, bulk_id: int):
    return _form_page(request, edition, _bulk(edition, bulk_id))


def _rendered(bulk: BulkMail, registration) -> dict:
    """The mail exactly as this recipient gets it (built as the worker builds it)."""
    message = Message(
        edition=bulk.edition,
        registration=registration,
        kind=KIND,
        to_email=registration.email,
        language=registration.language,
        context={"bulk": bulk.pk},
        dedupe_key="preview",
    )
    email, subject = message_build(message)
    return {"registration": registration, "subject": subject, "body": email.body}


@edition_view(MAIL_SEND_KEY)
def mail_preview(request, edition, bulk_id: int):
    bulk = _bulk(edition, bulk_id)
    if bulk.state != BulkMailState.DRAFT:
        return redirect("backoffice:mail_progress", edition.pk, bulk.pk)
    recipients = bulk_mail_recipients(edition=edition, filters=bulk.filters)
    count = recipients.count()
    first = list(recipients.select_related("category")[:PREVIEW_RECIPIENTS])
    samples = []
    for language in LANGUAGES:
        person = recipients.filter(language=language).select_related("category").first()
        if person is not None:
            samples.append({"language": language, **_rendered(bulk, person)})
    return render(
        request,
        "backoffice/mail_preview.html",
        {
            "edition": edition,
            "bulk": bulk,
            "count": count,
            "first": first,
            "samples": samples,
            "title": _("Preview of the bulk e-mail"),
        },
    )


@edition_view(MAIL_SEND_KEY)
def mail_send(request, edition, bulk_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    bulk = _bulk(edition, bulk_id)
    try:
        bulk_mail_send(bulk=bulk, actor=request.user)
    except ValidationError as error:
        if error.code == "sent":  # a double click: the first one sent it
            return redirect("backoffice:mail_progress", edition.pk, bulk.pk)
        messages.error(request, " ".join(error.messages))
        return redirect("backoffice:mail_preview", edition.pk, bulk.pk)
    messages.success(request, _("The e-mail is queued; the worker sends it now."))
    return redirect("backoffice:mail_progress", edition.pk, bulk.pk)


def _progress_context(edition, bulk: BulkMail) -> dict:
    progress = bulk_mail_progress(bulk=bulk)
    return {
        "edition": edition,
        "bulk": bulk,
        "progress": progress,
        "states": BulkMailState,
        # Polled until the worker has queued everything and every message has an outcome.
        "working": bulk.state in (BulkMailState.QUEUED, BulkMailState.SENDING)
        or progress["waiting"] > 0,
    }


@edition_view(MAIL_SEND_KEY)
def mail_progress(request, edition, bulk_id: int):
    bulk = _bulk(edition, bulk_id)
    if bulk.state == BulkMailState.DRAFT:
        return redirect("backoffice:mail_preview", edition.pk, bulk.pk)
    context = _progress_context(edition, bulk)
    context["title"] = _("Sending the bulk e-mail")
    return render(request, "backoffice/mail_progress.html", context)


@edition_view(MAIL_SEND_KEY)
def mail_progress_fragment(request, edition, bulk_id: int):
    bulk = _bulk(edition, bulk_id)
    return render(request, "backoffice/_mail_progress.html", _progress_context(edition, bulk))
