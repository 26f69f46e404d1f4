"""The registration set-up: categories, consents, questions, invitation codes."""


# --- Registration: categories, consents, questions, invitation codes ------------------------
# Categories are data, not code: each edition defines its own. Registration opens on 2 June
# 2025 and has no closing date here, so that the demo's forms work whenever the demo is run.

REGISTRATION_OPENS = ("2025-06-02", "09:00")


CATEGORIES = [
    {
        "slug": "uczestnik",
        "order": 1,
        "name": ("Uczestnik", "Participant"),
        "description": (
            "Przedstawiciele klastrów, firm, uczelni, instytutów badawczych, administracji "
            "i organizacji pozarządowych. Udział jest bezpłatny.",
            "Representatives of clusters, companies, universities, research institutes, public "
            "administration and NGOs. Participation is free of charge.",
        ),
        "quota": 400,
        "requires_approval": False,
        "requires_invitation": False,
    },
    {
        "slug": "prelegent",
        "order": 2,
        "name": ("Prelegent", "Speaker"),
        "description": (
            "Dla osób zaproszonych do wystąpień i paneli; kod otrzymasz od organizatora.",
            "For people invited to speak or sit on a panel; the organiser sends you the code.",
        ),
        "quota": None,
        "requires_approval": False,
        "requires_invitation": True,
    },
    {
        "slug": "partner",
        "order": 3,
        "name": ("Partner", "Partner"),
        "description": (
            "Dla przedstawicieli partnerów i sponsorów Kongresu.",
            "For representatives of the Congress's partners and sponsors.",
        ),
        "quota": None,
        "requires_approval": False,
        "requires_invitation": True,
    },
    {
        "slug": "media",
        "order": 4,
        "name": ("Media", "Media"),
        "description": (
            "Dla dziennikarzy i fotoreporterów. Akredytację potwierdza biuro prasowe.",
            "For journalists and photographers. The press office confirms each accreditation.",
        ),
        "quota": 30,
        "requires_approval": True,
        "requires_invitation": False,
    },
    {
        "slug": "administracja-i-vip",
        "order": 5,
        "name": ("Administracja rządowa i VIP", "Government and VIP"),
        "description": (
            "Dla zaproszonych przedstawicieli administracji rządowej i samorządowej oraz gości "
            "specjalnych. Udział potwierdza organizator.",
            "For invited representatives of central and local government and for special "
            "guests. The organiser confirms each place.",
        ),
        "quota": 60,
        "requires_approval": True,
        "requires_invitation": True,
    },
    {
        "slug": "obsluga",
        "order": 6,
        "name": ("Obsługa", "Staff"),
        "description": (
            "Dla zespołu organizatora, wolontariuszy i obsługi technicznej.",
            "For the organiser's team, volunteers and technical staff.",
        ),
        "quota": None,
        "requires_approval": False,
        "requires_invitation": True,
    },
]


# Version 1 of each consent (natural key: kind and version). A new wording is a new version.
CONSENTS = [
    {
        "kind": "processing",
        "version": 1,
        "required": True,
        "text": (
            "Zapoznałam/zapoznałem się z polityką prywatności i przyjmuję do wiadomości, że "
            "Związek Pracodawców Klastry Polskie przetwarza moje dane osobowe w celu rejestracji "
            "i organizacji mojego udziału w 11. Kongresie Klastrów Polskich, w tym w wizytach "
            "studyjnych.",
            "I have read the privacy policy and understand that Związek Pracodawców Klastry "
            "Polskie processes my personal data to register me and to organise my participation "
            "in the 11th Congress of Polish Clusters, including the study visits.",
        ),
    },
    {
        "kind": "image",
        "version": 1,
        "required": False,
        "text": (
            "Zgadzam się na nieodpłatne utrwalenie i rozpowszechnianie mojego wizerunku na "
            "zdjęciach i nagraniach z Kongresu, publikowanych przez organizatora na stronie "
            "internetowej, w mediach społecznościowych i w materiałach promocyjnych.",
            "I agree that photos and recordings of the Congress showing me may be taken and "
            "published free of charge by the organiser on its website, in social media and in "
            "promotional materials.",
        ),
    },
    {
        "kind": "newsletter",
        "version": 1,
        "required": False,
        "text": (
            "Chcę otrzymywać e-mailem informacje o kolejnych Kongresach i innych wydarzeniach "
            "Związku Pracodawców Klastry Polskie. Zgodę mogę wycofać w każdej chwili.",
            "I would like to receive e-mails about future Congresses and other events of "
            "Związek Pracodawców Klastry Polskie. I can withdraw this consent at any time.",
        ),
    },
]


# Custom questions of the form (natural key: order). Answers are stored under the question's id.
QUESTIONS = [
    {
        "order": 1,
        "kind": "yes_no",
        "required": True,
        "label": (
            "Czy weźmiesz udział w wieczorze networkingowym?",
            "Will you join the networking evening?",
        ),
        "help_text": (
            "29 października, od 19:00 – pomoże nam zamówić odpowiednią liczbę miejsc.",
            "29 October, from 7 pm – it helps us book the right number of places.",
        ),
        "options": [],
    },
    {
        "order": 2,
        "kind": "choice",
        "required": False,
        "label": ("Skąd wiesz o Kongresie?", "How did you hear about the Congress?"),
        "help_text": ("", ""),
        "options": [
            {"value": "klaster", "label": {"pl": "Od mojego klastra", "en": "From my cluster"}},
            {
                "value": "newsletter",
                "label": {"pl": "Z newslettera", "en": "From the newsletter"},
            },
            {
                "value": "social",
                "label": {"pl": "Z mediów społecznościowych", "en": "From social media"},
            },
            {
                "value": "znajomi",
                "label": {"pl": "Od znajomych z branży", "en": "From colleagues"},
            },
            {"value": "inne", "label": {"pl": "Inaczej", "en": "Other"}},
        ],
    },
    {
        "order": 3,
        "kind": "text",
        "required": False,
        "label": (
            "Pytanie do panelistów (opcjonalnie)",
            "A question for the panellists (optional)",
        ),
        "help_text": (
            "Moderatorzy wybiorą kilka pytań do dyskusji.",
            "The moderators will pick a few questions for the discussion.",
        ),
        "options": [],
    },
]


# Natural key: code. Example codes; the organiser generates real ones in the back office.
INVITATION_CODES = [
    {
        "code": "PRELEGENT-2025",
        "category": "prelegent",
        "max_uses": 50,
        "note": "Dla prelegentów i panelistów (przykład)",
    },
    {
        "code": "PARTNER-2025",
        "category": "partner",
        "max_uses": 40,
        "note": "Dla partnerów i sponsorów (przykład)",
    },
    {
        "code": "VIP-2025",
        "category": "administracja-i-vip",
        "max_uses": 30,
        "note": "Dla zaproszonych gości (przykład)",
    },
    {
        "code": "OBSLUGA-2025",
        "category": "obsluga",
        "max_uses": 25,
        "note": "Dla zespołu i wolontariuszy (przykład)",
    },
]
