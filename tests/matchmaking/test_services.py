import datetime as dt

import pytest
from django.utils import timezone, translation

from kongres.comms.models import Message
from kongres.comms.rendering import message_build
from kongres.matchmaking import selectors, services
from kongres.matchmaking.enums import (
    MeetingState,
    Outcome,
    RequestMode,
    RequestState,
    SchedulingMode,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    Profile,
    SchedulerRun,
    Slot,
    SlotBooking,
)
from kongres.registration.enums import CancelReason
from kongres.registration.models import Registration
from kongres.registration.services import registration_cancel
from tests.matchmaking.factories import (
    DAY,
    ConsultationHostFactory,
    ConsultationSlotFactory,
    MatchmakingSessionFactory,
    ProfileFactory,
    SectorFactory,
    local,
    matchmaking_edition,
)
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def config():
    return matchmaking_edition()


@pytest.fixture
def edition(config):
    return config.edition


@pytest.fixture
def slots(edition):
    return list(Slot.objects.filter(session__edition=edition).order_by("starts_at"))


@pytest.fixture(autouse=True)
def _english():
    """Messages of the services are compared in English (the default language is Polish)."""
    with translation.override("en"):
        yield


def people(edition, count=2, **kwargs):
    return [ProfileFactory(edition=edition, **kwargs) for _ in range(count)]


def kinds(to=None):
    messages = Message.objects.filter(kind__startswith="mm_").order_by("id")
    if to is not None:
        messages = messages.filter(to_email=to.registration.email)
    return [message.kind for message in messages]


def snapshot():
    return (
        MeetingRequest.objects.count(),
        Meeting.objects.count(),
        SlotBooking.objects.count(),
        Message.objects.count(),
    )


# --- profiles ---------------------------------------------------------------------------------


def test_profile_save_creates_profile_with_listings_and_search_text(edition, slots):
    registration = RegistrationFactory(edition=edition, verified=True)
    sector = SectorFactory()

    profile = services.profile_save(
        registration,
        {
            "organisation": "Zakłady Mechaniczne Bumar",
            "description": "Produkcja dla przemysłu obronnego.",
            "sectors": [sector.pk],
            "cooperation_types": ["supplier", "rd_partner"],
            "languages": ["pl", "en"],
            "available_slots": [slots[0].pk, slots[1].pk],
            "listings": [
                {"kind": "offer", "title": "Obróbka CNC", "text": "Frezowanie."},
                {"kind": "request", "title": "Partner B+R", "text": ""},
                {"kind": "offer", "title": "", "text": ""},
            ],
        },
    )

    assert profile.is_active is True
    assert profile.max_meetings == 8
    assert [(item.kind, item.title) for item in profile.listings.all()] == [
        ("offer", "Obróbka CNC"),
        ("request", "Partner B+R"),
    ]
    assert set(profile.available_slots.values_list("pk", flat=True)) == {slots[0].pk, slots[1].pk}
    assert profile.search_text != ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"available_slots": []}, "Choose at least one time when you are available for meetings."),
        ({"cooperation_types": ["spy"]}, "Choose the types of cooperation from the list."),
        ({"languages": ["xx"]}, "Choose the languages from the list."),
        ({"max_meetings": 0}, "You can have between 1 and 50 meetings."),
        ({"max_meetings": "many"}, "Give the number of meetings as a whole number."),
        ({"organisation": " ", "fallback": ""}, "Give the name of your organisation."),
        ({"listings": [{"kind": "offer", "title": "", "text": "x"}]}, "Give each offer and"),
    ],
)
def test_profile_save_bad_input_changes_nothing(edition, slots, data, message):
    details = {"organisation": data.pop("fallback", "Klaster")}
    registration = RegistrationFactory(edition=edition, verified=True, details=details)
    data = {"organisation": "Firma", "available_slots": [slots[0].pk], **data}

    with pytest.raises(MatchmakingError) as error:
        services.profile_save(registration, data)

    assert str(error.value.message).startswith(message)
    assert Profile.objects.count() == 0


def test_profile_save_slot_of_other_edition_is_refused(edition):
    other = matchmaking_edition()
    registration = RegistrationFactory(edition=edition, verified=True)
    foreign = Slot.objects.filter(session__edition=other.edition).first()

    with pytest.raises(MatchmakingError):
        services.profile_save(registration, {"organisation": "X", "available_slots": [foreign.pk]})

    assert Profile.objects.count() == 0


