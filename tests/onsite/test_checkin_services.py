import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kongres.onsite import codes, selectors, services
from kongres.onsite.exceptions import OnsiteError
from kongres.onsite.models import CheckIn, Device, Scan
from kongres.program.models import Day
from kongres.registration.enums import RegistrationState
from kongres.registration.tokens import ticket_token
from tests.factories import EditionFactory
from tests.onsite.checkin_setup import batch, checkin_user, hall, people, visit_point

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 10, 29, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def edition():
    return EditionFactory(slug="kkp-checkin")


@pytest.fixture
def user(edition):
    return checkin_user(edition)


def record(edition, user, device, scans, *, now=NOW, device_now=None):
    return services.scans_record(
        edition=edition, user=user, data=batch(device, scans, now=device_now or now), now=now
    )


def test_scans_record_first_scan_accepted_second_device_repeated(edition, user):
    point = hall(edition)
    (person,) = people(edition, 1)
    code = ticket_token(person)
    first = record(edition, user, uuid.uuid4(), [("a1", point.pk, code, NOW)])
    second = record(edition, user, uuid.uuid4(), [("b1", point.pk, code, NOW)])

    assert [first.results[0]["colour"], second.results[0]["colour"]] == ["green", "amber"]
    assert second.results[0]["reason"] == "already_in"
    assert first.results[0]["person"]["name"] == "Łucja Żak p0000"
    assert CheckIn.objects.count() == 1
    assert sorted(Scan.objects.values_list("outcome", flat=True)) == ["accepted", "repeated"]


def test_scans_record_replayed_batch_changes_nothing(edition, user):
    point = hall(edition)
    registrations = people(edition, 5)
    device = uuid.uuid4()
    scans = [(f"s{i}", point.pk, ticket_token(r), NOW) for i, r in enumerate(registrations)]
    first = record(edition, user, device, scans)
    stored = list(Scan.objects.order_by("pk").values())
    checkins = list(CheckIn.objects.order_by("pk").values())

    again = record(edition, user, device, scans, now=NOW + dt.timedelta(minutes=3))

    assert first.counts["accepted"] == 5
    assert again.counts == {
        "received": 5,
        "new": 0,
        "replayed": 5,
        "accepted": 0,
        "repeated": 0,
        "refused": 0,
        "taken_over": 0,
    }
    assert [r["colour"] for r in again.results] == ["green"] * 5
    assert all(r["replayed"] for r in again.results)
    assert list(Scan.objects.order_by("pk").values()) == stored
    assert list(CheckIn.objects.order_by("pk").values()) == checkins


def test_scans_record_altered_token_refused_as_forged(edition, user):
    point = hall(edition)
    (person,) = people(edition, 1)
    token = ticket_token(person)
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")

    result = record(edition, user, uuid.uuid4(), [("x", point.pk, altered, NOW)])

    assert (result.results[0]["colour"], result.results[0]["reason"]) == ("red", "forged")
    assert result.results[0]["message"] == "Kod nie jest ważnym biletem (zmieniony lub podrobiony)."
    assert result.results[0]["person"] is None
    assert CheckIn.objects.count() == 0
    assert Scan.objects.get().registration_id is None


def test_scans_record_token_of_another_edition_refused(edition, user):
    point = hall(edition)
    other = EditionFactory(slug="kkp-other")
    (stranger,) = people(other, 1, prefix="o")

    result = record(edition, user, uuid.uuid4(), [("x", point.pk, ticket_token(stranger), NOW)])

    assert result.results[0]["reason"] == "other_edition"
    assert result.results[0]["person"] is None  # nothing of another edition's person shown
    assert CheckIn.objects.count() == 0
    assert Scan.objects.get().registration_id is None


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("https://example.org/", "unknown_ticket"),
        ("", "unknown_ticket"),
        ("x" * 30 + ":1vX2bc:zzzz", "forged"),
    ],
)
def test_scans_record_not_a_ticket_refused(edition, user, code, reason):
    point = hall(edition)

    result = record(edition, user, uuid.uuid4(), [("x", point.pk, code, NOW)])

    assert (result.results[0]["colour"], result.results[0]["reason"]) == ("red", reason)


