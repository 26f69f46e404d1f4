"""Answering, withdrawing and cancelling requests and meetings; the outcome of a meeting."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kongres.matchmaking import forms, selectors, services
from kongres.matchmaking.enums import (
    MeetingState,
    RequestState,
    SchedulingMode,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    MeetingRequest,
    Slot,
)
from kongres.matchmaking.views.base import (
    Person,
    _hub_error,
    _my_meeting,
    _received_request,
    _sent_request,
    matchmaking_view,
)

# --- Answering, withdrawing, cancelling ---------------------------------------------------


def _free_slots(meeting_request: MeetingRequest):
    ids = [slot.pk for slot in selectors.free_slots_for(meeting_request)]
    return Slot.objects.filter(pk__in=ids).select_related("session").order_by("starts_at", "id")


@matchmaking_view()
def request_accept(request, person: Person, request_id: int):
    meeting_request = _received_request(person, request_id)
    self_mode = person.settings.scheduling_mode == SchedulingMode.SELF
    pending = meeting_request.state == RequestState.PENDING
    slots = _free_slots(meeting_request) if self_mode and pending else Slot.objects.none()
    data = request.POST if request.method == "POST" else None
    form = forms.AcceptForm(data, slots=slots) if self_mode else None
    error = None
    if request.method == "POST" and pending and (form is None or form.is_valid()):
        slot = form.cleaned_data["slot"] if form is not None else None
        try:
            services.request_accept(request=meeting_request, slot=slot)
        except MatchmakingError as exc:
            if form is not None:
                forms.add_service_error(form, exc)
            else:
                error = str(exc.message)
        else:
            done = "accepted" if self_mode else "accepted_waiting"
            return redirect(person.url("hub", done=done, anchor="agenda"))
    return render(
        request,
        "matchmaking/accept.html",
        person.context(
            item=meeting_request,
            other=meeting_request.sender,
            form=form,
            error=error,
            pending=pending,
            has_slots=slots.exists() if self_mode and pending else True,
        ),
        status=400 if request.method == "POST" else 200,
    )


@matchmaking_view()
def request_decline(request, person: Person, request_id: int):
    meeting_request = _received_request(person, request_id)
    pending = meeting_request.state == RequestState.PENDING
    error = None
    if request.method == "POST" and pending:
        try:
            services.request_decline(request=meeting_request)
        except MatchmakingError as exc:
            error = str(exc.message)
        else:
            return redirect(person.url("hub", done="declined", anchor="incoming"))
    return render(
        request,
        "matchmaking/decline.html",
        person.context(
            item=meeting_request, other=meeting_request.sender, pending=pending, error=error
        ),
        status=400 if error else 200,
    )


@matchmaking_view(require_POST)
def request_cancel(request, person: Person, request_id: int):
    meeting_request = _sent_request(person, request_id)
    try:
        services.request_cancel(request=meeting_request, by=person.profile)
    except MatchmakingError as exc:
        return _hub_error(request, person, exc)
    return redirect(person.url("hub", done="request_cancelled", anchor="outgoing"))


@matchmaking_view()
def meeting_cancel(request, person: Person, meeting_id: int):
    meeting = _my_meeting(person, meeting_id)
    error = None
    planned = meeting.state == MeetingState.PLANNED
    if request.method == "POST" and planned:
        try:
            services.meeting_cancel(meeting=meeting, by=person.profile)
        except MatchmakingError as exc:
            error = str(exc.message)
        else:
            return redirect(person.url("hub", done="meeting_cancelled", anchor="agenda"))
    return render(
        request,
        "matchmaking/meeting_cancel.html",
        person.context(
            meeting=meeting,
            other=meeting.partner_of(person.profile),
            planned=planned,
            error=error,
        ),
        status=400 if error else 200,
    )


@matchmaking_view()
def meeting_outcome(request, person: Person, meeting_id: int):
    meeting = _my_meeting(person, meeting_id)
    current = meeting.outcome_of(person.profile)
    if request.method == "POST":
        form = forms.OutcomeForm(request.POST)
        if form.is_valid():
            try:
                services.meeting_record_outcome(
                    meeting=meeting, profile=person.profile, outcome=form.cleaned_data["outcome"]
                )
            except MatchmakingError as exc:
                forms.add_service_error(form, exc)
            else:
                return redirect(person.url("hub", done="outcome", anchor="agenda"))
    else:
        form = forms.OutcomeForm(initial={"outcome": current} if current else None)
    return render(
        request,
        "matchmaking/outcome.html",
        person.context(meeting=meeting, other=meeting.partner_of(person.profile), form=form),
        status=400 if request.method == "POST" else 200,
    )
