from django.urls import path

from kongres.onsite.views import checkin, documents

app_name = "onsite"

urlpatterns = [
    # The check-in PWA: everything under checkin/ is the service worker's scope.
    path("checkin/", checkin.checkin_page, name="checkin"),
    path("checkin/login/", checkin.checkin_login, name="checkin_login"),
    path("checkin/logout/", checkin.checkin_logout, name="checkin_logout"),
    path("checkin/sw.js", checkin.checkin_service_worker, name="checkin_sw"),
    path("checkin/manifest.webmanifest", checkin.checkin_manifest, name="checkin_manifest"),
    path("checkin/list.json", checkin.checkin_list, name="checkin_list"),
    path("checkin/scan", checkin.checkin_scan, name="checkin_scan"),
    path("checkin/sync", checkin.checkin_sync, name="checkin_sync"),
]

# Documents: badges, attendance lists, certificates (organiser pages, then public ones).
urlpatterns += [
    path("onsite/documents/", documents.documents, name="documents"),
    path("onsite/badges/", documents.badges, name="badges"),
    path("onsite/badges/print/", documents.badges_print, name="badges_print"),
    path("onsite/badges/<int:registration_id>/", documents.badge_print, name="badge_print"),
    path(
        "onsite/attendance/day/<str:date>.pdf",
        documents.attendance_day,
        name="attendance_day",
    ),
    path(
        "onsite/attendance/session/<int:session_id>.pdf",
        documents.attendance_session,
        name="attendance_session",
    ),
    path("onsite/attendance/checkins.xlsx", documents.checkins_xlsx, name="checkins_xlsx"),
    path("onsite/certificates/issue/", documents.certificates_issue, name="certificates_issue"),
    path(
        "me/<str:token>/certificate.pdf",
        documents.certificate_personal,
        name="certificate_personal",
    ),
    path("certificate/", documents.certificate_verify, name="certificate_find"),
    path("certificate/<str:code>/", documents.certificate_verify, name="certificate_verify"),
]