def test_scans_record_cancelled_and_unconfirmed_refused(edition, user):
    point = hall(edition)
    (cancelled,) = people(edition, 1, state=RegistrationState.CANCELLED, prefix="c")
    (unverified,) = people(edition, 1, state=RegistrationState.UNVERIFIED, prefix="u")

    result = record(
        edition,
        user,
        uuid.uuid4(),
        [
            ("c", point.pk, ticket_token(cancelled), NOW),
            ("u", point.pk, ticket_token(unverified), NOW),
        ],
    )

    assert [r["reason"] for r in result.results] == ["cancelled", "not_confirmed"]
    assert CheckIn.objects.count() == 0


def test_scans_record_visit_only_for_people_with_a_seat(edition, user):
    seated, other = people(edition, 2)
    point = visit_point(edition, seated=[seated])

    result = record(
        edition,
        user,
        uuid.uuid4(),
        [("s", point.pk, ticket_token(seated), NOW), ("o", point.pk, ticket_token(other), NOW)],
    )

    assert [r["reason"] for r in result.results] == ["", "not_signed_up"]
    assert list(CheckIn.objects.values_list("registration_id", flat=True)) == [seated.pk]


def test_scans_record_wrong_day_refused(edition, user):
    point = hall(edition)
    second_day = Day.objects.create(edition=edition, date=edition.end_date)
    point.days.set([second_day])
    (person,) = people(edition, 1)

    result = record(edition, user, uuid.uuid4(), [("x", point.pk, ticket_token(person), NOW)])

    assert result.results[0]["reason"] == "wrong_day"
    assert CheckIn.objects.count() == 0


def test_scans_record_clock_two_hours_off_corrected_and_flagged(edition, user):
    point = hall(edition)
    (person,) = people(edition, 1)
    device_now = NOW + dt.timedelta(hours=2)
    scanned = device_now - dt.timedelta(minutes=10)

    result = record(
        edition,
        user,
        uuid.uuid4(),
        [("x", point.pk, ticket_token(person), scanned)],
        device_now=device_now,
    )

    assert result.clock_flagged is True
    assert result.clock_offset_seconds == 7200
    assert "120" in result.warning
    scan = Scan.objects.get()
    assert scan.device_scanned_at == scanned
    assert scan.scanned_at == NOW - dt.timedelta(minutes=10)  # relative time kept
    assert scan.clock_flagged is True
    assert CheckIn.objects.get().scanned_at == NOW - dt.timedelta(minutes=10)
    assert Device.objects.get().clock_offset_seconds == 7200


def test_scans_record_earlier_scan_synced_later_wins(edition, user):
    point = hall(edition)
    (person,) = people(edition, 1)
    code = ticket_token(person)
    late_device, early_device = uuid.uuid4(), uuid.uuid4()
    record(edition, user, late_device, [("late", point.pk, code, NOW - dt.timedelta(minutes=1))])

    result = record(
        edition, user, early_device, [("early", point.pk, code, NOW - dt.timedelta(minutes=5))]
    )

    assert result.counts["taken_over"] == 1
    checkin = CheckIn.objects.get()
    assert checkin.scan.device_scan_id == "early"
    assert checkin.scanned_at == NOW - dt.timedelta(minutes=5)
    assert dict(Scan.objects.values_list("device_scan_id", "outcome")) == {
        "late": "repeated",
        "early": "accepted",
    }


