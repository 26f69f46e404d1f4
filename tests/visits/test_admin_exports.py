"""Visit lists for hosts and coaches, sign-up actions and ID data in the admin."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from kongres.registration.enums import RegistrationState
from kongres.visits.enums import SignupState
from kongres.visits.exports import visit_list_rows
from tests.registration.admin_factories import (
    IdDataFactory,
    RegistrationRowFactory,
    SignupFactory,
    StudyVisitFactory,
    staff_user,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ID_COLUMNS = ["Document", "Document number", "Date of birth", "Citizenship"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _signup(visit, last_name, **kwargs):
    registration = RegistrationRowFactory(
        edition=visit.edition, last_name=last_name, phone="+48 000 000 001"
    )
    return SignupFactory(registration=registration, session=visit.session, **kwargs)


def _visit_list_url(visit, fmt="csv"):
    return reverse("admin:visits_signup_visit_list", args=[visit.session_id, fmt])


def _rows(response) -> list[dict]:
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    return list(reader)


def test_visit_list_has_signed_up_people_without_cancelled():
    visit = StudyVisitFactory(session__capacity=2)
    _signup(visit, "Drugi", seat=2)
    _signup(visit, "Pierwsza", seat=1)
    _signup(visit, "Czekająca", state=SignupState.WAITLISTED, confirmed_at=None)
    _signup(visit, "Rezygnacja", state=SignupState.CANCELLED)

    header, rows = visit_list_rows(visit.session)

    assert [row[1] for row in rows] == ["Pierwsza", "Drugi", "Czekająca"]
    assert [row[8] for row in rows] == [1, 2, None]
    assert header[9:11] == ["Meeting point", "Departure"]
    assert rows[0][9] == "Car park at the main entrance"


def test_visit_list_view_returns_csv_for_hosts(admin_client):
    visit = StudyVisitFactory()
    _signup(visit, "Gość", seat=1)
    _signup(visit, "Odwołany", state=SignupState.CANCELLED)

    response = admin_client.get(_visit_list_url(visit), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert f"visit-{visit.session.slug}-{visit.edition.slug}-" in response["Content-Disposition"]
    rows = _rows(response)
    assert [row["Last name"] for row in rows] == ["Gość"]
    assert rows[0]["Phone"] == "'+48 000 000 001"


def test_visit_list_id_data_only_for_superusers():
    visit = StudyVisitFactory(requires_id_data=True)
    signup = _signup(visit, "Zaproszona", seat=1)
    IdDataFactory(signup=signup, document_number="ABC123456")
    host = staff_user("gospodarz", "visits.view_signup")
    superuser = staff_user("szef")
    superuser.is_superuser = True

    host_header, host_rows = visit_list_rows(visit.session, user=host)
    super_header, super_rows = visit_list_rows(visit.session, user=superuser)

    assert not set(ID_COLUMNS) & set(host_header)
    assert "ABC123456" not in host_rows[0]
    assert super_header[-4:] == ID_COLUMNS
    assert super_rows[0][-3] == "ABC123456"


def test_visit_list_no_id_columns_when_host_does_not_need_them():
    visit = StudyVisitFactory(requires_id_data=False)
    _signup(visit, "Zwykły", seat=1)
    superuser = staff_user("szef")
    superuser.is_superuser = True

    header, _rows = visit_list_rows(visit.session, user=superuser)

    assert not set(ID_COLUMNS) & set(header)


def test_visit_list_view_id_data_hidden_from_staff(client):
    visit = StudyVisitFactory(requires_id_data=True)
    IdDataFactory(signup=_signup(visit, "Tajna", seat=1), document_number="XYZ987654")
    client.force_login(staff_user("biuro", "visits.view_signup"))

    response = client.get(_visit_list_url(visit))

    assert response.status_code == 200
    assert "XYZ987654" not in response.content.decode("utf-8-sig")


def test_visit_list_view_needs_view_permission(client):
    visit = StudyVisitFactory()
    client.force_login(staff_user("obcy"))

    response = client.get(_visit_list_url(visit))

    assert response.status_code == 403


def test_visit_list_view_anonymous_redirected_to_login(client):
    visit = StudyVisitFactory()

    response = client.get(_visit_list_url(visit))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_signup_cancel_action_offers_seat_to_next(admin_client):
    visit = StudyVisitFactory(session__capacity=1)
    seated = _signup(visit, "Siedzący", seat=1)
    waiting = _signup(visit, "Czekający", state=SignupState.WAITLISTED, confirmed_at=None)

    response = admin_client.post(
        reverse("admin:visits_signup_changelist"),
        {"action": "cancel", "_selected_action": [seated.pk]},
    )

    assert response.status_code == 302
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.state, seated.seat) == (SignupState.CANCELLED, None)
    assert (waiting.state, waiting.seat) == (SignupState.OFFERED, 1)
    assert seated.registration.state == RegistrationState.CONFIRMED


def test_signup_export_action_redirects_to_the_visit_list(admin_client):
    visit = StudyVisitFactory()
    signup = _signup(visit, "Ktoś", seat=1)

    response = admin_client.post(
        reverse("admin:visits_signup_changelist"),
        {"action": "export_visit_list", "_selected_action": [signup.pk]},
    )

    assert response["Location"] == _visit_list_url(visit, "xlsx")


def test_study_visit_changelist_shows_seats_taken_and_waiting(admin_client):
    visit = StudyVisitFactory(session__capacity=1)
    _signup(visit, "Siedzący", seat=1)
    _signup(visit, "Czekający", state=SignupState.WAITLISTED, confirmed_at=None)

    response = admin_client.get(reverse("admin:visits_studyvisit_changelist"))

    (row,) = response.context["cl"].result_list
    assert (row.session.capacity, row.taken, row.waiting) == (1, 1, 1)
    assert _visit_list_url(visit, "xlsx") in response.content.decode()


def test_id_data_admin_hidden_from_staff(client):
    client.force_login(staff_user("biuro", "visits.view_iddata"))

    response = client.get(reverse("admin:visits_iddata_changelist"))

    assert response.status_code == 403


def test_id_data_admin_read_only_for_superusers(admin_client):
    id_data = IdDataFactory()

    view = admin_client.get(reverse("admin:visits_iddata_change", args=[id_data.pk]))
    change = admin_client.post(
        reverse("admin:visits_iddata_change", args=[id_data.pk]), {"document_number": "X"}
    )

    assert view.status_code == 200
    assert change.status_code == 403
