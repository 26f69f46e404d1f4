"""BM25 profile search and "worth meeting" recommendations (pure Python): ranking, filters,
determinism, both match directions, reasons, exclusions and the load penalty."""

from __future__ import annotations

import random

import pytest

from kongres.matchmaking.recommend import (
    Document,
    Index,
    ProfileDoc,
    Recommender,
    profile_document,
    recommend,
)

pytestmark = pytest.mark.unit


def doc(i, text, **facets):
    return Document(id=i, fields={"texts": text}, facets=facets)


# --- search -------------------------------------------------------------------------------


def test_search_finds_inflected_and_derived_forms_and_ranks_full_matches_first():
    index = Index.build(
        [
            doc(1, "Meble z drewna na wymiar"),
            doc(2, "Systemy łączności dla obronności kraju"),
            doc(3, "Obróbka CNC dla przemysłu obronnego"),
            doc(4, "Przemysł spożywczy: przetwórstwo owoców"),
        ]
    )
    hits = index.search("przemysł obronny")
    assert hits[0].id == 3
    assert {h.id for h in hits} == {2, 3, 4}
    assert hits[0].matched == ("przemysł", "obronny")


def test_search_without_polish_letters_finds_the_written_form():
    index = Index.build([doc(1, "Obronność i bezpieczeństwo"), doc(2, "Rolnictwo")])
    assert [h.id for h in index.search("obronnosc bezpieczenstwo")] == [1]


def test_search_exact_form_outranks_a_derived_one():
    index = Index.build([doc(1, "obronność"), doc(2, "obronny")])
    assert [h.id for h in index.search("obronny")] == [2, 1]


def test_search_in_english():
    index = Index.build([doc(1, "Precision machining for the defence industry"), doc(2, "Food")])
    assert [h.id for h in index.search("industrial machines")] == [1]


def test_search_ties_are_broken_by_id():
    index = Index.build([doc(i, "obróbka CNC") for i in (5, 3, 9, 1)])
    hits = index.search("cnc")
    assert [h.id for h in hits] == [1, 3, 5, 9]
    assert len({h.score for h in hits}) == 1


def test_search_filters_by_any_of_the_wanted_values_in_every_facet():
    index = Index.build(
        [
            doc(1, "CNC", country=["PL"], language=["pl", "en"]),
            doc(2, "CNC", country=["DE"], language=["de", "en"]),
            doc(3, "CNC", country=["PL"], language=["pl"]),
        ]
    )
    assert [h.id for h in index.search("cnc", {"country": "PL"})] == [1, 3]
    assert [h.id for h in index.search("cnc", {"country": "PL", "language": "en"})] == [1]
    assert [h.id for h in index.search("cnc", {"country": ["PL", "DE"]})] == [1, 2, 3]
    assert [h.id for h in index.search("cnc", {"country": "", "language": None})] == [1, 2, 3]
    assert index.search("cnc", {"country": "FR"}) == []


def test_empty_query_lists_the_filtered_documents_by_id():
    index = Index.build([doc(2, "a", country=["PL"]), doc(1, "b", country=["DE"]), doc(3, "")])
    assert [h.id for h in index.search("")] == [1, 2, 3]
    assert [(h.id, h.score) for h in index.search("dla i w", {"country": "PL"})] == [(2, 0.0)]


def test_field_weights_rank_a_title_match_above_a_text_match():
    index = Index.build(
        [
            Document(1, {"texts": "Robotyzacja spawania", "titles": "Automatyka"}),
            Document(2, {"texts": "Automatyka", "titles": "Robotyzacja spawania"}),
        ]
    )
    assert [h.id for h in index.search("robotyzacja")] == [2, 1]


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate"):
        Index.build([doc(1, "a"), doc(1, "b")])


def test_profile_document_has_the_facets_of_the_filters():
    p = ProfileDoc(
        id=7,
        organisation="Kuźnia Sp. z o.o.",
        offers=(("Kucie matrycowe", "Odkuwki stalowe"),),
        sectors=frozenset({"25.50"}),
        cooperation_types=frozenset({"supplier"}),
        languages=frozenset({"pl"}),
        country="PL",
        organisation_type="company",
    )
    d = profile_document(p, sector_names="Kucie, prasowanie, wytłaczanie")
    index = Index.build([d])
    assert [h.id for h in index.search("odkuwka", {"sector": "25.50", "country": "PL"})] == [7]
    assert [h.id for h in index.search("wytłaczanie", {"cooperation_type": "supplier"})] == [7]
    assert index.search("kuźni", {"organisation_type": "university"}) == []
    assert [h.id for h in index.search("kuźni", {"language": "pl"})] == [7]


# --- recommendations ------------------------------------------------------------------------

ME = ProfileDoc(
    id=1,
    organisation="Zakład Mechaniki Precyzyjnej",
    offers=(("Obróbka CNC", "Frezowanie i toczenie części dla przemysłu obronnego"),),
    requests=(("Szukamy dostawcy stali nierdzewnej", "Pręty i blachy ze stali nierdzewnej"),),
    sectors=frozenset({"25.62", "24.10"}),
    cooperation_types=frozenset({"supplier", "export_partner"}),
    languages=frozenset({"pl", "en"}),
)


