"""The certificate e-mail: the registrant's mail context, the certificate and its PDF."""

from kongres.comms.registry import MessageBuildError
from kongres.onsite.documents.pdf import certificate_pdf
from kongres.onsite.models import Certificate
from kongres.registration.mails import mail_context


def certificate_context(message) -> dict:
    context = mail_context(message)
    certificate = (
        Certificate.objects.select_related("edition__series__organisation", "registration")
        .filter(pk=message.context.get("certificate"), registration_id=message.registration_id)
        .first()
    )
    if certificate is None:
        raise MessageBuildError(f"message {message.pk} has no certificate to send")
    context["certificate"] = certificate
    return context


def certificate_attachments(message, context: dict) -> list[tuple[str, bytes, str]]:
    certificate = context["certificate"]
    filename = f"certificate-{certificate.edition.slug}.pdf"
    return [(filename, certificate_pdf(certificate), "application/pdf")]
