import pytest
from django_scopes import scopes_disabled


def pytest_configure(config):
    """Serve static files from the source tree: tests do not run collectstatic first."""
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    # The test client and the live server speak plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    # No second sign-in step unless a test asks for it (tests/accounts turn it on).
    settings.STAFF_2FA = "off"


@pytest.fixture(autouse=True)
def _unscoped_test_code():
    """Test set-up and assertions see every edition; views still scope themselves.

    ``kongres.events.views.decorators`` enters ``scope(edition=...)``, which re-enables
    scoping inside each request, so the guard stays under test.
    """
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language (Polish), whatever the one before it
    activated."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def demo_data(db):
    """The demo edition exactly as ``kongres demo`` loads it."""
    from kongres.demo.loader import demo_load

    demo_load()
    from kongres.events.models import Edition

    return Edition.objects.get(slug="kkp-2025")


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Cached public pages must not leak between tests (ids are reused after rollbacks)."""
    from django.core.cache import cache

    from kongres.events.views.decorators import forget_editions
    from kongres.matchmaking.search import clear_cache as forget_search_indexes
    from kongres.registration.selectors import forget_form_choices

    def forget():
        cache.clear()
        forget_form_choices()
        forget_editions()
        forget_search_indexes()

    forget()
    yield
    forget()
