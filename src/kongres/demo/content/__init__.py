"""Demo content: the 11th Congress of Polish Clusters (Kongres Klastrów Polskich).

Facts come from the seed article (seed/000_478d5f031d4b338e.txt): names of the organisers and
partners, the venue, the motto, the dates, the host city, the ten panels and their six themes,
the study visits on 31 October. Everything the seed does not state (hours, rooms, titles,
speakers, host companies, media patrons) is made up and carries ``is_example_data=True``.
The registration set-up (categories, consents, questions, codes) and the example registrations
are made up as well; the people have example.org addresses and fictional organisations.

Plain data only. Translatable values are ``(polish, english)`` pairs; the loader turns them into
``{"pl": ..., "en": ...}``. Rooms are referred to by ``order``, themes and speakers by ``slug``.
"""

from kongres.demo.content.editions import (
    DEMO_EDITION,
    EDITION_11_DESCRIPTION,
    EDITIONS,
    ORGANISATION,
    PARTNERS,
    PRIVACY_POLICY,
    SERIES,
    VENUE,
)
from kongres.demo.content.people import (
    REGISTRATIONS,
    V_AUTO,
    V_CNC,
    V_DEF,
    V_MECH,
    _person,
)
from kongres.demo.content.program import (
    D1,
    D2,
    D3,
    DAYS,
    GALAXY,
    KEYNOTE,
    MAIN,
    MODERATOR,
    ORBIT,
    PANELIST,
    ROOMS,
    SESSIONS,
    SPEAKERS,
    THEMES,
)
from kongres.demo.content.registration import (
    CATEGORIES,
    CONSENTS,
    INVITATION_CODES,
    QUESTIONS,
    REGISTRATION_OPENS,
)
from kongres.demo.content.text import (
    NDASH,
    slugify_pl,
)
from kongres.demo.content.visits import (
    STUDY_VISITS,
)

__all__ = [
    "CATEGORIES",
    "CONSENTS",
    "D1",
    "D2",
    "D3",
    "DAYS",
    "DEMO_EDITION",
    "EDITIONS",
    "EDITION_11_DESCRIPTION",
    "GALAXY",
    "INVITATION_CODES",
    "KEYNOTE",
    "MAIN",
    "MODERATOR",
    "NDASH",
    "ORBIT",
    "ORGANISATION",
    "PANELIST",
    "PARTNERS",
    "PRIVACY_POLICY",
    "QUESTIONS",
    "REGISTRATIONS",
    "REGISTRATION_OPENS",
    "ROOMS",
    "SERIES",
    "SESSIONS",
    "SPEAKERS",
    "STUDY_VISITS",
    "THEMES",
    "VENUE",
    "V_AUTO",
    "V_CNC",
    "V_DEF",
    "V_MECH",
    "_person",
    "slugify_pl",
]
