"""The follow-up question after the event: did the contact lead to cooperation?"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from kongres.common.activity import log_activity
from kongres.matchmaking.enums import MatchmakingMessage, MeetingState
from kongres.matchmaking.models import MatchmakingSettings, Meeting, Profile
from kongres.matchmaking.services._base import _mail, _now
from kongres.matchmaking.services.meetings import _event_end
from kongres.registration.enums import HOLDING_STATES


def follow_ups_send(now: datetime | None = None) -> int:
    """After the event (plus ``follow_up_after_hours``) ask everyone who had meetings whether
    they led to cooperation, once per edition (housekeeping); returns the mails queued."""
    now = _now(now)
    queued = 0
    candidates = MatchmakingSettings.objects.filter(
        enabled=True, follow_up_sent_at__isnull=True
    ).select_related("edition")
    for config in candidates:
        if now < _event_end(config.edition) + timedelta(hours=config.follow_up_after_hours):
            continue
        with transaction.atomic():
            config = (
                MatchmakingSettings.objects.select_for_update(of=("self",))
                .filter(pk=config.pk, follow_up_sent_at__isnull=True)
                .select_related("edition")
                .first()
            )
            if config is None:
                continue
            placed = Meeting.objects.filter(
                edition=config.edition,
                state=MeetingState.PLANNED,
                slot__isnull=False,
                is_published=True,
            )
            ids = set(placed.values_list("a_id", flat=True)) | set(
                placed.values_list("b_id", flat=True)
            )
            for profile in Profile.objects.filter(pk__in=ids).select_related(
                "registration__edition"
            ):
                if profile.registration.state in HOLDING_STATES and _mail(
                    profile, MatchmakingMessage.MM_FOLLOW_UP, "1"
                ):
                    queued += 1
            config.follow_up_sent_at = now
            config.save(update_fields=["follow_up_sent_at"])
            log_activity(
                obj=config,
                action="matchmaking.follow_up.sent",
                edition=config.edition,
                data={"queued": queued},
            )
    return queued
