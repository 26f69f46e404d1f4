"""The participant's matchmaking pages, reached from the personal link.

Views are thin: they resolve the personal token (``registration.views.public.personal_view``,
which also checks that the token belongs to this edition), look up the object named in the URL
*among the objects of this person* (a request they received, a meeting they take part in), so
that another person's link can neither see nor change it (404), then call a selector or a
service. A service's ``MatchmakingError`` is shown next to the form and changes nothing. Every
change is a POST followed by a redirect. Nothing here is cached.
"""

from kongres.matchmaking.views.agenda import (
    agenda,
    agenda_ics,
    agenda_pdf,
    consultation_book,
    consultation_cancel,
    consultations,
)
from kongres.matchmaking.views.answers import (
    meeting_cancel,
    meeting_outcome,
    request_accept,
    request_cancel,
    request_decline,
)
from kongres.matchmaking.views.base import (
    GET_POST,
    PAGE_SIZE,
    RECOMMENDATIONS,
    Person,
    matchmaking_view,
)
from kongres.matchmaking.views.browse import (
    profile_detail,
    profiles,
    recommendations,
    request_send,
)
from kongres.matchmaking.views.hub import (
    hub,
    opt_out,
    profile_edit,
)

__all__ = [
    "GET_POST",
    "PAGE_SIZE",
    "RECOMMENDATIONS",
    "Person",
    "agenda",
    "agenda_ics",
    "agenda_pdf",
    "consultation_book",
    "consultation_cancel",
    "consultations",
    "hub",
    "matchmaking_view",
    "meeting_cancel",
    "meeting_outcome",
    "opt_out",
    "profile_detail",
    "profile_edit",
    "profiles",
    "recommendations",
    "request_accept",
    "request_cancel",
    "request_decline",
    "request_send",
]
