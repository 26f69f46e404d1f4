"""schema.org ``Event`` data for search engines and calendar tools (JSON-LD)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings

from kongres.events.models import Edition

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


def _place(edition: Edition) -> dict:
    venue = edition.venue
    if venue is None:
        return {"@type": "Place", "name": edition.host_city, "address": edition.host_city}
    place = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.street,
            "postalCode": venue.postal_code,
            "addressLocality": venue.city,
            "addressRegion": venue.get_voivodeship_display() if venue.voivodeship else "",
            "addressCountry": venue.country,
        },
    }
    if venue.has_coordinates:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def _local_iso(day: date, at: time) -> str:
    return datetime.combine(day, at, tzinfo=LOCAL_TZ).isoformat()


def edition_event(edition: Edition, *, url: str) -> dict:
    organisation = edition.series.organisation
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(edition.name),
        "startDate": edition.start_date.isoformat(),
        "endDate": edition.end_date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(edition),
        "organizer": {"@type": "Organization", "name": organisation.name},
        "url": url,
        "inLanguage": list(edition.locales or ["pl"]),
    }
    if organisation.website:
        data["organizer"]["url"] = organisation.website
    description = str(edition.description or edition.motto or "")
    if description:
        data["description"] = description
    return data


def session_event(session, *, url: str, edition_url: str) -> dict:
    edition = session.edition
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(session.title),
        "startDate": session.start.astimezone(LOCAL_TZ).isoformat(),
        "endDate": session.end.astimezone(LOCAL_TZ).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(edition),
        "url": url,
        "superEvent": {"@type": "Event", "name": str(edition.name), "url": edition_url},
        "organizer": {"@type": "Organization", "name": edition.series.organisation.name},
    }
    if session.abstract:
        data["description"] = str(session.abstract)
    performers = [
        {"@type": "Person", "name": appearance.speaker.name}
        for appearance in session.appearances.all()
    ]
    if performers:
        data["performer"] = performers
    return data
