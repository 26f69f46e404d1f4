from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django_scopes import scopes_disabled

from kongres.events.models import Edition
from kongres.program.models import Session, Speaker


class SessionSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        with scopes_disabled():
            return list(
                Session.objects.filter(edition__in=Edition.objects.public())
                .select_related("edition")
                .order_by("edition_id", "start")
            )

    def location(self, item):
        return reverse(
            "program:session", kwargs={"edition_slug": item.edition.slug, "slug": item.slug}
        )

    def lastmod(self, item):
        return item.updated_at


class SpeakerSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        with scopes_disabled():
            return list(
                Speaker.objects.filter(edition__in=Edition.objects.public())
                .select_related("edition")
                .order_by("edition_id", "name")
            )

    def location(self, item):
        return reverse(
            "program:speaker", kwargs={"edition_slug": item.edition.slug, "slug": item.slug}
        )


SITEMAPS = {
    "sessions": SessionSitemap,
    "speakers": SpeakerSitemap,
}
