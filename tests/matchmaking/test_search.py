"""Profile search and recommendations on a real database: inflected Polish queries, filters,
the per-edition index cache, exclusions, reasons, the load penalty and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kongres.matchmaking import search, services
from kongres.matchmaking.enums import ListingKind
from kongres.matchmaking.models import Listing, Profile, Slot
from kongres.registration.models import Registration
from tests.matchmaking.factories import (
    ListingFactory,
    ProfileFactory,
    SectorFactory,
    matchmaking_edition,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture(autouse=True)
def _fresh_cache():
    search.clear_cache()
    yield
    search.clear_cache()


@pytest.fixture
def edition():
    return matchmaking_edition(slots=4, tables=4).edition


def make(edition, organisation, *, description="", offers=(), requests=(), **fields):
    registration_fields = {
        key: fields.pop(key) for key in ("country", "organisation_type") if key in fields
    }
    sectors = fields.pop("sectors", ())
    profile = ProfileFactory(
        edition=edition, organisation=organisation, description=description, **fields
    )
    for order, (title, text) in enumerate(offers):
        ListingFactory(profile=profile, kind=ListingKind.OFFER, title=title, text=text, order=order)
    for order, (title, text) in enumerate(requests):
        ListingFactory(
            profile=profile, kind=ListingKind.REQUEST, title=title, text=text, order=order
        )
    if sectors:
        profile.sectors.set(sectors)
    if registration_fields:
        Registration.objects.filter(pk=profile.registration_id).update(**registration_fields)
    return profile


def ids(results):
    return [r.profile_id for r in results]


# --- search -------------------------------------------------------------------------------


def test_search_finds_inflected_and_derived_polish_forms(edition):
    cnc = make(edition, "Precyzja", offers=[("Obróbka CNC", "Części dla przemysłu obronnego")])
    radio = make(edition, "Łączność", description="Radiostacje dla obronności kraju")
    make(edition, "Meblarz", description="Meble z drewna na wymiar")

    found = search.profiles_search(edition, "przemysł obronny", {})

    assert ids(found) == [cnc.pk, radio.pk]
    assert found[0].matched == ("przemysł", "obronny")
    assert found[1].matched == ("obronny",)


def test_search_without_polish_letters_and_in_english(edition):
    radio = make(edition, "Łączność", description="Radiostacje dla obronności kraju")
    english = make(edition, "Aero", offers=[("Composite parts", "For the aerospace industry")])

    assert ids(search.profiles_search(edition, "obronnosc", {})) == [radio.pk]
    assert ids(search.profiles_search(edition, "industrial composites", {})) == [english.pk]


def test_search_finds_organisation_person_and_sector_names(edition):
    steel = SectorFactory(code="24.10", name={"pl": "Produkcja stali", "en": "Steel making"})
    profile = make(edition, "Huta Zawiercie", sectors=[steel])
    Registration.objects.filter(pk=profile.registration_id).update(last_name="Wiśniewska")
    search.clear_cache()

    for query in ("huta", "stalowy", "steel", "Wiśniewskiej"):
        assert ids(search.profiles_search(edition, query, {})) == [profile.pk], query


def test_search_filters(edition):
    steel = SectorFactory(code="24.10")
    wood = SectorFactory(code="16.10")
    a = make(
        edition,
        "A",
        description="obróbka",
        sectors=[steel],
        cooperation_types=["supplier"],
        languages=["pl", "en"],
        country="PL",
        organisation_type="company",
    )
    b = make(
        edition,
        "B",
        description="obróbka",
        sectors=[wood],
        cooperation_types=["rd_partner"],
        languages=["de"],
        country="DE",
        organisation_type="science",
    )
    make(edition, "C", description="obróbka", is_active=False)

    def found(**filters):
        return ids(search.profiles_search(edition, "obróbki", filters))

    assert found() == [a.pk, b.pk]  # the inactive profile is never found
    assert found(sector=steel.pk) == [a.pk]
    assert found(sector=str(wood.pk)) == [b.pk]
    assert found(country="DE") == [b.pk]
    assert found(organisation_type="company") == [a.pk]
    assert found(cooperation_type="rd_partner") == [b.pk]
    assert found(language="en") == [a.pk]
    assert found(language="de", country="PL") == []
    assert found(country="", language=None) == [a.pk, b.pk]
    assert ids(search.profiles_search(edition, "", {"country": "PL"})) == [a.pk]


def test_search_is_per_edition(edition):
    other = matchmaking_edition().edition
    mine = make(edition, "Obronex", description="obronność")
    make(other, "Obronex bis", description="obronność")

    assert ids(search.profiles_search(edition, "obronny", {})) == [mine.pk]


def test_search_index_is_cached_until_a_profile_changes(edition):
    profile = make(edition, "Precyzja", description="obróbka CNC")
    assert ids(search.profiles_search(edition, "cnc", {})) == [profile.pk]

    with CaptureQueriesContext(connection) as cached:
        assert ids(search.profiles_search(edition, "cnc", {})) == [profile.pk]
    assert len(cached) == 1  # only the key

    profile.description = "Spawanie konstrukcji stalowych"
    profile.save()
    with CaptureQueriesContext(connection) as rebuilt:
        assert ids(search.profiles_search(edition, "spawanie", {})) == [profile.pk]
    assert len(rebuilt) > 1
    assert search.profiles_search(edition, "cnc", {}) == []


def test_search_index_notices_an_opt_out_and_a_new_profile(edition):
    first = make(edition, "Precyzja", description="obróbka CNC")
    assert ids(search.profiles_search(edition, "cnc", {})) == [first.pk]

    second = make(edition, "Frezex", description="frezarki CNC")
    assert ids(search.profiles_search(edition, "cnc", {})) == [first.pk, second.pk]

    services.profile_opt_out(first)
    assert ids(search.profiles_search(edition, "cnc", {})) == [second.pk]


def _queries(fn) -> int:
    search.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def test_search_query_count_is_constant(edition):
    steel = SectorFactory(code="24.10")
    make(edition, "A", offers=[("Stal", "Pręty")], sectors=[steel])
    one = _queries(lambda: search.profiles_search(edition, "stal", {}))
    for n in range(4):
        make(edition, f"B{n}", offers=[("Stal", "Blachy")], requests=[("Cynk", "")])
        SectorFactory(code=f"25.{n}").profiles.add(Profile.objects.get(organisation=f"B{n}"))

    five = _queries(lambda: search.profiles_search(edition, "stal", {}))

    assert one == five == 4  # key, profiles with registrations, listings, sectors


# --- recommendations ------------------------------------------------------------------------


@pytest.fixture
def people(edition):
    steel = SectorFactory(code="24.10")
    me = make(
        edition,
        "Zakład Mechaniki",
        offers=[("Obróbka CNC", "Frezowanie części dla przemysłu obronnego")],
        requests=[("Szukamy dostawcy stali nierdzewnej", "Pręty i blachy nierdzewne")],
        sectors=[steel],
        cooperation_types=["supplier"],
    )
    supplier = make(
        edition, "Stalex", offers=[("Stal nierdzewna", "Blachy i pręty ze stali nierdzewnej")]
    )
    buyer = make(
        edition,
        "Zbrojex",
        requests=[("Podwykonawca obróbki CNC", "Części dla przemysłu zbrojeniowego")],
    )
    sector_mate = make(edition, "Huta", sectors=[steel])
    stranger = make(edition, "Catering", offers=[("Catering", "Obsługa wydarzeń")])
    return {
        "me": me,
        "supplier": supplier,
        "buyer": buyer,
        "sector_mate": sector_mate,
        "stranger": stranger,
        "steel": steel,
    }


def test_recommendations_with_reasons(people):
    found = {r.profile_id: r for r in search.recommendations_for(people["me"], limit=10)}

    assert set(found) == {people["supplier"].pk, people["buyer"].pk, people["sector_mate"].pk}
    (reason,) = found[people["supplier"].pk].reasons
    assert (reason.code, reason.mine, reason.theirs) == (
        "their_offer",
        "Szukamy dostawcy stali nierdzewnej",
        "Stal nierdzewna",
    )
    (reason,) = found[people["buyer"].pk].reasons
    assert (reason.code, reason.mine, reason.theirs) == (
        "their_request",
        "Obróbka CNC",
        "Podwykonawca obróbki CNC",
    )
    (reason,) = found[people["sector_mate"].pk].reasons
    assert (reason.code, reason.values) == ("shared_sector", (str(people["steel"].pk),))


def test_recommendations_exclude_pending_declined_and_met_but_not_cancelled(people, edition):
    me, supplier, buyer = people["me"], people["supplier"], people["buyer"]
    sector_mate = people["sector_mate"]
    services.request_decline(services.request_send(supplier, me, "Dzień dobry"))
    services.request_send(me, buyer, "")  # pending
    services.request_cancel(services.request_send(me, sector_mate, ""), me)

    found = ids(search.recommendations_for(me))

    assert found == [sector_mate.pk]

    slot = Slot.objects.filter(session__edition=edition).order_by("starts_at").first()
    services.request_accept(services.request_send(sector_mate, me, ""), slot)
    assert search.recommendations_for(me) == []


def test_recommendations_rank_down_people_whose_meetings_are_taken(edition):
    me = make(edition, "Ja", requests=[("Stal nierdzewna", "")])
    full = make(edition, "Alfa", offers=[("Stal nierdzewna", "")], max_meetings=1)
    free = make(edition, "Beta", offers=[("Stal nierdzewna", "")], max_meetings=1)
    before = search.recommendations_for(me)
    assert ids(before) == [full.pk, free.pk]  # equal: by id

    other = make(edition, "Gamma")
    slot = Slot.objects.filter(session__edition=edition).order_by("starts_at").first()
    services.request_accept(services.request_send(other, full, ""), slot)
    after = search.recommendations_for(me)

    assert ids(after) == [free.pk, full.pk]
    assert after[1].load == 1.0
    assert after[1].score == pytest.approx(after[0].score * 0.25, abs=1e-6)


def test_recommendations_query_count_is_constant(edition):
    me = make(edition, "Ja", requests=[("Stal", "")], cooperation_types=["supplier"])
    make(edition, "A", offers=[("Stal", "")])
    one = _queries(lambda: search.recommendations_for(me))
    for n in range(4):
        partner = make(edition, f"B{n}", offers=[("Stal", "")], cooperation_types=["supplier"])
        services.request_send(partner, me, "")

    five = _queries(lambda: search.recommendations_for(me))

    assert one == five == 7  # key, 3 to build, requests, my meetings, everyone's meetings
    with CaptureQueriesContext(connection) as current:
        search.recommendations_for(me)
    assert len(current) == 4  # the index is current: no rebuild


def test_profile_search_text_is_the_analysed_profile(edition):
    steel = SectorFactory(code="24.10", name={"pl": "Produkcja stali", "en": "Steel"})
    profile = make(
        edition,
        "Stalex",
        description="Obróbka",
        offers=[("Stal nierdzewna", "")],
        sectors=[steel],
    )
    profile = Profile.objects.prefetch_related("listings", "sectors").get(pk=profile.pk)

    terms = search.profile_search_text(profile).split()

    assert {"stalex", "obróbk", "obrobk", "~obrobk", "stal", "nierdzewn", "steel"} <= set(terms)
    assert Listing.objects.filter(profile=profile).count() == 1
