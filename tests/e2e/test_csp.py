"""Every page under the Content-Security-Policy: public site, participant pages, check-in, admin.

The browser itself reports what the policy blocks: a ``securitypolicyviolation`` event in the
page (recorded into ``window`` by an init script, so violations during parsing count too) and
a console error. Pages are found by following links, so a page added later is visited too;
each page's response must carry the CSP and Permissions-Policy headers.
"""

import re
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from playwright.sync_api import expect

from kongres.matchmaking.models import Meeting
from kongres.registration import links
from tests.onsite.checkin_setup import PASSWORD, checkin_user

pytestmark = pytest.mark.e2e

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
    + `at ${event.sourceFile}:${event.lineNumber} (${event.sample})`
  );
});
"""
# Responses that are not pages: followed links to them are not visited.
NOT_PAGES = re.compile(r"[./](ics|pdf|xlsx|csv|json|webmanifest|js|xml|txt|zip)/?$")
# Links that change state on GET, download a file or leave the area (GET of logout is refused).
SKIP = re.compile(
    r"/admin/logout/|/export/|/delete/|/admin/r/|/autocomplete/|/jsi18n/|/checkin/logout/"
)
# Listings whose children share one template: a few of them stand for all.
CHILDREN_PER_LISTING = 2
LISTINGS = re.compile(r"/(program|speakers|profiles|visits|certificate)/$")


class CspWatch:
    """Collects the violations and the pages without the headers, over every page visited."""

    def __init__(self, page):
        self.page = page
        self.violations = []
        self.console = []
        self.missing_headers = []
        self.visited = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                self.console.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text or "Permissions policy" in message.text
                else None
            ),
        )

    def visit(self, url):
        response = self.page.goto(url)
        assert response is not None, url
        assert response.status == 200, f"{url}: {response.status}"
        self.check(response)
        return response

    def check(self, response):
        headers = response.headers
        for name in ("content-security-policy", "permissions-policy"):
            if name not in headers:
                self.missing_headers.append(f"{response.url}: {name}")
        self.page.wait_for_load_state("load")
        self.collect()
        self.visited.append(urlsplit(response.url).path)

    def collect(self):
        found = self.page.evaluate("() => window.__cspViolations || []")
        self.violations += [f"{self.page.url}: {item}" for item in found]
        self.page.evaluate("() => { window.__cspViolations = []; }")

    def crawl(self, base, seeds, prefixes, limit=200):
        """Visit the seeds and every page linked from them under one of the prefixes."""
        queue = list(seeds)
        seen = set(queue)
        per_listing = {}
        limit += len(self.visited)
        while queue and len(self.visited) < limit:
            path = queue.pop(0)
            self.visit(f"{base}{path}")
            hrefs = self.page.eval_on_selector_all(
                "a[href]", "links => links.map(link => link.href)"
            )
            for href in hrefs:
                parts = urlsplit(urldefrag(href).url)
                if parts.netloc != urlsplit(base).netloc:
                    continue
                target = parts.path
                if (
                    target in seen
                    or not target.startswith(prefixes)
                    or NOT_PAGES.search(target)
                    or SKIP.search(target)
                ):
                    continue
                # One change page per model (ids, UUIDs), one page per kind of detail page.
                shape = re.sub(r"/[^/]*\d[^/]*(?=/)", "/#", target)
                if shape != target and shape in seen:
                    continue
                parent = target.rstrip("/").rsplit("/", 1)[0] + "/"
                if LISTINGS.search(parent):
                    per_listing[parent] = per_listing.get(parent, 0) + 1
                    if per_listing[parent] > CHILDREN_PER_LISTING:
                        continue
                seen.update({target, shape})
                queue.append(target)
        assert len(self.visited) < limit, "the crawl did not finish: raise the limit"

    def assert_clean(self):
        print(f"CSP: {len(self.visited)} pages visited, {len(set(self.visited))} distinct")
        assert not self.violations, "CSP violations:\n" + "\n".join(self.violations)
        assert not self.console, "CSP console messages:\n" + "\n".join(self.console)
        assert not self.missing_headers, "\n".join(self.missing_headers)


def _participant_with_meetings(edition):
    meetings = Meeting.objects.filter(edition=edition).select_related("a__registration")
    return meetings.order_by("pk").first().a.registration


def test_public_and_participant_pages_under_csp(demo_site, page, settings):
    settings.SITE_URL = demo_site.url
    base, edition = demo_site.url, demo_site.edition
    watch = CspWatch(page)

    watch.crawl(
        base,
        ["/pl/", f"/pl/{edition.slug}/", f"/en/{edition.slug}/"],
        (f"/pl/{edition.slug}/", f"/en/{edition.slug}/", "/pl/archive/"),
    )
    for required in ("program/", "speakers/", "partners/", "venue/", "privacy/", "visits/"):
        assert f"/pl/{edition.slug}/{required}" in watch.visited
    assert any(re.search(r"/program/[^/]+/$", path) for path in watch.visited)
    assert any(re.search(r"/speakers/[^/]+/$", path) for path in watch.visited)

    # The personal page, its sub-pages and the matchmaking pages, through a personal link.
    registration = _participant_with_meetings(edition)
    personal = urlsplit(links.personal_url(registration)).path
    count = len(watch.visited)
    watch.crawl(base, [personal], (personal,))
    personal_pages = watch.visited[count:]
    assert any("/matchmaking/agenda/" in path for path in personal_pages), personal_pages
    assert any(path.endswith("/edit/") for path in personal_pages), personal_pages

    # The registration form, filled in and sent (the form's own script and the thanks page).
    watch.visit(f"{base}/en/{edition.slug}/register/")
    page.get_by_role("textbox", name="First name", exact=True).fill("Zofia")
    page.get_by_role("textbox", name="Last name", exact=True).fill("Źdźbło")
    page.get_by_role("textbox", name="E-mail", exact=True).fill("zofia.csp@example.org")
    page.get_by_role("textbox", name="Organisation", exact=True).fill("Klaster Testowy")
    page.get_by_role("combobox", name="Type of organisation").select_option(index=1)
    page.get_by_role("combobox", name="Voivodeship").select_option(index=1)
    page.get_by_role("group", name=re.compile("networking")).get_by_role("radio", name="No").check()
    page.get_by_role("checkbox", name=re.compile(r"^I have read")).check()
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Register").click()
    watch.check(navigation.value)
    expect(page).to_have_url(f"{base}/en/{edition.slug}/register/thanks/")

    watch.assert_clean()


def test_checkin_and_admin_pages_under_csp(demo_site, page):
    base, edition = demo_site.url, demo_site.edition
    watch = CspWatch(page)

    # The check-in PWA as its staff: page, manifest, service worker, camera allowed here only.
    checkin_user(edition, username="bramka-csp")
    watch.visit(f"{base}/pl/{edition.slug}/checkin/login/")
    page.get_by_label("Nazwa użytkownika").fill("bramka-csp")
    page.get_by_label("Hasło").fill(PASSWORD)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Zaloguj się").click()
    response = navigation.value
    watch.check(response)
    assert urlsplit(response.url).path == f"/pl/{edition.slug}/checkin/"
    assert "camera=(self)" in response.headers["permissions-policy"]
    page.evaluate("() => window.kongresCheckin.ready")
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    watch.collect()
    page.context.clear_cookies()

    # The admin as a superuser: every model's list, add and one change page, custom pages.
    admin_user = get_user_model().objects.create_superuser("csp-admin", "csp@ex.org", PASSWORD)
    watch.visit(f"{base}/admin/login/")
    page.locator("#id_username").fill("csp-admin")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation() as navigation:
        page.locator("#login-form [type=submit]").click()
    watch.check(navigation.value)
    # Every registered model, also those the index does not list (edited inline elsewhere).
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    models = []
    for model, model_admin in admin.site._registry.items():
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        models.append(url)
        if model_admin.has_add_permission(request):
            models.append(f"{url}add/")
    count = len(watch.visited)
    watch.crawl(
        base,
        [
            "/admin/",
            "/admin/matchmaking/matchmakingsettings/organiser/",
            f"/pl/{edition.slug}/onsite/documents/",
            *models,
        ],
        ("/admin/", f"/pl/{edition.slug}/onsite/"),
    )
    admin_pages = watch.visited[count:]
    assert set(models) <= set(admin_pages)
    assert any(path.endswith("/scheduler/") for path in admin_pages), admin_pages
    assert any(path.endswith("/statistics/") for path in admin_pages), admin_pages
    assert any(path.endswith("/add/") for path in admin_pages)
    assert any(path.endswith("/change/") for path in admin_pages)
    assert f"/pl/{edition.slug}/onsite/badges/" in admin_pages
    assert f"/admin/office/{edition.pk}/" in admin_pages  # the back office, from the index

    # The API's docs page: Swagger UI draws the operations from the served schema.
    watch.visit(f"{base}/api/docs/")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    watch.collect()

    watch.assert_clean()
