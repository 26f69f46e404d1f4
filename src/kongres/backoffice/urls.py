"""The organiser's pages of one edition, under /admin/office/<edition_id>/."""

from django.urls import path, re_path

from kongres.backoffice.views import audit, dashboard, mail

app_name = "backoffice"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    # Bulk e-mail (views/mail.py)
    path("mail/", mail.mail_list, name="mail_list"),
    path("mail/new/", mail.mail_new, name="mail_new"),
    path("mail/<int:bulk_id>/edit/", mail.mail_edit, name="mail_edit"),
    path("mail/<int:bulk_id>/preview/", mail.mail_preview, name="mail_preview"),
    path("mail/<int:bulk_id>/send/", mail.mail_send, name="mail_send"),
    path("mail/<int:bulk_id>/progress/", mail.mail_progress, name="mail_progress"),
    path(
        "mail/<int:bulk_id>/progress/fragment/",
        mail.mail_progress_fragment,
        name="mail_progress_fragment",
    ),
    # The audit log (views/audit.py)
    path("audit/", audit.audit_list, name="audit"),
    re_path(r"^audit/export/(?P<fmt>csv|xlsx)/$", audit.audit_export, name="audit_export"),
]
