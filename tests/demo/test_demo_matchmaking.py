"""The demo edition's B2B matchmaking: switched on, two sessions, about forty fictional
profiles, requests in every state, placed meetings, consultation hosts; reloads write nothing
and keep what people did."""

from collections import Counter

import pytest

from kongres.demo.loader import demo_load
from kongres.matchmaking import selectors, services
from kongres.matchmaking.enums import MeetingState, RequestState, SchedulingMode
from kongres.matchmaking.models import (
    ConsultationHost,
    ConsultationSlot,
    Listing,
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    Profile,
    SlotBooking,
)
from kongres.registration.enums import HOLDING_STATES

pytestmark = pytest.mark.integration


def test_demo_matchmaking_is_on_in_organiser_scheduling_mode(demo_data):
    config = selectors.matchmaking_settings(demo_data)

    assert (config.pk is not None, config.enabled) == (True, True)
    assert config.scheduling_mode == SchedulingMode.ORGANISER


def test_in_the_demo_a_new_request_is_accepted_scheduled_and_published(demo_data):
    """The whole flow works on the demo data, although its congress lies in the past."""
    met = set()
    for request in MeetingRequest.objects.filter(edition=demo_data):
        met |= {
            (request.sender_id, request.recipient_id),
            (request.recipient_id, request.sender_id),
        }
    profiles = list(Profile.objects.filter(edition=demo_data).order_by("pk"))
    sender, recipient = next(
        (a, b) for a in profiles for b in profiles if a != b and (a.pk, b.pk) not in met
    )

    request = services.request_send(sender, recipient, "Porozmawiajmy o współpracy.")
    meeting = services.request_accept(request)
    run = services.scheduler_run(demo_data)
    services.schedule_publish(demo_data)

    meeting.refresh_from_db()
    assert run.scheduled >= 1
    assert meeting.state == MeetingState.PLANNED
    assert (meeting.slot is not None, meeting.table is not None) == (True, True)
    assert meeting.is_published
    assert meeting.slot.session.edition_id == demo_data.pk


def test_demo_has_a_morning_and_an_afternoon_session_on_the_first_day(demo_data):
    sessions = list(MatchmakingSession.objects.filter(edition=demo_data).order_by("starts_at"))

    assert [(s.code, s.tables, s.slot_minutes, s.slots.count()) for s in sessions] == [
        ("A", 15, 20, 12),
        ("B", 15, 20, 12),
    ]
    assert {s.starts_at.date() for s in sessions} == {demo_data.start_date}
    assert sessions[0].ends_at <= sessions[1].starts_at
    assert all(s.is_example_data for s in sessions)


def test_demo_profiles_are_fictional_and_of_registered_people(demo_data):
    profiles = Profile.objects.filter(edition=demo_data).select_related("registration")

    assert 35 <= profiles.count() <= 45
    assert all(p.is_example_data and p.is_active for p in profiles)
    assert all(p.registration.state in HOLDING_STATES for p in profiles)
    assert all(p.registration.email.endswith("@example.org") for p in profiles)
    assert all(p.available_slots.exists() and p.sectors.exists() for p in profiles)
    assert all(p.search_text for p in profiles)


def test_demo_listings_include_the_cnc_offer_for_defence_and_english_texts(demo_data):
    listings = Listing.objects.filter(profile__edition=demo_data)

    # Titles carry no "Oferujemy:" of their own: pages put the kind before them, which reads
    # "Oferujemy: Obróbka CNC dla przemysłu obronnego".
    cnc = listings.get(title="Obróbka CNC dla przemysłu obronnego")
    assert cnc.kind == "offer"
    assert listings.filter(kind="offer", title="5-axis CNC machining").exists()
    assert listings.filter(kind="request", title="Composite frame suppliers").exists()
    assert not listings.filter(title__regex=r"^(Oferujemy|Szukamy|We offer|Looking for)").exists()
    assert Counter(listings.values_list("kind", flat=True))["request"] >= 35


