"""The organiser moves registrations into a category concurrently: its quota is checked under
the category's lock, so a category with one free place takes exactly one of them."""

import pytest
from django.contrib.auth import get_user_model

from kongres.common.models import ActivityLog
from kongres.registration.enums import RegistrationState
from kongres.registration.exceptions import RegistrationError
from kongres.registration.models import Registration
from kongres.registration.services import registration_change_category
from tests.concurrency.conftest import run_parallel

pytestmark = [pytest.mark.concurrency, pytest.mark.integration]


def test_change_category_30_clients_into_one_free_place_exactly_one_wins(
    edition, make_category, make_registrations
):
    people = make_registrations(30)
    target = make_category(quota=1, slug="vip")
    actor = get_user_model().objects.create_user(username="organizator", is_staff=True)

    def move(registration):
        try:
            return registration_change_category(
                registration=registration, category=target, actor=actor
            ).pk
        except RegistrationError as error:
            return str(error.message)

    outcome = run_parallel([lambda r=r: move(r) for r in people])

    assert outcome.errors == []
    winners = [result for result in outcome.results if isinstance(result, int)]
    assert len(winners) == 1
    assert len(outcome.results) == 30
    refused = {result for result in outcome.results if not isinstance(result, int)}
    assert refused == {"Kategoria „Uczestnik” jest pełna: zajęte są wszystkie miejsca (1)."}
    moved = list(Registration.objects.filter(category=target))
    assert [(r.pk, r.state, r.place) for r in moved] == [
        (winners[0], RegistrationState.CONFIRMED, 1)
    ]
    assert ActivityLog.objects.filter(action="registration.category.changed").count() == 1
