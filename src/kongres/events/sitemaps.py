from django.contrib.sitemaps import Sitemap
from django.urls import reverse

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


class ArchiveSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["events:archive"]

    def location(self, item):
        return reverse(item)


# The program's sessions and speakers are in kongres.program.sitemaps; kongres.urls joins them.
SITEMAPS = {
    "archive": ArchiveSitemap,
    "editions": EditionPagesSitemap,
}
