"""Text analysis for matchmaking search and recommendations (pure Python, no Django).

    from kongres.matchmaking.text import analyse, analyse_query
    analyse("Obróbka CNC dla przemysłu obronnego")   # index terms of a document
    analyse_query("przemysł obronny")                # one QueryWord per distinct query word

Steps: Unicode NFC, lower case, words of letters and digits (Polish letters included), stop
words of Polish and English dropped (plus the filler verbs of offers and requests such as
"oferujemy", "szukamy", "we offer"), then every remaining word becomes up to three *forms*:

* the **stem** (Snowball's Polish or English stemmer, from the ``snowballstemmer`` package:
  pure Python, BSD licence, no data downloaded) — "przemysłu" and "przemysł" → ``przemysł``;
* the stem **without diacritics** when it differs (``przemysl``), so a word typed without
  Polish letters ("obronnosc") still meets the written one;
* the **root**: the diacritic-free stem with a few Polish derivational suffixes taken off
  (``~obron`` for "obronny", "obronnego", "obronności", "obrona"; ``~przemysl`` for
  "przemysłowy" and "przemyśle"), prefixed with ``~`` so that it never equals a stem.

A query word scores a document by the best of its forms (stem 1.0, diacritic-free 0.8, root
0.5; see ``recommend.Index``), so an exact form always ranks above a derived one.

The language of a text decides which stemmer runs: Polish letters or Polish stop words make it
Polish, English stop words English; failing those, letter sequences typical of one language
("cz", "rz", "-owy"; "th", "-ing", "-tion"); when nothing tells ("CNC", "Mikrochip"), both
stemmers run and both stems are kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

__all__ = [
    "QUERY_WEIGHTS",
    "QueryWord",
    "analyse",
    "analyse_query",
    "analyse_words",
    "ascii_fold",
    "detect_language",
    "normalise",
    "root",
    "stem",
    "tokenise",
    "word_forms",
]

ROOT_PREFIX = "~"
MIN_ROOT = 4  # a derivational suffix is taken off only if at least this much stays

# Weights of a query word's forms: the exact stem, the stem without diacritics, the root.
QUERY_WEIGHTS = {"stem": 1.0, "ascii": 0.8, "root": 0.5}

POLISH_LETTERS = frozenset("ąćęłńóśźż")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words. Written for this module; diacritic-free spellings are listed too because
# people type without Polish letters.
POLISH_STOP = _words(
    """
    a aby abym abyśmy ach aczkolwiek ale albo ani aż bardzo bez bo bowiem by być był była
    było byli były będzie będą będziemy cali cała cały co coś czy czyli dla do dlaczego
    dlatego dokąd gdy gdyż gdzie go i ich ile im inna inne inny innych ja jak jaka jaki
    jakie jako je jeden jedna jedno jego jej jemu jest jestem jesteśmy jeśli jeszcze jednak
    już każdy każda każde kiedy kim kto która które którego której który których którym
    którzy ku lecz lub ma mają mamy mi między mnie mną mogą może możemy my na nad nam nami
    nas nasz nasza nasze naszego naszej naszych naszym naszymi nawet nic nich nie niech niej
    niemu nim nimi niż o od oraz oto owszem po pod podczas ponad poza przed przede przez
    przy również sam sama same się są ta tak taka taki takie także tam te tego tej ten teraz
    też to tobie toteż trzeba tu tutaj twoja twoje twój ty tych tylko tym tymi u w we wiele
    więc wszystkie wszystkich wszystko wraz z za ze że żeby abysmy bedzie beda bedziemy byc
    byla bylo byly cos dokad gdyz jesli jestesmy juz kazdy kazda kazde ktora ktore ktorego
    ktorej ktory ktorych ktorym ktorzy maja miedzy mna moga moze mozemy niz rowniez sie sa
    takze tez twoj wiec wszystkich ze zeby
    """
)

ENGLISH_STOP = _words(
    """
    a about above after again all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself
    just me more most my no nor not now of off on once only or other our ours out over own
    same she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who
    whom why will with would you your yours us
    """
)

# Filler words of offers and requests: they say *that* something is offered or sought, not
# what, and would otherwise make every offer resemble every other.
LISTING_FILLER = _words(
    """
    oferujemy oferuje oferujemy oferta ofertę oferte oferty szukamy szuka poszukujemy
    poszukuje poszukiwany poszukiwana poszukiwane zapewniamy świadczymy swiadczymy chcemy
    chętnie chetnie zapraszamy proponujemy firma firmy firmę firme firmą firmie offer offers
    offering provide provides providing seek seeks seeking looking search searching want
    wants company companies we're our
    """
)

STOP_WORDS = POLISH_STOP | ENGLISH_STOP | LISTING_FILLER

_WORD = re.compile(r"[^\W_]+")

_STEMMERS = {
    "pl": snowballstemmer.stemmer("polish"),
    "en": snowballstemmer.stemmer("english"),
}

# Polish derivational suffixes, on diacritic-free Snowball stems (which have lost their
# inflection already). Tried in this order, first fit wins, repeated until nothing fits; a
# suffix comes off only if at least MIN_ROOT letters stay. Chosen so that adjective, noun
# and abstract noun of one root meet ("obronny", "obrona", "obronność"; "przemysł",
# "przemysłowy"; "chemia", "chemiczny"; "logistyka", "logistyczny"; "innowacja",
# "innowacyjny"; "technika", "techniczny") and checked against pairs that must not meet
# (tests/matchmaking/test_text.py).
_PL_ROOT_RULES: tuple[tuple[str, str], ...] = (
    ("nosc", ""),  # obronność → obron
    ("osc", ""),  # żywność → żywn
    ("yjn", "j"),  # innowacyjny → innowacj(a)
    ("ictw", ""),  # lotnictwo → lotn(iczy)
    ("stw", ""),  # partnerstwo → partner
    ("owan", ""),  # projektowanie → projekt
    ("yczn", ""),  # energetyczny → energet(yka)
    ("iczn", ""),  # chemiczny → chem(ia)
    ("ejsk", ""),  # europejski → europ(a)
    ("aln", ""),  # regionalny → region
    ("ycz", ""),  # lotniczy → lotn
    ("icz", ""),
    ("yk", ""),  # logistyka → logist
    ("ik", ""),  # technika → techn
    ("ian", ""),  # drewniany → drewn(o)
    ("nn", "n"),  # obronny → obron
    ("ow", ""),  # przemysłowy → przemysł
    ("ew", ""),
    ("sk", ""),
)
_CONSONANTS = frozenset("bcdfghjklmnprstwxzq")


def normalise(text: str) -> str:
    """NFC and lower case (``casefold`` would turn "ß" into "ss"; lower is enough here)."""
    return unicodedata.normalize("NFC", text).lower()


def tokenise(text: str) -> list[str]:
    """Words of letters and digits, normalised; single characters are dropped."""
    return [w for w in _WORD.findall(normalise(text)) if len(w) > 1]


@lru_cache(maxsize=65536)
def ascii_fold(word: str) -> str:
    """Drop diacritics: "obronność" → "obronnosc", "łódź" → "lodz"."""
    word = word.replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Letter sequences that rarely occur in the other language: a word without stop words or
# Polish letters (a title such as "Obronny", a query "machining") still tells its language.
_POLISH_MARKS = re.compile(r"cz|sz|rz|dz|cj|(?:ych|nny|owy|owa|owe|ego|nej|osc|osci|ow)$")
_ENGLISH_MARKS = re.compile(r"th|wh|ck|q|x|(?:ing|tion|ment|ness|ship|ies|ed|ly)$")


def detect_language(words: Iterable[str]) -> str | None:
    """``"pl"``, ``"en"`` or ``None`` (undecided): stop words and Polish letters count
    first; only when they do not decide, typical letter sequences of each language."""
    pl = en = pl_marks = en_marks = 0
    for w in words:
        if w in POLISH_STOP or not POLISH_LETTERS.isdisjoint(w):
            pl += 1
        elif w in ENGLISH_STOP:
            en += 1
        elif len(w) > 3:
            pl_marks += bool(_POLISH_MARKS.search(w))
            en_marks += bool(_ENGLISH_MARKS.search(w))
    if pl == en:
        pl, en = pl_marks, en_marks
    if pl > en:
        return "pl"
    if en > pl:
        return "en"
    return None


@lru_cache(maxsize=131072)
def stem(word: str, lang: str) -> str:
    """Snowball stem of one normalised word; digits and short words are kept as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    stemmed = _STEMMERS[lang].stemWord(word)
    if lang == "pl" and (len(stemmed) < 3 or (len(stemmed) == 3 and len(word) >= 5)):
        # Snowball over-stems some short nouns ("stali" → "st", "farby" → "far", "olej" →
        # "ol"): take off one plain case ending instead when that keeps more of the word.
        light = _light_polish_stem(word)
        if len(light) > len(stemmed):
            return light
    return stemmed


