"""The demo's check-in: points per hall day and per bus, scans of every colour, a door account."""

import pytest
from django.test import Client

from kongres.demo.onsite import demo_checkin_user
from kongres.onsite.enums import PointKind, ScanOutcome, ScanReason
from kongres.onsite.models import CheckIn, CheckInPoint, Scan
from kongres.program.enums import SessionKind
from kongres.program.models import Session

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_checkin_points_per_hall_day_and_per_bus(demo_data):
    points = CheckInPoint.objects.filter(edition=demo_data)
    visits = Session.objects.filter(edition=demo_data, kind=SessionKind.STUDY_VISIT).count()

    assert points.filter(kind=PointKind.HALL).count() == 2
    assert points.filter(kind=PointKind.VISIT).count() == visits
    assert sorted(
        str(day) for day in points.filter(kind=PointKind.HALL).values_list("days__date", flat=True)
    ) == ["2025-10-29", "2025-10-30"]


def test_demo_scans_hold_every_colour_and_one_checkin_per_person_and_point(demo_data):
    scans = Scan.objects.filter(edition=demo_data)
    checkins = CheckIn.objects.filter(edition=demo_data)

    assert scans.filter(outcome=ScanOutcome.ACCEPTED).count() == checkins.count() > 0
    assert scans.filter(outcome=ScanOutcome.REPEATED).count() == 6
    assert set(scans.filter(outcome=ScanOutcome.REFUSED).values_list("reason", flat=True)) == {
        ScanReason.CANCELLED,
        ScanReason.NOT_SIGNED_UP,
    }
    assert checkins.values("point", "registration").distinct().count() == checkins.count()
    assert checkins.filter(point__kind=PointKind.VISIT).exists()


def test_demo_checkin_user_sees_the_checkin_page_and_no_admin(demo_data, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    username, password = demo_checkin_user(demo_data)
    client = Client()

    assert client.login(username=username, password=password)
    assert client.get("/pl/kkp-2025/checkin/").status_code == 200
    assert client.get("/admin/").status_code == 403
    assert demo_checkin_user(demo_data) == (username, password)  # the same on every start
