"""GDPR: the participant's export, the organiser's erasure, retention, consent withdrawal."""

import datetime as dt
import json
from io import BytesIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from kongres.common.housekeeping import registered_jobs, run_housekeeping
from kongres.common.models import ActivityLog
from kongres.comms.models import Message
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.matchmaking import search
from kongres.matchmaking.models import Listing, MeetingRequest, Profile
from kongres.onsite.models import Certificate, StaffNote
from kongres.registration import services, tokens
from kongres.registration.enums import ConsentKind, RegistrationState
from kongres.registration.models import Registration
from kongres.registration.services.privacy import erased_email
from kongres.registration.services.self_service import registration_update
from tests.factories import EditionFactory
from tests.matchmaking.factories import (
    ListingFactory,
    MeetingRequestFactory,
    ProfileFactory,
    matchmaking_edition,
)
from tests.registration.factories import (
    CategoryFactory,
    ConsentTextFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

NAME, SURNAME = "Żaneta", "Qwxyzgrębowska"
EMAIL = "zaneta.qwxyz@example.org"
ORG = "Qwxyzklaster Łódzki"


@pytest.fixture
def edition():
    edition = matchmaking_edition(slots=2, tables=2).edition
    for kind in ConsentKind:
        ConsentTextFactory(edition=edition, kind=kind)
    return edition


def _person(edition, **extra):
    registration = RegistrationFactory(
        edition=edition,
        first_name=NAME,
        last_name=SURNAME,
        email=EMAIL,
        verified=True,
        details={"organisation": ORG, "phone": "+48 600 111 222", "dietary_needs": "wegańska"},
        **extra,
    )
    profile = ProfileFactory(edition=edition, registration=registration, organisation=ORG)
    ListingFactory(profile=profile, title="Qwxyz oferta", text="Qwxyz spawanie")
    other = ProfileFactory(edition=edition)
    ListingFactory(profile=other, title="Cudza oferta")
    MeetingRequestFactory(edition=edition, sender=profile, recipient=other, message="Qwxyz hej")
    StaffNote.objects.create(edition=edition, registration=registration, text="Qwxyz notatka")
    Certificate.objects.create(
        edition=edition,
        registration=registration,
        code="CERT01",
        full_name=f"{NAME} {SURNAME}",
        days=["2025-10-29"],
        issued_at=dt.datetime(2025, 10, 31, tzinfo=dt.UTC),
    )
    return registration, other


def _personal(registration, name="personal"):
    return reverse(
        f"registration:{name}",
        kwargs={
            "edition_slug": registration.edition.slug,
            "token": tokens.personal_link_token(registration),
        },
    )


def _text_columns():
    """(table, column) of every text-like column of every table of the database."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                kind = connection.introspection.get_field_type(column.type_code, column)
                if kind in ("CharField", "TextField", "JSONField", "EmailField", "SlugField"):
                    yield table, column.name


def _rows_containing(needle: str) -> list[tuple[str, str]]:
    qn = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            cursor.execute(
                f"SELECT COUNT(*) FROM {qn(table)} "  # noqa: S608 - names from introspection
                f"WHERE LOWER(CAST({qn(column)} AS TEXT)) LIKE %s",
                [f"%{needle.lower()}%"],
            )
            if cursor.fetchone()[0]:
                found.append((table, column))
    return found


# --- Export ---------------------------------------------------------------------------------


def test_export_json_has_every_section_and_nothing_of_another_person(client, edition):
    registration, other = _person(edition)
    response = client.get(_personal(registration, "personal_data_json"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert set(data) == {
        "registration",
        "consents",
        "sessions_and_visits",
        "emails",
        "matchmaking",
        "onsite",
    }
    assert data["registration"]["email"] == EMAIL
    assert data["registration"]["last_name"] == SURNAME
    assert data["matchmaking"]["profile"]["organisation"] == ORG
    assert data["matchmaking"]["listings"][0]["title"] == "Qwxyz oferta"
    assert data["matchmaking"]["requests"][0]["message"] == "Qwxyz hej"
    assert data["onsite"]["note_for_check_in_staff"] == "Qwxyz notatka"
    assert data["onsite"]["certificate"]["code"] == "CERT01"
    assert {row["to"] for row in data["emails"]} == {EMAIL}
    assert data["consents"]
    text = response.content.decode()
    assert other.registration.email not in text
    assert other.registration.last_name not in text
    assert "Cudza oferta" not in text


def test_export_pdf_is_readable_with_polish_letters(client, edition):
    registration, other = _person(edition)
    response = client.get(_personal(registration, "personal_data_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in (NAME, SURNAME, EMAIL, ORG, "wegańska", "Qwxyz notatka"):
        assert expected in text
    assert other.registration.email not in text


def test_personal_page_links_to_both_downloads(client, edition):
    registration, _other = _person(edition)
    link = _personal(registration)
    page = client.get(link).content.decode()
    assert f'href="{link}my-data.json"' in page
    assert f'href="{link}my-data.pdf"' in page


# --- Erasure --------------------------------------------------------------------------------


def test_erasure_leaves_no_personal_string_anywhere(client, edition):
    registration, other = _person(edition)
    link = _personal(registration)
    # The scan finds the person before the erasure: the test can fail.
    assert _rows_containing(SURNAME)
    assert _rows_containing(EMAIL)
    counts_before = {
        state: Registration.objects.filter(edition=edition, state=state).count()
        for state in RegistrationState
    }
    total = Registration.objects.filter(edition=edition).count()
    organiser = User.objects.create_user("org", is_staff=True)
    TeamMember.objects.create(edition=edition, user=organiser, role=TeamRole.ORGANISER)

    services.registration_erase(registration=registration, actor=organiser)

    for needle in (SURNAME, EMAIL, ORG, "Qwxyz", "600 111 222", "wegańska"):
        assert _rows_containing(needle) == [], needle
    assert Registration.objects.filter(edition=edition).count() == total
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CANCELLED
    assert registration.category_id is not None
    assert registration.erased_at is not None
    counts_before[RegistrationState.CONFIRMED] -= 1
    counts_before[RegistrationState.CANCELLED] += 1
    assert counts_before == {
        state: Registration.objects.filter(edition=edition, state=state).count()
        for state in RegistrationState
    }
    # The other person is untouched.
    other.refresh_from_db()
    assert other.organisation != "—"
    assert other.is_active
    assert list(Listing.objects.values_list("profile", flat=True)) == [other.pk]
    assert MeetingRequest.objects.get().message == ""  # kept (figures), blanked
    assert not StaffNote.objects.exists()
    assert Certificate.objects.get().full_name == "—"
    assert not Profile.objects.get(registration=registration).is_active
    # Audited: who, not what.
    entry = ActivityLog.objects.get(action="registration.erased.request")
    assert entry.actor == organiser
    assert entry.object_id == str(registration.pk)
    assert entry.data == {}
    # The personal link is dead.
    assert client.get(link).status_code == 404
    # Idempotent.
    services.registration_erase(registration=registration, actor=organiser)
    assert ActivityLog.objects.filter(action__startswith="registration.erased").count() == 1


def test_erasure_releases_the_place_to_the_waiting_list(edition):
    category = CategoryFactory(edition=edition, quota=1)
    holder = RegistrationFactory(edition=edition, category=category, verified=True)
    waiting = RegistrationFactory(edition=edition, category=category, verified=True)
    assert waiting.state == RegistrationState.WAITLISTED
    services.registration_erase(registration=holder, actor=None)
    waiting.refresh_from_db()
    assert waiting.state == RegistrationState.CONFIRMED


def test_admin_erase_action_needs_confirmation_and_permission(client, edition):
    registration, _other = _person(edition)
    url = reverse("admin:registration_registration_changelist")
    post = {"action": "erase", "_selected_action": [registration.pk]}
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.force_login(viewer)
    client.post(url, {**post, "post": "yes"})
    registration.refresh_from_db()
    assert registration.erased_at is None  # no permission: nothing changed

    organiser = User.objects.create_user("organiser", is_staff=True)
    organiser.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_registration", "change_registration"])
    )
    client.force_login(organiser)
    page = client.post(url, post)
    assert page.status_code == 200
    content = page.content.decode()
    assert '<input type="hidden" name="action" value="erase">' in content
    assert '<input type="hidden" name="post" value="yes">' in content
    registration.refresh_from_db()
    assert registration.erased_at is None  # the confirmation page alone changes nothing
    client.post(url, {**post, "post": "yes"})
    registration.refresh_from_db()
    assert registration.erased_at is not None
    assert registration.email.endswith(".invalid")


# --- Retention ------------------------------------------------------------------------------


def test_retention_job_anonymises_exactly_the_expired_editions_idempotently(edition):
    assert "personal_data_retention" in [name for name, _job in registered_jobs()]
    # The fixture's edition ended on DAY; 1 month retention; another edition not expired yet,
    # a third without retention.
    edition.personal_data_retention_months = 1
    edition.save()
    expired = [RegistrationFactory(edition=edition, verified=True) for _ in range(3)]
    recent = EditionFactory(
        start_date=edition.end_date + dt.timedelta(days=40),
        end_date=edition.end_date + dt.timedelta(days=41),
        personal_data_retention_months=1,
    )
    off = EditionFactory(personal_data_retention_months=None)
    kept = [RegistrationFactory(edition=recent), RegistrationFactory(edition=off)]
    now = dt.datetime.combine(edition.end_date, dt.time(12), tzinfo=dt.UTC) + dt.timedelta(days=62)
    assert now.date() < recent.end_date + dt.timedelta(days=28)

    states = {r.pk: r.state for r in expired}
    erased = services.registrations_retention_apply(now, batch=2)
    assert erased == 3
    for registration in expired:
        registration.refresh_from_db()
        assert registration.erased_at is not None
        assert registration.email.endswith("@erased.invalid")
        assert registration.state == states[registration.pk]  # figures kept
    for registration in kept:
        registration.refresh_from_db()
        assert registration.erased_at is None
    assert services.registrations_retention_apply(now) == 0
    assert run_housekeeping(now)["personal_data_retention"] == 0
    assert ActivityLog.objects.filter(action="registration.erased.retention").count() == 3


def test_retention_not_before_the_period_ends(edition):
    edition.personal_data_retention_months = 3
    edition.save()
    registration = RegistrationFactory(edition=edition, verified=True)
    now = dt.datetime.combine(edition.end_date, dt.time(12), tzinfo=dt.UTC) + dt.timedelta(days=80)
    assert services.registrations_retention_apply(now) == 0
    registration.refresh_from_db()
    assert registration.erased_at is None


# --- Consent withdrawal ---------------------------------------------------------------------


def test_withdrawing_the_matchmaking_consent_hides_the_profile(client, edition):
    registration, _other = _person(edition)
    consent = ConsentTextFactory(edition=edition, kind=ConsentKind.MATCHMAKING)
    services.consent_give(registration=registration, consent=consent)
    profile = Profile.objects.get(registration=registration)
    assert search._active_profiles(edition).filter(pk=profile.pk).exists()
    response = client.post(
        _personal(registration, "personal_consents"),
        {"kind": ConsentKind.MATCHMAKING, "action": "withdraw"},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.is_active
    assert not search._active_profiles(edition).filter(pk=profile.pk).exists()
    # Another consent's withdrawal does not touch matchmaking.
    other = ProfileFactory(edition=edition)
    services.consent_give(
        registration=other.registration,
        consent=ConsentTextFactory(edition=edition, kind=ConsentKind.NEWSLETTER),
    )
    services.consent_withdraw(registration=other.registration, kind=ConsentKind.NEWSLETTER)
    other.refresh_from_db()
    assert other.is_active


def test_message_rows_of_the_erased_are_kept_but_blank(edition):
    registration, _other = _person(edition)
    count = Message.objects.filter(registration=registration).count()
    assert count
    services.registration_erase(registration=registration, actor=None)
    assert Message.objects.filter(registration=registration).count() >= count
    assert not Message.objects.filter(registration=registration, to_email=EMAIL).exists()
    assert apps.get_model("registration", "Registration").objects.filter(email=EMAIL).count() == 0


def test_team_organiser_erases_only_in_their_own_edition(client, edition):
    from kongres.events.enums import TeamRole
    from kongres.events.models import TeamMember
    from kongres.registration.services.privacy import can_erase

    mine, _other = _person(edition)
    elsewhere = RegistrationFactory(edition=EditionFactory(), verified=True)
    user = User.objects.create_user("team", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_registration"))
    TeamMember.objects.create(edition=edition, user=user, role=TeamRole.ORGANISER)
    checkin = User.objects.create_user("door", is_staff=True)
    TeamMember.objects.create(edition=edition, user=checkin, role=TeamRole.CHECKIN)
    assert can_erase(user=user, edition_id=edition.pk)
    assert not can_erase(user=user, edition_id=elsewhere.edition_id)
    assert not can_erase(user=checkin, edition_id=edition.pk)

    client.force_login(user)
    client.post(
        reverse("admin:registration_registration_changelist"),
        {"action": "erase", "_selected_action": [mine.pk, elsewhere.pk], "post": "yes"},
    )
    mine.refresh_from_db()
    elsewhere.refresh_from_db()
    assert mine.erased_at is not None
    assert elsewhere.erased_at is None
    assert elsewhere.email != erased_email(elsewhere.pk)


def test_organiser_sets_the_retention_period_in_the_edition_admin(admin_client, edition):
    url = reverse("admin:events_edition_change", args=[edition.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="personal_data_retention_months"' in page.content.decode()


def test_erasure_scrubs_the_persons_data_from_logged_before_after_values(admin_client):
    from kongres.registration.services import registration_erase
    from tests.registration.admin_factories import RegistrationRowFactory
    from tests.registration.test_admin import _change_form_data

    registration = RegistrationRowFactory(
        first_name="Zuzanna", last_name="Audytowa", email="zuzanna.audytowa@example.org"
    )
    url = f"/admin/registration/registration/{registration.pk}/change/"
    data = _change_form_data(admin_client.get(url))
    response = admin_client.post(url, {**data, "last_name": "Nowa-Audytowa"})
    assert response.status_code == 302
    registration.refresh_from_db()
    # The participant's own edit through the personal page (or the API) logs before/after too.
    registration_update(registration=registration, changes={"first_name": "Zuzia"})
    other = ActivityLog.objects.create(
        edition_id=registration.edition_id,
        actor_label="system",
        action="registration.group.changed",
        object_type="registration.registrationgroup",
        object_id="999",
        data={"after": {"coordinator_email": "zuzanna.audytowa@example.org"}},
    )
    registration.refresh_from_db()

    registration_erase(registration=registration)

    entries = ActivityLog.objects.filter(edition_id=registration.edition_id)
    text = json.dumps(list(entries.values_list("data", flat=True)), ensure_ascii=False)
    assert "Audytowa" not in text
    assert "zuzanna.audytowa" not in text
    changed = entries.get(action="admin.registration.registration.changed")
    assert changed.data["fields"] == ["last_name"]
    assert changed.data["before"]["last_name"] == "—"
    updated = entries.get(action="registration.updated")
    assert updated.data["fields"] == ["first_name"]
    assert updated.data["before"] == {"first_name": "—"} == updated.data["after"]
    other.refresh_from_db()
    assert other.data == {"after": {"coordinator_email": "—"}}
    assert entries.filter(action="registration.erased.request").count() == 1
