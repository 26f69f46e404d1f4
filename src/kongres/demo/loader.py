"""Idempotent loader of the demo data (see ``kongres.demo.content``).

Every object is found by its natural key and written only when a value really differs, so a
second run writes nothing: no duplicates, and ``updated_at`` and ``Edition.content_version``
stay where they are.

Example registrations are different: they are created once each (found by e-mail address)
through the registration services, so that places, seats and waiting lists are consistent,
and are never updated afterwards. The e-mails those services queue are marked "suppressed"
(never "sent"), with the reason ``DEMO_NOT_SENT``, in the same transaction, so the worker never
sends them and the demo's mail folder holds only what visitors of the demo do.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Max
from django_scopes import scopes_disabled
from i18nfield.fields import I18nFieldMixin
from i18nfield.strings import LazyI18nString

from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.demo import content, matchmaking_content
from kongres.demo.matchmaking import load_matchmaking
from kongres.demo.onsite import load_onsite
from kongres.events.models import Edition, Organisation, Partner, Series, Venue
from kongres.matchmaking.models import ConsultationHost, Meeting, MeetingRequest, Profile
from kongres.onsite.models import CheckIn, CheckInPoint, Scan
from kongres.program.models import Day, Room, Session, SessionSpeaker, Speaker, Theme
from kongres.registration import services as registration_services
from kongres.registration.enums import CancelReason, RegistrationState
from kongres.registration.models import (
    Category,
    ConsentText,
    InvitationCode,
    Question,
    Registration,
)
from kongres.visits.enums import ACTIVE_STATES
from kongres.visits.models import Signup, StudyVisit

WARSAW = ZoneInfo("Europe/Warsaw")

# Messages that the demo registrations queue are never sent: the demo's mail folder shows only
# what visitors of the demo do. They stay in the delivery log, marked with this note.
DEMO_NOT_SENT = "demo data, not sent"
DEMO_ACTOR = "demo"


def _prepare(field, value):
    """Content value -> model value: ``(pl, en)`` pairs become translatable strings."""
    if isinstance(field, I18nFieldMixin) and isinstance(value, tuple):
        return LazyI18nString(dict(zip(("pl", "en"), value, strict=True)))
    if isinstance(field, I18nFieldMixin) and isinstance(value, dict):
        return LazyI18nString(value)
    return value


def _comparable(field, value):
    if field.is_relation:
        return getattr(value, "pk", value)
    if isinstance(field, I18nFieldMixin):
        return field.get_prep_value(value)  # JSON with sorted keys, empty languages dropped
    return field.to_python(value)


def _upsert(model, lookup: dict, values: dict, writes: dict):
    """Create the object found by ``lookup``, or update only the fields that differ."""
    fields = {name: model._meta.get_field(name) for name in values}
    values = {name: _prepare(fields[name], value) for name, value in values.items()}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        writes["created"] += 1
        return obj
    changed = []
    for name, value in values.items():
        field = fields[name]
        current = getattr(obj, field.attname)
        if _comparable(field, current) != _comparable(field, value):
            setattr(obj, name, value)
            changed.append(name)
    if changed:
        obj.full_clean()
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            changed.append("updated_at")
        # update_fields keeps Edition.content_version (bumped in the database by signals) intact.
        obj.save(update_fields=changed)
        writes["updated"] += 1
    return obj


def _aware(date: dt.date, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(date, dt.time.fromisoformat(hhmm), tzinfo=WARSAW)


def _without(data: dict, *keys: str) -> dict:
    return {key: value for key, value in data.items() if key not in keys}


def demo_load(writes: dict | None = None) -> dict:
    """Create or update the demo data; return how many demo objects of each kind exist.

    ``writes``, when given, receives the number of rows created and updated by this run.
    """
    writes = writes if writes is not None else {}
    writes.update(created=0, updated=0)
    with transaction.atomic(), scopes_disabled():
        org_data = content.ORGANISATION
        organisation = _upsert(
            Organisation, {"slug": org_data["slug"]}, _without(org_data, "slug"), writes
        )
        series = _upsert(
            Series,
            {"slug": content.SERIES["slug"]},
            {**_without(content.SERIES, "slug"), "organisation": organisation},
            writes,
        )
        venue_data = content.VENUE
        venue = _upsert(
            Venue,
            {"name": venue_data["name"], "city": venue_data["city"]},
            _without(venue_data, "name", "city"),
            writes,
        )
        editions = {}
        for data in content.EDITIONS:
            values = {**_without(data, "slug"), "series": series}
            values["venue"] = venue if data["venue"] else None
            editions[data["slug"]] = _upsert(Edition, {"slug": data["slug"]}, values, writes)

        edition = editions[content.DEMO_EDITION]
        for data in content.PARTNERS:
            _upsert(
                Partner, {"edition": edition, "name": data["name"]}, _without(data, "name"), writes
            )
        days = {
            data["date"]: _upsert(
                Day, {"edition": edition, "date": data["date"]}, _without(data, "date"), writes
            )
            for data in content.DAYS
        }
        rooms = {
            data["order"]: _upsert(
                Room, {"edition": edition, "order": data["order"]}, _without(data, "order"), writes
            )
            for data in content.ROOMS
        }
        themes = {
            data["slug"]: _upsert(
                Theme, {"edition": edition, "slug": data["slug"]}, _without(data, "slug"), writes
            )
            for data in content.THEMES
        }
        speakers = {
            data["slug"]: _upsert(
                Speaker,
                {"edition": edition, "slug": data["slug"]},
                {**_without(data, "slug"), "is_example_data": True},
                writes,
            )
            for data in content.SPEAKERS
        }
        sessions = {}
        for data in content.SESSIONS:
            values = {
                "kind": data["kind"],
                "day": days[data["date"]],
                "title": data["title"],
                "abstract": data["abstract"],
                "start": _aware(data["date"], data["start"]),
                "end": _aware(data["date"], data["end"]),
                "room": rooms[data["room"]] if data["room"] else None,
                "theme": themes[data["theme"]] if data["theme"] else None,
                "capacity": data.get("capacity"),
                "is_example_data": True,
            }
            session = _upsert(Session, {"edition": edition, "slug": data["slug"]}, values, writes)
            sessions[data["slug"]] = session
            wanted = []
            for order, (speaker_slug, role) in enumerate(data["speakers"], start=1):
                speaker = speakers[speaker_slug]
                wanted.append(speaker.pk)
                _upsert(
                    SessionSpeaker,
                    {"session": session, "speaker": speaker},
                    {"role": role, "order": order},
                    writes,
                )
            # The line-up is defined by the content: drop people no longer on it.
            stale = SessionSpeaker.objects.filter(session=session).exclude(speaker_id__in=wanted)
            for appearance in stale:
                appearance.delete()
                writes["updated"] += 1

        setup = _load_registration_setup(edition, sessions, writes)
        _load_registrations(edition, sessions, setup, writes)
        load_matchmaking(edition, upsert=_upsert, aware=_aware, writes=writes)
        load_onsite(edition, upsert=_upsert, writes=writes)

        in_series = {"edition__series": series}
        return {
            "organisations": Organisation.objects.filter(pk=organisation.pk).count(),
            "series": Series.objects.filter(pk=series.pk).count(),
            "venues": Venue.objects.filter(editions__series=series).distinct().count(),
            "editions": Edition.objects.filter(series=series).count(),
            "partners": Partner.objects.filter(**in_series).count(),
            "days": Day.objects.filter(**in_series).count(),
            "rooms": Room.objects.filter(**in_series).count(),
            "themes": Theme.objects.filter(**in_series).count(),
            "speakers": Speaker.objects.filter(**in_series).count(),
            "sessions": Session.objects.filter(**in_series).count(),
            "panels": Session.objects.filter(**in_series, kind="panel").count(),
            "study_visits": Session.objects.filter(**in_series, kind="study_visit").count(),
            "session_speakers": SessionSpeaker.objects.filter(
                session__edition__series=series
            ).count(),
            "registration_categories": Category.objects.filter(**in_series).count(),
            "consent_texts": ConsentText.objects.filter(**in_series).count(),
            "questions": Question.objects.filter(**in_series).count(),
            "invitation_codes": InvitationCode.objects.filter(**in_series).count(),
            "study_visit_hosts": StudyVisit.objects.filter(**in_series).count(),
            "registrations": Registration.objects.filter(**in_series).count(),
            "signups": Signup.objects.filter(**in_series, state__in=ACTIVE_STATES).count(),
            "matchmaking_profiles": Profile.objects.filter(**in_series).count(),
            "meeting_requests": MeetingRequest.objects.filter(**in_series).count(),
            "meetings": Meeting.objects.filter(**in_series).count(),
            "consultation_hosts": ConsultationHost.objects.filter(**in_series).count(),
            "checkin_points": CheckInPoint.objects.filter(**in_series).count(),
            "checkin_scans": Scan.objects.filter(**in_series).count(),
            "checkins": CheckIn.objects.filter(**in_series).count(),
        }


def _load_registration_setup(edition, sessions: dict, writes: dict) -> dict:
    """Categories, consent texts, questions, invitation codes and the study visits' hosts."""
    opens_on, opens_at = content.REGISTRATION_OPENS
    opens = _aware(dt.date.fromisoformat(opens_on), opens_at)
    categories = {
        data["slug"]: _upsert(
            Category,
            {"edition": edition, "slug": data["slug"]},
            {**_without(data, "slug"), "opens_at": opens, "closes_at": None},
            writes,
        )
        for data in content.CATEGORIES
    }
    consents = {
        data["kind"]: _upsert(
            ConsentText,
            {"edition": edition, "kind": data["kind"], "version": data["version"]},
            _without(data, "kind", "version"),
            writes,
        )
        for data in content.CONSENTS
    }
    questions = {
        data["order"]: _upsert(
            Question,
            {"edition": edition, "order": data["order"]},
            _without(data, "order"),
            writes,
        )
        for data in content.QUESTIONS
    }
    for data in content.INVITATION_CODES:
        _upsert(
            InvitationCode,
            {"edition": edition, "code": data["code"]},
            {**_without(data, "code"), "category": categories[data["category"]]},
            writes,
        )
    for data in content.STUDY_VISITS:
        session = sessions[data["session"]]
        _upsert(
            StudyVisit,
            {"session": session},
            {
                **_without(data, "session"),
                "edition": edition,
                "departure_at": session.start,
                "return_at": session.end,
                "is_example_data": True,
            },
            writes,
        )
    return {"categories": categories, "consents": consents, "questions": questions}


