"""The demo edition's registration: categories, consents, visits and consistent example people."""

from collections import Counter

import pytest
from django.db.models import Count, Q

from kongres.common.models import ActivityLog
from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.demo.loader import DEMO_NOT_SENT, demo_load
from kongres.events.models import Edition
from kongres.program.enums import SessionKind
from kongres.program.models import Session
from kongres.registration.enums import CancelReason, RegistrationState
from kongres.registration.models import (
    Category,
    ConsentText,
    InvitationCode,
    Question,
    Registration,
)
from kongres.visits.enums import SEATED_STATES, SignupState
from kongres.visits.models import Signup, StudyVisit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _snapshot():
    return {
        "registrations": list(Registration.objects.values_list("pk", "state", "updated_at")),
        "signups": list(Signup.objects.values_list("pk", "state", "seat", "updated_at")),
        "messages": Message.objects.count(),
        "activity": ActivityLog.objects.count(),
        "codes": list(InvitationCode.objects.values_list("code", "uses", "updated_at")),
        "visits": list(StudyVisit.objects.values_list("pk", "updated_at")),
        "content_version": Edition.objects.get(slug="kkp-2025").content_version,
    }


def test_demo_load_second_run_writes_nothing(demo_data):
    before = _snapshot()
    writes: dict = {}

    demo_load(writes)

    assert writes == {"created": 0, "updated": 0}
    assert _snapshot() == before


def test_demo_categories_are_data_of_the_edition(demo_data):
    categories = {
        c.slug: (c.quota, c.requires_invitation, c.requires_approval)
        for c in Category.objects.filter(edition=demo_data)
    }

    assert categories == {
        "uczestnik": (400, False, False),
        "prelegent": (None, True, False),
        "partner": (None, True, False),
        "media": (30, False, True),
        "administracja-i-vip": (60, True, True),
        "obsluga": (None, True, False),
    }
    vip = Category.objects.get(edition=demo_data, slug="administracja-i-vip")
    assert vip.name.localize("pl") == "Administracja rządowa i VIP"
    assert vip.name.localize("en") == "Government and VIP"


def test_demo_consents_first_versions_processing_required(demo_data):
    consents = {
        c.kind: (c.version, c.required) for c in ConsentText.objects.filter(edition=demo_data)
    }

    assert consents == {
        "processing": (1, True),
        "image": (1, False),
        "newsletter": (1, False),
    }


def test_demo_questions_and_invitation_codes_present(demo_data):
    labels = [q.label.localize("pl") for q in Question.objects.filter(edition=demo_data)]
    speakers = InvitationCode.objects.get(edition=demo_data, code="PRELEGENT-2025")

    assert labels[:2] == [
        "Czy weźmiesz udział w wieczorze networkingowym?",
        "Skąd wiesz o Kongresie?",
    ]
    assert (speakers.category.slug, speakers.max_uses) == ("prelegent", 50)
    assert speakers.uses == Registration.objects.filter(invitation_code=speakers).count()


def test_demo_study_visits_match_their_sessions(demo_data):
    visits = list(StudyVisit.objects.filter(edition=demo_data).select_related("session"))

    assert len(visits) == 4
    assert Session.objects.filter(edition=demo_data, kind=SessionKind.STUDY_VISIT).count() == 4
    for visit in visits:
        assert (visit.departure_at, visit.return_at) == (visit.session.start, visit.session.end)
        assert visit.session.capacity
        assert "Parking przed Parkiem Technologii Kosmicznych" in visit.meeting_point.localize("pl")
    needs_id = [visit.host_name for visit in visits if visit.requires_id_data]
    assert needs_id == ["Przykładowe Systemy Obronne S.A."]


def test_demo_seats_never_over_capacity(demo_data):
    sessions = Session.objects.filter(edition=demo_data, capacity__isnull=False).annotate(
        seated=Count("signups", filter=Q(signups__state__in=SEATED_STATES)),
        seats=Count("signups__seat", filter=Q(signups__state__in=SEATED_STATES), distinct=True),
        waiting=Count("signups", filter=Q(signups__state=SignupState.WAITLISTED)),
    )

    for session in sessions:
        assert session.seated <= session.capacity, session.slug
        assert session.seats == session.seated, session.slug  # no seat given twice
        if session.waiting:
            assert session.seated == session.capacity, session.slug
    full = sessions.get(slug="wizyta-przykladowe-systemy-obronne")
    assert (full.seated, full.capacity, full.waiting) == (20, 20, 3)


def test_demo_registrations_in_a_mix_of_states(demo_data):
    registrations = Registration.objects.filter(edition=demo_data)

    states = Counter(registrations.values_list("state", flat=True))
    reasons = set(
        registrations.filter(state=RegistrationState.CANCELLED).values_list(
            "cancel_reason", flat=True
        )
    )

    assert 45 <= sum(states.values()) <= 60  # 33 from the registration seed, 20 for B2B
    assert set(states) == {
        RegistrationState.CONFIRMED,
        RegistrationState.PENDING_APPROVAL,
        RegistrationState.UNVERIFIED,
        RegistrationState.CANCELLED,
    }
    assert reasons == {CancelReason.BY_PARTICIPANT, CancelReason.REJECTED}
    assert all(r.email.endswith("@example.org") for r in registrations)
    assert not Signup.objects.filter(
        registration__state=RegistrationState.CANCELLED, state__in=SEATED_STATES
    ).exists()


def test_demo_messages_are_not_sent(demo_data):
    messages = Message.objects.filter(edition=demo_data)

    assert messages.exists()
    assert not messages.filter(
        state__in=[MessageState.QUEUED, MessageState.RETRYING, MessageState.SENDING]
    ).exists()
    assert set(messages.values_list("last_error", flat=True)) == {DEMO_NOT_SENT}
    assert set(messages.values_list("state", flat=True)) == {MessageState.SUPPRESSED}
