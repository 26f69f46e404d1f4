"""Reads of matchmaking: settings, free slots, agendas, table agendas and statistics.

Search and recommendations (``profiles_search``, ``recommendations_for``) build on the pure
modules ``kongres.matchmaking.text`` and ``kongres.matchmaking.recommend``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from kongres.matchmaking.enums import HELD_OUTCOMES, MeetingState, Outcome, RequestState
from kongres.matchmaking.models import (
    ConsultationSlot,
    MatchmakingSession,
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    Profile,
    Slot,
    SlotBooking,
)
from kongres.matchmaking.scheduler.breaks import idle_slots


def matchmaking_settings(edition) -> MatchmakingSettings:
    """The edition's settings, or an unsaved default (matchmaking off) when none were made."""
    found = MatchmakingSettings.objects.filter(edition=edition).first()
    return found if found is not None else MatchmakingSettings(edition=edition)


def profile_of(registration) -> Profile | None:
    """The registration's matchmaking profile (active or not), or None."""
    return (
        Profile.objects.filter(registration=registration)
        .select_related("registration", "edition")
        .first()
    )


def sessions_of(edition):
    """The edition's matchmaking sessions with their slots, in time order."""
    return MatchmakingSession.objects.filter(edition=edition).prefetch_related(
        Prefetch("slots", queryset=Slot.objects.order_by("starts_at", "id"))
    )


def slot_day(slot: Slot):
    """The local date of a slot: breaks are counted per day."""
    from kongres.program.models import LOCAL_TZ

    return timezone.localtime(slot.starts_at, LOCAL_TZ).date()


def available_slots_of(profile_ids) -> dict[int, set[int]]:
    """Slot ids each profile is available in and not taken by a consultation (two queries)."""
    available: dict[int, set[int]] = {pk: set() for pk in profile_ids}
    for profile_id, slot_id in Profile.available_slots.through.objects.filter(
        profile_id__in=available
    ).values_list("profile_id", "slot_id"):
        available[profile_id].add(slot_id)
    for profile_id, slot_id in SlotBooking.objects.filter(
        profile_id__in=available, consultation__isnull=False
    ).values_list("profile_id", "slot_id"):
        available[profile_id].discard(slot_id)
    return available


@dataclass
class PersonBreaks:
    profile: Profile
    slots: list[Slot]  # the idle slots, in time order

    @property
    def count(self) -> int:
        return len(self.slots)


@dataclass
class ScheduleBreaks:
    total: int
    people: list[PersonBreaks]  # most breaks first, then by name


def schedule_breaks(*, edition, meetings, draft: bool) -> ScheduleBreaks:
    """Breaks of a placement (the draft or the visible one) of ``meetings`` (planned, with
    ``a``/``b`` and their registrations loaded): for each person and day, the available
    slots strictly between their first and last meeting of the day where they have none
    (the scheduler's definition, ``kongres.matchmaking.scheduler.breaks``). Three queries."""
    slots = list(slots_of(edition))
    by_id = {slot.pk: slot for slot in slots}
    days: dict[object, list[int]] = {}
    for slot in slots:
        days.setdefault(slot_day(slot), []).append(slot.pk)
    busy: dict[int, set[int]] = defaultdict(set)
    profiles: dict[int, Profile] = {}
    for meeting in meetings:
        slot_id = meeting.draft_slot_id if draft else meeting.slot_id
        if slot_id is None:
            continue
        for profile in (meeting.a, meeting.b):
            busy[profile.pk].add(slot_id)
            profiles[profile.pk] = profile
    available = available_slots_of(list(busy))
    people = []
    for pk, mine in busy.items():
        idle = idle_slots(list(days.values()), available[pk], mine)
        if idle:
            people.append(PersonBreaks(profiles[pk], [by_id[s] for s in idle]))
    people.sort(key=lambda row: (-row.count, row.profile.registration.full_name, row.profile.pk))
    return ScheduleBreaks(sum(row.count for row in people), people)


def slots_of(edition):
    return (
        Slot.objects.filter(session__edition=edition)
        .select_related("session")
        .order_by("starts_at", "session__order", "id")
    )


def planned_meetings_of(profile: Profile):
    """Every planned meeting of a profile, placed or not, partners loaded."""
    return (
        Meeting.objects.filter(Q(a=profile) | Q(b=profile), state=MeetingState.PLANNED)
        .select_related("a__registration", "b__registration", "slot__session", "request")
        .order_by("slot__starts_at", "table", "id")
    )


def _taken_tables(slot_ids) -> dict[int, set[int]]:
    taken: dict[int, set[int]] = defaultdict(set)
    for slot_id, table in Meeting.objects.filter(
        slot_id__in=list(slot_ids), state=MeetingState.PLANNED
    ).values_list("slot_id", "table"):
        taken[slot_id].add(table)
    return taken


