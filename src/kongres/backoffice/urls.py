"""The organiser's pages of one edition, under /admin/office/<edition_id>/."""

from django.urls import path, re_path

from kongres.backoffice.views import audit

app_name = "backoffice"

urlpatterns = [
    path("audit/", audit.audit_list, name="audit"),
    re_path(r"^audit/export/(?P<fmt>csv|xlsx)/$", audit.audit_export, name="audit_export"),
]