def test_profile_save_when_matchmaking_is_off_is_refused(config, slots):
    config.enabled = False
    config.save()
    registration = RegistrationFactory(edition=config.edition, verified=True)

    with pytest.raises(MatchmakingError) as error:
        services.profile_save(registration, {"organisation": "X", "available_slots": [slots[0].pk]})

    assert str(error.value.message) == "B2B matchmaking is not open at this congress."


def test_profile_save_cannot_drop_a_slot_with_a_meeting(edition, slots):
    a, b = people(edition)
    request = services.request_send(a, b, "")
    services.request_accept(request, slots[0])

    with pytest.raises(MatchmakingError):
        services.profile_save(
            a.registration, {"organisation": "X", "available_slots": [slots[1].pk]}
        )

    assert a.available_slots.filter(pk=slots[0].pk).exists()


def test_profile_opt_out_cancels_requests_and_meetings_and_tells_partners(edition, slots):
    a, b, c = people(edition, 3)
    pending = services.request_send(a, c, "")
    meeting = services.request_accept(services.request_send(a, b, ""), slots[0])

    services.profile_opt_out(a)

    a.refresh_from_db()
    meeting.refresh_from_db()
    pending.refresh_from_db()
    assert a.is_active is False
    assert pending.state == RequestState.CANCELLED
    assert meeting.state == MeetingState.CANCELLED
    assert SlotBooking.objects.count() == 0
    assert "mm_meeting_cancelled" in kinds(to=b)


# --- requests ---------------------------------------------------------------------------------


def test_request_send_queues_mail_with_accept_link(edition):
    a, b = people(edition)

    request = services.request_send(a, b, "Porozmawiajmy o CNC.")

    assert request.state == RequestState.PENDING
    assert request.expires_at is not None
    message = Message.objects.get(kind="mm_request_received")
    assert message.to_email == b.registration.email
    email, subject = message_build(message)
    assert a.registration.full_name in subject
    assert "Porozmawiajmy o CNC." in email.body
    assert "/matchmaking/" in email.body or "/me/" in email.body


@pytest.mark.parametrize(
    "case",
    ["self", "duplicate", "reverse", "inactive", "cancelled_registration", "limit", "closed"],
)
def test_request_send_bad_input_changes_nothing(config, edition, case):
    a, b = people(edition)
    if case == "duplicate":
        services.request_send(a, b, "")
    if case == "reverse":
        services.request_send(b, a, "")
    if case == "inactive":
        Profile.objects.filter(pk=b.pk).update(is_active=False)
    if case == "cancelled_registration":
        registration_cancel(registration=b.registration, reason=CancelReason.BY_PARTICIPANT)
    if case == "limit":
        config.max_pending_requests = 1
        config.save()
        services.request_send(a, ProfileFactory(edition=edition), "")
    if case == "closed":
        config.booking_closes_at = timezone.now() - dt.timedelta(minutes=1)
        config.save()
    before = snapshot()

    with pytest.raises(MatchmakingError) as error:
        services.request_send(a, a if case == "self" else b, "")

    assert str(error.value.message)
    assert snapshot() == before


def test_request_send_session_limit_needs_the_setting(config, edition):
    a, b = people(edition)
    session = MatchmakingSession.objects.get(edition=edition)

    with pytest.raises(MatchmakingError):
        services.request_send(a, b, "", session=session)

    config.allow_session_limit = True
    config.save()
    request = services.request_send(a, b, "", session=session)
    assert request.session == session


def test_request_auto_mode_accepts_at_once_in_earliest_common_slot(config, edition, slots):
    a, b = people(edition)
    busy = ProfileFactory(edition=edition)
    services.request_accept(services.request_send(busy, a, ""), slots[0])
    config.request_mode = RequestMode.AUTO
    config.save()

    request = services.request_send(a, b, "")

    request.refresh_from_db()
    meeting = request.meeting
    assert request.state == RequestState.ACCEPTED
    assert (meeting.slot, meeting.table) == (slots[1], 1)
    assert "mm_request_received" in kinds(to=b)
    assert "mm_request_accepted" in kinds(to=a)


def test_request_accept_self_mode_places_meeting_at_lowest_free_table(edition, slots):
    a, b, c, d = people(edition, 4)
    first = services.request_accept(services.request_send(a, b, ""), slots[0])

    second = services.request_accept(services.request_send(c, d, ""), slots[0])

    assert (first.table, second.table) == (1, 2)
    assert SlotBooking.objects.filter(slot=slots[0]).count() == 4
    email, subject = message_build(
        Message.objects.filter(kind="mm_request_accepted").order_by("id").last()
    )
    assert d.registration.full_name in subject
    assert "2" in email.body


