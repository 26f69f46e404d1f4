"""The participant's matchmaking pages, reached from the personal link.

Views are thin: they resolve the personal token (``registration.views.public.personal_view``,
which also checks that the token belongs to this edition), look up the object named in the URL
*among the objects of this person* (a request they received, a meeting they take part in), so
that another person's link can neither see nor change it (404), then call a selector or a
service. A service's ``MatchmakingError`` is shown next to the form and changes nothing. Every
change is a POST followed by a redirect. Nothing here is cached.
"""

import functools
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kongres.common.htmx import wants_partial
from kongres.events.views.decorators import public_edition_view
from kongres.matchmaking import forms, selectors, services
from kongres.matchmaking.enums import (
    CooperationType,
    ListingKind,
    MeetingLanguage,
    MeetingState,
    RequestState,
    SchedulingMode,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    ConsultationSlot,
    Listing,
    Meeting,
    MeetingRequest,
    Profile,
    Sector,
    Slot,
)
from kongres.registration.enums import RegistrationState
from kongres.registration.forms import COUNTRIES
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


# --- Browsing, searching, recommendations -----------------------------------------------------


def _profiles_loaded(ids: list[int]) -> list[Profile]:
    """Profiles by id in the given order with what a card shows, in a constant number of queries."""
    by_id = {
        profile.pk: profile
        for profile in Profile.objects.filter(pk__in=ids)
        .select_related("registration")
        .prefetch_related(_listings(), "sectors")
    }
    found = [by_id[pk] for pk in ids if pk in by_id]
    for profile in found:
        code = profile.registration.country
        profile.country_name = COUNTRIES.get(code, code)
    return found


def _relations(profile: Profile) -> dict[int, MeetingRequest]:
    """My open requests by the other person's profile id (one query)."""
    relations = {}
    for item in MeetingRequest.objects.filter(
        Q(sender=profile) | Q(recipient=profile),
        state__in=(RequestState.PENDING, RequestState.ACCEPTED),
    ):
        other = item.recipient_id if item.sender_id == profile.pk else item.sender_id
        relations[other] = item
    return relations


def _search_countries(edition) -> list[str]:
    return sorted(
        set(
            Profile.objects.filter(edition=edition, is_active=True).values_list(
                "registration__country", flat=True
            )
        )
    )