def free_table(slot: Slot) -> int | None:
    """The lowest table number free in a slot, or None when every table is taken."""
    taken = _taken_tables([slot.pk])[slot.pk]
    for table in range(1, slot.session.tables + 1):
        if table not in taken:
            return table
    return None


def free_slots_for(request: MeetingRequest, *, now: datetime | None = None) -> list[Slot]:
    """Slots where both sides are available and free and a table is free, in time order.

    Each slot carries ``free_tables`` (how many tables are still free). A request limited to a
    session gives only that session's slots; slots that have begun are left out.
    """
    now = now or timezone.now()
    sender, recipient = request.sender, request.recipient
    slots = (
        Slot.objects.filter(session__edition_id=request.edition_id, starts_at__gt=now)
        .filter(available_profiles=sender)
        .filter(available_profiles=recipient)
        .exclude(bookings__profile__in=[sender.pk, recipient.pk])
        .select_related("session")
        .order_by("starts_at", "session__order", "id")
        .distinct()
    )
    if request.session_id:
        slots = slots.filter(session_id=request.session_id)
    slots = list(slots)
    taken = _taken_tables(slot.pk for slot in slots)
    free = []
    for slot in slots:
        slot.free_tables = slot.session.tables - len(taken[slot.pk])
        if slot.free_tables > 0:
            free.append(slot)
    return free


@dataclass
class AgendaItem:
    """One entry of a person's agenda: a placed meeting or a booked consultation."""

    kind: str  # "meeting" | "consultation"
    starts_at: datetime
    ends_at: datetime
    location: str = ""
    slot: Slot | None = None
    table: int | None = None
    meeting: Meeting | None = None
    partner: Profile | None = None
    consultation: ConsultationSlot | None = None


def agenda_for(profile: Profile) -> list[AgendaItem]:
    """A person's placed, visible meetings and booked consultations, in time order.

    Meetings accepted but not yet placed (organiser mode before publication) are not here;
    ``planned_meetings_of`` lists every planned meeting.
    """
    items = []
    meetings = (
        planned_meetings_of(profile)
        .filter(slot__isnull=False, is_published=True)
        .prefetch_related("a__listings", "b__listings")
    )
    for meeting in meetings:
        items.append(
            AgendaItem(
                kind="meeting",
                starts_at=meeting.slot.starts_at,
                ends_at=meeting.slot.ends_at,
                location=meeting.slot.session.location,
                slot=meeting.slot,
                table=meeting.table,
                meeting=meeting,
                partner=meeting.partner_of(profile),
            )
        )
    items.extend(_consultation_items(profile.registration))
    items.sort(key=lambda item: (item.starts_at, item.kind))
    return items


def _consultation_items(registration) -> list[AgendaItem]:
    consultations = ConsultationSlot.objects.filter(booked_by=registration).select_related("host")
    return [
        AgendaItem(
            kind="consultation",
            starts_at=consultation.starts_at,
            ends_at=consultation.ends_at,
            location=consultation.host.location,
            consultation=consultation,
        )
        for consultation in consultations
    ]


def consultations_of(registration):
    """The consultation slots a registration booked, in time order."""
    return (
        ConsultationSlot.objects.filter(booked_by=registration)
        .select_related("host")
        .order_by("starts_at", "id")
    )


def consultation_slots_open(edition, *, now: datetime | None = None):
    """Hosts of an edition with their future slots (booked or not), for the booking page."""
    from kongres.matchmaking.models import ConsultationHost

    now = now or timezone.now()
    return ConsultationHost.objects.filter(edition=edition).prefetch_related(
        Prefetch(
            "slots",
            queryset=ConsultationSlot.objects.filter(starts_at__gt=now).order_by("starts_at"),
        )
    )


@dataclass
class TableSchedule:
    """The meetings at one table of one session, in slot order."""

    session: MatchmakingSession
    table: int
    meetings: list[Meeting] = field(default_factory=list)


def table_agendas(edition, *, published_only: bool = True) -> list[TableSchedule]:
    """Every table of every session that has a placed meeting, with its meetings in order."""
    meetings = (
        Meeting.objects.filter(edition=edition, state=MeetingState.PLANNED, slot__isnull=False)
        .select_related("slot__session", "a__registration", "b__registration")
        .order_by("slot__session__starts_at", "table", "slot__starts_at", "id")
    )
    if published_only:
        meetings = meetings.filter(is_published=True)
    tables: dict[tuple[int, int], TableSchedule] = {}
    for meeting in meetings:
        key = (meeting.slot.session_id, meeting.table)
        if key not in tables:
            tables[key] = TableSchedule(session=meeting.slot.session, table=meeting.table)
        tables[key].meetings.append(meeting)
    return list(tables.values())


