"""The hub, leaving matchmaking, and the participant's own profile."""

from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from kongres.matchmaking import forms, selectors, services
from kongres.matchmaking.enums import (
    ListingKind,
    RequestState,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    Sector,
)
from kongres.matchmaking.views.base import Person, _done_messages, matchmaking_view

# --- The hub ------------------------------------------------------------------------------


@matchmaking_view(require_GET)
def hub(request, person: Person):
    context = person.context(done_message=_done_messages().get(request.GET.get("done", "")))
    if person.profile is not None:
        profile = person.profile
        incoming = list(selectors.requests_incoming(profile))
        context.update(
            incoming_pending=[r for r in incoming if r.state == RequestState.PENDING],
            incoming_answered=[r for r in incoming if r.state != RequestState.PENDING],
            outgoing=list(selectors.requests_outgoing(profile)),
            agenda=selectors.agenda_for(profile),
            waiting=list(
                selectors.planned_meetings_of(profile).filter(
                    Q(slot__isnull=True) | Q(is_published=False)
                )
            ),
            listings=list(profile.listings.order_by("kind", "order", "id")),
            now=timezone.now(),
        )
    else:
        context["consultations"] = list(selectors.consultations_of(person.registration))
    return render(request, "matchmaking/hub.html", context)


@matchmaking_view(require_POST)
def opt_out(request, person: Person):
    if person.active:
        services.profile_opt_out(profile=person.profile)
    return redirect(person.url("hub", done="opted_out"))


# --- The profile --------------------------------------------------------------------------


@matchmaking_view()
def profile_edit(request, person: Person):
    sectors = Sector.objects.all()
    slots = selectors.slots_of(person.edition)
    profile = person.profile
    listings = list(profile.listings.all()) if profile is not None else []
    if request.method == "POST":
        form = forms.ProfileForm(request.POST, sectors=sectors, slots=slots)
        formsets = forms.listing_formsets(request.POST)
        valid = form.is_valid()
        for formset in formsets.values():  # validate every formset, so each shows its errors
            valid = formset.is_valid() and valid
        if valid:
            data = {
                **form.cleaned_data,
                "available_slots": list(form.cleaned_data.get("available_slots", [])),
                "sectors": list(form.cleaned_data["sectors"]),
                "listings": [
                    {"kind": ListingKind.OFFER, **row}
                    for row in forms.listing_rows(formsets["offers"])
                ]
                + [
                    {"kind": ListingKind.REQUEST, **row}
                    for row in forms.listing_rows(formsets["requests"])
                ],
            }
            try:
                services.profile_save(registration=person.registration, data=data)
            except MatchmakingError as exc:
                forms.add_service_error(form, exc)
            else:
                return redirect(person.url("hub", done="profile"))
    else:
        form = forms.ProfileForm(initial=_profile_initial(person), sectors=sectors, slots=slots)
        formsets = forms.listing_formsets(listings=listings)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "matchmaking/profile_form.html",
        person.context(
            form=form, formsets=formsets, sessions=selectors.sessions_of(person.edition)
        ),
        status=status,
    )


def _profile_initial(person: Person) -> dict:
    profile = person.profile
    if profile is None:
        return {
            "organisation": person.registration.organisation,
            "max_meetings": person.settings.default_max_meetings,
            "languages": [person.registration.language],
        }
    return {
        "organisation": profile.organisation,
        "description": profile.description,
        "sectors": list(profile.sectors.all()),
        "cooperation_types": profile.cooperation_types,
        "languages": profile.languages,
        "available_slots": list(profile.available_slots.all()),
        "max_meetings": profile.max_meetings,
    }
