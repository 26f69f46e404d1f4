"""Selectors of profile search and "worth meeting" recommendations.

    profiles_search(edition, "przemysł obronny", {"country": "PL", "sector": 12})
        -> [SearchResult(profile_id, score, matched), ...]   best first, ties by id
    recommendations_for(profile, limit=10)
        -> [recommend.Recommendation(profile_id, score, reasons, load), ...]
    profile_search_text(profile) -> str     # the analysed words, for Profile.search_text

The active profiles of an edition are loaded in a constant number of queries (profiles with
their registrations, listings, sectors) and turned into the pure documents of
``kongres.matchmaking.recommend``; the built search index and recommender are kept in this
process per edition and rebuilt only when the edition's profiles change (the key is the latest
``updated_at`` of the profiles and their registrations and the number of active profiles, one
aggregate query). What changes without touching a profile — meetings and requests, hence who
is excluded and how full someone is — is read on every call (two queries).

Filters (any may be missing or empty): ``sector`` (a Sector pk), ``organisation_type``,
``country``, ``cooperation_type``, ``language`` (codes). A filter value may also be a list:
any of its values matches.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, Q

from kongres.matchmaking.enums import ListingKind, MeetingState, RequestState
from kongres.matchmaking.models import Listing, Meeting, MeetingRequest, Profile
from kongres.matchmaking.recommend import (
    Document,
    Index,
    ProfileDoc,
    Recommendation,
    Recommender,
    profile_document,
)
from kongres.matchmaking.text import analyse

__all__ = [
    "SearchResult",
    "profile_doc",
    "profile_search_text",
    "profiles_search",
    "recommendations_for",
]

# Requests in these states keep a pair out of each other's recommendations: they are already
# in touch (pending, accepted) or one side said no (declined). Expired and cancelled requests
# do not: those people may be suggested again.
EXCLUDING_REQUEST_STATES = (RequestState.PENDING, RequestState.ACCEPTED, RequestState.DECLINED)
FILTER_KEYS = ("sector", "organisation_type", "country", "cooperation_type", "language")
CACHED_EDITIONS = 8  # built indexes kept per process


@dataclass(frozen=True)
class SearchResult:
    profile_id: int
    score: float
    matched: tuple[str, ...]  # the query words the profile matched


def _sector_names(sector) -> list[str]:
    data = sector.name.data
    if isinstance(data, dict):
        return [str(v) for v in data.values() if v]
    return [str(data)] if data else []


def _listings(profile: Profile, kind: str) -> tuple[tuple[str, str], ...]:
    items = sorted(
        (item for item in profile.listings.all() if item.kind == kind),
        key=lambda item: (item.order, item.pk),
    )
    return tuple((item.title, item.text) for item in items)


def profile_doc(profile: Profile) -> ProfileDoc:
    """The pure document of a profile (listings, sectors and registration loaded or not)."""
    registration = profile.registration
    return ProfileDoc(
        id=profile.pk,
        organisation=profile.organisation,
        description=profile.description,
        offers=_listings(profile, ListingKind.OFFER),
        requests=_listings(profile, ListingKind.REQUEST),
        sectors=frozenset(str(sector.pk) for sector in profile.sectors.all()),
        cooperation_types=frozenset(profile.cooperation_types or ()),
        languages=frozenset(profile.languages or ()),
        country=registration.country or "",
        organisation_type=registration.organisation_type or "",
    )


def _search_document(profile: Profile, doc: ProfileDoc) -> Document:
    sector_names = "\n".join(name for s in profile.sectors.all() for name in _sector_names(s))
    base = profile_document(doc, sector_names=sector_names)
    fields = dict(base.fields)
    fields["organisation"] = f"{doc.organisation}\n{profile.registration.full_name}"
    return Document(id=base.id, fields=fields, facets=base.facets)


def profile_search_text(profile: Profile) -> str:
    """The analysed terms of a profile (organisation, description, listings, sector names in
    every language), space-separated: what ``Profile.search_text`` may store."""
    parts = [profile.organisation, profile.description]
    for item in sorted(profile.listings.all(), key=lambda i: (i.kind, i.order, i.pk)):
        parts.extend((item.title, item.text))
    for sector in profile.sectors.all():
        parts.extend(_sector_names(sector))
    return " ".join(term for part in parts if part for term in analyse(part))


# --- the per-edition state, built once per change ----------------------------------------


@dataclass
class _State:
    key: tuple
    index: Index
    recommender: Recommender
    docs: dict[int, ProfileDoc]
    max_meetings: dict[int, int]


_cache: OrderedDict[int, _State] = OrderedDict()
_lock = threading.Lock()


def _active_profiles(edition):
    return Profile.objects.filter(edition=edition, is_active=True)


def _key(edition) -> tuple:
    found = _active_profiles(edition).aggregate(
        changed=Max("updated_at"),
        registration_changed=Max("registration__updated_at"),
        count=Count("id"),
    )
    return (found["changed"], found["registration_changed"], found["count"])


def _build(edition, key: tuple) -> _State:
    profiles = list(
        _active_profiles(edition)
        .select_related("registration")
        .prefetch_related(
            Prefetch("listings", queryset=Listing.objects.order_by("order", "id")),
            "sectors",
        )
        .order_by("id")
    )
    docs = {p.pk: profile_doc(p) for p in profiles}
    index = Index.build(_search_document(p, docs[p.pk]) for p in profiles)
    return _State(
        key=key,
        index=index,
        recommender=Recommender.build(docs.values()),
        docs=docs,
        max_meetings={p.pk: p.max_meetings for p in profiles},
    )


def _state(edition) -> _State:
    """The edition's built index, rebuilt when its profiles have changed."""
    key = _key(edition)
    with _lock:
        state = _cache.get(edition.pk)
        if state is None or state.key != key:
            state = _build(edition, key)
            _cache[edition.pk] = state
        _cache.move_to_end(edition.pk)
        while len(_cache) > CACHED_EDITIONS:
            _cache.popitem(last=False)
        return state