def requests_incoming(profile: Profile):
    return (
        MeetingRequest.objects.filter(recipient=profile)
        .select_related("sender__registration", "session")
        .order_by("-created_at", "-id")
    )


def requests_outgoing(profile: Profile):
    return (
        MeetingRequest.objects.filter(sender=profile)
        .select_related("recipient__registration", "session")
        .order_by("-created_at", "-id")
    )


def open_request_between(a: Profile, b: Profile) -> MeetingRequest | None:
    """The pending or accepted request between two people, whoever sent it."""
    return (
        MeetingRequest.objects.filter(
            Q(sender=a, recipient=b) | Q(sender=b, recipient=a),
            state__in=(RequestState.PENDING, RequestState.ACCEPTED),
        )
        .order_by("-created_at")
        .first()
    )


def bookings_of(profile: Profile) -> set[int]:
    """Ids of the slots a profile has taken (by a meeting or a consultation)."""
    return set(SlotBooking.objects.filter(profile=profile).values_list("slot_id", flat=True))


def matchmaking_stats(edition) -> dict:
    """Figures for the organiser: requests, acceptance, meetings, held, no-shows, outcomes."""
    profiles = Profile.objects.filter(edition=edition)
    requests = Counter(
        dict(
            MeetingRequest.objects.filter(edition=edition)
            .values_list("state")
            .annotate(n=Count("id"))
            .values_list("state", "n")
        )
    )
    answered = requests[RequestState.ACCEPTED] + requests[RequestState.DECLINED]
    meetings = Meeting.objects.filter(edition=edition)
    planned = meetings.filter(state=MeetingState.PLANNED)
    outcomes: Counter = Counter()
    for outcome_a, outcome_b in planned.values_list("outcome_a", "outcome_b"):
        for outcome in (outcome_a, outcome_b):
            if outcome:
                outcomes[outcome] += 1
    people_with_meetings = set(planned.values_list("a_id", flat=True)) | set(
        planned.values_list("b_id", flat=True)
    )
    return {
        "profiles": profiles.filter(is_active=True).count(),
        "profiles_inactive": profiles.filter(is_active=False).count(),
        "requests": sum(requests.values()),
        "requests_by_state": {state.value: requests[state] for state in RequestState},
        "acceptance_rate": (requests[RequestState.ACCEPTED] / answered) if answered else None,
        "meetings": planned.count(),
        "meetings_cancelled": meetings.filter(state=MeetingState.CANCELLED).count(),
        "meetings_scheduled": planned.filter(slot__isnull=False).count(),
        "meetings_published": planned.filter(slot__isnull=False, is_published=True).count(),
        "meetings_held": planned.filter(held=True).count(),
        "meetings_not_held": planned.filter(held=False).count(),
        "no_shows": outcomes[Outcome.NO_SHOW],
        "outcomes": {outcome.value: outcomes[outcome] for outcome in Outcome},
        "cooperation": outcomes[Outcome.COOPERATION],
        "answers_held": sum(outcomes[o] for o in HELD_OUTCOMES),
        "people_with_meetings": len(people_with_meetings),
    }


def matchmaking_figures(*, edition) -> dict:
    """The dashboard's matchmaking figures in three aggregate queries, whatever the numbers:
    profiles (active, inactive), requests by state, meetings (planned, of which scheduled and
    published, and cancelled)."""
    profiles = Profile.objects.filter(edition=edition).aggregate(
        active=Count("id", filter=Q(is_active=True)),
        inactive=Count("id", filter=Q(is_active=False)),
    )
    requests = dict(
        MeetingRequest.objects.filter(edition=edition)
        .order_by()
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    planned = Q(state=MeetingState.PLANNED)
    scheduled = planned & Q(slot__isnull=False)
    meetings = Meeting.objects.filter(edition=edition).aggregate(
        planned=Count("id", filter=planned),
        scheduled=Count("id", filter=scheduled),
        published=Count("id", filter=scheduled & Q(is_published=True)),
        cancelled=Count("id", filter=Q(state=MeetingState.CANCELLED)),
    )
    return {
        "profiles_active": profiles["active"],
        "profiles_inactive": profiles["inactive"],
        "requests": sum(requests.values()),
        "requests_by_state": [
            (state.value, requests.get(state.value, 0)) for state in RequestState
        ],
        "meetings_planned": meetings["planned"],
        "meetings_scheduled": meetings["scheduled"],
        "meetings_published": meetings["published"],
        "meetings_cancelled": meetings["cancelled"],
    }