def test_scans_record_found_by_name_with_a_signed_ref(edition, user):
    point = hall(edition)
    (person,) = people(edition, 1)
    ref = codes.person_ref(edition_id=edition.pk, registration_id=person.pk)
    forged = codes.person_ref(edition_id=edition.pk + 1, registration_id=person.pk)
    data = {
        "device": str(uuid.uuid4()),
        "now": NOW.isoformat(),
        "scans": [
            {"id": "r1", "point": point.pk, "ref": ref, "at": NOW.isoformat()},
            {"id": "r2", "point": point.pk, "ref": forged, "at": NOW.isoformat()},
            {
                "id": "r3",
                "point": point.pk,
                "ref": f"{edition.pk}.{person.pk}",
                "at": NOW.isoformat(),
            },
        ],
    }

    result = services.scans_record(edition=edition, user=user, data=data, now=NOW)

    assert [r["reason"] for r in result.results] == ["", "forged", "forged"]
    assert Scan.objects.get(device_scan_id="r1").by_search is True


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"device": "not-a-uuid", "now": 0, "scans": []},
        {"device": str(uuid.UUID(int=1)), "now": "yesterday", "scans": []},
        {"device": str(uuid.UUID(int=1)), "now": 0, "scans": "many"},
        {"device": str(uuid.UUID(int=1)), "now": 0, "scans": [{"id": "", "point": 1, "at": 0}]},
        {
            "device": str(uuid.UUID(int=1)),
            "now": 0,
            "scans": [{"id": "a", "point": 999999, "at": 0}],
        },
    ],
)
def test_scans_record_malformed_batch_changes_nothing(edition, user, data):
    hall(edition)

    with pytest.raises(OnsiteError):
        services.scans_record(edition=edition, user=user, data=data, now=NOW)

    assert (Scan.objects.count(), Device.objects.count(), CheckIn.objects.count()) == (0, 0, 0)


def test_scans_record_point_of_another_edition_refused(edition, user):
    foreign = hall(EditionFactory(slug="kkp-foreign"))
    (person,) = people(edition, 1)

    with pytest.raises(OnsiteError, match="nieznany punkt"):
        record(edition, user, uuid.uuid4(), [("x", foreign.pk, ticket_token(person), NOW)])

    assert Scan.objects.count() == 0


def test_checkin_list_carries_digests_not_tokens(edition):
    point = hall(edition)
    registrations = people(edition, 3)
    token = ticket_token(registrations[0])

    body = selectors.checkin_list_build(edition=edition)

    assert body["points"] == [
        {"id": point.pk, "kind": "hall", "name": point.name, "session": None, "days": []}
    ]
    first = body["people"][0]
    assert set(first) == {
        "d",
        "ref",
        "first",
        "last",
        "org",
        "cat",
        "state",
        "note",
        "sessions",
        "in",
    }
    assert first["d"] == codes.ticket_digest(token)
    assert first["d"] == codes.ticket_digest(ticket_token(registrations[0]))  # a reissued ticket
    assert token.split(":")[0] not in str(body)
    assert "@" not in str(body)  # no e-mail addresses
    assert selectors.checkin_list_verify(body=body) is True


def test_checkin_list_altered_fails_verification(edition):
    hall(edition)
    people(edition, 2)
    body = selectors.checkin_list_build(edition=edition)
    body["people"][0]["state"] = "confirmed" if body["people"][0]["state"] != "confirmed" else "x"

    assert selectors.checkin_list_verify(body=body) is False


def test_checkin_list_queries_do_not_grow_with_people(edition):
    hall(edition)
    visit_point(edition)
    people(edition, 1, prefix="a")
    with CaptureQueriesContext(connection) as one:
        selectors.checkin_list_build(edition=edition)
    people(edition, 2, prefix="b")
    with CaptureQueriesContext(connection) as three:
        body = selectors.checkin_list_build(edition=edition)

    assert len(body["people"]) == 3
    assert len(three) == len(one)


def test_scans_record_queries_do_not_grow_with_the_batch(edition, user):
    point = hall(edition)
    registrations = people(edition, 21)
    device = uuid.uuid4()
    record(edition, user, device, [("w", point.pk, ticket_token(registrations[20]), NOW)])
    with CaptureQueriesContext(connection) as one:
        record(edition, user, device, [("a", point.pk, ticket_token(registrations[0]), NOW)])
    scans = [(f"b{i}", point.pk, ticket_token(r), NOW) for i, r in enumerate(registrations[1:4])]
    with CaptureQueriesContext(connection) as three:
        record(edition, user, device, scans)

    assert len(three) == len(one)
