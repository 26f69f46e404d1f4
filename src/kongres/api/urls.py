from django.urls import path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)

from kongres.api import views
from kongres.common.security_headers import csp_allow

app_name = "api"

edition = "v1/editions/<slug:edition_slug>/"

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[]),
        name="schema",
    ),
    path(
        "docs/",
        # Swagger UI's icons are data: SVG images; nothing else is loosened, on this page only.
        csp_allow(img_src="data:")(
            SpectacularSwaggerSplitView.as_view(
                template_name="api/swagger_ui.html",
                url_name="api:schema",
                authentication_classes=[],
                permission_classes=[],
            )
        ),
        name="docs",
    ),
    path("v1/editions/", views.EditionListView.as_view(), name="editions"),
    path(edition, views.EditionDetailView.as_view(), name="edition"),
    path(edition + "sessions/", views.SessionListView.as_view(), name="sessions"),
    path(edition + "speakers/", views.SpeakerListView.as_view(), name="speakers"),
    path(edition + "registrations/", views.RegistrationListView.as_view(), name="registrations"),
    path(
        edition + "registrations/<str:pk>/",
        views.RegistrationDetailView.as_view(),
        name="registration",
    ),
    path(edition + "checkins/", views.CheckInListView.as_view(), name="checkins"),
    path(edition + "matchmaking/profiles/", views.ProfileListView.as_view(), name="profiles"),
    path(edition + "matchmaking/meetings/", views.MeetingListView.as_view(), name="meetings"),
    # Keep last: anything else under /api/ is a JSON 404 too, not the site's HTML page.
    re_path(r"^.*$", views.not_found),
]
