"""Polish alphabetical order for lists of people. Pure Python, no Django.

Polish letters with diacritics are letters of their own, each right after its base letter:
a ą b c ć d e ę f g h i j k l ł m n ń o ó p q r s ś t u v w x y z ź ż. So "Łukasiewicz"
comes after every "L…" name and before "M…", and "Ściegienny" after every "S…" name.

The comparison is done in levels, as dictionaries do:
1. letters only (case, spaces, hyphens and apostrophes ignored), Polish letters as above;
   letters of other languages (é, ü, ö, ç…) count as their base letter;
2. accents of foreign letters (so "Muller" < "Müller" when all else is equal);
3. lower case before upper case;
4. the text itself, so the order is total and stable.
"""

from __future__ import annotations

import unicodedata

ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_RANK = {letter: index + 1 for index, letter in enumerate(ALPHABET)}
# Letters with no decomposition that still belong after a base letter.
_EXTRA_BASE = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ı": "i", "þ": "th"}


def _letter(char: str) -> tuple[tuple[int, ...], int]:
    """Primary ranks and the accent weight of one lowercase character."""
    rank = _RANK.get(char)
    if rank is not None:
        return (rank,), 0
    if char in _EXTRA_BASE:
        return tuple(_RANK[c] for c in _EXTRA_BASE[char]), 1
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    if base in _RANK:
        accent = sum(ord(mark) for mark in decomposed[1:]) if len(decomposed) > 1 else 0
        return (_RANK[base],), accent
    if base in "0123456789":
        return (int(base) - 10,), 0  # digits before letters
    if base.isalpha():
        # Letters of other scripts come after z, in code point order.
        return (len(ALPHABET) + 1 + ord(base),), 0
    return (), 0  # spaces, hyphens, apostrophes, dots: ignored at the first levels


def polish_key(text: str) -> tuple:
    """A sort key that orders strings as a Polish dictionary would."""
    text = unicodedata.normalize("NFC", text or "")
    primary: list[int] = []
    accents: list[int] = []
    cases: list[int] = []
    for char in text:
        lower = char.lower()
        ranks, accent = _letter(lower) if len(lower) == 1 else _letter(char)
        if not ranks:
            continue
        primary.extend(ranks)
        accents.append(accent)
        cases.append(0 if char == lower else 1)
    return (tuple(primary), tuple(accents), tuple(cases), text)


def person_key(last_name: str, first_name: str, tie: object = 0) -> tuple:
    """Surname first, then first name, then ``tie`` (an id) so equal names keep one order."""
    return (polish_key(last_name), polish_key(first_name), tie)
