from django.urls import path

from kongres.onsite.views import checkin

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
