"""Registration in a real browser, with e-mail through a real SMTP server.

The live server only queues e-mails (as it does in production, where ``kongres worker`` sends
them); ``deliver_queued_mail`` plays the worker: it sends every queued message to the in-process
SMTP sink and returns what arrived. Links are followed from the e-mails themselves, so the
flows cover what a participant sees: the form on a phone, the verification link, the ticket
and calendar attached to the confirmation, the personal page, changing the study visit,
cancelling, and a seat offered from a waiting list.
"""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.program.models import Session
from kongres.registration import links, services
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Category, ConsentText, Question, Registration
from kongres.visits import services as visit_services
from kongres.visits.enums import ACTIVE_STATES, SeatMessage, SignupState
from kongres.visits.models import Signup

pytestmark = pytest.mark.e2e

# The real SMTP server of the e-mail tests (aiosmtpd in this process), as a fixture here too.

SCREENS = Path("/tmp/kongres-screens")  # noqa: S108 (a fixed place for humans to look)
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "pl-PL",
}
EDITION_NAME = "11. Kongres Klastrów Polskich"
CNC = "wizyta-przykladowa-obrobka-cnc"
AUTOMATION = "wizyta-przykladowy-integrator-automatyki"
CNC_TITLE = "Przykładowa Obróbka Precyzyjna CNC Sp. z o.o."
AUTOMATION_TITLE = "Przykładowy Integrator Automatyki Sp. z o.o."
PANEL_TITLE = "Kosmos użyteczny: polski sektor kosmiczny jako motor innowacji"


# --- Fixtures and helpers -------------------------------------------------------------------


@pytest.fixture
def site(demo_site, settings):
    """The demo site; links in e-mails point at the live server; no rate limit is counted yet."""
    settings.SITE_URL = demo_site.url
    return demo_site