_POLISH_ENDINGS = ("ami", "ach", "ów", "om", "em", "ie", "a", "ą", "e", "ę", "i", "o", "u", "y")


def _light_polish_stem(word: str) -> str:
    for ending in _POLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=131072)
def root(ascii_stem: str, lang: str = "pl") -> str:
    """The derivational root of a diacritic-free stem (English stems are their own root)."""
    if lang != "pl" or not ascii_stem.isalpha():
        return ascii_stem
    r = ascii_stem
    for _ in range(3):
        before = r
        # Abstract and adjectival endings that Snowball leaves: "energi(i)" / "energ(ia)".
        if len(r) > MIN_ROOT and r[-1] in "iy" and r[-2] in _CONSONANTS:
            r = r[:-1]
        for suffix, replacement in _PL_ROOT_RULES:
            if r.endswith(suffix) and len(r) - len(suffix) >= MIN_ROOT:
                r = r[: -len(suffix)] + replacement
                break
        else:
            # A trailing adjectival "n" after a consonant: "odnawialny" → odnawial.
            if len(r) > MIN_ROOT and r[-1] == "n" and r[-2] in _CONSONANTS:
                r = r[:-1]
        if r == before:
            break
    return r


@lru_cache(maxsize=131072)
def word_forms(word: str, lang: str | None) -> tuple[tuple[str, str], ...]:
    """The index forms of one normalised word as ``(kind, term)`` pairs, kinds as in
    ``QUERY_WEIGHTS``. ``lang=None`` uses both stemmers."""
    langs = (lang,) if lang else ("pl", "en")
    forms: list[tuple[str, str]] = []
    seen: set[str] = set()
    for lg in langs:
        s = stem(word, lg)
        folded = ascii_fold(s)
        for kind, term in (
            ("stem", s),
            ("ascii", folded),
            ("root", ROOT_PREFIX + root(folded, lg)),
        ):
            if term not in seen:
                seen.add(term)
                forms.append((kind, term))
    return tuple(forms)