@matchmaking_view(require_GET)
def profiles(request, person: Person):
    if (response := _needs_profile(person)) is not None:
        return response
    from kongres.matchmaking.search import profiles_search

    form = forms.SearchForm(
        request.GET or None,
        sectors=Sector.objects.filter(profiles__edition=person.edition).distinct(),
        countries=_search_countries(person.edition),
    )
    query = form.query() if form.is_bound else ""
    filters = form.filters() if form.is_bound else {}
    found = profiles_search(person.edition, query, filters)
    ids = [_profile_id(item) for item in found]
    ids = [pk for pk in ids if pk != person.profile.pk]
    paginator = Paginator(ids, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    results = _profiles_loaded(list(page.object_list))
    relations = _relations(person.profile)
    for profile in results:
        profile.relation = relations.get(profile.pk)
    params = request.GET.copy()
    params.pop("page", None)
    context = person.context(
        form=form,
        results=results,
        page=page,
        total=paginator.count,
        query=query,
        params=params.urlencode(),
    )
    template = (
        "matchmaking/_results.html" if wants_partial(request) else "matchmaking/profiles.html"
    )
    return render(request, template, context)


def _profile_id(item) -> int:
    """``profiles_search`` may give profiles, ids, or (profile, score) pairs."""
    if isinstance(item, int):
        return item
    if isinstance(item, tuple):
        item = item[0]
    if isinstance(item, Profile):
        return item.pk
    return getattr(item, "profile_id", None) or item.profile.pk


@matchmaking_view(require_GET)
def recommendations(request, person: Person):
    if (response := _needs_profile(person)) is not None:
        return response
    from kongres.matchmaking.search import recommendations_for

    found = list(recommendations_for(person.profile, limit=RECOMMENDATIONS))
    loaded = {p.pk: p for p in _profiles_loaded([_profile_id(item) for item in found])}
    sector_names = _sector_names(found)
    items = [
        {"profile": loaded[_profile_id(item)], "reasons": _reason_words(item, sector_names)}
        for item in found
        if _profile_id(item) in loaded
    ]
    return render(request, "matchmaking/recommendations.html", person.context(items=items))


def _words_in_common(reason) -> str:
    """The words the two texts share, so that a match can be judged at a glance."""
    terms = list(dict.fromkeys(getattr(reason, "terms", ()) or ()))[:5]
    if not terms:
        return ""
    return " " + _("Words in common: %(words)s.") % {"words": ", ".join(terms)}


def _reason_words(item, sector_names: dict) -> list[str]:
    """The reasons of a recommendation in words (``recommend.Reason`` codes)."""
    words = []
    for reason in getattr(item, "reasons", ()) or ():
        code = getattr(reason, "code", "")
        if code == "their_offer":
            words.append(
                _("Their offer “%(theirs)s” matches what you are looking for: “%(mine)s”.")
                % {"theirs": reason.theirs, "mine": reason.mine}
                + _words_in_common(reason)
            )
        elif code == "their_request":
            words.append(
                _("They are looking for “%(theirs)s”, which matches your offer “%(mine)s”.")
                % {"theirs": reason.theirs, "mine": reason.mine}
                + _words_in_common(reason)
            )
        elif code == "shared_sector":
            names = [sector_names.get(str(value), str(value)) for value in reason.values]
            words.append(_("Shared sectors: %(names)s.") % {"names": ", ".join(names)})
        elif code == "shared_cooperation_type":
            names = [_label(CooperationType, str(value)) for value in reason.values]
            words.append(
                _("You both look for this kind of cooperation: %(names)s.")
                % {"names": ", ".join(names)}
            )
        else:
            words.append(str(getattr(reason, "text", reason)))
    return words


def _sector_names(found) -> dict[str, str]:
    """Names of the sectors named in the reasons, by pk and by code (one query)."""
    values = {
        str(value)
        for item in found
        for reason in getattr(item, "reasons", ()) or ()
        if getattr(reason, "code", "") == "shared_sector"
        for value in reason.values
    }
    if not values:
        return {}
    ids = [int(v) for v in values if v.isdigit()]
    names = {}
    for sector in Sector.objects.filter(Q(pk__in=ids) | Q(code__in=values)):
        names[str(sector.pk)] = names[sector.code] = str(sector.name)
    return names


# --- One profile and sending a request ----------------------------------------------------


def _request_form(person: Person, data=None) -> forms.RequestForm:
    sessions = None
    if person.settings.allow_session_limit:
        sessions = selectors.sessions_of(person.edition)
    return forms.RequestForm(data, sessions=sessions)


def _label(choices, code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


def _render_detail(request, person: Person, other: Profile, form, *, status=200):
    relation = selectors.open_request_between(person.profile, other) if person.active else None
    return render(
        request,
        "matchmaking/profile_detail.html",
        person.context(
            other=other,
            form=form,
            relation=relation,
            is_me=person.profile is not None and other.pk == person.profile.pk,
            country_name=COUNTRIES.get(other.registration.country, other.registration.country),
            languages=[_label(MeetingLanguage, code) for code in other.languages],
            cooperation=[_label(CooperationType, code) for code in other.cooperation_types],
            offers=[x for x in other.listings.all() if x.kind == ListingKind.OFFER],
            requests=[x for x in other.listings.all() if x.kind == ListingKind.REQUEST],
        ),
        status=status,
    )


@matchmaking_view(require_GET)
def profile_detail(request, person: Person, profile_id: int):
    if (response := _needs_profile(person)) is not None:
        return response
    other = _visible_profile(person, profile_id)
    return _render_detail(request, person, other, _request_form(person))


@matchmaking_view()
def request_send(request, person: Person, profile_id: int):
    if (response := _needs_profile(person)) is not None:
        return response
    if request.method != "POST":
        return redirect(person.url("profile_detail", profile_id=profile_id))
    # Any profile of the edition, hidden ones too, so the service can say why it refuses.
    other = (
        Profile.objects.filter(pk=profile_id, edition=person.edition)
        .select_related("registration")
        .prefetch_related(_listings(), "sectors")
        .first()
    )
    if other is None:
        raise Http404("profile")
    form = _request_form(person, request.POST)
    if form.is_valid():
        try:
            services.request_send(
                sender=person.profile,
                recipient=other,
                message=form.cleaned_data["message"],
                session=form.cleaned_data.get("session"),
            )
        except MatchmakingError as exc:
            forms.add_service_error(form, exc)
        else:
            return redirect(person.url("hub", done="sent", anchor="outgoing"))
    return _render_detail(request, person, other, form, status=400)


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


def _hub_error(request, person: Person, exc: MatchmakingError):
    """Show a service's refusal on a simple page with the way back; nothing was changed."""
    return render(
        request,
        "matchmaking/refused.html",
        person.context(error=str(exc.message)),
        status=409,
    )


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
