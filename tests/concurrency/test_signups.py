import random

import pytest

from kongres.visits import services
from kongres.visits.enums import SEATED_STATES, SignupState
from kongres.visits.models import Signup
from tests.concurrency.conftest import run_parallel

pytestmark = [pytest.mark.concurrency, pytest.mark.integration]


def test_signup_200_clients_for_40_seats_seats_exactly_40(visit, make_registrations):
    registrations = make_registrations(200)
    calls = [
        (lambda r=r: services.signup_create(registration=r, session=visit)) for r in registrations
    ]

    outcome = run_parallel(calls)

    assert outcome.errors == []
    signups = list(Signup.objects.filter(session=visit).order_by("created_at", "id"))
    confirmed = [s for s in signups if s.state == SignupState.CONFIRMED]
    waiting = [s for s in signups if s.state == SignupState.WAITLISTED]
    assert (len(confirmed), len(waiting), len(signups)) == (40, 160, 200)
    assert sorted(s.seat for s in confirmed) == list(range(1, 41))
    # Arrival order: everybody seated arrived before everybody waiting.
    assert max(s.created_at for s in confirmed) <= min(s.created_at for s in waiting)


def test_signup_cancellations_racing_promotions_leave_no_seat_empty_while_someone_waits(
    visit, make_registrations
):
    registrations = make_registrations(120)
    for registration in registrations:
        services.signup_create(registration=registration, session=visit)
    signups = list(Signup.objects.filter(session=visit).order_by("id"))
    rng = random.Random(2025)  # noqa: S311  (a reproducible order, not a secret)
    to_cancel = rng.sample(signups, 70)  # seated and waiting alike, in random order

    def cancel(signup):
        return services.signup_cancel(signup=signup)

    def accept_any_offer():
        offered = Signup.objects.filter(session=visit, state=SignupState.OFFERED).first()
        if offered is not None:
            try:
                return services.signup_accept_offer(signup=offered)
            except services.VisitError:
                return None
        return None

    calls = [(lambda s=s: cancel(s)) for s in to_cancel]
    calls += [accept_any_offer for _ in range(40)]
    rng.shuffle(calls)

    outcome = run_parallel(calls)

    assert outcome.errors == []
    seated = list(Signup.objects.filter(session=visit, state__in=SEATED_STATES))
    waiting = Signup.objects.filter(session=visit, state=SignupState.WAITLISTED).count()
    assert len(seated) == 40  # 50 remain active, so every seat is taken
    assert len({s.seat for s in seated}) == 40
    assert waiting == 120 - 70 - 40
    assert all(1 <= s.seat <= 40 for s in seated)
