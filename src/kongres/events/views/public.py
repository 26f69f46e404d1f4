from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from kongres.events import selectors
from kongres.events.home import home_context
from kongres.events.jsonld import edition_event
from kongres.events.views.decorators import public_edition_view


def index(request):
    edition = selectors.edition_current()
    if edition is None:
        raise Http404("no edition")
    return redirect("events:home", edition_slug=edition.slug)


def archive(request):
    return render(
        request,
        "events/archive.html",
        {"editions": selectors.edition_archive_list(), "current": selectors.edition_current()},
    )


@public_edition_view
def home(request, edition):
    url = request.build_absolute_uri(reverse("events:home", args=[edition.slug]))
    return render(
        request,
        "events/home.html",
        {
            "edition": edition,
            "jsonld": edition_event(edition, url=url),
            "featured_partners": selectors.partners_featured(edition=edition),
            # The program's figures ("summary"), registered by the program app.
            **home_context(edition=edition),
        },
    )


@public_edition_view
def partners(request, edition):
    return render(
        request,
        "events/partners.html",
        {"edition": edition, "groups": selectors.partners_by_role(edition=edition)},
    )


@public_edition_view
def venue(request, edition):
    return render(request, "events/venue.html", {"edition": edition, "venue": edition.venue})


@public_edition_view
def privacy(request, edition):
    return render(
        request,
        "events/privacy.html",
        {"edition": edition, "organisation": edition.series.organisation},
    )