@pytest.mark.parametrize("case", ["no_slot", "busy", "unavailable", "tables_full", "past"])
def test_request_accept_bad_slot_changes_nothing(edition, slots, case):
    a, b = people(edition)
    request = services.request_send(a, b, "")
    slot = slots[0]
    if case == "busy":
        other = ProfileFactory(edition=edition)
        services.request_accept(services.request_send(other, b, ""), slot)
    if case == "unavailable":
        a.available_slots.remove(slot)
    if case == "tables_full":
        for _ in range(2):
            x, y = people(edition)
            services.request_accept(services.request_send(x, y, ""), slot)
    if case == "past":
        Slot.objects.filter(pk=slot.pk).update(
            starts_at=timezone.now() - dt.timedelta(hours=1),
            ends_at=timezone.now() - dt.timedelta(minutes=40),
        )
    before = snapshot()

    with pytest.raises(MatchmakingError):
        services.request_accept(request, None if case == "no_slot" else slot)

    request.refresh_from_db()
    assert request.state == RequestState.PENDING
    assert snapshot() == before


def test_request_accept_twice_is_refused(edition, slots):
    a, b = people(edition)
    request = services.request_send(a, b, "")
    services.request_accept(request, slots[0])

    with pytest.raises(MatchmakingError) as error:
        services.request_accept(request, slots[1])

    assert str(error.value.message) == "This request has already been accepted."
    assert Meeting.objects.count() == 1


def test_request_accept_respects_max_meetings(edition, slots):
    a, b, c = people(edition, 3)
    Profile.objects.filter(pk=a.pk).update(max_meetings=1)
    services.request_accept(services.request_send(b, a, ""), slots[0])
    request = services.request_send(c, b, "")
    services.request_accept(request, slots[1])

    with pytest.raises(MatchmakingError) as error:
        services.request_send(c, a, "")

    assert "no room" in str(error.value.message)


def test_request_accept_session_limit_keeps_the_session(config, edition):
    config.allow_session_limit = True
    config.save()
    afternoon = MatchmakingSessionFactory(edition=edition, code="B", starts_at=local(DAY, 14))
    a, b = people(edition)
    request = services.request_send(a, b, "", session=afternoon)
    morning_slot = Slot.objects.get(code="A01", session__edition=edition)

    with pytest.raises(MatchmakingError):
        services.request_accept(request, morning_slot)

    assert [slot.session_id for slot in selectors.free_slots_for(request)] == [afternoon.pk] * 4
    meeting = services.request_accept(request, afternoon.slots.first())
    assert meeting.slot.session == afternoon


def test_request_accept_organiser_mode_makes_meeting_without_slot(config, edition, slots):
    config.scheduling_mode = SchedulingMode.ORGANISER
    config.save()
    a, b = people(edition)
    Registration.objects.filter(pk=a.registration_id).update(language="en")

    meeting = services.request_accept(services.request_send(a, b, ""), slots[0])

    assert (meeting.slot, meeting.table, meeting.is_published) == (None, None, False)
    assert SlotBooking.objects.count() == 0
    email, _subject = message_build(Message.objects.get(kind="mm_request_accepted"))
    assert "The time and table will be set by the organiser" in email.body


def test_request_decline_tells_the_sender(edition):
    a, b = people(edition)
    request = services.request_send(a, b, "")

    services.request_decline(request)

    request.refresh_from_db()
    assert request.state == RequestState.DECLINED
    assert kinds(to=a) == ["mm_request_declined"]
    message_build(Message.objects.get(kind="mm_request_declined"))
    # A declined pair may ask again later.
    assert services.request_send(b, a, "").state == RequestState.PENDING


def test_request_cancel_of_accepted_request_frees_the_slot(edition, slots):
    a, b = people(edition)
    request = services.request_send(a, b, "")
    meeting = services.request_accept(request, slots[0])

    services.request_cancel(request, b)

    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CANCELLED
    assert SlotBooking.objects.count() == 0
    assert "mm_meeting_cancelled" in kinds(to=a)
    assert "mm_meeting_cancelled" not in kinds(to=b)


def test_request_cancel_by_a_stranger_is_refused(edition):
    a, b, c = people(edition, 3)
    request = services.request_send(a, b, "")

    with pytest.raises(MatchmakingError):
        services.request_cancel(request, c)

    request.refresh_from_db()
    assert request.state == RequestState.PENDING


