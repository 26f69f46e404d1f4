"""The organiser changes a registration: its e-mail (verified again), its category (the quota
checked under lock) and its sessions and visits (the seat rules), as services and as admin pages.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from kongres.common.models import ActivityLog
from kongres.comms.models import Message
from kongres.comms.rendering import message_build
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.registration import tokens
from kongres.registration.enums import RegistrationMessage, RegistrationState
from kongres.registration.exceptions import RegistrationError
from kongres.registration.models import Registration
from kongres.registration.services import (
    registration_change_category,
    registration_change_email,
    registration_change_signups,
    registration_verify,
)
from kongres.visits.enums import SignupState
from kongres.visits.models import Signup
from tests.factories import DayFactory, EditionFactory, SessionFactory, at
from tests.registration.admin_factories import StudyVisitFactory, staff_user
from tests.registration.factories import CategoryFactory, RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.fixture
def organiser():
    return staff_user("organizator", "registration.change_registration")


def _messages_of(registration, kind) -> list[Message]:
    return list(Message.objects.filter(registration=registration, kind=kind).order_by("pk"))


def _log(registration, action) -> list[ActivityLog]:
    return list(
        ActivityLog.objects.filter(
            object_type="registration.registration", object_id=str(registration.pk), action=action
        )
    )


def _snapshot(registration) -> tuple:
    registration = Registration.objects.get(pk=registration.pk)
    signups = sorted(
        Signup.objects.filter(registration=registration).values_list("session_id", "state", "seat")
    )
    return (
        registration.email,
        registration.email_verified_at,
        registration.category_id,
        registration.state,
        registration.place,
        signups,
        Message.objects.count(),
        # Signing in is logged too: only what concerns registrations and sign-ups counts.
        ActivityLog.objects.filter(
            object_type__in=["registration.registration", "visits.signup"]
        ).count(),
    )


# --- E-mail -----------------------------------------------------------------------------------


def test_change_email_confirmed_is_verified_again_and_keeps_its_state(edition, organiser):
    registration = RegistrationFactory(edition=edition, email="stary@example.org", verified=True)
    personal = tokens.personal_link_token(registration)
    old_verify = tokens.verification_token(registration)

    changed = registration_change_email(
        registration=registration, email=" Nowy@Example.org ", actor=organiser
    )

    changed.refresh_from_db()
    assert (changed.email, changed.email_key) == ("Nowy@Example.org", "nowy@example.org")
    assert changed.email_verified_at is None
    assert changed.state == RegistrationState.CONFIRMED
    [entry] = _log(changed, "registration.email.changed")
    assert entry.actor == organiser
    assert entry.data == {
        "before": {"email": "stary@example.org", "email_verified": True},
        "after": {"email": "Nowy@Example.org", "email_verified": False},
    }
    verify = _messages_of(changed, RegistrationMessage.VERIFY_EMAIL)[-1]
    assert (verify.to_email, verify.context) == ("Nowy@Example.org", {"email_changed": True})
    [notice] = _messages_of(changed, RegistrationMessage.EMAIL_CHANGED)
    assert notice.to_email == "stary@example.org"
    # The personal link keeps working; a verification link sent to the old address does not.
    assert tokens.registration_from_personal_token(personal).pk == changed.pk
    with pytest.raises(tokens.InvalidTokenError):
        tokens.registration_from_verification_token(old_verify)
    verified = registration_verify(
        registration=tokens.registration_from_verification_token(tokens.verification_token(changed))
    )
    assert verified.email_verified_at is not None
    assert verified.state == RegistrationState.CONFIRMED


def test_change_email_mails_say_what_happened_and_the_old_address_gets_no_link(edition, organiser):
    registration = RegistrationFactory(edition=edition, email="stary@example.org", verified=True)

    registration_change_email(registration=registration, email="nowy@example.org", actor=organiser)

    verify = _messages_of(registration, RegistrationMessage.VERIFY_EMAIL)[-1]
    body = message_build(verify)[0].body
    assert "zmienił adres e-mail Twojej rejestracji na ten" in body  # in Polish, the default
    assert tokens.verification_token(Registration.objects.get(pk=registration.pk)) in body
    [notice] = _messages_of(registration, RegistrationMessage.EMAIL_CHANGED)
    email, _subject = message_build(notice)
    assert email.to == ["stary@example.org"]
    assert tokens.personal_link_token(registration) not in email.body
    assert "nowy@example.org" not in email.body
    assert "http" not in email.body


def test_change_email_unverified_gets_a_fresh_hold(edition, organiser):
    registration = RegistrationFactory(edition=edition)
    soon = at(edition.start_date, 9)
    Registration.objects.filter(pk=registration.pk).update(hold_expires_at=soon)

    changed = registration_change_email(
        registration=registration, email="inny@example.org", actor=organiser
    )

    assert changed.state == RegistrationState.UNVERIFIED
    assert changed.hold_expires_at > changed.updated_at


@pytest.mark.parametrize(
    "email", ["nie-adres", "", "zajety@example.org", "ZAJETY@example.org", "same@example.org"]
)
def test_change_email_bad_or_taken_address_changes_nothing(edition, organiser, email):
    RegistrationFactory(edition=edition, email="zajety@example.org")
    registration = RegistrationFactory(edition=edition, email="same@example.org", verified=True)
    before = _snapshot(registration)

    with pytest.raises(RegistrationError) as error:
        registration_change_email(registration=registration, email=email, actor=organiser)

    assert error.value.field == "email"
    assert _snapshot(registration) == before


def test_change_email_address_used_in_another_edition_is_fine(edition, organiser):
    RegistrationFactory(email="wspolny@example.org")
    registration = RegistrationFactory(edition=edition)

    changed = registration_change_email(
        registration=registration, email="wspolny@example.org", actor=organiser
    )

    assert changed.email == "wspolny@example.org"


# --- Category ---------------------------------------------------------------------------------


def test_change_category_takes_a_place_of_the_new_quota(edition, organiser):
    old = CategoryFactory(edition=edition, slug="uczestnik", quota=5)
    new = CategoryFactory(edition=edition, slug="prelegent", quota=2)
    RegistrationFactory(edition=edition, category=new, verified=True)
    registration = RegistrationFactory(edition=edition, category=old, verified=True)

    changed = registration_change_category(registration=registration, category=new, actor=organiser)

    changed.refresh_from_db()
    assert (changed.category_id, changed.state, changed.place) == (
        new.pk,
        RegistrationState.CONFIRMED,
        2,
    )
    [entry] = _log(changed, "registration.category.changed")
    assert entry.data == {
        "before": {
            "category": {"id": old.pk, "slug": "uczestnik", "name": str(old.name)},
            "state": "confirmed",
            "place": 1,
        },
        "after": {
            "category": {"id": new.pk, "slug": "prelegent", "name": str(new.name)},
            "state": "confirmed",
            "place": 2,
        },
    }
    [mail] = _messages_of(changed, RegistrationMessage.CHANGED_BY_ORGANISER)
    email, _subject = message_build(mail)
    assert str(new.name) in email.body
    assert [name.rsplit(".", 1)[-1] for name, _content, _type in email.attachments] == [
        "pdf",
        "ics",
    ]


def test_change_category_full_changes_nothing(edition, organiser):
    new = CategoryFactory(edition=edition, slug="vip", quota=1)
    RegistrationFactory(edition=edition, category=new)
    registration = RegistrationFactory(edition=edition, verified=True)
    before = _snapshot(registration)

    with pytest.raises(RegistrationError) as error:
        registration_change_category(registration=registration, category=new, actor=organiser)

    assert "1" in str(error.value.message)
    assert error.value.field == "category"
    assert _snapshot(registration) == before


def test_change_category_frees_the_old_place_for_the_first_waiting(edition, organiser):
    old = CategoryFactory(edition=edition, slug="uczestnik", quota=1)
    registration = RegistrationFactory(edition=edition, category=old, verified=True)
    waiting = RegistrationFactory(edition=edition, category=old, verified=True)
    assert waiting.state == RegistrationState.WAITLISTED

    registration_change_category(
        registration=registration,
        category=CategoryFactory(edition=edition, slug="media"),
        actor=organiser,
    )

    waiting.refresh_from_db()
    assert (waiting.state, waiting.place) == (RegistrationState.CONFIRMED, 1)


def test_change_category_waiting_person_takes_a_free_place_of_the_new_one(edition, organiser):
    old = CategoryFactory(edition=edition, slug="uczestnik", quota=0)
    new = CategoryFactory(edition=edition, slug="partner", quota=3)
    registration = RegistrationFactory(edition=edition, category=old, verified=True)
    assert registration.state == RegistrationState.WAITLISTED

    changed = registration_change_category(registration=registration, category=new, actor=organiser)

    assert (changed.state, changed.place) == (RegistrationState.CONFIRMED, 1)


def test_change_category_waiting_person_waits_in_a_full_new_one(edition, organiser):
    old = CategoryFactory(edition=edition, slug="uczestnik", quota=0)
    new = CategoryFactory(edition=edition, slug="partner", quota=0)
    registration = RegistrationFactory(edition=edition, category=old, verified=True)

    changed = registration_change_category(registration=registration, category=new, actor=organiser)

    assert (changed.category_id, changed.state, changed.place) == (
        new.pk,
        RegistrationState.WAITLISTED,
        None,
    )


def test_change_category_awaiting_approval_into_open_category_is_confirmed(edition, organiser):
    old = CategoryFactory(edition=edition, slug="vip", requires_approval=True)
    registration = RegistrationFactory(edition=edition, category=old, verified=True)
    assert registration.state == RegistrationState.PENDING_APPROVAL

    changed = registration_change_category(
        registration=registration,
        category=CategoryFactory(edition=edition, slug="uczestnik"),
        actor=organiser,
    )

    assert changed.state == RegistrationState.CONFIRMED
    assert changed.confirmed_at is not None


@pytest.mark.parametrize("case", ["other_edition", "same", "cancelled"])
def test_change_category_bad_target_changes_nothing(edition, organiser, case):
    registration = RegistrationFactory(edition=edition, verified=True)
    target = {
        "other_edition": lambda: CategoryFactory(),
        "same": lambda: registration.category,
        "cancelled": lambda: CategoryFactory(edition=edition, slug="inna"),
    }[case]()
    if case == "cancelled":
        Registration.objects.filter(pk=registration.pk).update(
            state=RegistrationState.CANCELLED, place=None
        )
    before = _snapshot(registration)

    with pytest.raises(RegistrationError):
        registration_change_category(registration=registration, category=target, actor=organiser)

    assert _snapshot(registration) == before


# --- Sessions and visits ----------------------------------------------------------------------


@pytest.fixture
def program(edition):
    program_day = DayFactory(edition=edition)
    day = program_day.date
    panel = SessionFactory(edition=edition, day=program_day, start=at(day, 10), end=at(day, 11))
    visit = StudyVisitFactory(
        edition=edition,
        session__day=program_day,
        session__start=at(day, 12),
        session__end=at(day, 16),
        session__capacity=1,
        requires_id_data=True,
    ).session
    clash = StudyVisitFactory(
        edition=edition,
        session__day=program_day,
        session__start=at(day, 13),
        session__end=at(day, 17),
        session__capacity=5,
    ).session
    return panel, visit, clash


def test_change_signups_follows_the_seat_rules_and_logs(edition, organiser, program):
    panel, visit, _clash = program
    first = RegistrationFactory(edition=edition, verified=True, session_ids=[panel.pk])
    second = RegistrationFactory(edition=edition, verified=True)

    registration_change_signups(registration=first, session_ids=[visit.pk], actor=organiser)
    registration_change_signups(
        registration=second, session_ids=[panel.pk, visit.pk], actor=organiser
    )

    states = dict(Signup.objects.filter(registration=first).values_list("session_id", "state"))
    assert states == {panel.pk: SignupState.CANCELLED, visit.pk: SignupState.CONFIRMED}
    states = dict(Signup.objects.filter(registration=second).values_list("session_id", "state"))
    assert states == {panel.pk: SignupState.CONFIRMED, visit.pk: SignupState.WAITLISTED}
    [entry] = _log(first, "registration.sessions.changed")
    assert entry.actor == organiser
    assert entry.data == {
        "before": {
            "signups": [
                {"session": panel.pk, "title": str(panel.title), "state": "confirmed", "seat": None}
            ]
        },
        "after": {
            "signups": [
                {"session": visit.pk, "title": str(visit.title), "state": "confirmed", "seat": 1}
            ]
        },
    }
    signup_log = ActivityLog.objects.filter(action="signup.confirmed", actor=organiser)
    assert signup_log.count() == 2
    [mail] = _messages_of(first, RegistrationMessage.CHANGED_BY_ORGANISER)
    body = message_build(mail)[0].body
    assert str(visit.title) in body
    # The host needs ID data: the mail asks for it on the personal page.
    assert body.count(str(visit.title)) >= 2


def test_change_signups_same_choice_logs_nothing(edition, organiser, program):
    panel, _visit, _clash = program
    registration = RegistrationFactory(edition=edition, verified=True, session_ids=[panel.pk])
    before = _snapshot(registration)

    registration_change_signups(registration=registration, session_ids=[panel.pk], actor=organiser)

    assert _snapshot(registration) == before


@pytest.mark.parametrize("case", ["overlap", "other_edition", "cancelled"])
def test_change_signups_refused_changes_nothing(edition, organiser, program, case):
    panel, visit, clash = program
    registration = RegistrationFactory(edition=edition, verified=True, session_ids=[visit.pk])
    wanted = {
        "overlap": [visit.pk, clash.pk, panel.pk],
        "other_edition": [SessionFactory().pk],
        "cancelled": [panel.pk],
    }[case]
    if case == "cancelled":
        Registration.objects.filter(pk=registration.pk).update(
            state=RegistrationState.CANCELLED, place=None
        )
    before = _snapshot(registration)

    with pytest.raises(RegistrationError):
        registration_change_signups(registration=registration, session_ids=wanted, actor=organiser)

    assert _snapshot(registration) == before


def test_change_signups_overlap_with_a_kept_visit_changes_nothing(edition, organiser, program):
    panel, visit, clash = program
    registration = RegistrationFactory(edition=edition, verified=True, session_ids=[visit.pk])
    before = _snapshot(registration)

    with pytest.raises(RegistrationError) as error:
        registration_change_signups(
            registration=registration, session_ids=[panel.pk, visit.pk, clash.pk], actor=organiser
        )

    assert error.value.field == "sessions"
    assert _snapshot(registration) == before


# --- Admin pages ------------------------------------------------------------------------------


def _url(name: str, registration) -> str:
    return reverse(f"admin:registration_registration_{name}", args=[registration.pk])


def _signed_in(client, user):
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_change_page_links_to_the_three_changes(client, edition, organiser):
    registration = RegistrationFactory(edition=edition, verified=True)

    response = _signed_in(client, organiser).get(_url("change", registration))

    assert response.status_code == 200
    for name in ("change_email", "change_category", "change_sessions"):
        assert _url(name, registration) in response.content.decode()


def test_change_category_page_moves_and_goes_back_with_a_message(client, edition, organiser):
    registration = RegistrationFactory(edition=edition, verified=True)
    new = CategoryFactory(edition=edition, slug="prelegent", quota=3)
    client = _signed_in(client, organiser)

    page = client.get(_url("change_category", registration))
    response = client.post(_url("change_category", registration), {"category": new.pk})

    assert page.status_code == 200
    assert '<label for="id_category"' in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == _url("change", registration)
    assert Registration.objects.get(pk=registration.pk).category_id == new.pk
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"The registration was moved to the category “{new.name}”."
    ]


def test_change_category_page_full_shows_the_error_and_changes_nothing(client, edition, organiser):
    registration = RegistrationFactory(edition=edition, verified=True)
    full = CategoryFactory(edition=edition, slug="vip", quota=1)
    RegistrationFactory(edition=edition, category=full)
    before = _snapshot(registration)

    response = _signed_in(client, organiser).post(
        _url("change_category", registration), {"category": full.pk}
    )

    assert response.status_code == 400
    assert "is full: all 1 places are taken" in response.content.decode()
    assert _snapshot(registration) == before


def test_change_email_page_bad_address_shows_the_error_and_changes_nothing(
    client, edition, organiser
):
    registration = RegistrationFactory(edition=edition, verified=True)
    taken = RegistrationFactory(edition=edition)
    before = _snapshot(registration)
    client = _signed_in(client, organiser)

    invalid = client.post(_url("change_email", registration), {"email": "nie-adres"})
    used = client.post(_url("change_email", registration), {"email": taken.email})

    assert (invalid.status_code, used.status_code) == (400, 400)
    assert "Enter a valid email address." in invalid.content.decode()
    assert "Another registration already uses this address." in used.content.decode()
    assert _snapshot(registration) == before


def test_change_email_page_changes_the_address(client, edition, organiser):
    registration = RegistrationFactory(edition=edition, verified=True)

    response = _signed_in(client, organiser).post(
        _url("change_email", registration), {"email": "nowy.adres@example.org"}
    )

    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).email == "nowy.adres@example.org"


def test_change_sessions_page_signs_up_and_cancels(client, edition, organiser, program):
    panel, visit, _clash = program
    registration = RegistrationFactory(edition=edition, verified=True, session_ids=[panel.pk])
    client = _signed_in(client, organiser)

    page = client.get(_url("change_sessions", registration))
    response = client.post(_url("change_sessions", registration), {"sessions": [visit.pk]})
    emptied = client.post(_url("change_sessions", registration), {})

    assert page.status_code == 200
    assert "the host needs ID data" in page.content.decode()
    assert (response.status_code, emptied.status_code) == (302, 302)
    assert not Signup.objects.filter(
        registration=registration, state__in=[SignupState.CONFIRMED, SignupState.WAITLISTED]
    ).exists()
    assert len(_log(registration, "registration.sessions.changed")) == 2


def test_change_sessions_page_overlap_shows_the_error(client, edition, organiser, program):
    _panel, visit, clash = program
    registration = RegistrationFactory(edition=edition, verified=True)
    before = _snapshot(registration)

    response = _signed_in(client, organiser).post(
        _url("change_sessions", registration), {"sessions": [visit.pk, clash.pk]}
    )

    assert response.status_code == 400
    assert "takes place at the same time" in response.content.decode()
    assert _snapshot(registration) == before


@pytest.mark.parametrize("name", ["change_email", "change_category", "change_sessions"])
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("team_organiser", True),
        ("team_owner", True),
        ("team_checkin", False),
        ("team_of_other_edition", False),
        ("staff_without_permission", False),
        ("view_permission_only", False),
    ],
)
def test_change_pages_permissions(client, edition, name, who, allowed):
    registration = RegistrationFactory(edition=edition, verified=True)
    other = CategoryFactory(edition=edition, slug="inna")
    user = staff_user(
        "ktos", *(["registration.view_registration"] if who == "view_permission_only" else [])
    )
    roles = {
        "team_organiser": (edition, TeamRole.ORGANISER),
        "team_owner": (edition, TeamRole.OWNER),
        "team_checkin": (edition, TeamRole.CHECKIN),
        "team_of_other_edition": (EditionFactory(), TeamRole.OWNER),
    }
    if who in roles:
        team_edition, role = roles[who]
        TeamMember.objects.create(edition=team_edition, user=user, role=role)
    before = _snapshot(registration)
    client = _signed_in(client, user)
    data = {
        "change_email": {"email": "zmieniony@example.org"},
        "change_category": {"category": other.pk},
        "change_sessions": {"sessions": []},
    }[name]

    page = client.get(_url(name, registration))
    response = client.post(_url(name, registration), data)

    if allowed:
        assert page.status_code == 200
        assert response.status_code in (302, 200)
    else:
        assert (page.status_code, response.status_code) == (403, 403)
        assert _snapshot(registration) == before


def test_change_pages_ask_anonymous_to_sign_in(client, edition):
    registration = RegistrationFactory(edition=edition)

    response = client.post(_url("change_category", registration), {"category": 1})

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_change_pages_need_csrf(edition, organiser):
    from django.test import Client

    registration = RegistrationFactory(edition=edition, verified=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)

    response = client.post(_url("change_email", registration), {"email": "x@example.org"})

    assert response.status_code == 403
    assert Registration.objects.get(pk=registration.pk).email != "x@example.org"


def test_change_page_unknown_registration_is_404(client, organiser):
    response = _signed_in(client, organiser).get(
        reverse("admin:registration_registration_change_email", args=[999999])
    )

    assert response.status_code == 404


def test_change_page_hides_the_links_for_a_cancelled_registration(client, edition, organiser):
    registration = RegistrationFactory(edition=edition)
    Registration.objects.filter(pk=registration.pk).update(
        state=RegistrationState.CANCELLED, place=None
    )

    response = _signed_in(client, organiser).get(_url("change", registration))

    assert _url("change_email", registration) not in response.content.decode()
