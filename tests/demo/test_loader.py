"""The demo edition: loads idempotently and holds every fact of the seed article.

Seed article: the 11th Congress of Polish Clusters, 29-30 October 2025, Park Technologii
Kosmicznych in Nowy Kisielin - Zielona Góra, motto „Przemysł i nauka dla bezpieczeństwa
Polski”, ten panels on six themes, study visits on 31 October.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from kongres.common.i18n import i18n
from kongres.demo.loader import demo_load
from kongres.events.enums import EditionStatus, PartnerRole
from kongres.events.models import Edition, Organisation, Partner, PartnerTier, Series, Venue
from kongres.matchmaking.models import (
    ConsultationHost,
    ConsultationSlot,
    Listing,
    MatchmakingSession,
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    Profile,
    Sector,
    Slot,
    SlotBooking,
)
from kongres.onsite.models import (
    BadgeLayout,
    Certificate,
    CheckIn,
    CheckInPoint,
    Device,
    Scan,
)
from kongres.program.enums import SessionKind
from kongres.program.models import Day, Room, Session, SessionSpeaker, Speaker, Theme
from kongres.registration.models import (
    Category,
    ConsentText,
    InvitationCode,
    Question,
    Registration,
)
from kongres.visits.models import StudyVisit
from tests.factories import EditionFactory, SessionFactory

pytestmark = pytest.mark.integration

WARSAW = ZoneInfo("Europe/Warsaw")
MODELS = [
    Organisation,
    Series,
    Venue,
    Edition,
    PartnerTier,
    Partner,
    Day,
    Room,
    Theme,
    Speaker,
    Session,
    SessionSpeaker,
    Category,
    Question,
    ConsentText,
    InvitationCode,
    StudyVisit,
    Registration,
    MatchmakingSettings,
    MatchmakingSession,
    Slot,
    Sector,
    Profile,
    Listing,
    MeetingRequest,
    Meeting,
    SlotBooking,
    ConsultationHost,
    ConsultationSlot,
    CheckInPoint,
    Device,
    Scan,
    CheckIn,
    BadgeLayout,
    Certificate,
]


def row_counts() -> dict[str, int]:
    return {model.__name__: model._base_manager.count() for model in MODELS}


# --- Loading --------------------------------------------------------------------------------


def test_demo_load_reports_what_it_loaded(db):
    counts = demo_load()

    assert counts["editions"] == 3
    assert counts["panels"] == 10
    assert counts["themes"] == 6
    assert counts["sessions"] == Session.objects.count()
    assert counts["study_visits"] == Session.objects.filter(kind=SessionKind.STUDY_VISIT).count()


def test_demo_load_on_empty_database_counts_every_row_it_creates(db):
    writes = {}

    demo_load(writes)

    assert writes["created"] == sum(row_counts().values())
    assert writes["updated"] == 0


def test_demo_load_twice_changes_no_row_count(demo_data):
    before = row_counts()

    demo_load()

    assert row_counts() == before


def test_demo_load_twice_writes_nothing(demo_data):
    writes = {}

    demo_load(writes)

    assert writes == {"created": 0, "updated": 0}


def test_demo_load_twice_keeps_content_versions(demo_data):
    before = dict(Edition.objects.values_list("slug", "content_version"))

    demo_load()

    assert dict(Edition.objects.values_list("slug", "content_version")) == before


def test_demo_load_twice_keeps_session_timestamps(demo_data):
    before = dict(Session.objects.values_list("pk", "updated_at"))

    demo_load()

    assert dict(Session.objects.values_list("pk", "updated_at")) == before


def test_demo_load_twice_keeps_speaker_and_partner_timestamps(demo_data):
    speakers = dict(Speaker.objects.values_list("pk", "updated_at"))
    partners = dict(Partner.objects.values_list("pk", "updated_at"))

    demo_load()

    assert dict(Speaker.objects.values_list("pk", "updated_at")) == speakers
    assert dict(Partner.objects.values_list("pk", "updated_at")) == partners


def test_demo_load_restores_changed_session_and_bumps_version(demo_data):
    session = Session.objects.filter(edition=demo_data).order_by("start").first()
    title = session.title.data
    session.title = i18n("Zmieniony tytuł", "Changed title")
    session.save()
    version = Edition.objects.get(pk=demo_data.pk).content_version
    writes = {}

    demo_load(writes)

    session.refresh_from_db()
    assert session.title.data == title
    assert writes == {"created": 0, "updated": 1}
    assert Edition.objects.get(pk=demo_data.pk).content_version == version + 1


def test_demo_load_removes_speaker_dropped_from_line_up(demo_data):
    appearance = SessionSpeaker.objects.filter(session__edition=demo_data).first()
    extra = Speaker.objects.filter(edition=demo_data).exclude(
        pk__in=appearance.session.appearances.values("speaker")
    )[0]
    SessionSpeaker.objects.create(session=appearance.session, speaker=extra, role="panelist")
    before = SessionSpeaker.objects.count()

    demo_load()

    assert SessionSpeaker.objects.count() == before - 1
    assert not SessionSpeaker.objects.filter(session=appearance.session, speaker=extra).exists()


def test_demo_load_leaves_other_editions_alone(demo_data):
    other = SessionFactory(edition=EditionFactory(slug="inna"), slug="wlasny-panel")

    demo_load()

    assert Session.objects.filter(pk=other.pk).exists()


def test_demo_home_page_answers(client, demo_data):
    cache.clear()

    response = client.get("/pl/kkp-2025/")

    assert response.status_code == 200


# --- Facts of the seed article ---------------------------------------------------------------


def test_demo_edition_is_eleventh_on_29_and_30_october_2025(demo_data):
    assert demo_data.number == 11
    assert (demo_data.start_date, demo_data.end_date) == (
        dt.date(2025, 10, 29),
        dt.date(2025, 10, 30),
    )
    assert demo_data.status == EditionStatus.PUBLISHED


def test_demo_edition_is_named_congress_of_polish_clusters(demo_data):
    assert demo_data.name.localize("pl") == "11. Kongres Klastrów Polskich"
    assert demo_data.series.name.localize("pl") == "Kongres Klastrów Polskich"


def test_demo_edition_takes_place_in_space_technology_park(demo_data):
    assert "Park Technologii Kosmicznych" in demo_data.venue.name
    assert "Zielona Góra" in demo_data.venue.city
    assert "Nowy Kisielin" in demo_data.venue.city
    assert demo_data.host_city == "Zielona Góra"


def test_demo_edition_is_hosted_by_lubuskie_voivodeship(demo_data):
    assert demo_data.host_voivodeship == "lubuskie"
    assert demo_data.venue.voivodeship == "lubuskie"


def test_demo_edition_motto_is_the_seed_motto_in_polish(demo_data):
    assert demo_data.motto.localize("pl") == "Przemysł i nauka dla bezpieczeństwa Polski"


def test_demo_home_page_quotes_motto_in_polish(client, demo_data):
    cache.clear()

    html = client.get("/pl/kkp-2025/").content.decode()

    assert '<p class="motto">„Przemysł i nauka dla bezpieczeństwa Polski”</p>' in html


def test_demo_edition_links_registration_site(demo_data):
    assert demo_data.website == "https://11kongres.klastrypolskie.pl/"


def test_demo_edition_has_exactly_ten_panels(demo_data):
    assert Session.objects.filter(edition=demo_data, kind=SessionKind.PANEL).count() == 10


def test_demo_edition_has_six_themes(demo_data):
    assert Theme.objects.filter(edition=demo_data).count() == 6


def test_demo_every_panel_has_a_theme_of_its_edition(demo_data):
    panels = Session.objects.filter(edition=demo_data, kind=SessionKind.PANEL)

    assert [p.slug for p in panels if p.theme is None or p.theme.edition_id != demo_data.pk] == []


def test_demo_every_theme_is_used_by_a_panel(demo_data):
    themes = Theme.objects.filter(edition=demo_data)

    unused = [t.slug for t in themes if not t.sessions.filter(kind=SessionKind.PANEL).exists()]

    assert unused == []


@pytest.mark.parametrize(
    "keyword",
    [
        "regionalnymi ekosystemami",
        "sektora kosmicznego",
        "cywilnego i obronnego",
        "AI w sektorze produkcyjnym",
        "zielonej transformacji",
        "Eksport, inwestycje zagraniczne i finansowanie innowacji",
    ],
)
def test_demo_each_seed_topic_is_exactly_one_theme(demo_data, keyword):
    names = [t.name.localize("pl") for t in Theme.objects.filter(edition=demo_data)]

    assert len([name for name in names if keyword in name]) == 1


def test_demo_organiser_is_polish_clusters_association(demo_data):
    organisers = Partner.objects.filter(edition=demo_data, role=PartnerRole.ORGANISER)

    assert [p.name for p in organisers] == ["Związek Pracodawców Klastry Polskie"]
    assert demo_data.series.organisation.name == "Związek Pracodawców Klastry Polskie"


def test_demo_strategic_partner_is_marshal_office_of_lubuskie(demo_data):
    partners = Partner.objects.filter(edition=demo_data, role=PartnerRole.STRATEGIC_PARTNER)

    assert [p.name for p in partners] == ["Urząd Marszałkowski Województwa Lubuskiego"]


@pytest.mark.parametrize(
    "name",
    [
        "Związek Pracodawców Klastry Polskie",
        "Urząd Marszałkowski Województwa Lubuskiego",
        "Miasto Zielona Góra",
        "Zielonogórski Integrator Biznesowy",
    ],
)
def test_demo_partner_named_in_seed_is_present_as_official_fact(demo_data, name):
    partner = Partner.objects.get(edition=demo_data, name=name)

    assert partner.is_example_data is False


def test_demo_lubuskie_metal_cluster_is_present(demo_data):
    assert Partner.objects.filter(edition=demo_data, name="Lubuski Klaster Metalowy").exists()


def test_demo_study_visits_take_place_on_31_october_2025(demo_data):
    visits = Session.objects.filter(edition=demo_data, kind=SessionKind.STUDY_VISIT)

    dates = {visit.start.astimezone(WARSAW).date() for visit in visits}

    assert dates == {dt.date(2025, 10, 31)}
    assert {visit.day.date for visit in visits} == {dt.date(2025, 10, 31)}


def test_demo_study_visits_have_limited_seats(demo_data):
    visits = Session.objects.filter(edition=demo_data, kind=SessionKind.STUDY_VISIT)

    assert len(visits) >= 1
    assert [v.slug for v in visits if not v.capacity] == []


def test_demo_panels_take_place_on_congress_days(demo_data):
    panels = Session.objects.filter(edition=demo_data, kind=SessionKind.PANEL)

    dates = {panel.start.astimezone(WARSAW).date() for panel in panels}

    assert dates <= {dt.date(2025, 10, 29), dt.date(2025, 10, 30)}


def test_demo_sessions_are_valid(demo_data):
    for session in Session.objects.filter(edition=demo_data):
        session.full_clean()

    assert Session.objects.filter(edition=demo_data).count() > 10


@pytest.mark.parametrize(
    ("number", "slug", "city", "voivodeship", "start", "end"),
    [
        (10, "kkp-2024", "Białystok", "podlaskie", dt.date(2024, 11, 6), dt.date(2024, 11, 7)),
        (9, "kkp-2023", "Gdańsk", "pomorskie", dt.date(2023, 11, 8), dt.date(2023, 11, 9)),
    ],
)
def test_demo_archived_edition(demo_data, number, slug, city, voivodeship, start, end):
    edition = Edition.objects.get(series=demo_data.series, number=number)

    assert (edition.slug, edition.host_city, edition.host_voivodeship) == (slug, city, voivodeship)
    assert (edition.start_date, edition.end_date) == (start, end)
    assert edition.status == EditionStatus.ARCHIVED


def test_demo_series_has_three_editions(demo_data):
    numbers = list(demo_data.series.editions.order_by("-number").values_list("number", flat=True))

    assert numbers == [11, 10, 9]


# --- Example data ---------------------------------------------------------------------------


def test_demo_invented_sessions_are_flagged_example_data(demo_data):
    sessions = Session.objects.filter(edition=demo_data)

    assert {s.is_example_data for s in sessions} == {True}


def test_demo_invented_speakers_are_flagged_example_data(demo_data):
    speakers = Speaker.objects.filter(edition=demo_data)

    assert len(speakers) >= 1
    assert {s.is_example_data for s in speakers} == {True}


def test_demo_invented_partners_are_flagged_example_data(demo_data):
    seed = {
        "Związek Pracodawców Klastry Polskie",
        "Urząd Marszałkowski Województwa Lubuskiego",
        "Miasto Zielona Góra",
        "Zielonogórski Integrator Biznesowy",
    }

    invented = Partner.objects.filter(edition=demo_data).exclude(name__in=seed)

    assert invented.exists()
    assert {p.is_example_data for p in invented} == {True}