def test_requests_expire_only_past_pending_requests(edition):
    a, b, c = people(edition, 3)
    old = services.request_send(a, b, "")
    fresh = services.request_send(a, c, "")
    MeetingRequest.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )

    count = services.requests_expire()

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert count == 1
    assert (old.state, fresh.state) == (RequestState.EXPIRED, RequestState.PENDING)
    with pytest.raises(MatchmakingError):
        services.request_accept(old, None)


def test_requests_expire_runs_in_housekeeping(edition):
    from kongres.common.housekeeping import run_housekeeping

    a, b = people(edition)
    request = services.request_send(a, b, "")
    MeetingRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now())

    results = run_housekeeping()

    assert results["meeting_requests_expired"] == 1


# --- meetings ---------------------------------------------------------------------------------


def test_meeting_move_live_checks_and_tells_both_sides(edition, slots):
    a, b, c, d = people(edition, 4)
    meeting = services.request_accept(services.request_send(a, b, ""), slots[0])
    services.request_accept(services.request_send(c, d, ""), slots[1])

    services.meeting_move(meeting, slots[1], 2)

    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table, meeting.version) == (slots[1], 2, 2)
    assert set(SlotBooking.objects.filter(meeting=meeting).values_list("slot", flat=True)) == {
        slots[1].pk
    }
    assert kinds(to=a).count("mm_meeting_changed") == 1
    with pytest.raises(MatchmakingError):
        services.meeting_move(meeting, slots[1], 1)  # table 1 is taken in that slot
    with pytest.raises(MatchmakingError):
        services.meeting_move(meeting, slots[1], 3)  # there are only two tables


def test_meeting_record_outcome_after_the_meeting(edition, slots):
    a, b = people(edition)
    meeting = services.request_accept(services.request_send(a, b, ""), slots[0])

    with pytest.raises(MatchmakingError):
        services.meeting_record_outcome(meeting, a, Outcome.HELD)
    later = slots[0].ends_at + dt.timedelta(hours=1)
    services.meeting_record_outcome(meeting, a, Outcome.COOPERATION, now=later)
    services.meeting_record_outcome(meeting, b, Outcome.NO_COOPERATION, now=later)

    meeting.refresh_from_db()
    assert (meeting.outcome_a, meeting.outcome_b, meeting.held) == (
        "cooperation",
        "no_cooperation",
        True,
    )
    with pytest.raises(MatchmakingError):
        services.meeting_record_outcome(meeting, ProfileFactory(edition=edition), "held", now=later)


def test_follow_up_is_sent_once_after_the_event(config, edition, slots):
    a, b, c = people(edition, 3)
    Registration.objects.filter(pk=a.registration_id).update(language="en")
    services.request_accept(services.request_send(a, b, ""), slots[0])
    services.request_send(a, c, "")
    end = MatchmakingSession.objects.get(edition=edition).ends_at

    assert services.follow_ups_send(now=end + dt.timedelta(hours=71)) == 0
    assert services.follow_ups_send(now=end + dt.timedelta(hours=72)) == 2
    assert services.follow_ups_send(now=end + dt.timedelta(hours=80)) == 0

    message = Message.objects.filter(kind="mm_follow_up", to_email=a.registration.email).get()
    email, subject = message_build(message)
    assert subject == "Did your B2B meetings lead to cooperation?"
    assert b.organisation in email.body
    assert "outcome" in email.body or "/matchmaking/" in email.body or "/me/" in email.body


# --- consultations ----------------------------------------------------------------------------


def test_consultation_book_first_come_and_cancel(edition, slots):
    host = ConsultationHostFactory(edition=edition)
    slot = ConsultationSlotFactory(host=host, starts_at=slots[0].starts_at)
    first = RegistrationFactory(edition=edition, verified=True)
    second = RegistrationFactory(edition=edition, verified=True)

    services.consultation_book(slot, first)
    with pytest.raises(MatchmakingError):
        services.consultation_book(slot, second)
    services.consultation_cancel(slot, first)
    services.consultation_book(slot, second)

    slot.refresh_from_db()
    assert slot.booked_by == second


def test_consultation_blocks_the_matchmaking_slot_of_a_profile(edition, slots):
    a, b = people(edition)
    host = ConsultationHostFactory(edition=edition)
    slot = ConsultationSlotFactory(host=host, starts_at=slots[0].starts_at)
    services.consultation_book(slot, a.registration)
    request = services.request_send(b, a, "")

    with pytest.raises(MatchmakingError):
        services.request_accept(request, slots[0])

    assert slots[0] not in selectors.free_slots_for(request)
    assert [item.kind for item in selectors.agenda_for(a)] == ["consultation"]


