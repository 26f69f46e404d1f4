from django.shortcuts import render

from kongres.events.views.decorators import public_edition_view
from kongres.visits import selectors


# Not cached: the seats left change with every sign-up.
@public_edition_view(cached=False)
def visit_list(request, edition):
    visits = list(selectors.study_visits_with_seats(edition=edition))
    for visit in visits:
        visit.seats_left = (
            None if visit.capacity is None else max(0, visit.capacity - visit.seats_taken)
        )
    return render(request, "visits/list.html", {"edition": edition, "visits": visits})
