"""Browsing, searching and recommendations; one profile and sending a meeting request."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kongres.common.htmx import wants_partial
from kongres.matchmaking import forms, selectors, services
from kongres.matchmaking.enums import (
    CooperationType,
    ListingKind,
    MeetingLanguage,
    RequestState,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    MeetingRequest,
    Profile,
    Sector,
)
from kongres.matchmaking.views.base import (
    PAGE_SIZE,
    RECOMMENDATIONS,
    Person,
    _listings,
    _needs_profile,
    _visible_profile,
    matchmaking_view,
)
from kongres.registration.forms import COUNTRIES

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
