"""Polish alphabetical order of surnames."""

import pytest

from kongres.onsite.collation import person_key, polish_key

pytestmark = pytest.mark.unit


def _sorted(names):
    return sorted(names, key=polish_key)


def test_polish_key_letters_with_diacritics_follow_their_base_letter():
    names = ["Łukasiewicz", "Lis", "Mazur", "Lubicz", "Łaski"]

    assert _sorted(names) == ["Lis", "Lubicz", "Łaski", "Łukasiewicz", "Mazur"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Azja", "Ąbc"),
        ("Cz", "Ća"),
        ("Ez", "Ęa"),
        ("Nz", "Ńa"),
        ("Oz", "Óa"),
        ("Sz", "Śa"),
        ("Zz", "Źa"),
        ("Źz", "Ża"),
        ("Lz", "Ła"),
    ],
)
def test_polish_key_each_polish_letter_sorts_after_its_base(before, after):
    assert polish_key(before) < polish_key(after)


def test_polish_key_is_not_codepoint_order():
    # By code point "Ż" (U+017B) < "Ź"? No: Ź is U+0179, Ż U+017B, but "Ś" (U+015A) > "Z".
    names = ["Zając", "Śliwa", "Żak", "Źrebiec", "Sowa"]

    assert _sorted(names) == ["Sowa", "Śliwa", "Zając", "Źrebiec", "Żak"]
    assert sorted(names) != _sorted(names)


def test_polish_key_ignores_case_and_hyphens_at_the_first_level():
    names = ["nowak", "Nowak-Jeleńska", "Nowakowski", "NOWAK"]

    assert _sorted(names) == ["nowak", "NOWAK", "Nowak-Jeleńska", "Nowakowski"]


def test_polish_key_foreign_accents_count_as_base_letter_then_break_ties():
    names = ["Müller", "Muller", "Mueller", "Mołek", "Mölek"]

    assert _sorted(names) == ["Mölek", "Mołek", "Mueller", "Muller", "Müller"]


def test_polish_key_decomposed_input_equals_composed():
    composed = "Łódź"
    decomposed = "Ło\u0301dz\u0301"

    assert polish_key(composed) == polish_key(decomposed)


def test_person_key_surname_then_first_name_then_tie():
    people = [
        ("Łąka", "Anna", 3),
        ("Lato", "Żaneta", 1),
        ("Lato", "Zofia", 2),
        ("Łąka", "Anna", 1),
    ]

    ordered = sorted(people, key=lambda p: person_key(*p))

    assert ordered == [
        ("Lato", "Zofia", 2),
        ("Lato", "Żaneta", 1),
        ("Łąka", "Anna", 1),
        ("Łąka", "Anna", 3),
    ]


def test_polish_key_empty_and_digits_first():
    assert _sorted(["b", "", "2a", "a"]) == ["", "2a", "a", "b"]
