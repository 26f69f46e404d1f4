from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from kongres.common.htmx import wants_partial
from kongres.events.jsonld import session_event
from kongres.events.views.decorators import public_edition_view
from kongres.program import ical, selectors


@public_edition_view
def program(request, edition):
    program_filter = selectors.program_filter_from_query(edition=edition, query=request.GET)
    context = {
        "edition": edition,
        "filter": program_filter,
        "program": selectors.program_list(edition=edition, program_filter=program_filter),
    }
    template = "program/_program_list.html" if wants_partial(request) else "program/program.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@public_edition_view
def session_detail(request, edition, slug):
    session = selectors.session_public_get(edition=edition, slug=slug)
    url = request.build_absolute_uri(reverse("program:session", args=[edition.slug, slug]))
    edition_url = request.build_absolute_uri(reverse("events:home", args=[edition.slug]))
    return render(
        request,
        "program/session.html",
        {
            "edition": edition,
            "session": session,
            "jsonld": session_event(session, url=url, edition_url=edition_url),
        },
    )


@public_edition_view
def speakers(request, edition):
    return render(
        request,
        "program/speakers.html",
        {"edition": edition, "speakers": selectors.speaker_list(edition=edition)},
    )


@public_edition_view
def speaker_detail(request, edition, slug):
    speaker, appearances = selectors.speaker_public_get(edition=edition, slug=slug)
    return render(
        request,
        "program/speaker.html",
        {"edition": edition, "speaker": speaker, "appearances": appearances},
    )


def _calendar_response(request, edition, sessions, *, name: str, filename: str) -> HttpResponse:
    def session_url(session):
        return request.build_absolute_uri(
            reverse("program:session", args=[edition.slug, session.slug])
        )

    body = ical.program_calendar(
        edition=edition, sessions=sessions, session_url=session_url, name=name
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_edition_view
def program_ics(request, edition):
    sessions = selectors.program_sessions_all(edition=edition)
    return _calendar_response(
        request,
        edition,
        sessions,
        name=str(edition.name),
        filename=f"{edition.slug}-{_('program')}.ics",
    )


@public_edition_view
def session_ics(request, edition, slug):
    session = selectors.session_public_get(edition=edition, slug=slug)
    return _calendar_response(
        request,
        edition,
        [session],
        name=str(session.title),
        filename=f"{edition.slug}-{session.slug}.ics",
    )
