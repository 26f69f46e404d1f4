import pytest

from kongres.registration.enums import RegistrationState
from kongres.registration.models import Registration
from kongres.registration.services import RegistrationInput, registration_create
from tests.concurrency.conftest import run_parallel

pytestmark = [pytest.mark.concurrency, pytest.mark.integration]


def _person(number: int, consent, email: str | None = None) -> RegistrationInput:
    return RegistrationInput(
        first_name="Łukasz",
        last_name=f"Żółć-Gęślak {number}",
        email=email or f"lukasz.{number}@example.org",
        consent_ids=[consent.pk],
    )


def test_registration_200_clients_for_quota_40_hold_exactly_40_places(
    edition, consent, make_category
):
    category = make_category(quota=40)
    calls = [
        (
            lambda n=n: registration_create(
                edition=edition, category=category, data=_person(n, consent)
            )
        )
        for n in range(200)
    ]

    outcome = run_parallel(calls)

    assert outcome.errors == []
    registrations = list(Registration.objects.filter(category=category).order_by("created_at"))
    holding = [r for r in registrations if r.state == RegistrationState.UNVERIFIED]
    waiting = [r for r in registrations if r.state == RegistrationState.WAITLISTED]
    assert (len(holding), len(waiting)) == (40, 160)
    assert sorted(r.place for r in holding) == list(range(1, 41))
    assert max(r.created_at for r in holding) <= min(r.created_at for r in waiting)


def test_registration_same_email_from_30_clients_creates_one_registration(
    edition, consent, make_category
):
    category = make_category(quota=None)
    calls = [
        (
            lambda n=n: registration_create(
                edition=edition,
                category=category,
                data=_person(
                    n,
                    consent,
                    email="Ewa.Nowak+kongres@PRZYKŁAD.pl"
                    if n % 2
                    else "ewa.nowak+kongres@przykład.pl",
                ),
            )
        )
        for n in range(30)
    ]

    outcome = run_parallel(calls)

    assert outcome.errors == []
    assert Registration.objects.filter(edition=edition).count() == 1
    assert sum(1 for _registration, created in outcome.results if created) == 1
