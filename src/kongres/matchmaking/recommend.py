"""Profile search and "worth meeting" recommendations (pure Python, no Django).

    from kongres.matchmaking.recommend import Index, Document, ProfileDoc, Recommender
    index = Index.build([Document(id=1, fields={"title": "Obróbka CNC"}, facets={...}), ...])
    index.search("przemysł obronny", {"country": "PL"})        # [Hit(id, score, matched)]
    Recommender.build(profiles).recommend(me, met_or_declined={3}, load={7: 0.5})

``Index`` is an in-memory BM25 index over the terms of ``kongres.matchmaking.text``. A query
word scores a document by the best of its forms (exact stem, without diacritics, root; see
``text.QUERY_WEIGHTS``), so "obronny" finds "obronności" through the root but an exact form
ranks first. Results are ordered by score, then by id: the same input gives the same order.

``Recommender`` indexes every profile's offers and requests separately and ranks the other
profiles for one person by: my requests against their offers, my offers against their
requests (both BM25, saturated), shared sectors, shared cooperation types; people already met
or declined and oneself are left out, and a person whose meeting slots are already taken is
ranked down in proportion (``load``), so that recommendations do not pile onto a few.
Every recommendation carries its reasons (machine codes with the matched titles and words).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .text import QueryWord, analyse_query, analyse_words

__all__ = [
    "DEFAULT_FIELD_WEIGHTS",
    "Document",
    "Hit",
    "Index",
    "ProfileDoc",
    "Reason",
    "Recommendation",
    "Recommender",
    "profile_document",
    "recommend",
]

K1 = 1.2
B = 0.75

# Search: a profile's name and the titles of its offers and requests weigh more than prose.
DEFAULT_FIELD_WEIGHTS = {
    "organisation": 2.0,
    "titles": 2.0,
    "sectors": 1.5,
    "description": 1.0,
    "texts": 1.0,
}

# Recommendations: how the parts add up (see docs/matchmaking-search.md).
TEXT_SATURATION = 4.0  # a BM25 score s counts as s / (s + TEXT_SATURATION), below 1
MIN_TEXT_SCORE = 0.1  # weaker text matches (a word found almost everywhere) are no reason
SECTOR_WEIGHT = 0.15  # per shared sector ...
SECTOR_CAP = 3  # ... counting at most three
COOPERATION_WEIGHT = 0.1  # per shared cooperation type ...
COOPERATION_CAP = 2
OTHER_LISTINGS_WEIGHT = 0.25  # further matching listings add a quarter of their score
NO_COMMON_LANGUAGE_FACTOR = 0.6
LOAD_PENALTY = 0.75  # a fully booked person keeps a quarter of their score


# --- the BM25 index ---------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A searchable item: texts per field and facet values for filters."""

    id: Any
    fields: Mapping[str, str]
    facets: Mapping[str, Collection[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    id: Any
    score: float
    matched: tuple[str, ...]  # the query words that matched, in query order


def _wanted(filters: Mapping[str, Any] | None) -> dict[str, frozenset[str]]:
    wanted: dict[str, frozenset[str]] = {}
    for key, value in (filters or {}).items():
        if value is None or value in ("", (), []):
            continue
        if isinstance(value, str | int):
            values = frozenset([str(value)])
        else:
            values = frozenset(str(v) for v in value)
        if values:
            wanted[key] = values
    return wanted


class Index:
    """In-memory BM25 (BM25F-style field weights, one length normalisation per document).

    Documents are kept in id order, so a position tie-break is an id tie-break. Postings are
    NumPy arrays of (position, precomputed BM25 weight); a query is a few vector operations
    per query word.
    """

    def __init__(
        self,
        ids: list[Any],
        postings: dict[str, tuple[np.ndarray, np.ndarray]],
        facets: dict[str, dict[str, np.ndarray]],
        terms: list[frozenset[str]],
    ) -> None:
        self._ids = ids
        self._postings = postings
        self._facets = facets
        self._terms = terms

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def ids(self) -> list[Any]:
        return list(self._ids)

    @classmethod
    def build(
        cls,
        docs: Iterable[Document],
        *,
        field_weights: Mapping[str, float] | None = None,
        k1: float = K1,
        b: float = B,
    ) -> Index:
        weights = DEFAULT_FIELD_WEIGHTS if field_weights is None else field_weights
        docs = sorted(docs, key=lambda d: d.id)
        ids = [d.id for d in docs]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate document id")
        tfs: list[dict[str, float]] = []
        lengths: list[float] = []
        facets: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for pos, doc in enumerate(docs):
            tf: dict[str, float] = defaultdict(float)
            length = 0.0
            for name, text in doc.fields.items():
                if not text:
                    continue
                w = weights.get(name, 1.0)
                for group in analyse_words(text):
                    length += w
                    for term in group:
                        tf[term] += w
            tfs.append(tf)
            lengths.append(length)
            for key, values in doc.facets.items():
                for value in {str(v) for v in values}:
                    facets[key][value].append(pos)
        n = len(docs)
        avg = (sum(lengths) / n) if n and sum(lengths) else 1.0
        df: dict[str, int] = defaultdict(int)
        for tf in tfs:
            for term in tf:
                df[term] += 1
        positions: dict[str, list[int]] = defaultdict(list)
        values: dict[str, list[float]] = defaultdict(list)
        for pos, tf in enumerate(tfs):
            norm = k1 * (1.0 - b + b * lengths[pos] / avg)
            for term, f in tf.items():
                idf = math.log(1.0 + (n - df[term] + 0.5) / (df[term] + 0.5))
                positions[term].append(pos)
                values[term].append(idf * f * (k1 + 1.0) / (f + norm))
        postings = {
            term: (np.array(positions[term], dtype=np.int32), np.array(values[term]))
            for term in positions
        }
        facet_arrays = {
            key: {value: np.array(pos, dtype=np.int32) for value, pos in by_value.items()}
            for key, by_value in facets.items()
        }
        return cls(ids, postings, facet_arrays, [frozenset(tf) for tf in tfs])

    def allowed(self, filters: Mapping[str, Any] | None) -> np.ndarray | None:
        """A boolean mask of the documents that pass every filter (None: no filter)."""
        wanted = _wanted(filters)
        if not wanted:
            return None
        mask = np.ones(len(self._ids), dtype=bool)
        for key, values in wanted.items():
            ok = np.zeros(len(self._ids), dtype=bool)
            by_value = self._facets.get(key, {})
            for value in values:
                if value in by_value:
                    ok[by_value[value]] = True
            mask &= ok
        return mask

    def word_scores(self, words: Sequence[QueryWord]) -> list[np.ndarray]:
        """Per query word, every document's score: the best of the word's forms."""
        out = []
        for qw in words:
            best = np.zeros(len(self._ids))
            for term, weight in qw.alternatives:
                posting = self._postings.get(term)
                if posting is not None:
                    pos, w = posting
                    best[pos] = np.maximum(best[pos], weight * w)
            out.append(best)
        return out

    def scores(self, words: Sequence[QueryWord]) -> np.ndarray:
        """The BM25 score of every document (sum over query words, no coordination)."""
        total = np.zeros(len(self._ids))
        for best in self.word_scores(words):
            total += best
        return total

    def matched_words(self, position: int, words: Sequence[QueryWord]) -> tuple[str, ...]:
        """The query words that occur (in any form) in the document at ``position``."""
        terms = self._terms[position]
        return tuple(qw.word for qw in words if any(term in terms for term, _ in qw.alternatives))

    def search(
        self,
        query: str | Sequence[QueryWord],
        filters: Mapping[str, Any] | None = None,
        *,
        limit: int | None = None,
        coordination: bool = True,
    ) -> list[Hit]:
        """Documents matching ``query`` (any word; with ``coordination`` a document's score
        is multiplied by the share of query words it matches) and every filter (a facet
        matches if it has any of the wanted values), best first, ties by id. An empty query
        lists every document that passes the filters, by id, with score 0."""
        words = analyse_query(query) if isinstance(query, str) else list(query)
        allowed = self.allowed(filters)
        if not words:
            positions = range(len(self._ids)) if allowed is None else np.flatnonzero(allowed)
            hits = [Hit(self._ids[int(i)], 0.0, ()) for i in positions]
            return hits[:limit] if limit is not None else hits
        per_word = self.word_scores(words)
        total = np.zeros(len(self._ids))
        count = np.zeros(len(self._ids))
        for best in per_word:
            total += best
            count += best > 0
        if coordination:
            total *= count / len(words)
        total = np.round(total, 9)
        found = total > 0
        if allowed is not None:
            found &= allowed
        positions = np.flatnonzero(found)
        # Best first; among equal scores the lower position, i.e. the lower id.
        order = positions[np.lexsort((positions, -total[positions]))]
        if limit is not None:
            order = order[:limit]
        return [
            Hit(
                self._ids[i],
                float(total[i]),
                tuple(qw.word for qw, best in zip(words, per_word, strict=True) if best[i] > 0),
            )
            for i in order.tolist()
        ]


# --- profiles and recommendations -------------------------------------------------------


@dataclass(frozen=True)
class ProfileDoc:
    """A matchmaking profile as plain data. ``offers`` and ``requests`` are (title, text)."""

    id: Any
    organisation: str = ""
    description: str = ""
    offers: tuple[tuple[str, str], ...] = ()
    requests: tuple[tuple[str, str], ...] = ()
    sectors: frozenset[str] = frozenset()
    cooperation_types: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    country: str = ""
    organisation_type: str = ""


def profile_document(profile: ProfileDoc, *, sector_names: str = "") -> Document:
    """The search document of a profile; ``sector_names`` adds the sectors' names (in any
    languages) to the searchable text. Facets: sector, organisation_type, country,
    cooperation_type, language."""
    listings = profile.offers + profile.requests
    return Document(
        id=profile.id,
        fields={
            "organisation": profile.organisation,
            "titles": "\n".join(title for title, _ in listings),
            "texts": "\n".join(text for _, text in listings),
            "description": profile.description,
            "sectors": sector_names,
        },
        facets={
            "sector": profile.sectors,
            "organisation_type": (profile.organisation_type,) if profile.organisation_type else (),
            "country": (profile.country,) if profile.country else (),
            "cooperation_type": profile.cooperation_types,
            "language": profile.languages,
        },
    )


@dataclass(frozen=True)
class Reason:
    """Why a profile is recommended. ``code`` is one of:

    * ``their_offer``: one of my requests (``mine``) matches their offer (``theirs``);
    * ``their_request``: their request (``theirs``) matches my offer (``mine``);
    * ``shared_sector`` / ``shared_cooperation_type``: ``values`` are the shared codes.

    ``terms`` are the words of my listing that matched, ``score`` the part this reason adds.
    """

    code: str
    score: float
    mine: str = ""
    theirs: str = ""
    terms: tuple[str, ...] = ()
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    profile_id: Any
    score: float
    reasons: tuple[Reason, ...]
    load: float = 0.0


def _listing_text(title: str, text: str) -> str:
    return f"{title}\n{text}" if text else title


@dataclass
class _Side:
    """One kind of listing (offers or requests) of all profiles, indexed."""

    index: Index
    owner: np.ndarray  # listing position -> profile position (non-decreasing)
    starts: np.ndarray  # first listing position of each profile that has listings
    owners: np.ndarray  # ... and that profile's position

    @classmethod
    def build(cls, profiles: Sequence[ProfileDoc], kind: str) -> _Side:
        docs = [
            Document(id=(pos, i), fields={"listing": _listing_text(title, text)})
            for pos, p in enumerate(profiles)
            for i, (title, text) in enumerate(getattr(p, kind))
        ]
        index = Index.build(docs, field_weights={})
        owner = np.array([pos for pos, _ in index.ids], dtype=np.int64)
        if len(owner):
            starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        else:
            starts = np.zeros(0, dtype=np.int64)
        return cls(index, owner, starts, owner[starts])

    def per_profile(self, listing_scores: np.ndarray, n_profiles: int) -> np.ndarray:
        """Each profile's best listing score."""
        best = np.zeros(n_profiles)
        if len(self.starts):
            best[self.owners] = np.maximum.reduceat(listing_scores, self.starts)
        return best

    def best_listing(self, listing_scores: np.ndarray, profile_pos: int) -> int:
        """The position of the profile's best listing (the first among equals)."""
        lo, hi = np.searchsorted(self.owner, [profile_pos, profile_pos + 1])
        return int(lo + np.argmax(listing_scores[lo:hi]))


def _saturate(score: np.ndarray) -> np.ndarray:
    return score / (score + TEXT_SATURATION)


class Recommender:
    """The offers and requests of all profiles, indexed once; ``recommend`` per person."""

    def __init__(self, profiles: Iterable[ProfileDoc]) -> None:
        self.profiles: list[ProfileDoc] = sorted(profiles, key=lambda p: p.id)
        ids = [p.id for p in self.profiles]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate profile id")
        self._position = {pid: pos for pos, pid in enumerate(ids)}
        self._offers = _Side.build(self.profiles, "offers")
        self._requests = _Side.build(self.profiles, "requests")
        self._sectors = self._members(lambda p: p.sectors)
        self._cooperation = self._members(lambda p: p.cooperation_types)
        self._languages = self._members(lambda p: p.languages)
        self._no_languages = np.array([not p.languages for p in self.profiles], dtype=bool)

    @classmethod
    def build(cls, profiles: Iterable[ProfileDoc]) -> Recommender:
        return cls(profiles)

    def _members(self, values) -> dict[str, np.ndarray]:
        members: dict[str, list[int]] = defaultdict(list)
        for pos, p in enumerate(self.profiles):
            for value in values(p):
                members[value].append(pos)
        return {v: np.array(pos, dtype=np.int64) for v, pos in members.items()}

    def _count(self, members: dict[str, np.ndarray], mine: Collection[str]) -> np.ndarray:
        count = np.zeros(len(self.profiles))
        for value in mine:
            if value in members:
                count[members[value]] += 1
        return count

    def _direction(self, mine: Sequence[tuple[str, str]], side: _Side):
        """My listings against the other side's listings of one kind: per profile the
        saturated score (best pair + a quarter of my other listings' best pairs, nothing
        below MIN_TEXT_SCORE), and what is needed to explain the best pair later."""
        n = len(self.profiles)
        queries = [analyse_query(_listing_text(title, text)) for title, text in mine]
        listing_scores = [side.index.scores(q) for q in queries]
        if not listing_scores:
            return np.zeros(n), queries, listing_scores, np.zeros((0, n))
        matrix = np.vstack([side.per_profile(s, n) for s in listing_scores])
        best = matrix.max(axis=0)
        total = best + OTHER_LISTINGS_WEIGHT * (matrix.sum(axis=0) - best)
        text = np.where(total >= MIN_TEXT_SCORE, _saturate(total), 0.0)
        return text, queries, listing_scores, matrix

    def _text_reason(
        self, code, pos, value, mine, their_kind, side, queries, listing_scores, matrix
    ) -> Reason:
        my_index = int(np.argmax(matrix[:, pos]))  # the first of my listings among equals
        listing = side.best_listing(listing_scores[my_index], pos)
        _, their_index = side.index.ids[listing]
        return Reason(
            code=code,
            score=round(float(value), 6),
            mine=mine[my_index][0],
            theirs=getattr(self.profiles[pos], their_kind)[their_index][0],
            terms=side.index.matched_words(listing, queries[my_index]),
        )

    def recommend(
        self,
        me: ProfileDoc,
        *,
        met_or_declined: Collection[Any] = (),
        load: Mapping[Any, float] | None = None,
        limit: int | None = None,
    ) -> list[Recommendation]:
        """The other profiles worth meeting for ``me``, best first (ties by id). ``me`` need
        not be among the indexed profiles (its own listings are read from it)."""
        n = len(self.profiles)
        offer_text, offer_q, offer_scores, offer_matrix = self._direction(me.requests, self._offers)
        request_text, request_q, request_scores, request_matrix = self._direction(
            me.offers, self._requests
        )
        sectors = np.minimum(self._count(self._sectors, me.sectors), SECTOR_CAP)
        cooperation = np.minimum(
            self._count(self._cooperation, me.cooperation_types), COOPERATION_CAP
        )
        base = (
            offer_text + request_text + SECTOR_WEIGHT * sectors + COOPERATION_WEIGHT * cooperation
        )
        if me.languages:
            common = self._count(self._languages, me.languages) > 0
            base = np.where(common | self._no_languages, base, base * NO_COMMON_LANGUAGE_FACTOR)
        taken = np.zeros(n)
        if load:
            for pid, value in load.items():
                pos = self._position.get(pid)
                if pos is not None:
                    taken[pos] = min(max(float(value), 0.0), 1.0)
        score = np.round(base * (1.0 - LOAD_PENALTY * taken), 6)
        eligible = base > 0
        for pid in (me.id, *met_or_declined):
            pos = self._position.get(pid)
            if pos is not None:
                eligible[pos] = False
        positions = np.flatnonzero(eligible)
        order = positions[np.lexsort((positions, -score[positions]))]
        if limit is not None:
            order = order[:limit]
        out = []
        for pos in order.tolist():
            other = self.profiles[pos]
            reasons: list[Reason] = []
            if offer_text[pos] > 0:
                reasons.append(
                    self._text_reason(
                        "their_offer",
                        pos,
                        offer_text[pos],
                        me.requests,
                        "offers",
                        self._offers,
                        offer_q,
                        offer_scores,
                        offer_matrix,
                    )
                )
            if request_text[pos] > 0:
                reasons.append(
                    self._text_reason(
                        "their_request",
                        pos,
                        request_text[pos],
                        me.offers,
                        "requests",
                        self._requests,
                        request_q,
                        request_scores,
                        request_matrix,
                    )
                )
            shared = tuple(sorted(me.sectors & other.sectors))
            if shared:
                reasons.append(
                    Reason(
                        "shared_sector",
                        round(float(SECTOR_WEIGHT * sectors[pos]), 6),
                        values=shared,
                    )
                )
            shared = tuple(sorted(me.cooperation_types & other.cooperation_types))
            if shared:
                reasons.append(
                    Reason(
                        "shared_cooperation_type",
                        round(float(COOPERATION_WEIGHT * cooperation[pos]), 6),
                        values=shared,
                    )
                )
            out.append(
                Recommendation(other.id, float(score[pos]), tuple(reasons), float(taken[pos]))
            )
        return out


def recommend(
    me: ProfileDoc,
    others: Iterable[ProfileDoc],
    *,
    met_or_declined: Collection[Any] = (),
    load: Mapping[Any, float] | None = None,
    limit: int | None = None,
) -> list[Recommendation]:
    """One-off form of ``Recommender(...).recommend(me, ...)``; ``others`` may include ``me``."""
    return Recommender([me, *(o for o in others if o.id != me.id)]).recommend(
        me, met_or_declined=met_or_declined, load=load, limit=limit
    )
