"""Cached public pages and the cached registration form under very long query strings.

Found by the fuzzing suite (tests/security): the full path went into the cache key as it
was, so a query string of a few hundred characters made a key over memcached's 250 and
Django's cache warned (a server error under warnings-as-errors, and unusable on memcached).
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import EditionFactory
from tests.registration.factories import CategoryFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LONG = "x" * 400


@pytest.mark.parametrize("name", ["events:home", "registration:register"])
def test_a_long_query_string_makes_a_short_cache_key(client, name, settings):
    settings.REGISTRATION_FORM_CACHE_SECONDS = 5
    edition = EditionFactory()
    CategoryFactory(edition=edition, slug="uczestnik")
    path = reverse(name, kwargs={"edition_slug": edition.slug})

    first = client.get(path, {"q": LONG, "visit": LONG})
    again = client.get(path, {"q": LONG, "visit": LONG})

    assert first.status_code == again.status_code == 200
    keys = list(cache._cache) if hasattr(cache, "_cache") else []
    assert keys, "the page was cached"
    assert all(len(key) < 250 for key in keys)
