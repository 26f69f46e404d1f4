"""The participant's matchmaking pages through the Django test client.

Every page is reached with a personal token; objects named in a URL must belong to that
token's person, so another participant's link gets 404 and changes nothing.
"""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kongres.common.i18n import i18n
from kongres.comms.models import Message
from kongres.matchmaking.enums import (
    ListingKind,
    MatchmakingMessage,
    MeetingState,
    Outcome,
    RequestState,
    SchedulingMode,
)
from kongres.matchmaking.models import (
    ConsultationSlot,
    Listing,
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    Profile,
    Slot,
    SlotBooking,
)
from kongres.registration import tokens
from kongres.registration.enums import CancelReason
from kongres.registration.services import registration_cancel
from tests.matchmaking.factories import (
    DAY,
    ConsultationHostFactory,
    ConsultationSlotFactory,
    ListingFactory,
    MeetingRequestFactory,
    ProfileFactory,
    SectorFactory,
    local,
    matchmaking_edition,
)
from tests.registration.factories import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def config():
    return matchmaking_edition(slots=4, tables=2)


@pytest.fixture
def edition(config):
    return config.edition


@pytest.fixture
def me(edition):
    return ProfileFactory(edition=edition, organisation="Moja Firma")


@pytest.fixture
def other(edition):
    return ProfileFactory(edition=edition, organisation="Obronność Sp. z o.o.")


# The personal token carries the second it was made: the view's and the test's may differ.
TOKEN = re.compile(r"/me/(?P<token>[^/]+)/")


def assert_redirects_to(response, expected: str, registration) -> None:
    location = response["Location"]
    token = TOKEN.search(location)["token"]
    assert tokens.registration_from_personal_token(token) == registration
    assert TOKEN.sub("/me/<token>/", location) == TOKEN.sub("/me/<token>/", expected)


def url(name: str, registration, language: str = "pl", **kwargs) -> str:
    with translation.override(language):
        return reverse(
            f"matchmaking:{name}",
            kwargs={
                "edition_slug": registration.edition.slug,
                "token": tokens.personal_link_token(registration),
                **kwargs,
            },
        )


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def _state():
    """Everything a refused action must leave untouched."""
    return (
        list(MeetingRequest.objects.order_by("pk").values_list("pk", "state")),
        list(Meeting.objects.order_by("pk").values_list("pk", "state", "slot_id", "table")),
        SlotBooking.objects.count(),
        list(ConsultationSlot.objects.order_by("pk").values_list("pk", "booked_by_id")),
        Message.objects.count(),
    )


def _profile_post(slots, **overrides) -> dict:
    data = {
        "organisation": "Łukasz Żółć Obróbka",
        "description": "Precyzyjna obróbka CNC.",
        "cooperation_types": ["supplier", "subcontractor"],
        "languages": ["pl", "en"],
        "available_slots": [str(slot.pk) for slot in slots],
        "max_meetings": "5",
        "offers-TOTAL_FORMS": "2",
        "offers-INITIAL_FORMS": "0",
        "offers-MIN_NUM_FORMS": "0",
        "offers-MAX_NUM_FORMS": "5",
        "offers-0-title": "Obróbka CNC dla przemysłu obronnego",
        "offers-0-text": "Frezowanie pięcioosiowe.",
        "offers-1-title": "",
        "offers-1-text": "",
        "requests-TOTAL_FORMS": "1",
        "requests-INITIAL_FORMS": "0",
        "requests-MIN_NUM_FORMS": "0",
        "requests-MAX_NUM_FORMS": "5",
        "requests-0-title": "Partner badawczy",
        "requests-0-text": "",
    }
    data.update(overrides)
    return data


# --- Access ---------------------------------------------------------------------------------


def test_hub_without_profile_invites_to_take_part(client, edition):
    registration = RegistrationFactory(edition=edition, verified=True)

    response = client.get(url("hub", registration))

    assert response.status_code == 200
    assert "Biorę udział – wypełniam profil" in text(response)
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_hub_is_404_when_matchmaking_is_off(client, config, me):
    config.enabled = False
    config.save()

    response = client.get(url("hub", me.registration))

    assert response.status_code == 404


