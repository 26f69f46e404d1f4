"""Housekeeping run by the worker: holds, seat offers and ID data expire on time."""

import datetime as dt

import pytest
from django.utils import timezone

from kongres.common.housekeeping import run_housekeeping
from kongres.common.models import ActivityLog
from kongres.registration.enums import CancelReason, RegistrationState
from kongres.registration.services import registration_verify
from kongres.visits.enums import SignupState
from kongres.visits.id_data import id_data_save
from kongres.visits.models import IdData
from kongres.visits.services import signup_cancel, signup_create
from tests.comms.factories import StudyVisitFactory
from tests.factories import EditionFactory, SessionFactory
from tests.registration.factories import CategoryFactory, RegistrationFactory

pytestmark = pytest.mark.integration

ID_DATA = {
    "document_type": "passport",
    "document_number": "ZS1234567",
    "date_of_birth": dt.date(1980, 5, 17),
    "nationality": "polskie",
}


def test_housekeeping_releases_expired_hold_and_promotes_next_waiting(db):
    category = CategoryFactory(quota=1)
    holder = RegistrationFactory(edition=category.edition, category=category)
    waiting = RegistrationFactory(edition=category.edition, category=category)
    registration_verify(registration=waiting)
    type(holder).objects.filter(pk=holder.pk).update(
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )

    results = run_housekeeping()

    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert results["holds_released"] == 1
    assert (holder.state, holder.cancel_reason) == (
        RegistrationState.CANCELLED,
        CancelReason.NOT_VERIFIED,
    )
    assert (waiting.state, waiting.place) == (RegistrationState.CONFIRMED, 1)


def test_housekeeping_keeps_hold_that_has_not_expired(db):
    category = CategoryFactory(quota=1)
    holder = RegistrationFactory(edition=category.edition, category=category)

    results = run_housekeeping()

    holder.refresh_from_db()
    assert (results["holds_released"], holder.state) == (0, RegistrationState.UNVERIFIED)


def test_housekeeping_passes_expired_seat_offer_to_next_waiting(db):
    session = SessionFactory(capacity=1)
    first, second, third = (
        RegistrationFactory(edition=session.edition, verified=True) for _ in range(3)
    )
    seated = signup_create(registration=first, session=session)
    offered = signup_create(registration=second, session=session)
    next_in_line = signup_create(registration=third, session=session)
    signup_cancel(signup=seated)
    offered.refresh_from_db()
    assert offered.state == SignupState.OFFERED
    type(offered).objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )

    results = run_housekeeping()

    offered.refresh_from_db()
    next_in_line.refresh_from_db()
    assert results["offers_expired"] == 1
    assert offered.state == SignupState.CANCELLED
    assert (next_in_line.state, next_in_line.seat) == (SignupState.OFFERED, 1)


def test_housekeeping_purges_id_data_after_its_time(db):
    today = timezone.localdate()
    edition = EditionFactory(
        start_date=today + dt.timedelta(days=30), end_date=today + dt.timedelta(days=31)
    )
    visit = StudyVisitFactory(edition=edition, requires_id_data=True)
    registration = RegistrationFactory(edition=edition, verified=True)
    signup = signup_create(registration=registration, session=visit.session)
    id_data = id_data_save(signup=signup, data=ID_DATA)

    before = run_housekeeping(now=id_data.delete_after - dt.timedelta(minutes=1))
    kept = IdData.objects.filter(pk=id_data.pk).exists()
    after = run_housekeeping(now=id_data.delete_after)

    assert (before["id_data_purged"], kept) == (0, True)
    assert after["id_data_purged"] == 1
    assert not IdData.objects.filter(signup=signup).exists()
    log = ActivityLog.objects.get(action="id_data.deleted", object_id=str(signup.pk))
    assert log.data == {"session": visit.session.pk, "reason": "visit_over"}
    assert "ZS1234567" not in str(ActivityLog.objects.filter(object_id=str(signup.pk)).values())


def test_housekeeping_reports_every_job(db):
    results = run_housekeeping()

    # Each app registers its jobs in ready(), in the order of INSTALLED_APPS.
    assert list(results.items()) == [
        ("holds_released", 0),
        ("rate_counters_purged", 0),
        ("personal_data_retention", 0),
        ("offers_expired", 0),
        ("id_data_purged", 0),
        ("messages_failed", 0),
        ("meeting_requests_expired", 0),
        ("matchmaking_follow_ups", 0),
        ("certificates_sent", 0),
        ("webhooks", 0),
    ]


def test_housekeeping_job_failing_does_not_stop_the_others(db, monkeypatch):
    from kongres.common import housekeeping

    def broken(now):
        raise RuntimeError("boom")

    jobs = dict(housekeeping._jobs)
    monkeypatch.setattr(housekeeping, "_jobs", {"broken": broken, **jobs})

    results = run_housekeeping()

    assert results["broken"] is None
    assert results["holds_released"] == 0
    assert len(results) == len(jobs) + 1