def test_consultation_cannot_be_booked_over_a_meeting(edition, slots):
    a, b = people(edition)
    services.request_accept(services.request_send(b, a, ""), slots[0])
    host = ConsultationHostFactory(edition=edition)
    slot = ConsultationSlotFactory(
        host=host, starts_at=slots[0].starts_at + dt.timedelta(minutes=5)
    )

    with pytest.raises(MatchmakingError) as error:
        services.consultation_book(slot, a.registration)

    assert str(error.value.message) == "You have a B2B meeting at this time."
    slot.refresh_from_db()
    assert slot.booked_by is None


# --- scheduler --------------------------------------------------------------------------------


@pytest.fixture
def organiser_config(config):
    config.scheduling_mode = SchedulingMode.ORGANISER
    config.save()
    return config


def test_scheduler_run_stores_a_draft_and_publish_places_it(organiser_config, edition, slots):
    a, b, c = people(edition, 3)
    for sender, recipient in ((a, b), (a, c), (b, c)):
        services.request_accept(services.request_send(sender, recipient, ""), None)

    run = services.scheduler_run(edition, time_limit=5)

    assert (run.meetings, run.scheduled, run.upper_bound) == (3, 3, 3)
    assert run.shortfall == []
    assert Meeting.objects.filter(draft_slot__isnull=False).count() == 3
    assert Meeting.objects.filter(slot__isnull=False).count() == 0
    assert Message.objects.filter(kind="mm_schedule_published").count() == 0

    result = services.schedule_publish(edition)

    assert (result.changed, result.notified) == (3, 3)
    assert Meeting.objects.filter(slot__isnull=False, is_published=True).count() == 3
    assert SlotBooking.objects.count() == 6
    email, _subject = message_build(
        Message.objects.get(kind="mm_schedule_published", to_email=a.registration.email)
    )
    assert b.organisation in email.body
    assert c.organisation in email.body
    # Publishing the same schedule again changes nothing and mails nobody.
    services.scheduler_run(edition, time_limit=5)
    again = services.schedule_publish(edition)
    assert (again.changed, again.notified) == (0, 0)


def test_scheduler_run_explains_shortfall(organiser_config, edition, slots):
    a = ProfileFactory(edition=edition, available=slots[:1])
    partners = people(edition, 2)
    for partner in partners:
        services.request_accept(services.request_send(partner, a, ""), None)

    run = services.scheduler_run(edition, time_limit=5)

    assert (run.scheduled, run.upper_bound) == (1, 1)
    rows = {row["profile"]: row for row in run.shortfall}
    assert rows[a.pk]["accepted"] == 2
    assert rows[a.pk]["scheduled"] == 1
    assert "availability" in rows[a.pk]["reasons"]


def test_scheduler_rerun_keeps_published_meetings_and_mails_only_changed(
    organiser_config, edition, slots
):
    a, b, c, d = people(edition, 4)
    services.request_accept(services.request_send(a, b, ""), None)
    services.scheduler_run(edition, time_limit=5)
    services.schedule_publish(edition)
    first = Meeting.objects.get()
    placed = (first.slot_id, first.table)
    Message.objects.all().delete()
    services.request_accept(services.request_send(c, d, ""), None)

    services.scheduler_run(edition, keep_published=True, time_limit=5)
    result = services.schedule_publish(edition)

    first.refresh_from_db()
    assert (first.slot_id, first.table) == placed
    assert result.changed == 1
    published = Message.objects.filter(kind="mm_schedule_published")
    assert sorted(published.values_list("to_email", flat=True)) == sorted(
        [c.registration.email, d.registration.email]
    )


def test_schedule_publish_without_a_run_is_refused(organiser_config, edition):
    with pytest.raises(MatchmakingError):
        services.schedule_publish(edition)
    assert SchedulerRun.objects.count() == 0


def test_meeting_move_in_organiser_mode_changes_only_the_draft(organiser_config, edition, slots):
    a, b = people(edition)
    meeting = services.request_accept(services.request_send(a, b, ""), None)
    services.scheduler_run(edition, time_limit=5)

    services.meeting_move(meeting, slots[3], 2)

    meeting.refresh_from_db()
    assert (meeting.draft_slot, meeting.draft_table, meeting.slot) == (slots[3], 2, None)
