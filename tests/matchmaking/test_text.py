"""Text analysis for matchmaking search: normalisation, stop words, Polish and English stems,
derivational roots, diacritic-free forms; which word pairs meet and which must not."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kongres.matchmaking.text import (
    analyse,
    analyse_query,
    ascii_fold,
    detect_language,
    normalise,
    root,
    stem,
    tokenise,
)

pytestmark = pytest.mark.unit


def meet(query: str, document: str) -> set[str]:
    """The terms a query shares with a document (empty: the query cannot find it)."""
    query_terms = {term for qw in analyse_query(query) for term, _ in qw.alternatives}
    return query_terms & set(analyse(document))


def test_normalise_composes_and_lowers():
    decomposed = "Przemys\u0142 Obro\u0301bka"  # "ó" as o + combining acute
    assert normalise(decomposed) == "przemysł obróbka"


def test_tokenise_keeps_polish_letters_and_digits_and_drops_single_characters():
    assert tokenise("Druk 3D, obróbka CNC i spawanie (ŻÓŁW-123)") == [
        "druk",
        "3d",
        "obróbka",
        "cnc",
        "spawanie",
        "żółw",
        "123",
    ]


def test_ascii_fold_drops_every_polish_diacritic():
    assert ascii_fold("zażółć gęślą jaźń łódź") == "zazolc gesla jazn lodz"


def test_stop_words_of_both_languages_and_listing_fillers_are_dropped():
    assert analyse("Oferujemy to, co jest dla nas i dla was najlepsze") == analyse("najlepsze")
    assert analyse("We offer the best of what we have") == analyse("best")


def test_detect_language():
    assert detect_language(tokenise("Szukamy partnera dla przemysłu")) == "pl"
    assert detect_language(tokenise("We are looking for a partner in the industry")) == "en"
    assert detect_language(tokenise("CNC machining")) == "en"
    assert detect_language(tokenise("Obronny")) == "pl"
    assert detect_language(tokenise("CNC")) is None


def test_inflected_forms_share_the_stem():
    stems = {analyse(word)[0] for word in ("przemysł", "przemysłu", "przemysłem")}
    assert stems == {"przemysł"}


@pytest.mark.parametrize(
    ("word", "expected"),
    [("stali", "stal"), ("farby", "farb"), ("olej", "olej"), ("oleju", "olej"), ("leków", "lek")],
)
def test_short_polish_nouns_are_not_over_stemmed(word, expected):
    assert stem(word, "pl") == expected


def test_english_stems():
    assert meet("manufacturing", "Manufacture of parts") == {"manufactur", "~manufactur"}
    assert meet("industries", "the defence industry")


def test_root_takes_off_derivational_suffixes():
    assert root("obronnosc") == "obron"
    assert root("obronn") == "obron"
    assert root("obron") == "obron"
    assert root("przemyslow") == "przemysl"
    assert root("innowacyjn") == "innowacj"
    assert root("kot") == "kot"  # too short to shorten
    assert root("industri", "en") == "industri"  # English stems are their own root


def test_issue_example_query_finds_inflected_and_derived_forms():
    assert meet("przemysł obronny", "Obróbka CNC dla przemysłu obronnego")
    assert meet("przemysł obronny", "Systemy łączności dla obronności kraju")


def test_exact_forms_are_weighted_above_derived_ones():
    (word,) = analyse_query("obronny")
    weights = dict(word.alternatives)
    assert weights == {"obronn": 1.0, "~obron": 0.5}
    (word,) = analyse_query("obronność")
    assert dict(word.alternatives) == {"obronnośc": 1.0, "obronnosc": 0.8, "~obron": 0.5}


def test_query_words_with_the_same_terms_count_once():
    words = analyse_query("obronny obronnego Obronny")
    assert [w.word for w in words] == ["obronny"]


POSITIVE = [
    ("przemysł obronny", "przemysłu obronnego"),
    ("obronny", "obronności"),
    ("obronny", "obronnego"),
    ("obronny", "obronność"),
    ("obronność", "obronny"),
    ("obronność", "obrona"),
    ("obronnosc", "obronności"),  # typed without Polish letters
    ("obronnosci", "obronność"),
    ("przemysł", "przemysłu"),
    ("przemysł", "przemysłowy"),
    ("przemysł", "przemyśle"),
    ("przemysłowy", "przemysł"),
    ("przemysl", "przemysłowego"),
    ("energia", "energii"),
    ("chemia", "chemiczny"),
    ("logistyka", "logistycznych"),
    ("innowacja", "innowacyjny"),
    ("technika", "techniczny"),
    ("partner", "partnerstwo"),
    ("drewno", "drewniany"),
    ("eksport", "eksportowy"),
    ("rozwój", "rozwojowe"),
    ("lotnictwo", "lotniczy"),
    ("meble", "meblowy"),
    ("produkcja", "produkcyjny"),
    ("region", "regionalny"),
    ("automatyka", "automatyczny"),
    ("mechanika", "mechaniczny"),
    ("obróbka", "obróbki"),
    ("spółka", "spółki"),
    ("Łódź", "lodz"),
    ("industry", "industrial"),
    ("manufacturing", "manufacture"),
    ("machining", "machined"),
]

NEGATIVE = [
    ("obrona", "obróbka"),
    ("obrona", "broń"),
    ("obronny", "obrotowy"),
    ("przemysł", "przemiana"),
    ("przemysł", "przemyt"),
    ("kosmiczny", "kosmetyki"),
    ("medycyna", "media"),
    ("lot", "lotnictwo"),
    ("rola", "rolnictwo"),
    ("praca", "prawo"),
    ("mleko", "mleczarnia"),
    ("las", "lasery"),
    ("dom", "domena"),
    ("port", "portal"),
    ("transport", "sport"),
    ("części", "często"),
    ("produkcja", "produkt"),
    ("bank", "bankiet"),
    ("projekt", "program"),
    ("model", "moda"),
    ("metal", "metoda"),
    ("farma", "farmacja"),
    ("kabel", "kabina"),
    ("plastik", "plaster"),
    ("rynek", "rynna"),
    ("woda", "wodór"),
    ("gaz", "gazeta"),
    ("auto", "autor"),
    ("szkło", "szkoła"),
    ("papier", "papieros"),
    ("energia", "enzymy"),
    ("drewno", "drewutnia"),
    ("defence", "fence"),
    ("industry", "indus"),
]


@pytest.mark.parametrize(("query", "document"), POSITIVE)
def test_related_forms_meet(query, document):
    assert meet(query, document), f"{query!r} should find {document!r}"


@pytest.mark.parametrize(("query", "document"), NEGATIVE)
def test_unrelated_words_do_not_meet(query, document):
    assert meet(query, document) == set(), f"{query!r} must not find {document!r}"


def test_module_imports_without_django():
    code = (
        "import sys\n"
        "sys.modules['django'] = None  # any 'import django' now fails\n"
        "from kongres.matchmaking import recommend, text\n"
        "assert text.analyse('Przemysł obronny')\n"
        "assert recommend.Index.build([recommend.Document(1, {'t': 'obronność'})])"
        ".search('obronny')\n"
        "assert not any(k == 'django' or k.startswith('django.') for k in sys.modules\n"
        "               if sys.modules[k] is not None)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