def test_hub_with_an_invalid_token_shows_the_invalid_link_page(client, edition):
    path = reverse("matchmaking:hub", kwargs={"edition_slug": edition.slug, "token": "x-y-z"})

    response = client.get(path)

    assert response.status_code == 404
    assert "registration/invalid_link.html" in [t.name for t in response.templates]


def test_token_of_another_edition_is_refused(client, me):
    other_config = matchmaking_edition()
    path = reverse(
        "matchmaking:hub",
        kwargs={
            "edition_slug": other_config.edition.slug,
            "token": tokens.personal_link_token(me.registration),
        },
    )

    response = client.get(path)

    assert response.status_code == 404


def test_cancelled_registration_is_sent_back_to_the_personal_page(client, me):
    registration_cancel(registration=me.registration, reason=CancelReason.BY_PARTICIPANT)

    response = client.get(url("hub", me.registration))

    assert response.status_code == 302
    assert "/matchmaking/" not in response["Location"]


def test_personal_page_links_to_the_hub_only_when_matchmaking_is_on(client, config, me):
    personal = reverse(
        "registration:personal",
        kwargs={
            "edition_slug": config.edition.slug,
            "token": tokens.personal_link_token(me.registration),
        },
    )
    hub = url("hub", me.registration)

    config.enabled = False
    config.save()
    off = client.get(personal)
    config.enabled = True
    config.save()
    on = client.get(personal)

    assert hub in on.content.decode()
    assert hub not in off.content.decode()


def test_personal_page_has_no_hub_link_without_settings(client):
    registration = RegistrationFactory(verified=True)
    personal = reverse(
        "registration:personal",
        kwargs={
            "edition_slug": registration.edition.slug,
            "token": tokens.personal_link_token(registration),
        },
    )

    response = client.get(personal)

    assert response.status_code == 200
    assert "/matchmaking/" not in response.content.decode()


def test_pages_for_participants_send_people_without_profile_to_the_form(client, edition, other):
    registration = RegistrationFactory(edition=edition, verified=True)

    for name, kwargs in (
        ("profiles", {}),
        ("recommendations", {}),
        ("profile_detail", {"profile_id": other.pk}),
    ):
        response = client.get(url(name, registration, **kwargs))
        assert (name, response.status_code) == (name, 302)
        assert_redirects_to(response, url("profile", registration), registration)


# --- The profile ----------------------------------------------------------------------------


def test_profile_form_prefills_from_the_registration(client, edition):
    registration = RegistrationFactory(
        edition=edition, details={"organisation": "Klaster Ślężański"}, verified=True
    )

    response = client.get(url("profile", registration))

    assert response.status_code == 200
    assert response.context["form"].initial["organisation"] == "Klaster Ślężański"
    assert len(response.context["form"].fields["available_slots"].queryset) == 4


def test_profile_form_creates_the_profile_with_listings(client, edition):
    registration = RegistrationFactory(edition=edition, verified=True)
    sector = SectorFactory(code="25", name=i18n("Produkcja metalowych wyrobów", "Metal products"))
    slots = list(Slot.objects.filter(session__edition=edition)[:2])

    response = client.post(
        url("profile", registration), _profile_post(slots, sectors=[str(sector.pk)])
    )

    assert response.status_code == 302
    assert_redirects_to(response, url("hub", registration) + "?done=profile", registration)
    profile = Profile.objects.get(registration=registration)
    assert (
        profile.organisation,
        profile.is_active,
        profile.max_meetings,
        profile.cooperation_types,
        profile.languages,
    ) == ("Łukasz Żółć Obróbka", True, 5, ["supplier", "subcontractor"], ["pl", "en"])
    assert set(profile.available_slots.all()) == set(slots)
    assert list(profile.sectors.all()) == [sector]
    assert list(
        Listing.objects.filter(profile=profile)
        .order_by("kind", "order")
        .values_list("kind", "title", "text")
    ) == [
        (ListingKind.OFFER, "Obróbka CNC dla przemysłu obronnego", "Frezowanie pięcioosiowe."),
        (ListingKind.REQUEST, "Partner badawczy", ""),
    ]