def test_demo_requests_in_every_state(demo_data):
    states = Counter(
        MeetingRequest.objects.filter(edition=demo_data).values_list("state", flat=True)
    )

    assert set(states) == set(RequestState.values)
    assert states[RequestState.ACCEPTED] >= 20


def test_demo_meetings_are_placed_like_self_scheduling_places_them(demo_data):
    meetings = Meeting.objects.filter(edition=demo_data).select_related("request", "slot")
    accepted = MeetingRequest.objects.filter(edition=demo_data, state=RequestState.ACCEPTED)

    assert meetings.count() == accepted.count()
    for meeting in meetings:
        assert meeting.state == MeetingState.PLANNED
        assert meeting.is_published
        assert meeting.slot is not None
        assert 1 <= meeting.table <= meeting.slot.session.tables
        assert set(SlotBooking.objects.filter(meeting=meeting).values_list("profile", "slot")) == {
            (meeting.a_id, meeting.slot_id),
            (meeting.b_id, meeting.slot_id),
        }
        for side in (meeting.a, meeting.b):
            assert side.available_slots.filter(pk=meeting.slot_id).exists()
    assert meetings.filter(held=True).exists()
    assert meetings.exclude(outcome_a="").exists()


def test_demo_consultation_hosts_offer_slots_some_booked(demo_data):
    hosts = list(ConsultationHost.objects.filter(edition=demo_data).order_by("order"))

    assert len(hosts) == 2
    assert "Ministerstwo Rozwoju i Technologii" in hosts[0].role.localize("pl")
    assert "PARP" not in hosts[1].name
    assert "Polska Agencja Rozwoju Przedsiębiorczości" in hosts[1].role.localize("pl")
    assert [host.slots.count() for host in hosts] == [8, 8]
    booked = ConsultationSlot.objects.filter(host__edition=demo_data, booked_by__isnull=False)
    assert booked.count() == 3


def test_demo_reload_keeps_a_meeting_the_organiser_moved(demo_data):
    meeting = Meeting.objects.filter(edition=demo_data).order_by("pk").first()
    both = set(meeting.a.available_slots.all()) & set(meeting.b.available_slots.all())
    busy = set(
        SlotBooking.objects.filter(profile__in=[meeting.a, meeting.b]).values_list(
            "slot", flat=True
        )
    )
    free = min((slot for slot in both if slot.pk not in busy), key=lambda slot: slot.starts_at)
    services.meeting_move(meeting, free, draft=False, now=free.starts_at.replace(year=2020))
    meeting.refresh_from_db()
    placement = (meeting.slot_id, meeting.table, meeting.version)
    writes = {}

    demo_load(writes)

    meeting.refresh_from_db()
    assert (meeting.slot_id, meeting.table, meeting.version) == placement
    assert writes == {"created": 0, "updated": 0}


def test_demo_scheduler_run_reaches_the_bound_quickly(demo_data):
    run = services.scheduler_run(demo_data, keep_published=True, time_limit=20)

    assert run.meetings == Meeting.objects.filter(edition=demo_data).count()
    assert run.scheduled == run.upper_bound == run.meetings
    assert run.seconds < 5


def test_demo_statistics(demo_data):
    stats = selectors.matchmaking_stats(demo_data)

    assert stats["requests"] == MeetingRequest.objects.filter(edition=demo_data).count()
    assert stats["meetings_published"] == stats["meetings"]
    assert stats["meetings_held"] >= 1
    assert stats["cooperation"] >= 1


def test_demo_scheduler_and_statistics_pages_render(demo_data, admin_client):
    from django.urls import reverse

    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    meetings = Meeting.objects.filter(edition=demo_data).count()

    page = admin_client.get(reverse("admin:matchmaking_scheduler", args=[demo_data.pk]))
    statistics = admin_client.get(reverse("admin:matchmaking_statistics", args=[demo_data.pk]))

    assert (page.status_code, statistics.status_code) == (200, 200)
    assert page.context["shows_draft"] is True  # organiser mode: the scheduler's schedule
    assert (page.context["placed"], page.context["planned"]) == (meetings, meetings)
    assert [len(grid.rows) * len(grid.tables) for grid in page.context["grids"]] == [180, 180]