def _screenshot(page, name: str) -> None:
    """A full-page picture for humans to look at; no test asserts on it."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / name, full_page=True)


def _has_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def _subject(mail) -> str:
    return " ".join(str(mail["Subject"]).split())


def _body(mail) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content()


def _link(mail, site, kind: str) -> str:
    """The one link of this kind (``verify`` or ``me``) in the e-mail, on the live server."""
    pattern = rf"{re.escape(site.url)}/(?:pl|en)/kkp-2025/{kind}/[^\s/]+/"
    found = set(re.findall(pattern, _body(mail)))
    assert len(found) == 1, _body(mail)
    return found.pop()


def _attachments(mail) -> dict[str, tuple[str, bytes]]:
    return {
        part.get_filename(): (part.get_content_type(), part.get_content())
        for part in mail.iter_attachments()
    }


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def _session(edition, slug: str) -> Session:
    return Session.objects.get(edition=edition, slug=slug)


def _register_confirmed(edition, *, first_name, last_name, email, sessions=()) -> Registration:
    """A participant registered and verified through the services, as the form would do it."""
    data = services.RegistrationInput(
        first_name=first_name,
        last_name=last_name,
        email=email,
        language="pl",
        details={"organisation": "Lubuski Klaster Metalowy", "organisation_type": "company"},
        consent_ids=[ConsentText.objects.get(edition=edition, kind="processing").pk],
        session_ids=[session.pk for session in sessions],
    )
    category = Category.objects.get(edition=edition, slug="uczestnik")
    registration, created = services.registration_create(
        edition=edition, category=category, data=data
    )
    assert created is True
    return services.registration_verify(registration=registration)


def _signups(registration) -> list[tuple[str, str]]:
    return [
        (signup.session.slug, signup.state)
        for signup in Signup.objects.filter(registration=registration, state__in=ACTIVE_STATES)
        .select_related("session")
        .order_by("session__start")
    ]


def _visit_option(page, title: str):
    return page.get_by_role("radio", name=re.compile(re.escape(title)))


def _state_counts() -> tuple[int, int, int, int]:
    return (
        Registration.objects.count(),
        Signup.objects.count(),
        Message.objects.count(),
        DBTaskResult.objects.count(),
    )


# --- a. Registering on a phone, verifying, the confirmation with ticket -----------------------


@pytest.mark.parametrize("context_options", [PHONE], ids=["phone"])
def test_register_on_phone_verify_and_open_personal_link_from_mail(site, page, deliver_queued_mail):
    email = "lukasz.zolc+kongres@example.org"
    page.goto(site.page_url("/pl/kkp-2025/"))

    page.locator(".hero").get_by_role("link", name="Zarejestruj się").click()

    expect(page).to_have_url(site.page_url("/pl/kkp-2025/register/"))
    expect(page.locator("h1")).to_have_text("Zarejestruj się na Kongres")
    expect(page.get_by_role("radio", name=re.compile(r"^Uczestnik"))).to_be_checked()
    expect(page.get_by_role("radio", name="Polski")).to_be_checked()
    visits = page.locator("#id_visit_field label.option")
    expect(visits.filter(has_text=CNC_TITLE)).to_contain_text("28 wolnych miejsc")
    assert _has_horizontal_overflow(page) is False
    page.get_by_role("textbox", name="Imię", exact=True).fill("Łukasz")
    page.get_by_role("textbox", name="Nazwisko", exact=True).fill("Żółć-Gęślak")
    page.get_by_role("textbox", name="E-mail", exact=True).fill(email)
    page.get_by_role("textbox", name="Organizacja", exact=True).fill("Lubuski Klaster Metalowy")
    page.get_by_role("combobox", name="Rodzaj organizacji").select_option(
        label="Organizacja klastrowa"
    )
    page.get_by_role("combobox", name="Województwo").select_option(label="lubuskie")
    page.get_by_role("group", name=re.compile("networkingowym")).get_by_role(
        "radio", name="Tak"
    ).check()
    page.get_by_role("checkbox", name=re.compile(re.escape(PANEL_TITLE))).check()
    _visit_option(page, CNC_TITLE).check()
    # The slash is escaped: Playwright ends a regular expression in a selector at a bare "/".
    page.get_by_role("checkbox", name=re.compile(r"^Zapoznałam\/zapoznałem się")).check()
    _screenshot(page, "register-phone.png")

    page.get_by_role("button", name="Zarejestruj się").click()

    expect(page).to_have_url(site.page_url("/pl/kkp-2025/register/thanks/"))
    expect(page.locator("h1")).to_have_text("Sprawdź skrzynkę e-mail")
    registration = Registration.objects.get(edition=site.edition, email=email)
    assert (registration.first_name, registration.last_name, registration.state) == (
        "Łukasz",
        "Żółć-Gęślak",
        RegistrationState.UNVERIFIED,
    )
    assert _signups(registration) == [
        ("kosmos-uzyteczny", SignupState.CONFIRMED),
        (CNC, SignupState.CONFIRMED),
    ]

    [verification] = deliver_queued_mail()

    assert verification["To"] == email
    assert _subject(verification) == f"Potwierdź adres e-mail – {EDITION_NAME}"
    page.goto(_link(verification, site, "verify"))
    expect(page.locator("h1")).to_have_text("Potwierdź adres e-mail")
    expect(page.locator("main")).to_contain_text(f"Rejestracja: Łukasz Żółć-Gęślak ({email}).")

    page.get_by_role("button", name="Potwierdzam mój adres e-mail").click()

    expect(page).to_have_url(re.compile(r"/pl/kkp-2025/me/[^/]+/\?done=verified$"))
    expect(page.get_by_role("status")).to_have_text(
        "Dziękujemy, Twój adres e-mail jest potwierdzony."
    )
    expect(page.locator("#sec-state")).to_have_text("Status: potwierdzona")

    [confirmation] = deliver_queued_mail()

    assert confirmation["To"] == email
    assert _subject(confirmation) == f"Rejestracja potwierdzona – {EDITION_NAME}"
    attachments = _attachments(confirmation)
    assert sorted((name, kind) for name, (kind, _content) in attachments.items()) == [
        ("kkp-2025.ics", "text/calendar"),
        ("ticket-kkp-2025.pdf", "application/pdf"),
    ]
    assert "Łukasz Żółć-Gęślak" in _pdf_text(attachments["ticket-kkp-2025.pdf"][1])
    days = Calendar.from_ical(attachments["kkp-2025.ics"][1]).walk("VEVENT")
    assert [event["DTSTART"].dt.day for event in days] == [29, 30, 31]

    page.goto(_link(confirmation, site, "me"))

    expect(page.locator("h1")).to_have_text("Moja rejestracja")
    expect(page.locator("main p.muted").first).to_have_text(f"Łukasz Żółć-Gęślak · {email}")
    expect(page.locator("#sec-state")).to_have_text("Status: potwierdzona")
    expect(page.locator(".signup-list .signup-title")).to_have_text(
        [PANEL_TITLE, f"Wizyta studyjna: {CNC_TITLE}"]
    )
    expect(page.locator(".signup-list .tag")).to_have_text(
        ["w Twoim planie", "miejsce potwierdzone"]
    )
    expect(page.get_by_role("link", name="Pobierz bilet (PDF)")).to_be_visible()
    _screenshot(page, "personal-phone.png")
    assert _has_horizontal_overflow(page) is False


# --- b. Changing the study visit, then cancelling, through the personal link -----------------


def test_personal_link_changes_visit_then_cancels_with_confirmation(
    site, page, deliver_queued_mail
):
    registration = _register_confirmed(
        site.edition,
        first_name="Zofia",
        last_name="Wiśniewska",
        email="zofia@example.org",
        sessions=[_session(site.edition, CNC)],
    )
    deliver_queued_mail()  # the verification and confirmation e-mails of the set-up
    page.goto(links.personal_url(registration))
    page.get_by_role("link", name="Zmień panele lub wizytę studyjną").click()
    expect(_visit_option(page, CNC_TITLE)).to_be_checked()
    expect(page.locator("#id_visit_field label.option").filter(has_text=CNC_TITLE)).to_contain_text(
        "masz miejsce"
    )

    _visit_option(page, AUTOMATION_TITLE).check()
    page.get_by_role("button", name="Zapisz wybór").click()

    expect(page).to_have_url(re.compile(r"/pl/kkp-2025/me/[^/]+/\?done=sessions#sessions$"))
    expect(page.get_by_role("status")).to_have_text("Twój wybór paneli i wizyty został zapisany.")
    expect(page.locator(".signup-list .signup-title")).to_have_text(
        [f"Wizyta studyjna: {AUTOMATION_TITLE}"]
    )
    expect(page.locator(".signup-list .tag")).to_have_text(["miejsce potwierdzone"])
    assert _signups(registration) == [(AUTOMATION, SignupState.CONFIRMED)]

    page.get_by_role("link", name="Anuluj moją rejestrację…").click()
    expect(page.locator("h1")).to_have_text("Anulować rejestrację?")
    expect(page.locator(".panel.warning li")).to_have_text([f"Wizyta studyjna: {AUTOMATION_TITLE}"])
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED  # the first click changes nothing

    page.get_by_role("button", name="Tak, anuluj moją rejestrację").click()

    expect(page).to_have_url(re.compile(r"/pl/kkp-2025/me/[^/]+/\?done=cancelled$"))
    expect(page.get_by_role("status")).to_have_text(
        "Twoja rejestracja została anulowana. Wysłaliśmy Ci potwierdzenie."
    )
    expect(page.locator("#sec-state")).to_have_text("Status: anulowana")
    expect(page.locator(".signup-list")).to_have_count(0)
    expect(page.get_by_role("link", name="Zmień panele lub wizytę studyjną")).to_have_count(0)
    expect(page.get_by_role("link", name="Anuluj moją rejestrację…")).to_have_count(0)
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CANCELLED
    assert _signups(registration) == []
    [cancelled] = deliver_queued_mail()
    assert (cancelled["To"], _subject(cancelled)) == (
        "zofia@example.org",
        f"Rejestracja anulowana – {EDITION_NAME}",
    )


# --- c. A freed seat offered to the first person on the waiting list -------------------------


def test_freed_seat_is_offered_by_mail_and_confirmed_on_personal_page(
    site, page, deliver_queued_mail
):
    visit = _session(site.edition, AUTOMATION)
    for signup in Signup.objects.filter(session=visit, state__in=ACTIVE_STATES):
        visit_services.signup_cancel(signup=signup)
    Session.objects.filter(pk=visit.pk).update(capacity=1)
    holder = _register_confirmed(
        site.edition,
        first_name="Adam",
        last_name="Pierwszy",
        email="adam@example.org",
        sessions=[visit],
    )
    waiting = _register_confirmed(
        site.edition,
        first_name="Barbara",
        last_name="Druga",
        email="barbara@example.org",
        sessions=[visit],
    )
    assert (_signups(holder), _signups(waiting)) == (
        [(AUTOMATION, SignupState.CONFIRMED)],
        [(AUTOMATION, SignupState.WAITLISTED)],
    )
    deliver_queued_mail()  # the verification and confirmation e-mails of the set-up
    page.goto(links.personal_url(waiting))
    expect(page.locator(".signup-list .tag")).to_have_text(["lista rezerwowa, pozycja 1"])
    page.goto(links.personal_url(holder))
    page.get_by_role("link", name="Zmień panele lub wizytę studyjną").click()
    page.get_by_role("radio", name="Bez wizyty studyjnej").check()
    page.get_by_role("button", name="Zapisz wybór").click()
    expect(page.get_by_role("status")).to_have_text("Twój wybór paneli i wizyty został zapisany.")
    expect(page.locator("#sessions")).to_contain_text(
        "Nie wybrano jeszcze żadnego panelu ani wizyty studyjnej."
    )

    [offer] = deliver_queued_mail()

    assert (offer["To"], _subject(offer)) == (
        "barbara@example.org",
        f"Czeka na Ciebie miejsce: Wizyta studyjna: {AUTOMATION_TITLE}",
    )
    offered = Message.objects.get(registration=waiting, kind=SeatMessage.SEAT_OFFERED)
    assert offered.state == MessageState.SENT
    page.goto(_link(offer, site, "me"))
    expect(page.locator(".signup-list .tag")).to_have_text(["czeka na Ciebie miejsce"])
    assert _signups(waiting) == [(AUTOMATION, SignupState.OFFERED)]

    page.get_by_role("button", name="Potwierdzam to miejsce").click()

    expect(page).to_have_url(re.compile(r"/pl/kkp-2025/me/[^/]+/\?done=offer#sessions$"))
    expect(page.get_by_role("status")).to_have_text("Miejsce jest Twoje – potwierdzone.")
    expect(page.locator(".signup-list .tag")).to_have_text(["miejsce potwierdzone"])
    assert _signups(waiting) == [(AUTOMATION, SignupState.CONFIRMED)]
    assert Signup.objects.get(registration=waiting, session=visit).seat == 1


# --- d, e. The form with errors, in Polish and in English ------------------------------------

FORM_TEXT = {
    "pl": {
        "labels": {
            "first_name": "Imię",
            "last_name": "Nazwisko",
            "email": "E-mail",
            "organisation": "Organizacja",
            "nip": "NIP",
            "dietary_needs": "Wymagania dietetyczne",
        },
        "heading": "Zarejestruj się na Kongres",
        "submit": "Zarejestruj się",
        "summary": "Sprawdź formularz",
        "error_prefix": "Błąd: ",
        "title_prefix": "Błąd: ",
        # field name -> (label in the summary, error message)
        "errors": {
            "last_name": ("Nazwisko", "Wpisz swoje nazwisko."),
            "email": ("E-mail", "Wpisz adres e-mail w postaci nazwa@example.com."),
            "organisation": ("Organizacja", "Wpisz nazwę swojej organizacji."),
            "organisation_type": ("Rodzaj organizacji", "Wybierz rodzaj swojej organizacji."),
            "voivodeship": (
                "Województwo",
                "Wybierz województwo, w którym działa Twoja organizacja.",
            ),
            "nip": ("NIP", "Ten NIP jest nieprawidłowy – sprawdź cyfry."),
            "q_1": ("Czy weźmiesz udział w wieczorze networkingowym?", "Wybierz odpowiedź."),
            "consent_processing": (
                "Przetwarzanie danych osobowych",
                "Zaznacz tę zgodę, aby się zarejestrować.",
            ),
        },
    },
    "en": {
        "labels": {
            "first_name": "First name",
            "last_name": "Last name",
            "email": "E-mail",
            "organisation": "Organisation",
            "nip": "NIP (tax number)",
            "dietary_needs": "Dietary needs",
        },
        "heading": "Register for the congress",
        "submit": "Register",
        "summary": "Please check the form",
        "error_prefix": "Error: ",
        "title_prefix": "Error: ",
        "errors": {
            "last_name": ("Last name", "Enter your last name."),
            "email": ("E-mail", "Enter an e-mail address in the form name@example.com."),
            "organisation": ("Organisation", "Enter the name of your organisation."),
            "organisation_type": ("Type of organisation", "Choose the type of your organisation."),
            "voivodeship": ("Voivodeship", "Choose the voivodeship where your organisation is."),
            "nip": ("NIP (tax number)", "This NIP is not valid: please check the digits."),
            "q_1": ("Will you join the networking evening?", "Choose an answer."),
            "consent_processing": (
                "Processing of personal data",
                "Accept this consent to register.",
            ),
        },
    },
}
TYPED = {
    "first_name": "Łukasz",
    "email": "lukasz@niepoprawny",
    "nip": "123-456-78-90",  # the check digit cannot be right
    "dietary_needs": "bez glutenu",
}


@pytest.mark.parametrize("language", ["pl", "en"])
def test_register_with_errors_shows_each_by_its_field_keeps_input_creates_nothing(
    site, page, language
):
    text = FORM_TEXT[language]
    question = Question.objects.get(edition=site.edition, order=1)
    errors = {
        f"q_{question.pk}" if name == "q_1" else name: value
        for name, value in text["errors"].items()
    }
    before = _state_counts()
    page.goto(site.page_url(f"/{language}/kkp-2025/register/"))
    expect(page.locator("h1")).to_have_text(text["heading"])
    for name, value in TYPED.items():
        page.get_by_role("textbox", name=text["labels"][name], exact=True).fill(value)
    panel = _session(site.edition, "kosmos-uzyteczny").title.localize(language)
    page.get_by_role("checkbox", name=re.compile(re.escape(panel))).check()
    _visit_option(page, CNC_TITLE).check()

    page.get_by_role("button", name=text["submit"], exact=True).click()

    expect(page).to_have_title(re.compile(rf"^{re.escape(text['title_prefix'])}"))
    expect(page.locator("h1")).to_have_text(text["heading"])
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()  # a screen reader reads the summary first
    expect(summary.locator("h2")).to_have_text(text["summary"])
    expect(summary.locator("li")).to_have_text(
        [f"{label} – {message}" for label, message in errors.values()]
    )
    targets = summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for name, target in zip(errors, targets, strict=True):  # each link leads to its field
        expect(page.locator(f"#id_{name}_field {target}")).to_have_count(1)
    for name, (_label, message) in errors.items():
        field = page.locator(f"#id_{name}_field")
        expect(field.locator(".field-error")).to_have_text(f"{text['error_prefix']}{message}")
        expect(field.locator("[aria-invalid=true]").first).to_be_attached()
    expect(page.locator(".form-field.has-error")).to_have_count(len(errors))
    for name, value in TYPED.items():
        expect(page.get_by_role("textbox", name=text["labels"][name], exact=True)).to_have_value(
            value
        )
    expect(page.get_by_role("checkbox", name=re.compile(re.escape(panel)))).to_be_checked()
    expect(_visit_option(page, CNC_TITLE)).to_be_checked()
    assert _state_counts() == before
