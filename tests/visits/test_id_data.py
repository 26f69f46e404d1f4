"""ID data for study visits: asked only of people signed up for a visit that needs it."""

import datetime as dt

import pytest
from django.utils import timezone

from kongres.common.models import ActivityLog
from kongres.visits.exceptions import VisitError
from kongres.visits.id_data import KEEP_AFTER_VISIT, id_data_purge, id_data_save
from kongres.visits.models import IdData
from kongres.visits.services import signup_cancel, signup_create
from tests.comms.factories import StudyVisitFactory
from tests.factories import EditionFactory
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.integration

ID_DATA = {
    "document_type": "id_card",
    "document_number": " abc 123456 ",
    "date_of_birth": dt.date(1975, 1, 31),
    "nationality": "polskie",
}


def _signup(*, requires_id_data=True, days_ahead=30):
    today = timezone.localdate()
    edition = EditionFactory(
        start_date=today + dt.timedelta(days=days_ahead),
        end_date=today + dt.timedelta(days=days_ahead + 1),
    )
    visit = StudyVisitFactory(edition=edition, requires_id_data=requires_id_data)
    registration = RegistrationFactory(edition=edition, verified=True)
    return visit, signup_create(registration=registration, session=visit.session)


def test_id_data_save_keeps_data_until_a_day_after_return(db):
    visit, signup = _signup()

    id_data = id_data_save(signup=signup, data=ID_DATA)

    assert (id_data.document_number, id_data.delete_after) == (
        "ABC 123456",
        visit.return_at + KEEP_AFTER_VISIT,
    )
    log = ActivityLog.objects.get(action="id_data.saved")
    assert "ABC 123456" not in str(log.data)


def test_id_data_save_again_replaces_the_data(db):
    _visit, signup = _signup()
    id_data_save(signup=signup, data=ID_DATA)

    id_data_save(signup=signup, data={**ID_DATA, "document_number": "XYZ987"})

    assert list(IdData.objects.values_list("document_number", flat=True)) == ["XYZ987"]


def test_id_data_save_refuses_visit_that_does_not_need_it(db):
    _visit, signup = _signup(requires_id_data=False)

    with pytest.raises(VisitError):
        id_data_save(signup=signup, data=ID_DATA)

    assert IdData.objects.count() == 0


def test_id_data_save_refuses_cancelled_signup(db):
    _visit, signup = _signup()
    signup_cancel(signup=signup)

    with pytest.raises(VisitError):
        id_data_save(signup=signup, data=ID_DATA)

    assert IdData.objects.count() == 0


def test_id_data_save_refuses_missing_document_number(db):
    _visit, signup = _signup()

    with pytest.raises(VisitError):
        id_data_save(signup=signup, data={**ID_DATA, "document_number": "  "})

    assert IdData.objects.count() == 0


def test_id_data_purge_deletes_data_of_cancelled_signup(db):
    _visit, signup = _signup()
    id_data_save(signup=signup, data=ID_DATA)
    signup_cancel(signup=signup)

    deleted = id_data_purge()

    assert deleted == 1
    assert IdData.objects.count() == 0
    log = ActivityLog.objects.get(action="id_data.deleted")
    assert log.data["reason"] == "signup_cancelled"
