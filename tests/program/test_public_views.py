"""Public program pages: the program with its filters, sessions, speakers and study visits."""

import datetime as dt
import json
import re

import pytest
from django.core.cache import cache

from kongres.common.i18n import i18n
from kongres.program.enums import SessionKind, SpeakerRole
from kongres.program.models import Session
from tests.factories import (
    DayFactory,
    EditionFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    ThemeFactory,
    VenueFactory,
    at,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY_1 = dt.date(2025, 10, 29)
DAY_2 = dt.date(2025, 10, 30)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Public pages are cached in memory; a page must not leak from one test into another."""
    cache.clear()
    yield
    cache.clear()


def jsonld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return json.loads(block.group(1))


def shown_titles(html: str) -> list[str]:
    """Titles of the sessions in the program list, in page order."""
    return re.findall(r'<h3><a href="[^"]*">([^<]*)</a></h3>', html)


def day_sections(html: str) -> list[str]:
    return re.findall(r'<section class="program-day".*?</section>', html, flags=re.DOTALL)


@pytest.fixture
def program():
    """Two days, two rooms, two themes, three sessions, and one edition-wide venue."""
    edition = EditionFactory(
        slug="kongres",
        start_date=DAY_1,
        end_date=DAY_2,
        venue=VenueFactory(name="Hala Stulecia", city="Wrocław"),
    )
    day_1 = DayFactory(edition=edition, date=DAY_1)
    day_2 = DayFactory(edition=edition, date=DAY_2)
    room_a = RoomFactory(edition=edition, name=i18n("Sala A", "Room A"), order=1)
    room_b = RoomFactory(edition=edition, name=i18n("Sala B", "Room B"), order=2)
    space = ThemeFactory(edition=edition, slug="kosmos", name=i18n("Kosmos", "Space"))
    energy = ThemeFactory(edition=edition, slug="energia", name=i18n("Energia", "Energy"))
    sessions = {
        "rano": SessionFactory(
            edition=edition,
            day=day_1,
            slug="rano",
            title=i18n("Panel poranny", "Morning panel"),
            start=at(DAY_1, 10),
            end=at(DAY_1, 11),
            room=room_a,
            theme=space,
        ),
        "poludnie": SessionFactory(
            edition=edition,
            day=day_1,
            slug="poludnie",
            title=i18n("Panel południowy", "Noon panel"),
            start=at(DAY_1, 12),
            end=at(DAY_1, 13),
            room=room_b,
            theme=energy,
        ),
        "drugi-dzien": SessionFactory(
            edition=edition,
            day=day_2,
            slug="drugi-dzien",
            title=i18n("Panel drugiego dnia", "Second day panel"),
            start=at(DAY_2, 10),
            end=at(DAY_2, 11, 30),
            room=room_a,
            theme=energy,
        ),
    }
    return {"edition": edition, "rooms": (room_a, room_b), "sessions": sessions}


# --- Program --------------------------------------------------------------------------------


def test_program_without_day_shows_first_day(client, program):
    response = client.get("/pl/kongres/program/")

    assert response.status_code == 200
    assert shown_titles(response.content.decode()) == ["Panel poranny", "Panel południowy"]


def test_program_with_day_shows_that_day(client, program):
    response = client.get("/pl/kongres/program/?day=2025-10-30")

    assert shown_titles(response.content.decode()) == ["Panel drugiego dnia"]


def test_program_with_all_days_groups_sessions_by_day(client, program):
    response = client.get("/pl/kongres/program/?day=all")

    sections = day_sections(response.content.decode())
    assert [shown_titles(section) for section in sections] == [
        ["Panel poranny", "Panel południowy"],
        ["Panel drugiego dnia"],
    ]


def test_program_day_heading_names_date_in_language_of_page(client, program):
    polish = client.get("/pl/kongres/program/?day=all").content.decode()
    english = client.get("/en/kongres/program/?day=all").content.decode()

    assert "Środa, 29 października 2025" in polish
    assert "Wednesday, 29 October 2025" in english


def test_program_day_tabs_list_every_day_and_all_days(client, program):
    response = client.get("/pl/kongres/program/?day=2025-10-30")

    html = response.content.decode()
    tabs = re.search(r'<nav id="day-tabs".*?</nav>', html, flags=re.DOTALL).group(0)
    assert re.findall(r'<a href="([^"]*)"', tabs) == [
        "?day=2025-10-29",
        "?day=2025-10-30",
        "?day=all",
    ]
    assert re.findall(r'<a href="([^"]*)" aria-current="page"', tabs) == ["?day=2025-10-30"]


def test_program_day_tabs_keep_chosen_theme(client, program):
    response = client.get("/pl/kongres/program/?day=all&theme=energia")

    html = response.content.decode()
    assert '<a href="?day=2025-10-29&amp;theme=energia">' in html
    assert '<a href="?day=all&amp;theme=energia" aria-current="page">' in html


def test_program_filtered_by_theme_shows_only_its_sessions(client, program):
    response = client.get("/pl/kongres/program/?day=all&theme=energia")

    assert shown_titles(response.content.decode()) == ["Panel południowy", "Panel drugiego dnia"]


def test_program_filtered_by_room_shows_only_its_sessions(client, program):
    room_a, _room_b = program["rooms"]

    response = client.get(f"/pl/kongres/program/?day=all&room={room_a.pk}")

    assert shown_titles(response.content.decode()) == ["Panel poranny", "Panel drugiego dnia"]


def test_program_filtered_by_theme_and_room_shows_sessions_matching_both(client, program):
    _room_a, room_b = program["rooms"]

    response = client.get(f"/pl/kongres/program/?day=all&theme=energia&room={room_b.pk}")

    assert shown_titles(response.content.decode()) == ["Panel południowy"]


def test_program_filter_without_match_says_so(client, program):
    room_a, _room_b = program["rooms"]

    response = client.get(f"/en/kongres/program/?day=2025-10-29&theme=energia&room={room_a.pk}")

    html = response.content.decode()
    assert shown_titles(html) == []
    assert "No sessions match the chosen filters." in html


@pytest.mark.parametrize(
    "query",
    [
        "day=2099-01-01",
        "day=nie-data",
        "day=2025-02-30",
        "theme=nie-ma-takiego",
        "theme=",
        "room=abc",
        "room=999999",
        "room=-1",
        "room=1.5",
        "day=2025-10-29&day=x&theme=%00&room=%FF",
    ],
)
def test_program_ignores_invalid_filter_values(client, program, query):
    response = client.get(f"/pl/kongres/program/?{query}")

    assert response.status_code == 200
    assert shown_titles(response.content.decode()) == ["Panel poranny", "Panel południowy"]


def test_program_ignores_theme_of_another_edition(client, program):
    ThemeFactory(slug="obcy-temat")

    response = client.get("/pl/kongres/program/?day=all&theme=obcy-temat")

    assert shown_titles(response.content.decode()) == [
        "Panel poranny",
        "Panel południowy",
        "Panel drugiego dnia",
    ]


def test_program_ignores_room_of_another_edition(client, program):
    other_room = RoomFactory()

    response = client.get(f"/pl/kongres/program/?day=all&room={other_room.pk}")

    assert len(shown_titles(response.content.decode())) == 3


def test_program_without_sessions_says_program_is_not_published(client):
    EditionFactory(slug="pusty")

    response = client.get("/en/pusty/program/")

    assert "The program of this edition has not been published." in response.content.decode()


def test_program_break_is_listed_without_link(client, program):
    SessionFactory(
        edition=program["edition"],
        day=program["edition"].days.get(date=DAY_1),
        kind=SessionKind.BREAK,
        slug="kawa",
        title=i18n("Przerwa kawowa"),
        start=at(DAY_1, 11),
        end=at(DAY_1, 12),
    )

    html = client.get("/pl/kongres/program/").content.decode()

    assert "<h3>Przerwa kawowa</h3>" in html
    assert "/program/kawa/" not in html


def test_program_lists_speakers_and_marks_moderator(client, program):
    session = program["sessions"]["rano"]
    SessionSpeakerFactory(
        session=session,
        speaker=SpeakerFactory(edition=session.edition, name="Ewa Nowak"),
        role=SpeakerRole.MODERATOR,
        order=1,
    )
    SessionSpeakerFactory(
        session=session,
        speaker=SpeakerFactory(edition=session.edition, name="Adam Wiśniewski"),
        order=2,
    )

    html = client.get("/en/kongres/program/").content.decode()

    assert (
        '<p class="people">Ewa Nowak <span class="role">(moderator)</span>, Adam Wiśniewski</p>'
        in html
    )


# --- htmx -----------------------------------------------------------------------------------


def test_program_htmx_request_returns_only_the_list(client, program):
    response = client.get(
        "/pl/kongres/program/?day=all&theme=kosmos", headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.strip().startswith('<div id="program-list">')
    assert shown_titles(html) == ["Panel poranny"]


def test_program_full_page_holds_filter_form_and_list(client, program):
    response = client.get("/pl/kongres/program/")

    html = response.content.decode()
    assert html.startswith("<!doctype html>")
    assert 'hx-target="#program-list"' in html
    assert html.count('<div id="program-list">') == 1


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_program_response_varies_on_htmx_header(client, program, headers):
    response = client.get("/pl/kongres/program/", headers=headers)

    assert "HX-Request" in [value.strip() for value in response["Vary"].split(",")]


def test_program_cached_response_still_varies_on_htmx_header(client, program):
    client.get("/pl/kongres/program/")

    response = client.get("/pl/kongres/program/")

    assert "HX-Request" in [value.strip() for value in response["Vary"].split(",")]


def test_program_htmx_request_after_full_page_is_not_served_full_page(client, program):
    client.get("/pl/kongres/program/")

    response = client.get("/pl/kongres/program/", headers={"HX-Request": "true"})

    assert "<html" not in response.content.decode()


def test_program_full_page_after_htmx_request_is_not_served_partial(client, program):
    client.get("/pl/kongres/program/", headers={"HX-Request": "true"})

    response = client.get("/pl/kongres/program/")

    assert "<html" in response.content.decode()


HISTORY_RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


def test_program_history_restore_request_returns_full_page(client, program):
    response = client.get("/pl/kongres/program/?day=all", headers=HISTORY_RESTORE)

    assert "<html" in response.content.decode()


def test_program_history_restore_after_htmx_request_is_not_served_partial(client, program):
    client.get("/pl/kongres/program/?day=all", headers={"HX-Request": "true"})

    response = client.get("/pl/kongres/program/?day=all", headers=HISTORY_RESTORE)

    assert "<html" in response.content.decode()


# --- Session page ---------------------------------------------------------------------------


def test_session_page_shows_title_time_and_room(client, program):
    response = client.get("/pl/kongres/program/drugi-dzien/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Panel drugiego dnia</h1>" in html
    assert "<dd>Sala A</dd>" in html
    assert '<time datetime="2025-10-30T10:00:00+01:00">' in html


def test_session_page_jsonld_uses_warsaw_winter_offset(client, program):
    response = client.get("/pl/kongres/program/drugi-dzien/")

    data = jsonld(response.content.decode())
    assert data["@type"] == "Event"
    assert data["name"] == "Panel drugiego dnia"
    assert data["startDate"] == "2025-10-30T10:00:00+01:00"
    assert data["endDate"] == "2025-10-30T11:30:00+01:00"
    assert data["location"]["name"] == "Hala Stulecia"
    assert data["location"]["address"]["addressLocality"] == "Wrocław"
    assert data["superEvent"]["url"] == "http://testserver/pl/kongres/"


def test_session_page_jsonld_uses_warsaw_summer_offset(client):
    june = dt.date(2025, 6, 11)
    edition = EditionFactory(slug="czerwiec", start_date=june, end_date=june)
    SessionFactory(edition=edition, slug="latem", start=at(june, 9, 30), end=at(june, 10, 30))

    response = client.get("/en/czerwiec/program/latem/")

    data = jsonld(response.content.decode())
    assert data["startDate"] == "2025-06-11T09:30:00+02:00"
    assert data["endDate"] == "2025-06-11T10:30:00+02:00"


def test_session_page_jsonld_names_performers(client, program):
    session = program["sessions"]["rano"]
    SessionSpeakerFactory(
        session=session, speaker=SpeakerFactory(edition=session.edition, name="Ewa Nowak")
    )

    data = jsonld(client.get("/pl/kongres/program/rano/").content.decode())

    assert data["performer"] == [{"@type": "Person", "name": "Ewa Nowak"}]


def test_session_page_shows_english_title_under_en(client, program):
    response = client.get("/en/kongres/program/rano/")

    assert "<h1>Morning panel</h1>" in response.content.decode()


def test_session_page_under_en_falls_back_to_polish_when_not_translated(client, program):
    SessionFactory(
        edition=program["edition"],
        day=program["edition"].days.get(date=DAY_1),
        slug="tylko-po-polsku",
        title=i18n("Tylko po polsku"),
    )

    response = client.get("/en/kongres/program/tylko-po-polsku/")

    assert "<h1>Tylko po polsku</h1>" in response.content.decode()


def test_session_of_another_edition_is_not_found_under_this_edition(client, program):
    other = EditionFactory(slug="inny-kongres")
    SessionFactory(edition=other, slug="cudzy-panel")

    response = client.get("/pl/kongres/program/cudzy-panel/")

    assert response.status_code == 404


def test_session_calendar_of_another_edition_is_not_found_under_this_edition(client, program):
    other = EditionFactory(slug="inny-kongres")
    SessionFactory(edition=other, slug="cudzy-panel")

    response = client.get("/pl/kongres/program/cudzy-panel.ics")

    assert response.status_code == 404


def test_program_does_not_show_sessions_of_another_edition(client, program):
    other = EditionFactory(slug="inny-kongres")
    SessionFactory(
        edition=other, day=DayFactory(edition=other, date=DAY_1), title=i18n("Cudzy panel")
    )

    html = client.get("/pl/kongres/program/?day=all").content.decode()

    assert "Cudzy panel" not in html


# --- Speakers -------------------------------------------------------------------------------


def test_speakers_page_lists_speakers_of_edition_by_name(client, program):
    edition = program["edition"]
    SpeakerFactory(edition=edition, name="Zofia Zając", slug="zofia-zajac")
    SpeakerFactory(edition=edition, name="Adam Abacki", slug="adam-abacki")
    SpeakerFactory(name="Obca Osoba")

    html = client.get("/pl/kongres/speakers/").content.decode()

    links = re.findall(r'<h2><a href="([^"]*)">([^<]*)</a></h2>', html)
    assert links == [
        ("/pl/kongres/speakers/adam-abacki/", "Adam Abacki"),
        ("/pl/kongres/speakers/zofia-zajac/", "Zofia Zając"),
    ]


def test_speakers_page_without_speakers_says_they_come_soon(client, program):
    html = client.get("/en/kongres/speakers/").content.decode()

    assert "Speakers will be announced soon." in html


def test_speaker_page_shows_person_and_sessions_with_roles(client, program):
    edition = program["edition"]
    speaker = SpeakerFactory(
        edition=edition,
        name="Ewa Nowak",
        slug="ewa-nowak",
        organisation="Klaster Kosmiczny",
        position=i18n("Prezeska", "President"),
        bio=i18n("Bio po polsku.", "Bio in English."),
    )
    SessionSpeakerFactory(
        session=program["sessions"]["drugi-dzien"], speaker=speaker, role=SpeakerRole.MODERATOR
    )
    SessionSpeakerFactory(session=program["sessions"]["rano"], speaker=speaker)

    html = client.get("/en/kongres/speakers/ewa-nowak/").content.decode()

    assert "<h1>Ewa Nowak</h1>" in html
    assert "President, Klaster Kosmiczny" in html
    assert "<p>Bio in English.</p>" in html
    sessions = re.findall(r'<li><a href="([^"]*)">([^<]*)</a> <span class="role">– (\w+)', html)
    assert sessions == [
        ("/en/kongres/program/rano/", "Morning panel", "Panelist"),
        ("/en/kongres/program/drugi-dzien/", "Second day panel", "Moderator"),
    ]


def test_speaker_of_another_edition_is_not_found_under_this_edition(client, program):
    SpeakerFactory(edition=EditionFactory(slug="inny-kongres"), slug="cudza-osoba")

    response = client.get("/pl/kongres/speakers/cudza-osoba/")

    assert response.status_code == 404


# --- Study visits ---------------------------------------------------------------------------


def test_visits_page_lists_only_study_visits(client, program):
    edition = program["edition"]
    day_3 = DayFactory(edition=edition, date=dt.date(2025, 10, 31))
    for hour, slug in ((9, "wizyta-a"), (11, "wizyta-b")):
        SessionFactory(
            edition=edition,
            day=day_3,
            kind=SessionKind.STUDY_VISIT,
            slug=slug,
            title=i18n(f"Wizyta {slug[-1].upper()}"),
            start=at(day_3.date, hour),
            end=at(day_3.date, hour + 1),
            capacity=20,
        )

    html = client.get("/pl/kongres/visits/").content.decode()

    visits = re.findall(r'<h2><a href="([^"]*)">([^<]*)</a></h2>', html)
    assert visits == [
        ("/pl/kongres/program/wizyta-a/", "Wizyta A"),
        ("/pl/kongres/program/wizyta-b/", "Wizyta B"),
    ]
    assert "Panel poranny" not in html


def test_visits_page_without_visits_says_so(client, program):
    html = client.get("/en/kongres/visits/").content.decode()

    assert "This edition has no study visits." in html


def test_visits_page_of_demo_lists_every_study_visit(client, demo_data):
    expected = list(
        Session.objects.filter(edition=demo_data, kind=SessionKind.STUDY_VISIT)
        .order_by("start", "id")
        .values_list("slug", flat=True)
    )

    html = client.get("/pl/kkp-2025/visits/").content.decode()

    shown = re.findall(r'<h2><a href="/pl/kkp-2025/program/([^/]*)/">', html)
    assert shown == expected
    assert len(expected) >= 1
