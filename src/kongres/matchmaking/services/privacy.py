"""Personal data in matchmaking (GDPR): the export section, erasure, consent withdrawal.

Registered in ``MatchmakingConfig.ready()`` into ``registration.hooks``; registration never
imports matchmaking.
"""

from django.db import transaction
from django.db.models import Q
from django_scopes import scopes_disabled

from kongres.common.activity import SYSTEM, log_activity
from kongres.matchmaking.models import (
    Listing,
    Meeting,
    MeetingRequest,
    Profile,
    SchedulerRun,
)
from kongres.matchmaking.services.profiles import profile_opt_out

ERASED = "—"
# The registration consent whose withdrawal hides the profile (registration.enums.ConsentKind).
PROFILE_CONSENT = "matchmaking"


def personal_data(registration) -> dict:
    """The export section: the profile, its listings, requests sent and received, meetings."""
    with scopes_disabled():
        profile = (
            Profile.objects.filter(registration_id=registration.pk)
            .prefetch_related("sectors", "listings")
            .first()
        )
        if profile is None:
            return {}
        requests = MeetingRequest.objects.filter(Q(sender=profile) | Q(recipient=profile)).order_by(
            "pk"
        )
        meetings = (
            Meeting.objects.filter(Q(a=profile) | Q(b=profile))
            .select_related("slot", "a", "b")
            .order_by("pk")
        )
        return {
            "profile": {
                "takes_part": profile.is_active,
                "organisation": profile.organisation,
                "description": profile.description,
                "sectors": [str(sector.name) for sector in profile.sectors.all()],
                "cooperation_types": profile.cooperation_types,
                "languages": profile.languages,
            },
            "listings": [
                {"kind": row.kind, "title": row.title, "text": row.text}
                for row in profile.listings.all()
            ],
            "requests": [
                {
                    "direction": "sent" if row.sender_id == profile.pk else "received",
                    "message": row.message,
                    "state": row.state,
                    "created_at": row.created_at.isoformat(),
                }
                for row in requests
            ],
            "meetings": [
                {
                    "with": (row.b if row.a_id == profile.pk else row.a).organisation,
                    "state": row.state,
                    "slot": row.slot.code if row.slot_id else None,
                    "table": row.table,
                }
                for row in meetings
            ],
        }


def registration_erased(registration) -> None:
    """Blank the profile, delete its listings, blank request messages it sent or received, and
    take the person's name out of the scheduler's reports. Meetings stay (figures)."""
    with transaction.atomic(), scopes_disabled():
        profile = Profile.objects.select_for_update().filter(registration=registration).first()
        if profile is None:
            return
        Listing.objects.filter(profile=profile).delete()
        MeetingRequest.objects.filter(Q(sender=profile) | Q(recipient=profile)).update(message="")
        profile.is_active = False
        profile.organisation = ERASED
        profile.description = ""
        profile.search_text = ""
        profile.save()
        profile.sectors.clear()
        for run in SchedulerRun.objects.filter(edition_id=profile.edition_id):
            rows = run.shortfall or []
            if any(row.get("profile") == profile.pk for row in rows):
                for row in rows:
                    if row.get("profile") == profile.pk:
                        row["name"] = ERASED
                        row["organisation"] = ERASED
                run.save(update_fields=["shortfall"])


def consent_withdrawn(registration, kind: str) -> None:
    """Without the consent to show the profile, the profile leaves search, recommendations
    and new requests (opt-out: planned meetings are cancelled, partners told)."""
    if kind != PROFILE_CONSENT:
        return
    with scopes_disabled():
        profile = Profile.objects.filter(registration=registration, is_active=True).first()
        if profile is not None:
            profile_opt_out(profile, by=None)
            log_activity(
                obj=profile,
                action="matchmaking.profile.hidden_consent_withdrawn",
                actor_label=SYSTEM,
                edition=registration.edition,
            )