def _content_words(text: str, lang: str | None = None) -> list[tuple[str, str | None]]:
    """The content words of ``text`` with the language each is stemmed in. The language is
    told line by line (a profile's text joins Polish and English parts, one per line); a
    line that does not tell is stemmed both ways."""
    out: list[tuple[str, str | None]] = []
    for line in text.splitlines():
        words = tokenise(line)
        line_lang = lang or detect_language(words)
        out.extend((w, line_lang) for w in words if w not in STOP_WORDS)
    return out


def analyse_words(text: str, lang: str | None = None) -> list[tuple[str, ...]]:
    """The index terms of ``text`` grouped per content word (for length normalisation)."""
    return [tuple(term for _, term in word_forms(w, lg)) for w, lg in _content_words(text, lang)]


def analyse(text: str, lang: str | None = None) -> list[str]:
    """Index terms of a document text, in text order (a word gives up to three terms per
    stemmer; see the module docstring)."""
    return [term for group in analyse_words(text, lang) for term in group]


@dataclass(frozen=True)
class QueryWord:
    """One distinct word of a query: its first spelling and its forms with their weights."""

    word: str
    alternatives: tuple[tuple[str, float], ...]


def analyse_query(text: str, lang: str | None = None) -> list[QueryWord]:
    """The query's content words, each with weighted alternative terms; words that give the
    same terms ("obronny obronnego") count once."""
    out: list[QueryWord] = []
    seen: set[tuple[str, ...]] = set()
    for w, lg in _content_words(text, lang):
        forms = word_forms(w, lg)
        key = tuple(sorted(term for _, term in forms))
        if key in seen:
            continue
        seen.add(key)
        out.append(QueryWord(w, tuple((term, QUERY_WEIGHTS[kind]) for kind, term in forms)))
    return out
