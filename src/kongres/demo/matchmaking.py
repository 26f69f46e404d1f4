"""Loads the demo's B2B matchmaking (content in ``matchmaking_content``), idempotently.

Settings, sessions, slots, sectors, profiles with their listings, and consultation hosts with
their slots are content: found by natural keys and written only when a value differs. What
participants do is created once and never touched again, so that a visitor's or an
organiser's changes in the demo survive a reload: a profile's activity, availability and
maximum; requests (found by sender and recipient), meetings and their places; consultation
bookings. Meetings are placed like self-scheduling places them: the earliest slot both sides
are available and free, at the lowest free table, with one ``SlotBooking`` per side.
"""

import datetime as dt

from kongres.demo import matchmaking_content as mm
from kongres.matchmaking.enums import MeetingState, RequestState, SectorKind
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
from kongres.matchmaking.services import search_text_of
from kongres.registration.enums import HOLDING_STATES
from kongres.registration.models import Registration

# When the demo's requests were sent and answered (before the congress).
SENT_AT = dt.datetime(2025, 10, 20, 9, 0, tzinfo=dt.UTC)
ANSWERED_AT = dt.datetime(2025, 10, 22, 12, 0, tzinfo=dt.UTC)


def load_matchmaking(edition, *, upsert, aware, writes: dict) -> None:
    """Called by ``demo_load`` inside its transaction, with scopes disabled."""
    opens = mm.SETTINGS["booking_opens_at"]
    upsert(
        MatchmakingSettings,
        {"edition": edition},
        {
            **mm.SETTINGS,
            "booking_opens_at": aware(*opens) if opens else None,
        },
        writes,
    )
    slots = []
    for data in mm.SESSIONS:
        values = {
            **{k: v for k, v in data.items() if k != "code"},
            "starts_at": aware(*data["starts_at"]),
            "ends_at": aware(*data["ends_at"]),
            "is_example_data": True,
        }
        session = upsert(
            MatchmakingSession, {"edition": edition, "code": data["code"]}, values, writes
        )
        step = dt.timedelta(minutes=session.slot_minutes)
        start, number = session.starts_at, 1
        while start + step <= session.ends_at:
            slots.append(
                upsert(
                    Slot,
                    {"session": session, "code": f"{session.code}{number:02d}"},
                    {"starts_at": start, "ends_at": start + step},
                    writes,
                )
            )
            start, number = start + step, number + 1
    slot_by_code = {slot.code: slot for slot in slots}
    sectors = {
        code: upsert(Sector, {"kind": SectorKind.PKD, "code": code}, {"name": (pl, en)}, writes)
        for code, pl, en in mm.SECTORS
    }
    profiles = _load_profiles(edition, slot_by_code, sectors, upsert, writes)
    _load_requests(edition, profiles, slots, writes)
    _load_consultations(edition, upsert, aware, writes)


def _load_profiles(edition, slot_by_code, sectors, upsert, writes) -> dict[str, Profile]:
    registrations = {
        r.email: r
        for r in Registration.objects.filter(
            edition=edition, email__in=[data["email"] for data in mm.PROFILES]
        )
    }
    profiles = {}
    for data in mm.PROFILES:
        registration = registrations[data["email"]]  # a KeyError is a bug in the content
        if registration.state not in HOLDING_STATES:
            continue
        existing = Profile.objects.filter(registration=registration).first()
        values = {
            "edition": edition,
            "organisation": registration.organisation,
            "description": data["description"],
            "cooperation_types": data["cooperation_types"],
            "languages": data["languages"],
            "is_example_data": True,
        }
        if existing is None:
            values["max_meetings"] = data["max_meetings"]
        profile = upsert(Profile, {"registration": registration}, values, writes)
        if existing is None:
            available = []
            for name in data["available"]:
                if name in slot_by_code:
                    available.append(slot_by_code[name])
                else:
                    available.extend(s for s in slot_by_code.values() if s.code[0] == name)
            profile.available_slots.set(available)
        wanted_sectors = {sectors[code].pk for code in data["sectors"]}
        if set(profile.sectors.values_list("pk", flat=True)) != wanted_sectors:
            profile.sectors.set(wanted_sectors)
            if existing is not None:
                writes["updated"] += 1
        for order, (kind, title, text) in enumerate(data["listings"]):
            upsert(
                Listing,
                {"profile": profile, "order": order},
                {"kind": kind, "title": title, "text": text},
                writes,
            )
        for stale in Listing.objects.filter(profile=profile, order__gte=len(data["listings"])):
            stale.delete()
            writes["updated"] += 1
        text = search_text_of(profile)
        if profile.search_text != text:
            Profile.objects.filter(pk=profile.pk).update(search_text=text)
            profile.search_text = text
            if existing is not None:
                writes["updated"] += 1
        profiles[data["email"].split("@")[0]] = profile
    return profiles


