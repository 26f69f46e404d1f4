"""The demo's badge layout and certificates of attendance."""

import pytest

from kongres.demo.loader import _upsert
from kongres.demo.onsite_documents import CATEGORY_COLOURS, load_documents
from kongres.onsite.models import BadgeLayout, Certificate
from kongres.registration.models import Category
from tests.onsite.documents_setup import check_in, hall

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_categories_all_have_a_badge_colour(demo_data):
    slugs = set(Category.objects.filter(edition=demo_data).values_list("slug", flat=True))

    assert slugs <= set(CATEGORY_COLOURS)


def test_load_documents_is_idempotent_and_certifies_the_checked_in(demo_data):
    # Someone the demo's own scans did not check in (they already hold a certificate).
    someone = demo_data.registrations.filter(state="confirmed", checkins__isnull=True).first()
    check_in(someone, hall(demo_data, name="Demo door"), someone.created_at)
    writes = {"created": 0, "updated": 0}
    before = Certificate.objects.filter(edition=demo_data).count()

    first = load_documents(demo_data, upsert=_upsert, writes=writes)
    second = load_documents(demo_data, upsert=_upsert, writes=writes)

    layout = BadgeLayout.objects.get(edition=demo_data)
    assert layout.colour_of("prelegent") == "#a4161a"
    assert first >= 1
    assert second == 0
    assert Certificate.objects.filter(registration=someone).exists()
    assert Certificate.objects.filter(edition=demo_data).count() == before + first
