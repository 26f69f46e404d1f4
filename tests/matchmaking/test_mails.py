import datetime as dt

import pytest

from kongres.comms.models import Message
from kongres.comms.rendering import message_build
from kongres.matchmaking import services
from kongres.matchmaking.enums import MatchmakingMessage, SchedulingMode
from kongres.matchmaking.models import MatchmakingSession, Slot
from tests.matchmaking.factories import ProfileFactory, matchmaking_edition

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["pl", "en"])
def test_every_matchmaking_mail_renders_in_both_languages(language):
    config = matchmaking_edition()
    edition = config.edition
    slots = list(Slot.objects.filter(session__edition=edition).order_by("starts_at"))
    a, b, c = (ProfileFactory(edition=edition, registration__language=language) for _ in "abc")
    meeting = services.request_accept(services.request_send(a, b, "Dzień dobry"), slots[0])
    services.meeting_move(meeting, slots[1], None)
    services.request_decline(services.request_send(a, c, ""))
    services.meeting_cancel(meeting, by=a)
    config.scheduling_mode = SchedulingMode.ORGANISER
    config.save()
    services.request_accept(services.request_send(c, b, ""), None)
    services.scheduler_run(edition, time_limit=5)
    services.schedule_publish(edition)
    end = MatchmakingSession.objects.get(edition=edition).ends_at
    services.follow_ups_send(now=end + dt.timedelta(days=10))

    messages = Message.objects.filter(kind__startswith="mm_")
    assert {m.kind for m in messages} == set(MatchmakingMessage)
    for message in messages:
        email, subject = message_build(message)
        assert subject
        assert "{%" not in email.body
        assert "None" not in email.body
