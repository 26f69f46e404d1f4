"""What the participant's matchmaking pages share: the person behind the personal link, the
decorator every view uses, and looking up this person's objects (404 for anyone else's).
"""

import functools
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kongres.events.views.decorators import public_edition_view
from kongres.matchmaking import selectors
from kongres.matchmaking.enums import (
    SchedulingMode,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    Listing,
    Meeting,
    MeetingRequest,
    Profile,
)
from kongres.registration.enums import RegistrationState
from kongres.registration.views.public import personal_view

GET_POST = require_http_methods(["GET", "POST"])


PAGE_SIZE = 30


RECOMMENDATIONS = 10


def _done_messages() -> dict[str, str]:
    """Short confirmations shown on the hub after a change (``?done=<key>``)."""
    return {
        "profile": _("Your matchmaking profile is saved. Other participants can now find you."),
        "opted_out": _(
            "You no longer take part in matchmaking. Your profile is hidden from other "
            "participants."
        ),
        "sent": _("Your meeting request is sent. We will let you know the answer by e-mail."),
        "accepted": _("You accepted the meeting. It is in your agenda."),
        "accepted_waiting": _(
            "You accepted the meeting. The organiser will give it a time and a table; "
            "we will write to you."
        ),
        "declined": _("You declined the meeting request."),
        "request_cancelled": _("Your meeting request is withdrawn."),
        "meeting_cancelled": _("The meeting is cancelled. We have let the other side know."),
        "outcome": _("Thank you, your answer is saved."),
        "booked": _("The consultation is booked. It is in your agenda."),
        "consultation_cancelled": _("Your consultation booking is cancelled."),
    }


@dataclass
class Person:
    """Who is looking: the edition, the registration behind the token, their profile."""

    edition: object
    registration: object
    token: str
    settings: object
    profile: Profile | None

    @property
    def active(self) -> bool:
        return self.profile is not None and self.profile.is_active

    def context(self, **extra) -> dict:
        return {
            "edition": self.edition,
            "registration": self.registration,
            "token": self.token,
            "mm": self.settings,
            "profile": self.profile,
            "self_scheduling": self.settings.scheduling_mode == SchedulingMode.SELF,
            **extra,
        }

    def url(self, name: str, *, done: str | None = None, anchor: str = "", **kwargs) -> str:
        path = reverse(
            f"matchmaking:{name}",
            kwargs={"edition_slug": self.edition.slug, "token": self.token, **kwargs},
        )
        if done:
            path += f"?done={done}"
        return path + (f"#{anchor}" if anchor else "")


def matchmaking_view(methods=GET_POST):
    """A personal matchmaking page: token checked, matchmaking on for the edition (else 404)."""

    def decorator(func):
        @functools.wraps(func)
        def inner(request, edition, registration, token, **kwargs):
            settings = selectors.matchmaking_settings(edition)
            if not settings.enabled:
                raise Http404("matchmaking is off")
            if registration.state == RegistrationState.CANCELLED:
                return redirect(
                    reverse(
                        "registration:personal",
                        kwargs={"edition_slug": edition.slug, "token": token},
                    )
                )
            person = Person(
                edition=edition,
                registration=registration,
                token=token,
                settings=settings,
                profile=selectors.profile_of(registration),
            )
            return func(request, person, **kwargs)

        return never_cache(methods(public_edition_view(cached=False)(personal_view(inner))))

    return decorator


def _needs_profile(person: Person):
    """Pages for people taking part: others are sent to the profile form first."""
    if person.active:
        return None
    return redirect(person.url("profile"))


# --- Looking up the objects of this person (404 for anyone else's) ----------------------------


def _received_request(person: Person, request_id: int) -> MeetingRequest:
    if person.profile is None:
        raise Http404("request")
    found = (
        MeetingRequest.objects.filter(pk=request_id, recipient=person.profile)
        .select_related("sender__registration", "recipient__registration", "session")
        .first()
    )
    if found is None:
        raise Http404("request")
    return found


def _sent_request(person: Person, request_id: int) -> MeetingRequest:
    if person.profile is None:
        raise Http404("request")
    found = (
        MeetingRequest.objects.filter(pk=request_id, sender=person.profile)
        .select_related("sender__registration", "recipient__registration")
        .first()
    )
    if found is None:
        raise Http404("request")
    return found


def _my_meeting(person: Person, meeting_id: int) -> Meeting:
    if person.profile is None:
        raise Http404("meeting")
    found = (
        Meeting.objects.filter(Q(a=person.profile) | Q(b=person.profile), pk=meeting_id)
        .select_related("a__registration", "b__registration", "slot__session")
        .first()
    )
    if found is None:
        raise Http404("meeting")
    return found


def _visible_profile(person: Person, profile_id: int) -> Profile:
    found = (
        Profile.objects.filter(pk=profile_id, edition=person.edition, is_active=True)
        .select_related("registration")
        .prefetch_related(_listings(), "sectors")
        .first()
    )
    if found is None:
        raise Http404("profile")
    return found


def _listings():
    return Prefetch("listings", queryset=Listing.objects.order_by("kind", "order", "id"))


def _hub_error(request, person: Person, exc: MatchmakingError):
    """Show a service's refusal on a simple page with the way back; nothing was changed."""
    return render(
        request,
        "matchmaking/refused.html",
        person.context(error=str(exc.message)),
        status=409,
    )