def _load_requests(edition, profiles, slots, writes) -> None:
    for sender_key, recipient_key, state, message, outcome in mm.REQUESTS:
        sender, recipient = profiles.get(sender_key), profiles.get(recipient_key)
        if sender is None or recipient is None:
            continue
        if MeetingRequest.objects.filter(sender=sender, recipient=recipient).exists():
            continue
        request = MeetingRequest.objects.create(
            edition=edition,
            sender=sender,
            recipient=recipient,
            message=message,
            state=state,
            answered_at=None if state == RequestState.PENDING else ANSWERED_AT,
            expires_at=SENT_AT + dt.timedelta(hours=120) if state == RequestState.EXPIRED else None,
        )
        MeetingRequest.objects.filter(pk=request.pk).update(created_at=SENT_AT)
        writes["created"] += 1
        if state != RequestState.ACCEPTED:
            continue
        slot, table = _first_free_place(sender, recipient, slots)
        outcome_a, outcome_b = outcome or ("", "")
        meeting = Meeting.objects.create(
            edition=edition,
            request=request,
            a=sender,
            b=recipient,
            state=MeetingState.PLANNED,
            slot=slot,
            table=table,
            # Published from the organiser's schedule: the draft is what participants see.
            draft_slot=slot,
            draft_table=table,
            is_published=True,
            outcome_a=outcome_a,
            outcome_b=outcome_b,
            held=_held(outcome_a, outcome_b),
        )
        SlotBooking.objects.bulk_create(
            [
                SlotBooking(profile=sender, slot=slot, meeting=meeting),
                SlotBooking(profile=recipient, slot=slot, meeting=meeting),
            ]
        )
        writes["created"] += 3


def _held(*outcomes: str) -> bool | None:
    if any(o in ("held", "cooperation", "no_cooperation") for o in outcomes):
        return True
    if "no_show" in outcomes:
        return False
    return None


def _first_free_place(a: Profile, b: Profile, slots: list[Slot]) -> tuple[Slot, int]:
    """The earliest slot where both are available and free, with its lowest free table."""
    available = set(a.available_slots.values_list("pk", flat=True)) & set(
        b.available_slots.values_list("pk", flat=True)
    )
    busy = set(SlotBooking.objects.filter(profile__in=[a, b]).values_list("slot_id", flat=True))
    for slot in slots:
        if slot.pk not in available or slot.pk in busy:
            continue
        taken = set(
            Meeting.objects.filter(slot=slot, state=MeetingState.PLANNED).values_list(
                "table", flat=True
            )
        )
        free = [t for t in range(1, slot.session.tables + 1) if t not in taken]
        if free:
            return slot, free[0]
    raise ValueError(f"demo content: no common free slot for {a} and {b}")


def _load_consultations(edition, upsert, aware, writes) -> None:
    for data in mm.CONSULTATION_HOSTS:
        host = upsert(
            ConsultationHost,
            {"edition": edition, "name": data["name"]},
            {
                "role": data["role"],
                "topic": data["topic"],
                "location": data["location"],
                "order": data["order"],
                "is_example_data": True,
            },
            writes,
        )
        day, first, count, minutes = data["slots"]
        start = aware(day, first)
        step = dt.timedelta(minutes=minutes)
        for number in range(count):
            upsert(
                ConsultationSlot,
                {"host": host, "starts_at": start + number * step},
                {"ends_at": start + (number + 1) * step},
                writes,
            )
        bookers = Registration.objects.filter(
            edition=edition,
            email__in=[f"{key}@example.org" for key in data["booked"]],
            state__in=HOLDING_STATES,
        ).order_by("last_name")
        for number, registration in enumerate(bookers):
            if ConsultationSlot.objects.filter(host=host, booked_by=registration).exists():
                continue
            if Profile.objects.filter(registration=registration, is_active=True).exists():
                continue  # bookers of the demo have no matchmaking profile (no slot bookings)
            slot = (
                ConsultationSlot.objects.filter(host=host, booked_by__isnull=True)
                .order_by("starts_at")
                .first()
            )
            if slot is None:
                break
            slot.booked_by = registration
            slot.booked_at = ANSWERED_AT + dt.timedelta(minutes=number)
            slot.save(update_fields=["booked_by", "booked_at"])
