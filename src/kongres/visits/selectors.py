"""Reads of sign-ups and study visits."""

from django.db.models import Count, Q

from kongres.program.enums import SessionKind
from kongres.program.models import Session
from kongres.visits.enums import ACTIVE_STATES, SEATED_STATES, SignupState
from kongres.visits.models import Signup


def sessions_with_seats(*, edition, kinds=None):
    """Sessions one can sign up for, annotated with seats taken and people waiting."""
    sessions = Session.objects.filter(edition=edition).annotate(
        seats_taken=Count("signups", filter=Q(signups__state__in=SEATED_STATES)),
        waiting=Count("signups", filter=Q(signups__state=SignupState.WAITLISTED)),
    )
    if kinds:
        sessions = sessions.filter(kind__in=kinds)
    return sessions.select_related("room", "theme", "study_visit").order_by("start", "id")


def study_visits_with_seats(*, edition):
    return sessions_with_seats(edition=edition, kinds=[SessionKind.STUDY_VISIT])


def signups_of(*, registration):
    return list(
        Signup.objects.filter(registration=registration, state__in=ACTIVE_STATES)
        .select_related("session__room", "session__study_visit")
        .order_by("session__start")
    )


def sessions_filling(*, edition):
    """Sessions with a capacity (study visits and limited panels), for the organiser: seats
    taken (confirmed or offered), of which offered, and the waiting list; one query."""
    return list(
        Session.objects.filter(edition=edition, capacity__isnull=False)
        .annotate(
            seats_taken=Count("signups", filter=Q(signups__state__in=SEATED_STATES)),
            offered=Count("signups", filter=Q(signups__state=SignupState.OFFERED)),
            waiting=Count("signups", filter=Q(signups__state=SignupState.WAITLISTED)),
        )
        .order_by("start", "id")
    )