def test_profile_form_edit_shows_current_values_and_replaces_listings(client, me):
    ListingFactory(profile=me, kind=ListingKind.OFFER, title="Stara oferta")
    slots = list(Slot.objects.filter(session__edition=me.edition))

    page = client.get(url("profile", me.registration))
    response = client.post(url("profile", me.registration), _profile_post(slots))

    assert page.context["formsets"]["offers"].forms[0].initial["title"] == "Stara oferta"
    assert response.status_code == 302
    assert sorted(me.listings.values_list("title", flat=True)) == [
        "Obróbka CNC dla przemysłu obronnego",
        "Partner badawczy",
    ]


def test_profile_without_available_time_is_refused_next_to_the_field(client, edition):
    registration = RegistrationFactory(edition=edition, verified=True)

    response = client.post(url("profile", registration), _profile_post([]))

    assert response.status_code == 400
    assert (
        response.context["form"].errors["available_slots"]
        == ["Wybierz co najmniej jeden termin, w którym możesz się spotkać."]
        or response.context["form"].errors["available_slots"]
    )
    assert Profile.objects.filter(registration=registration).exists() is False


def test_profile_listing_text_without_title_is_an_error(client, edition):
    registration = RegistrationFactory(edition=edition, verified=True)
    slots = list(Slot.objects.filter(session__edition=edition))

    response = client.post(
        url("profile", registration), _profile_post(slots, **{"offers-0-title": ""})
    )

    assert response.status_code == 400
    assert response.context["formsets"]["offers"].forms[0].errors["title"]
    assert Profile.objects.filter(registration=registration).exists() is False


def test_opt_out_hides_the_profile_and_the_form_takes_part_again(client, me):
    slots = list(Slot.objects.filter(session__edition=me.edition))

    response = client.post(url("opt_out", me.registration))
    me.refresh_from_db()
    hidden = me.is_active
    client.post(url("profile", me.registration), _profile_post(slots))
    me.refresh_from_db()

    assert response.status_code == 302
    assert (hidden, me.is_active) == (False, True)


def test_opt_out_needs_post(client, me):
    response = client.get(url("opt_out", me.registration))

    assert response.status_code == 405
    me.refresh_from_db()
    assert me.is_active is True


# --- Browsing and searching -------------------------------------------------------------------


def test_profiles_lists_others_not_me_nor_inactive(client, me, other, edition):
    hidden = ProfileFactory(edition=edition, organisation="Ukryta", is_active=False)

    response = client.get(url("profiles", me.registration))

    assert response.status_code == 200
    shown = [p.pk for p in response.context["results"]]
    assert other.pk in shown
    assert me.pk not in shown
    assert hidden.pk not in shown


