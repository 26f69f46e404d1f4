from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from kongres.common import views as common_views
from kongres.events.sitemaps import SITEMAPS as EVENTS_SITEMAPS
from kongres.program.sitemaps import SITEMAPS as PROGRAM_SITEMAPS

SITEMAPS = {**EVENTS_SITEMAPS, **PROGRAM_SITEMAPS}

admin.site.site_header = "Kongres"
admin.site.site_title = "Kongres"
admin.site.index_title = _("Back office")

urlpatterns = [
    path("healthz", common_views.healthz, name="healthz"),
    path("readyz", common_views.readyz, name="readyz"),
    path("robots.txt", common_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/2fa/", include("kongres.accounts.urls")),
    path("admin/office/<int:edition_id>/", include("kongres.backoffice.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("kongres.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("kongres.events.urls")),
    path("<slug:edition_slug>/", include("kongres.program.urls")),
    path("<slug:edition_slug>/", include("kongres.registration.urls")),
    path("<slug:edition_slug>/", include("kongres.visits.urls")),
    path("<slug:edition_slug>/", include("kongres.matchmaking.urls")),
    path("<slug:edition_slug>/", include("kongres.onsite.urls")),
    prefix_default_language=True,
)
if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler404 = "kongres.common.views.page_not_found"
handler500 = "kongres.common.views.server_error"