def clear_cache() -> None:
    """Forget every built index (tests; a deploy restarts the processes anyway)."""
    with _lock:
        _cache.clear()


# --- selectors ----------------------------------------------------------------------------


def _filters(filters: Mapping[str, Any] | None) -> dict[str, Any]:
    out = {}
    for key in FILTER_KEYS:
        value = (filters or {}).get(key)
        if value in (None, "", [], ()):
            continue
        if isinstance(value, str | int):
            out[key] = str(value)
        else:
            out[key] = [str(v) for v in value]
    return out


def profiles_search(
    edition, query: str = "", filters: Mapping[str, Any] | None = None, *, limit=None
) -> list[SearchResult]:
    """Active profiles of the edition matching the query (Polish or English, any inflected
    or derived form, with or without Polish letters) and the filters, best first; an empty
    query lists every profile that passes the filters, by id."""
    state = _state(edition)
    hits = state.index.search(query or "", _filters(filters), limit=limit)
    return [SearchResult(hit.id, hit.score, hit.matched) for hit in hits]


def _counterparts(profile: Profile) -> set[int]:
    """People already met, in touch or declined: both directions, one query each."""
    found = set()
    for sender, recipient in MeetingRequest.objects.filter(
        Q(sender=profile) | Q(recipient=profile), state__in=EXCLUDING_REQUEST_STATES
    ).values_list("sender_id", "recipient_id"):
        found.add(recipient if sender == profile.pk else sender)
    return found


def _load(edition, max_meetings: Mapping[int, int]) -> dict[int, float]:
    """The share of each person's maximum of meetings that planned meetings already take
    (one query; a maximum of 0 counts as full)."""
    taken: Counter[int] = Counter()
    for a, b in Meeting.objects.filter(edition=edition, state=MeetingState.PLANNED).values_list(
        "a_id", "b_id"
    ):
        taken[a] += 1
        taken[b] += 1
    return {
        pid: (count / max_meetings[pid] if max_meetings.get(pid) else 1.0)
        for pid, count in taken.items()
        if pid in max_meetings
    }


def _met(edition, profile: Profile) -> set[int]:
    """Partners of planned meetings (also those the organiser made without a request)."""
    found = set()
    for a, b in Meeting.objects.filter(
        Q(a=profile) | Q(b=profile), edition=edition, state=MeetingState.PLANNED
    ).values_list("a_id", "b_id"):
        found.add(b if a == profile.pk else a)
    return found


def recommendations_for(profile: Profile, limit: int | None = 10) -> list[Recommendation]:
    """Active profiles worth meeting for ``profile``, best first, each with its reasons
    (``recommend.Reason``: ``their_offer``, ``their_request``, ``shared_sector`` with Sector
    pks as ``values``, ``shared_cooperation_type``). Never oneself, nobody already met, in
    touch or declined; people whose meetings are mostly taken rank lower."""
    edition = profile.edition
    state = _state(edition)
    me = state.docs.get(profile.pk)
    if me is None:  # an inactive profile still gets suggestions from its current content
        loaded = (
            Profile.objects.filter(pk=profile.pk)
            .select_related("registration")
            .prefetch_related("listings", "sectors")
            .get()
        )
        me = profile_doc(loaded)
    excluded = _counterparts(profile) | _met(edition, profile)
    load = _load(edition, state.max_meetings)
    return state.recommender.recommend(me, met_or_declined=excluded, load=load, limit=limit)
