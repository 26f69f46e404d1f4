from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django_scopes import scopes_disabled

from kongres.events.models import Edition


class EditionPagesSitemap(Sitemap):
    """Every public page of every published or archived edition, in both languages."""

    i18n = True
    alternates = True
    x_default = True
    pages = (
        "events:home",
        "program:program",
        "program:speakers",
        "events:partners",
        "events:venue",
        "visits:list",
        "events:privacy",
    )

    def items(self):
        editions = Edition.objects.public().order_by("-start_date").values_list("slug", flat=True)
        return [(page, slug) for slug in editions for page in self.pages]

    def location(self, item):
        page, slug = item
        return reverse(page, kwargs={"edition_slug": slug})


class SessionSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        from kongres.program.models import Session

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
        from kongres.program.models import Speaker

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


class ArchiveSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["events:archive"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "archive": ArchiveSitemap,
    "editions": EditionPagesSitemap,
    "sessions": SessionSitemap,
    "speakers": SpeakerSitemap,
}
