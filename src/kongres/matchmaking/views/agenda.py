"""The agenda (page, PDF, iCalendar) and the consultations with officials."""

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from kongres.matchmaking import selectors, services
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    ConsultationSlot,
)
from kongres.matchmaking.views.base import Person, _done_messages, matchmaking_view

# --- The agenda ---------------------------------------------------------------------------


@matchmaking_view(require_GET)
def agenda(request, person: Person):
    if person.profile is None:
        return render(
            request,
            "matchmaking/agenda.html",
            person.context(
                agenda=[
                    selectors.AgendaItem(
                        kind="consultation",
                        starts_at=c.starts_at,
                        ends_at=c.ends_at,
                        location=c.host.location,
                        consultation=c,
                    )
                    for c in selectors.consultations_of(person.registration)
                ],
                waiting=[],
            ),
        )
    profile = person.profile
    return render(
        request,
        "matchmaking/agenda.html",
        person.context(
            agenda=selectors.agenda_for(profile),
            waiting=list(
                selectors.planned_meetings_of(profile).filter(
                    Q(slot__isnull=True) | Q(is_published=False)
                )
            ),
            now=timezone.now(),
        ),
    )


@matchmaking_view(require_GET)
def agenda_pdf(request, person: Person):
    if person.profile is None:
        return redirect(person.url("hub"))
    from kongres.matchmaking.agendas import person_agenda_pdf

    response = HttpResponse(person_agenda_pdf(person.profile), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{person.edition.slug}-b2b.pdf"'
    return response


@matchmaking_view(require_GET)
def agenda_ics(request, person: Person):
    if person.profile is None:
        return redirect(person.url("hub"))
    from kongres.matchmaking.agendas import person_agenda_ics

    response = HttpResponse(
        person_agenda_ics(person.profile), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{person.edition.slug}-b2b.ics"'
    return response


# --- Consultations ------------------------------------------------------------------------


@matchmaking_view(require_GET)
def consultations(request, person: Person):
    hosts = list(selectors.consultation_slots_open(person.edition))
    mine = list(selectors.consultations_of(person.registration))
    return render(
        request,
        "matchmaking/consultations.html",
        person.context(
            hosts=hosts,
            mine=mine,
            done_message=_done_messages().get(request.GET.get("done", "")),
        ),
    )


def _consultation_slot(person: Person, slot_id: int) -> ConsultationSlot:
    found = (
        ConsultationSlot.objects.filter(pk=slot_id, host__edition=person.edition)
        .select_related("host")
        .first()
    )
    if found is None:
        raise Http404("consultation")
    return found


@matchmaking_view(require_POST)
def consultation_book(request, person: Person, slot_id: int):
    slot = _consultation_slot(person, slot_id)
    try:
        services.consultation_book(slot=slot, registration=person.registration)
    except MatchmakingError as exc:
        return _consultation_error(request, person, exc)
    return redirect(person.url("consultations", done="booked", anchor="mine"))


@matchmaking_view(require_POST)
def consultation_cancel(request, person: Person, slot_id: int):
    slot = _consultation_slot(person, slot_id)
    if slot.booked_by_id != person.registration.pk:
        raise Http404("consultation")
    try:
        services.consultation_cancel(slot=slot, registration=person.registration)
    except MatchmakingError as exc:
        return _consultation_error(request, person, exc)
    return redirect(person.url("consultations", done="consultation_cancelled", anchor="mine"))


def _consultation_error(request, person: Person, exc: MatchmakingError):
    return render(
        request,
        "matchmaking/consultations.html",
        person.context(
            hosts=list(selectors.consultation_slots_open(person.edition)),
            mine=list(selectors.consultations_of(person.registration)),
            error=str(exc.message),
        ),
        status=409,
    )