def test_profiles_htmx_request_returns_only_the_results(client, me, other):
    response = client.get(url("profiles", me.registration), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response.templates[0].name == "matchmaking/_results.html"
    assert "<html" not in response.content.decode()


def _queries(client, path: str) -> int:
    client.get(path)  # warm up: once-per-process lookups are not the page's queries
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def _profiles_with_listings(edition, count: int):
    sector = SectorFactory(code="99")
    for _ in range(count):
        profile = ProfileFactory(edition=edition)
        ListingFactory(profile=profile, kind=ListingKind.OFFER)
        ListingFactory(profile=profile, kind=ListingKind.REQUEST, title="Partner B+R")
        profile.sectors.add(sector)


def test_profiles_page_keeps_a_constant_query_count(client, me, edition):
    _profiles_with_listings(edition, 5)
    five = _queries(client, url("profiles", me.registration))
    _profiles_with_listings(edition, 15)

    twenty = _queries(client, url("profiles", me.registration))

    assert twenty == five


def test_recommendations_keep_a_constant_query_count(client, me, edition):
    ListingFactory(profile=me, kind=ListingKind.REQUEST, title="Obróbka CNC")
    _profiles_with_listings(edition, 5)
    five = _queries(client, url("recommendations", me.registration))
    _profiles_with_listings(edition, 15)

    twenty = _queries(client, url("recommendations", me.registration))

    assert twenty == five


def test_recommendations_say_why_in_words_with_the_words_in_common(client, me, edition):
    ListingFactory(
        profile=me, kind=ListingKind.REQUEST, title="Obróbka CNC", text="Części ze stali."
    )
    other = ProfileFactory(edition=edition, organisation="Zakład Frezowania")
    ListingFactory(
        profile=other, kind=ListingKind.OFFER, title="Frezowanie CNC", text="Obróbka stali."
    )

    page = text(client.get(url("recommendations", me.registration)))

    assert "Zakład Frezowania" in page
    assert "Ich oferta „Frezowanie CNC” odpowiada temu, czego szukasz: „Obróbka CNC”." in page
    assert "Wspólne słowa: " in page
    assert "cnc" in page.split("Wspólne słowa: ", 1)[1].split(".", 1)[0].lower()


def test_hub_keeps_a_constant_query_count(client, me, edition):
    def requests(count):
        for _ in range(count):
            MeetingRequestFactory(
                edition=edition, sender=ProfileFactory(edition=edition), recipient=me
            )

    requests(2)
    few = _queries(client, url("hub", me.registration))
    requests(6)

    many = _queries(client, url("hub", me.registration))

    assert many == few


# --- One profile and a request ----------------------------------------------------------------


def test_profile_detail_shows_listings_and_the_request_form(client, me, other):
    ListingFactory(profile=other, kind=ListingKind.OFFER, title="Obróbka CNC")

    response = client.get(url("profile_detail", me.registration, profile_id=other.pk))

    assert response.status_code == 200
    assert "Obróbka CNC" in text(response)
    assert "session" not in response.context["form"].fields


def test_profile_detail_of_another_edition_is_404(client, me):
    stranger = ProfileFactory(edition=matchmaking_edition().edition)

    response = client.get(url("profile_detail", me.registration, profile_id=stranger.pk))

    assert response.status_code == 404


def test_send_request_creates_it_and_mails_the_recipient(client, me, other):
    response = client.post(
        url("request_send", me.registration, profile_id=other.pk),
        {"message": "Porozmawiajmy o frezowaniu."},
    )

    assert response.status_code == 302
    assert_redirects_to(
        response, url("hub", me.registration) + "?done=sent#outgoing", me.registration
    )
    request = MeetingRequest.objects.get()
    assert (request.sender, request.recipient, request.message, request.state) == (
        me,
        other,
        "Porozmawiajmy o frezowaniu.",
        RequestState.PENDING,
    )
    assert (
        Message.objects.filter(
            registration=other.registration, kind=MatchmakingMessage.MM_REQUEST_RECEIVED
        ).count()
        == 1
    )


def test_send_request_with_a_session_limit_when_allowed(client, config, me, other):
    config.allow_session_limit = True
    config.save()
    session = MatchmakingSession.objects.get(edition=config.edition, code="A")

    page = client.get(url("profile_detail", me.registration, profile_id=other.pk))
    client.post(
        url("request_send", me.registration, profile_id=other.pk),
        {"message": "", "session": str(session.pk)},
    )

    assert "session" in page.context["form"].fields
    assert MeetingRequest.objects.get().session == session


@pytest.mark.parametrize("case", ["oneself", "duplicate", "not_opted_in", "window_closed"])
def test_bad_requests_show_the_message_and_change_nothing(client, config, me, other, case):
    target = other
    if case == "oneself":
        target = me
    elif case == "duplicate":
        MeetingRequestFactory(edition=me.edition, sender=me, recipient=other)
    elif case == "not_opted_in":
        other.is_active = False
        other.save()
    elif case == "window_closed":
        config.booking_closes_at = local(DAY, 8) - dt.timedelta(days=3650)
        config.save()
    before = _state()

    response = client.post(
        url("request_send", me.registration, profile_id=target.pk), {"message": "Hej"}
    )

    assert response.status_code == 400
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert errors[0] in text(response)
    assert _state() == before


def test_request_get_leads_to_the_profile(client, me, other):
    response = client.get(url("request_send", me.registration, profile_id=other.pk))

    assert response.status_code == 302
    assert_redirects_to(
        response, url("profile_detail", me.registration, profile_id=other.pk), me.registration
    )


# --- Accept, decline, cancel ------------------------------------------------------------------


@pytest.fixture
def pending(me, other):
    """A request from ``other`` to ``me``."""
    return MeetingRequestFactory(edition=me.edition, sender=other, recipient=me)


def test_accept_page_lists_free_slots(client, me, pending):
    response = client.get(url("request_accept", me.registration, request_id=pending.pk))

    assert response.status_code == 200
    assert len(response.context["form"].fields["slot"].queryset) == 4


def test_accept_with_a_slot_makes_the_meeting(client, me, other, pending):
    slot = Slot.objects.filter(session__edition=me.edition).order_by("starts_at")[1]

    response = client.post(
        url("request_accept", me.registration, request_id=pending.pk), {"slot": str(slot.pk)}
    )

    assert response.status_code == 302
    assert_redirects_to(
        response, url("hub", me.registration) + "?done=accepted#agenda", me.registration
    )
    meeting = Meeting.objects.get()
    assert (meeting.a, meeting.b, meeting.slot, meeting.table, meeting.state) == (
        other,
        me,
        slot,
        1,
        MeetingState.PLANNED,
    )
    hub = client.get(url("hub", me.registration, language="en"))
    assert other.registration.full_name in text(hub)
    assert "table 1" in text(hub)


def test_accept_without_a_slot_in_self_mode_is_an_error(client, me, pending):
    before = _state()

    response = client.post(url("request_accept", me.registration, request_id=pending.pk), {})

    assert response.status_code == 400
    assert response.context["form"].errors["slot"]
    assert _state() == before


def test_accept_a_taken_slot_shows_the_service_message(client, me, edition, pending):
    slot = Slot.objects.filter(session__edition=edition).order_by("starts_at").first()
    a, b = ProfileFactory(edition=edition), ProfileFactory(edition=edition)
    # Someone else takes the slot between the page and the click: ``me`` meets ``a`` then.
    from kongres.matchmaking import services

    services.request_accept(
        MeetingRequestFactory(edition=edition, sender=a, recipient=me), slot=slot
    )
    before = _state()

    response = client.post(
        url("request_accept", me.registration, request_id=pending.pk), {"slot": str(slot.pk)}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["slot"]
    assert _state() == before
    assert b.pk  # the second spare profile is only there to keep tables in play


def test_accept_in_organiser_mode_needs_no_slot(client, config, me, pending):
    config.scheduling_mode = SchedulingMode.ORGANISER
    config.save()

    page = client.get(url("request_accept", me.registration, request_id=pending.pk))
    response = client.post(url("request_accept", me.registration, request_id=pending.pk))

    assert page.context["form"] is None
    assert response.status_code == 302
    assert response["Location"].endswith("?done=accepted_waiting#agenda")
    meeting = Meeting.objects.get()
    assert (meeting.slot, meeting.table) == (None, None)
    hub = client.get(url("hub", me.registration))
    assert [m.pk for m in hub.context["waiting"]] == [meeting.pk]


def test_accept_when_no_common_time_explains_it(client, me, other, pending):
    other.available_slots.clear()

    response = client.get(url("request_accept", me.registration, request_id=pending.pk))

    assert response.status_code == 200
    assert response.context["has_slots"] is False


def test_decline_needs_the_button(client, me, pending):
    page = client.get(url("request_decline", me.registration, request_id=pending.pk))
    pending.refresh_from_db()
    state_after_get = pending.state

    response = client.post(url("request_decline", me.registration, request_id=pending.pk))

    pending.refresh_from_db()
    assert page.status_code == 200
    assert state_after_get == RequestState.PENDING
    assert response.status_code == 302
    assert pending.state == RequestState.DECLINED


def test_answered_request_cannot_be_answered_again(client, me, pending):
    client.post(url("request_decline", me.registration, request_id=pending.pk))
    before = _state()

    response = client.post(url("request_accept", me.registration, request_id=pending.pk))

    assert response.context["pending"] is False
    assert _state() == before


def test_sender_withdraws_a_pending_request(client, me, other):
    mine = MeetingRequestFactory(edition=me.edition, sender=me, recipient=other)

    response = client.post(url("request_cancel", me.registration, request_id=mine.pk))

    mine.refresh_from_db()
    assert response.status_code == 302
    assert mine.state == RequestState.CANCELLED


@pytest.fixture
def meeting(me, other, pending):
    from kongres.matchmaking import services

    slot = Slot.objects.filter(session__edition=me.edition).order_by("starts_at").first()
    return services.request_accept(pending, slot=slot)


def test_meeting_cancel_asks_then_cancels(client, me, meeting):
    page = client.get(url("meeting_cancel", me.registration, meeting_id=meeting.pk))

    response = client.post(url("meeting_cancel", me.registration, meeting_id=meeting.pk))

    meeting.refresh_from_db()
    assert page.status_code == 200
    assert response.status_code == 302
    assert meeting.state == MeetingState.CANCELLED
    assert SlotBooking.objects.filter(meeting=meeting).count() == 0


def test_meeting_outcome_is_recorded(client, me, meeting):
    Slot.objects.filter(pk=meeting.slot_id).update(
        starts_at=local(DAY, 10) - dt.timedelta(days=3650),
        ends_at=local(DAY, 10, 20) - dt.timedelta(days=3650),
    )

    page = client.get(url("meeting_outcome", me.registration, meeting_id=meeting.pk))
    response = client.post(
        url("meeting_outcome", me.registration, meeting_id=meeting.pk),
        {"outcome": Outcome.COOPERATION},
    )

    meeting.refresh_from_db()
    assert page.status_code == 200
    assert response.status_code == 302
    assert meeting.outcome_b == Outcome.COOPERATION


def test_meeting_outcome_with_no_choice_is_an_error(client, me, meeting):
    response = client.post(url("meeting_outcome", me.registration, meeting_id=meeting.pk), {})

    assert response.status_code == 400
    assert response.context["form"].errors["outcome"]


# --- Another person's link cannot see or act on my things --------------------------------------


def test_another_persons_token_gets_404_for_my_requests_and_meetings(client, me, other, edition):
    stranger = ProfileFactory(edition=edition)
    incoming = MeetingRequestFactory(edition=edition, sender=other, recipient=me)
    outgoing = MeetingRequestFactory(
        edition=edition, sender=me, recipient=ProfileFactory(edition=edition)
    )
    slot = Slot.objects.filter(session__edition=edition).order_by("starts_at").first()
    from kongres.matchmaking import services

    meeting = services.request_accept(
        MeetingRequestFactory(
            edition=edition, sender=ProfileFactory(edition=edition), recipient=me
        ),
        slot=Slot.objects.filter(session__edition=edition).order_by("starts_at")[1],
    )
    before = _state()
    attempts = [
        ("get", "request_accept", {"request_id": incoming.pk}),
        ("post", "request_accept", {"request_id": incoming.pk}),
        ("get", "request_decline", {"request_id": incoming.pk}),
        ("post", "request_decline", {"request_id": incoming.pk}),
        ("post", "request_cancel", {"request_id": outgoing.pk}),
        ("get", "meeting_cancel", {"meeting_id": meeting.pk}),
        ("post", "meeting_cancel", {"meeting_id": meeting.pk}),
        ("get", "meeting_outcome", {"meeting_id": meeting.pk}),
        ("post", "meeting_outcome", {"meeting_id": meeting.pk}),
    ]

    statuses = [
        getattr(client, method)(
            url(name, stranger.registration, **kwargs),
            {"slot": str(slot.pk), "outcome": Outcome.HELD} if method == "post" else None,
        ).status_code
        for method, name, kwargs in attempts
    ]

    assert statuses == [404] * len(attempts)
    assert _state() == before


def test_the_sender_cannot_accept_their_own_request(client, me, other):
    mine = MeetingRequestFactory(edition=me.edition, sender=me, recipient=other)

    response = client.post(url("request_accept", me.registration, request_id=mine.pk))

    assert response.status_code == 404


# --- Agenda --------------------------------------------------------------------------------


def test_agenda_page_and_downloads(client, me, other, meeting):
    page = client.get(url("agenda", me.registration))
    pdf = client.get(url("agenda_pdf", me.registration))
    ics = client.get(url("agenda_ics", me.registration))

    assert page.status_code == 200
    assert other.registration.full_name in text(page)
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF")
    assert (ics.status_code, ics["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    assert b"BEGIN:VEVENT" in ics.content


def test_agenda_downloads_without_profile_lead_to_the_hub(client, edition):
    registration = RegistrationFactory(edition=edition, verified=True)

    response = client.get(url("agenda_pdf", registration))

    assert response.status_code == 302


# --- Consultations -------------------------------------------------------------------------


@pytest.fixture
def consultation(edition):
    host = ConsultationHostFactory(edition=edition, name="Anna Ministerialna")
    return ConsultationSlotFactory(host=host, starts_at=local(DAY, 14))


def test_consultations_list_book_and_cancel(client, me, consultation):
    page = client.get(url("consultations", me.registration))
    booked = client.post(url("consultation_book", me.registration, slot_id=consultation.pk))
    consultation.refresh_from_db()
    holder = consultation.booked_by_id
    cancelled = client.post(url("consultation_cancel", me.registration, slot_id=consultation.pk))
    consultation.refresh_from_db()

    assert page.status_code == 200
    assert "Anna Ministerialna" in text(page)
    assert booked.status_code == 302
    assert holder == me.registration.pk
    assert cancelled.status_code == 302
    assert consultation.booked_by_id is None


def test_consultation_taken_by_someone_else_is_refused(client, me, other, consultation):
    client.post(url("consultation_book", other.registration, slot_id=consultation.pk))
    before = _state()

    response = client.post(url("consultation_book", me.registration, slot_id=consultation.pk))

    assert response.status_code == 409
    assert response.context["error"] in text(response)
    assert _state() == before


def test_consultation_of_someone_else_cannot_be_cancelled(client, me, other, consultation):
    client.post(url("consultation_book", other.registration, slot_id=consultation.pk))
    before = _state()

    response = client.post(url("consultation_cancel", me.registration, slot_id=consultation.pk))

    assert response.status_code == 404
    assert _state() == before


def test_consultation_of_another_edition_is_404(client, me):
    foreign = ConsultationSlotFactory(
        host=ConsultationHostFactory(edition=matchmaking_edition().edition)
    )

    response = client.post(url("consultation_book", me.registration, slot_id=foreign.pk))

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.booked_by_id is None


def test_consultations_page_keeps_a_constant_query_count(client, me, edition):
    def hosts(count):
        for n in range(count):
            host = ConsultationHostFactory(edition=edition)
            for minute in (0, 15, 30):
                ConsultationSlotFactory(host=host, starts_at=local(DAY, 12 + n % 6, minute))

    hosts(2)
    few = _queries(client, url("consultations", me.registration))
    hosts(6)

    many = _queries(client, url("consultations", me.registration))

    assert many == few


# --- English ---------------------------------------------------------------------------------


def test_hub_in_english(client, me):
    response = client.get(url("hub", me.registration, language="en"))

    assert response.status_code == 200
    assert "My B2B meetings" in text(response)