def _load_registrations(edition, sessions: dict, setup: dict, writes: dict) -> None:
    """Example people, registered once each (found by e-mail) through the services.

    Going through the services keeps places, seats and waiting lists exactly as real use would
    make them. The e-mails the services queue are marked as not sent (see ``DEMO_NOT_SENT``).
    """
    services = registration_services
    known = set(Registration.objects.filter(edition=edition).values_list("email_key", flat=True))
    last_message = Message.objects.aggregate(last=Max("pk"))["last"] or 0
    consents, questions = setup["consents"], setup["questions"]
    created = 0
    for person in (*content.REGISTRATIONS, *matchmaking_content.REGISTRATIONS):
        if services.email_key(person["email"]) in known:
            continue
        consent_ids = [consents["processing"].pk]
        if person["photos"]:
            consent_ids.append(consents["image"].pk)
        if person["newsletter"]:
            consent_ids.append(consents["newsletter"].pk)
        details = {
            name: person[name]
            for name in services.EDITABLE_FIELDS
            if name in person and name not in ("first_name", "last_name", "language")
        }
        details["answers"] = {
            str(questions[1].pk): person["networking"],
            str(questions[2].pk): person["source"],
        }
        data = services.RegistrationInput(
            first_name=person["first_name"],
            last_name=person["last_name"],
            email=person["email"],
            language=person["language"],
            details=details,
            consent_ids=consent_ids,
            session_ids=[sessions[person["visit"]].pk] if person["visit"] else [],
        )
        registration, _created = services.registration_create(
            edition=edition,
            category=setup["categories"][person["category"]],
            data=data,
            invitation_code=person["code"],
            actor_label=DEMO_ACTOR,
        )
        target = person["state"]
        if target != RegistrationState.UNVERIFIED:
            registration = services.registration_verify(registration=registration)
        if (
            target == RegistrationState.CONFIRMED
            and registration.state == RegistrationState.PENDING_APPROVAL
        ):
            services.registration_approve(registration=registration, actor=None)
        elif target == RegistrationState.CANCELLED:
            services.registration_cancel(
                registration=registration, reason=CancelReason.BY_PARTICIPANT
            )
        elif target == "rejected":
            services.registration_reject(registration=registration, actor=None)
        created += 1
    if created:
        Message.objects.filter(
            pk__gt=last_message, edition=edition, state=MessageState.QUEUED
        ).update(state=MessageState.SUPPRESSED, last_error=DEMO_NOT_SENT)
    writes["created"] += created