def profile(pid, offers=(), requests=(), sectors=(), coop=(), languages=("pl",)):
    return ProfileDoc(
        id=pid,
        organisation=f"Org {pid}",
        offers=tuple(offers),
        requests=tuple(requests),
        sectors=frozenset(sectors),
        cooperation_types=frozenset(coop),
        languages=frozenset(languages),
    )


STEEL = profile(2, offers=[("Stal nierdzewna", "Dostarczamy blachy i pręty nierdzewne")])
BUYER = profile(3, requests=[("Podwykonawca obróbki", "Szukamy obróbki CNC części obronnych")])
SECTOR_ONLY = profile(4, offers=[("Catering", "Obsługa wydarzeń")], sectors=["25.62"])
NOTHING = profile(5, offers=[("Catering", "Obsługa wydarzeń")])
COOP_ONLY = profile(6, coop=["export_partner"])
OTHERS = [STEEL, BUYER, SECTOR_ONLY, NOTHING, COOP_ONLY]


def by_id(recs):
    return {r.profile_id: r for r in recs}


def test_recommend_matches_both_directions_with_reasons():
    recs = by_id(recommend(ME, OTHERS))
    (reason,) = recs[2].reasons
    assert reason.code == "their_offer"
    assert reason.mine == "Szukamy dostawcy stali nierdzewnej"
    assert reason.theirs == "Stal nierdzewna"
    assert "nierdzewnej" in reason.terms
    (reason,) = recs[3].reasons
    assert reason.code == "their_request"
    assert (reason.mine, reason.theirs) == ("Obróbka CNC", "Podwykonawca obróbki")
    assert {"obróbka", "cnc"} <= set(reason.terms)


def test_recommend_shared_sector_and_cooperation_type_are_reasons_and_nothing_is_left_out():
    recs = by_id(recommend(ME, OTHERS))
    assert [(r.code, r.values) for r in recs[4].reasons] == [("shared_sector", ("25.62",))]
    assert [(r.code, r.values) for r in recs[6].reasons] == [
        ("shared_cooperation_type", ("export_partner",))
    ]
    assert 5 not in recs  # no reason at all: not recommended
    assert 1 not in recs  # never oneself


def test_recommend_text_matches_rank_above_a_shared_sector():
    assert [r.profile_id for r in recommend(ME, OTHERS)][:2] in ([2, 3], [3, 2])
    scores = {r.profile_id: r.score for r in recommend(ME, OTHERS)}
    assert scores[2] > scores[4] > 0
    assert scores[3] > scores[6] > 0


def test_recommend_excludes_met_and_declined():
    ids = [r.profile_id for r in recommend(ME, OTHERS, met_or_declined={2, 6})]
    assert 2 not in ids
    assert 6 not in ids
    assert 3 in ids


def test_recommend_load_ranks_down_a_fully_booked_person():
    twin = profile(7, offers=STEEL.offers)
    free = recommend(ME, [STEEL, twin])
    assert [r.profile_id for r in free] == [2, 7]  # equal scores: by id
    assert free[0].score == free[1].score
    loaded = recommend(ME, [STEEL, twin], load={2: 1.0})
    assert [r.profile_id for r in loaded] == [7, 2]
    assert loaded[1].score == pytest.approx(0.25 * loaded[0].score, abs=1e-6)
    assert loaded[1].load == 1.0
    half = by_id(recommend(ME, [STEEL, twin], load={2: 0.5, 7: 7.0}))
    assert half[2].score == pytest.approx(0.625 * free[0].score, abs=1e-6)
    assert half[7].load == 1.0  # clamped


def test_recommend_without_a_common_language_ranks_lower():
    english = profile(8, offers=STEEL.offers, languages=["de"])
    recs = by_id(recommend(ME, [STEEL, english]))
    assert recs[8].score == pytest.approx(0.6 * recs[2].score, abs=1e-6)


def test_recommend_limit_and_determinism():
    rng = random.Random(3)  # noqa: S311 - seeded test data
    words = ["stal", "obróbka", "cnc", "drewno", "energia", "logistyka", "druk", "software"]
    others = [
        profile(
            i,
            offers=[(" ".join(rng.sample(words, 2)), " ".join(rng.sample(words, 3)))],
            requests=[(" ".join(rng.sample(words, 2)), "")],
            sectors=rng.sample(["25.62", "24.10", "10.1"], 1),
        )
        for i in range(10, 60)
    ]
    recommender = Recommender.build([ME, *others])
    first = recommender.recommend(ME, limit=10)
    assert len(first) == 10
    shuffled = others[:]
    rng.shuffle(shuffled)
    again = Recommender.build([*shuffled, ME]).recommend(ME, limit=10)
    assert first == again
    assert [r.score for r in first] == sorted((r.score for r in first), reverse=True)


def test_recommend_profile_without_listings_gets_only_taxonomy_reasons():
    me = profile(1, sectors=["25.62"])
    recs = recommend(me, OTHERS)
    assert [r.profile_id for r in recs] == [4]


def test_recommend_gives_plain_python_numbers():
    recs = recommend(ME, OTHERS, load={2: 0.5})
    numbers = [r.score for r in recs] + [r.load for r in recs]
    numbers += [reason.score for r in recs for reason in r.reasons]
    assert {type(n) for n in numbers} == {float}
