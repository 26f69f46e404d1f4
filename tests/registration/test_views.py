"""The public registration flow through the Django test client, from the form to cancelling."""

import datetime as dt
import re
import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kongres.common.i18n import i18n
from kongres.common.models import RateCounter
from kongres.comms.models import Message
from kongres.program.enums import SessionKind
from kongres.registration import links, ratelimit, services, tokens
from kongres.registration.enums import ConsentKind, RegistrationMessage, RegistrationState
from kongres.registration.models import ConsentRecord, Registration
from kongres.visits.enums import SignupState
from kongres.visits.models import IdData, Signup, StudyVisit
from tests.factories import DayFactory, EditionFactory, SessionFactory, at
from tests.registration.factories import (
    CategoryFactory,
    ConsentTextFactory,
    InvitationCodeFactory,
    RegistrationFactory,
    registration_post_data,
    standard_consents,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

INVALID_LINK_PL = "Ten link jest nieprawidłowy lub wygasł"
INVALID_LINK_EN = "This link is invalid or has expired"


@pytest.fixture(autouse=True)
def _fresh_caches():
    """The page cache must not leak from one test into another (counters roll back)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edition(demo_data):
    """The demo edition with a public category and the three consents (found or created)."""
    CategoryFactory(edition=demo_data, slug="uczestnik", name=i18n("Uczestnik", "Participant"))
    standard_consents(demo_data)
    return demo_data


@pytest.fixture
def small_edition(db):
    """A fresh edition: one public category, consents, and a visit with one seat."""
    # In the future, so the visit is not over (ID data is refused after a visit).
    start = timezone.localdate() + dt.timedelta(days=60)
    edition = EditionFactory(
        slug="maly-kongres", start_date=start, end_date=start + dt.timedelta(days=1)
    )
    CategoryFactory(edition=edition, slug="uczestnik")
    standard_consents(edition)
    visit_day = DayFactory(edition=edition, date=start + dt.timedelta(days=2))
    session = SessionFactory(
        edition=edition,
        day=visit_day,
        kind=SessionKind.STUDY_VISIT,
        title=i18n("Wizyta w fabryce", "Factory visit"),
        slug="wizyta",
        start=at(visit_day.date, 9),
        end=at(visit_day.date, 13),
        capacity=1,
    )
    StudyVisit.objects.create(
        edition=edition,
        session=session,
        host_name="Zakłady Obronne S.A.",
        meeting_point=i18n("Parking", "Car park"),
        departure_at=session.start,
        requires_id_data=True,
    )
    return edition


def url(name: str, edition, language: str = "pl", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"registration:{name}", kwargs={"edition_slug": edition.slug, **kwargs})


def personal_url(registration, name: str = "personal", language: str = "pl", **kwargs) -> str:
    token = tokens.personal_link_token(registration)
    return url(name, registration.edition, language, token=token, **kwargs)


def messages_of(registration, kind) -> int:
    return Message.objects.filter(registration=registration, kind=kind).count()


def state_of(registration) -> str:
    return Registration.objects.get(pk=registration.pk).state


def visit_session(edition):
    return StudyVisit.objects.get(edition=edition).session


# --- The form -------------------------------------------------------------------------------


def test_register_form_shows_sessions_seats_consents_and_autocomplete(client, edition):
    response = client.get(url("register", edition, "en"))
    html = response.content.decode()

    assert response.status_code == 200
    assert 'name="panels"' in html
    assert 'type="radio" name="visit"' in html
    assert "seats left" in html
    assert 'name="consent_processing"' in html
    for token in ("given-name", "family-name", "email", "tel", "organization"):
        assert f'autocomplete="{token}"' in html
    assert 'autocomplete="organization-title"' in html
    assert 'inputmode="numeric"' in html
    assert 'inputmode="tel"' in html


def test_register_form_preselects_visit_from_visits_page(client, small_edition):
    visit = visit_session(small_edition)

    html = client.get(url("register", small_edition) + f"?visit={visit.pk}").content.decode()

    assert re.search(rf'value="{visit.pk}"[^>]*checked', html)


def test_register_valid_post_redirects_to_thanks_with_verify_message(client, edition):
    data = registration_post_data(edition, email="anna+kongres@żółw.pl")

    response = client.post(url("register", edition), data)

    registration = Registration.objects.get(edition=edition, email="anna+kongres@żółw.pl")
    assert response.status_code == 302
    assert response["Location"] == url("register_done", edition)
    assert registration.state == RegistrationState.UNVERIFIED
    assert (registration.first_name, registration.last_name) == ("Łukasz", "Żółć-Gęślak")
    assert messages_of(registration, RegistrationMessage.VERIFY_EMAIL) == 1


def test_register_with_visit_and_panels_signs_up(client, edition):
    visit = edition.sessions.filter(kind=SessionKind.STUDY_VISIT, capacity__gt=0).first()
    panels = list(edition.sessions.filter(kind=SessionKind.PANEL).order_by("start")[:1])
    data = registration_post_data(
        edition, email="wizyta@example.org", visit=str(visit.pk), panels=[str(panels[0].pk)]
    )

    client.post(url("register", edition), data)

    registration = Registration.objects.get(edition=edition, email="wizyta@example.org")
    chosen = set(
        Signup.objects.filter(registration=registration).values_list("session_id", flat=True)
    )
    assert chosen == {visit.pk, panels[0].pk}


def test_register_signs_up_for_the_sessions_the_form_offered_without_reading_them_again(
    client, edition
):
    visit = edition.sessions.filter(kind=SessionKind.STUDY_VISIT, capacity__gt=0).first()
    data = registration_post_data(edition, email="sesje@example.org", visit=str(visit.pk))
    client.get(url("register", edition))  # the form's choices are loaded and kept
    table = visit._meta.db_table

    with CaptureQueriesContext(connection) as captured:
        response = client.post(url("register", edition), data)

    assert response.status_code == 302
    # The sessions are locked and their seats counted, but not loaded a second time.
    loads = [
        q["sql"]
        for q in captured.captured_queries
        if f'FROM "{table}"' in q["sql"]
        and "FOR UPDATE" not in q["sql"]
        and "COUNT" not in q["sql"]
    ]
    assert loads == []
    registration = Registration.objects.get(edition=edition, email="sesje@example.org")
    assert list(registration.signups.values_list("session_id", flat=True)) == [visit.pk]


def test_register_duplicate_email_same_page_no_new_registration_link_sent(client, edition):
    first = client.post(url("register", edition), registration_post_data(edition))
    existing = Registration.objects.get(edition=edition, email="lukasz.zolc@example.org")
    count = Registration.objects.filter(edition=edition).count()

    second = client.post(
        url("register", edition),
        registration_post_data(edition, email="LUKASZ.ZOLC@example.org", first_name="Inny"),
    )

    assert (second.status_code, second["Location"]) == (first.status_code, first["Location"])
    assert Registration.objects.filter(edition=edition).count() == count
    assert messages_of(existing, RegistrationMessage.LINK) == 1
    assert Registration.objects.get(pk=existing.pk).first_name == "Łukasz"


def test_register_invalid_post_keeps_values_and_links_errors(client, edition):
    data = registration_post_data(
        edition, last_name=None, email="zly@", position="Prezes <b>zarządu</b>"
    )

    before = Registration.objects.filter(edition=edition).count()

    response = client.post(url("register", edition, "en"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert Registration.objects.filter(edition=edition).count() == before
    assert 'value="Łukasz"' in html
    assert 'value="zly@"' in html
    assert 'value="Prezes &lt;b&gt;zarządu&lt;/b&gt;"' in html
    assert 'class="error-summary"' in html
    assert 'href="#id_last_name"' in html
    assert re.search(r'id="id_last_name"[^>]*aria-invalid="true"', html) or re.search(
        r'aria-invalid="true"[^>]*id="id_last_name"', html
    )
    assert 'aria-describedby="id_last_name_error"' in html
    assert 'id="id_last_name_error"' in html
    assert "Enter your last name." in html


def test_register_invalid_post_in_polish_shows_polish_errors(client, edition):
    response = client.post(
        url("register", edition, "pl"), registration_post_data(edition, email="")
    )

    assert 'lang="pl"' in response.content.decode()
    assert "Wpisz swój adres e-mail." in response.content.decode()


def test_register_html_in_name_shown_as_text_on_personal_page(client, edition):
    data = registration_post_data(
        edition, email="xss@example.org", first_name="<script>alert(1)</script>"
    )
    client.post(url("register", edition), data)
    registration = Registration.objects.get(edition=edition, email="xss@example.org")

    html = client.get(personal_url(registration)).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_register_full_visit_puts_signup_on_waiting_list(client, small_edition):
    visit = visit_session(small_edition)
    RegistrationFactory(
        edition=small_edition, category=small_edition.categories.get(), session_ids=[visit.pk]
    )
    data = registration_post_data(small_edition, email="druga@example.org", visit=str(visit.pk))

    client.post(url("register", small_edition), data)

    signup = Signup.objects.get(registration__email="druga@example.org")
    assert signup.state == SignupState.WAITLISTED


def test_register_invitation_only_category_needs_valid_code(client, edition):
    code = InvitationCodeFactory(
        edition=edition,
        category=CategoryFactory(edition=edition, slug="goscie", requires_invitation=True),
        code="GOSC-2025",
    )
    bad = client.post(
        url("register", edition, "en"),
        registration_post_data(edition, email="gosc@example.org", invitation_code="GOSC-2024"),
    )

    good = client.post(
        url("register", edition, "en"),
        registration_post_data(edition, email="gosc@example.org", invitation_code="gosc-2025"),
    )

    registration = Registration.objects.get(edition=edition, email="gosc@example.org")
    assert bad.status_code == 200
    assert "This invitation code is not valid." in bad.content.decode()
    assert good.status_code == 302
    assert registration.category == code.category
    assert registration.invitation_code == code


def test_register_closed_when_no_category_open(client, small_edition):
    small_edition.categories.update(requires_invitation=True)

    response = client.get(url("register", small_edition, "en"))

    assert response.status_code == 200
    assert "Registration is closed" in response.content.decode()


# --- Rate limits ----------------------------------------------------------------------------


def test_register_rate_limit_per_ip_429_keeps_form_creates_nothing(client, small_edition, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "register_ip": "2/3600"}
    for n in range(2):
        client.post(
            url("register", small_edition),
            registration_post_data(small_edition, email=f"r{n}@example.org"),
        )
    before = Registration.objects.filter(edition=small_edition).count()

    response = client.post(
        url("register", small_edition, "en"),
        registration_post_data(small_edition, email="r3@example.org"),
    )

    html = response.content.decode()
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many attempts" in html
    assert 'value="r3@example.org"' in html
    assert Registration.objects.filter(edition=small_edition).count() == before


def test_register_rate_limit_per_email(client, small_edition, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "register_email": "1/3600"}
    data = registration_post_data(small_edition, email="jedna@example.org")
    client.post(url("register", small_edition), data)

    response = client.post(url("register", small_edition), data, REMOTE_ADDR="10.9.8.7")

    assert response.status_code == 429
    assert (
        messages_of(Registration.objects.get(email="jedna@example.org"), RegistrationMessage.LINK)
        == 0
    )


def test_resend_link_rate_limit_per_email(client, small_edition, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "link_email": "2/3600"}
    for _n in range(2):
        client.post(url("resend_link", small_edition), {"email": "ktos@example.org"})

    response = client.post(url("resend_link", small_edition, "en"), {"email": "KTOS@example.org"})

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_ratelimit_hit_counts_per_scope_and_identifier(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "link_ip": "2/3600"}

    hits = [ratelimit.hit("link_ip", "192.0.2.1") for _n in range(3)]
    other = ratelimit.hit("link_ip", "192.0.2.2")
    empty = ratelimit.hit("link_ip", "")

    assert hits == [False, False, True]
    assert (other, empty) == (False, False)
    assert 0 < ratelimit.retry_after("link_ip") <= 3600


def test_client_ip_behind_a_proxy_is_the_entry_the_proxy_added(settings, rf):
    forged = "203.0.113.9, 198.51.100.7"  # the client sent the first, the proxy added the second
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forged, REMOTE_ADDR="10.0.0.2")

    settings.BEHIND_PROXY = False
    direct = ratelimit.client_ip(request)
    settings.BEHIND_PROXY = True
    proxied = ratelimit.client_ip(request)
    no_header = ratelimit.client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2"))

    assert (direct, proxied, no_header) == ("10.0.0.2", "198.51.100.7", "10.0.0.2")


def test_ratelimit_counts_both_scopes_in_one_upsert_and_housekeeping_purges(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "link_ip": "5/60", "link_email": "1/60"}
    attempts = [("link_ip", "192.0.2.9"), ("link_email", "ala@example.org")]

    first = ratelimit.hit_all(attempts)
    second = ratelimit.hit_all(attempts)

    assert (first, second) == (None, "link_email")
    counts = sorted(RateCounter.objects.values_list("count", flat=True))
    assert counts == [2, 2]
    keys = RateCounter.objects.values_list("key", flat=True)
    assert all("example.org" not in key for key in keys)
    assert ratelimit.counters_purge(timezone.now() + dt.timedelta(minutes=3)) == 2
    assert not RateCounter.objects.exists()


# --- Resend link ----------------------------------------------------------------------------


def test_resend_link_same_answer_for_unknown_and_known_address(client, small_edition):
    known = RegistrationFactory(
        edition=small_edition,
        category=small_edition.categories.get(slug="uczestnik"),
        email="znana@example.org",
    )

    unknown_response = client.post(
        url("resend_link", small_edition), {"email": "obca@example.org"}, follow=True
    )
    known_response = client.post(
        url("resend_link", small_edition), {"email": "znana@example.org"}, follow=True
    )

    def page(response):
        # The CSRF token differs between renders; everything else must be identical.
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert unknown_response.redirect_chain == known_response.redirect_chain
    assert page(unknown_response) == page(known_response)
    assert messages_of(known, RegistrationMessage.LINK) == 1
    assert Message.objects.filter(to_email="obca@example.org").count() == 0


# --- Verification ---------------------------------------------------------------------------


def test_verify_get_shows_button_and_changes_nothing(client, small_edition):
    registration = RegistrationFactory(
        edition=small_edition, category=small_edition.categories.get(slug="uczestnik")
    )

    response = client.get(
        url("verify", small_edition, token=tokens.verification_token(registration))
    )

    assert response.status_code == 200
    assert '<form method="post">' in response.content.decode()
    assert state_of(registration) == RegistrationState.UNVERIFIED


def test_verify_post_confirms_and_opens_personal_page(client, small_edition):
    registration = RegistrationFactory(
        edition=small_edition, category=small_edition.categories.get(slug="uczestnik")
    )
    verify = url("verify", small_edition, "en", token=tokens.verification_token(registration))

    response = client.post(verify, follow=True)

    assert state_of(registration) == RegistrationState.CONFIRMED
    assert response.redirect_chain[0][0].startswith(f"/en/{small_edition.slug}/me/")
    assert "your e-mail address is confirmed" in response.content.decode()
    assert messages_of(registration, RegistrationMessage.REGISTRATION_CONFIRMED) == 1


def test_verify_link_from_links_module_works(client, small_edition):
    registration = RegistrationFactory(
        edition=small_edition, category=small_edition.categories.get(slug="uczestnik")
    )
    path = links.verify_url(registration).split("://", 1)[1].split("/", 1)[1]

    client.post("/" + path)

    assert state_of(registration) == RegistrationState.CONFIRMED


def _old_token(registration, salt: str, days: int) -> str:
    class PastSigner(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 86400)

    payload = {"r": registration.pk, "s": registration.link_secret[:16]}
    return PastSigner(salt=salt).sign_object(payload, compress=True)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("kind", ["tampered", "expired", "revoked", "other_edition"])
def test_verify_bad_link_clear_page_and_no_change(
    client, small_edition, other_edition, kind, method
):
    category = small_edition.categories.get()
    registration = RegistrationFactory(edition=small_edition, category=category)
    token = tokens.verification_token(registration)
    target_edition = small_edition
    if kind == "tampered":
        token = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    elif kind == "expired":
        token = _old_token(registration, tokens._VERIFY, days=tokens.VERIFY_LINK_DAYS + 1)
    elif kind == "revoked":
        Registration.objects.filter(pk=registration.pk).update(link_secret=services.new_secret())
    else:
        target_edition = other_edition

    response = getattr(client, method)(url("verify", target_edition, "en", token=token))

    assert response.status_code == 404
    assert INVALID_LINK_EN in response.content.decode()
    assert url("resend_link", target_edition, "en") in response.content.decode()
    assert state_of(registration) == RegistrationState.UNVERIFIED


def test_invalid_link_page_in_polish(client, small_edition):
    response = client.get(url("personal", small_edition, "pl", token="zepsuty-link"))

    assert response.status_code == 404
    assert INVALID_LINK_PL in response.content.decode()
    assert url("resend_link", small_edition, "pl") in response.content.decode()


# --- The personal page ----------------------------------------------------------------------


@pytest.fixture
def other_edition(db):
    return EditionFactory(slug="inny-kongres")


@pytest.fixture
def confirmed(small_edition):
    """A confirmed registration of the small edition, signed up for one panel."""
    day = small_edition.days.get()
    panel = SessionFactory(
        edition=small_edition, day=day, slug="panel-a", start=at(day.date, 9), end=at(day.date, 10)
    )
    return RegistrationFactory(
        edition=small_edition,
        category=small_edition.categories.get(),
        first_name="Zofia",
        email="zofia@example.org",
        session_ids=[panel.pk],
        verified=True,
    )


@pytest.fixture
def demo_confirmed(edition):
    """A confirmed registration of the demo edition, signed up for its first panel."""
    panel = edition.sessions.filter(kind=SessionKind.PANEL).order_by("start").first()
    return RegistrationFactory(
        edition=edition,
        category=edition.categories.get(slug="uczestnik"),
        first_name="Zofia",
        email="zofia@example.org",
        session_ids=[panel.pk],
        verified=True,
    )


def test_personal_page_shows_state_data_sessions_feed_and_consents(client, demo_confirmed):
    response = client.get(personal_url(demo_confirmed, language="en"))
    html = response.content.decode()

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "You are registered." in html
    assert "zofia@example.org" in html
    assert str(demo_confirmed.signups.get().session.title.localize("en")) in html
    assert links.agenda_feed_url(demo_confirmed).replace("/pl/", "/pl/") in html
    assert personal_url(demo_confirmed, "ticket_pdf", "en").rsplit("/", 2)[0] in html
    assert "Withdraw this consent" in html or "Give this consent" in html


@pytest.mark.parametrize("kind", ["tampered", "expired", "revoked", "other_edition"])
def test_personal_bad_link_clear_page(client, other_edition, confirmed, settings, kind):
    token = tokens.personal_link_token(confirmed)
    target = confirmed.edition
    if kind == "tampered":
        token = "x" + token[1:]
    elif kind == "expired":
        settings.PERSONAL_LINK_DAYS = -1
    elif kind == "revoked":
        Registration.objects.filter(pk=confirmed.pk).update(link_secret=services.new_secret())
    else:
        target = other_edition

    page = client.get(url("personal", target, "en", token=token))
    cancel = client.post(url("personal_cancel", target, "en", token=token))

    assert (page.status_code, cancel.status_code) == (404, 404)
    assert INVALID_LINK_EN in page.content.decode()
    assert state_of(confirmed) == RegistrationState.CONFIRMED


def test_personal_edit_saves_changes(client, confirmed):
    data = registration_post_data(
        confirmed.edition, first_name="Zofia Anna", nip="774-000-14-54", dietary_needs="wegańska"
    )

    response = client.post(personal_url(confirmed, "personal_edit"), data)

    confirmed.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].endswith("?done=saved")
    assert (confirmed.first_name, confirmed.nip, confirmed.dietary_needs) == (
        "Zofia Anna",
        "7740001454",
        "wegańska",
    )
    assert confirmed.email == "zofia@example.org"


def test_personal_edit_invalid_keeps_values_changes_nothing(client, confirmed):
    data = registration_post_data(confirmed.edition, first_name="", nip="1234567890")

    response = client.post(personal_url(confirmed, "personal_edit", "en"), data)

    confirmed.refresh_from_db()
    assert response.status_code == 200
    assert 'value="1234567890"' in response.content.decode()
    assert confirmed.first_name == "Zofia"


def test_personal_sessions_change(client, demo_confirmed):
    edition = demo_confirmed.edition
    panels = list(edition.sessions.filter(kind=SessionKind.PANEL).order_by("start")[1:3])
    visit = edition.sessions.filter(kind=SessionKind.STUDY_VISIT, capacity__gt=0).first()

    response = client.post(
        personal_url(demo_confirmed, "personal_sessions"),
        {"panels": [str(p.pk) for p in panels], "visit": str(visit.pk)},
    )

    active = set(
        Signup.objects.filter(
            registration=demo_confirmed, state__in=[SignupState.CONFIRMED, SignupState.WAITLISTED]
        ).values_list("session_id", flat=True)
    )
    assert response.status_code == 302
    assert active == {panels[0].pk, panels[1].pk, visit.pk}


def test_personal_cancel_asks_first_then_cancels(client, confirmed):
    page = client.get(personal_url(confirmed, "personal_cancel"))
    state_after_get = state_of(confirmed)

    response = client.post(personal_url(confirmed, "personal_cancel"))

    assert page.status_code == 200
    assert state_after_get == RegistrationState.CONFIRMED
    assert response.status_code == 302
    assert state_of(confirmed) == RegistrationState.CANCELLED
    assert Signup.objects.filter(registration=confirmed, state=SignupState.CANCELLED).count() == 1


def test_personal_consent_give_and_withdraw(client, confirmed):
    consents_url = personal_url(confirmed, "personal_consents")

    client.post(consents_url, {"kind": ConsentKind.IMAGE, "action": "give"})
    given = ConsentRecord.objects.filter(
        registration=confirmed, consent__kind=ConsentKind.IMAGE, withdrawn_at__isnull=True
    ).count()
    client.post(consents_url, {"kind": ConsentKind.IMAGE, "action": "withdraw"})

    active = ConsentRecord.objects.filter(
        registration=confirmed, consent__kind=ConsentKind.IMAGE, withdrawn_at__isnull=True
    ).count()
    assert (given, active) == (1, 0)


def test_personal_consent_new_version_can_be_accepted(client, confirmed):
    consents_url = personal_url(confirmed, "personal_consents")
    client.post(consents_url, {"kind": ConsentKind.IMAGE, "action": "give"})
    newer = ConsentTextFactory(edition=confirmed.edition, kind=ConsentKind.IMAGE, version=2)
    page = client.get(personal_url(confirmed, language="en")).content.decode()

    client.post(consents_url, {"kind": ConsentKind.IMAGE, "action": "give"})

    assert "Accept the current version" in page
    assert ConsentRecord.objects.filter(registration=confirmed, consent=newer).count() == 1


def test_personal_required_consent_cannot_be_withdrawn(client, confirmed):
    response = client.post(
        personal_url(confirmed, "personal_consents", "en"),
        {"kind": ConsentKind.PROCESSING, "action": "withdraw"},
    )

    assert response.status_code == 400
    assert ConsentRecord.objects.filter(
        registration=confirmed, consent__kind=ConsentKind.PROCESSING, withdrawn_at__isnull=True
    ).exists()


def test_personal_feed_rotate_revokes_old_feed(client, confirmed):
    old_feed = url("agenda_feed", confirmed.edition, feed=links.agenda_feed_token(confirmed))
    before = client.get(old_feed)

    client.post(personal_url(confirmed, "personal_feed_rotate"))

    confirmed.refresh_from_db()
    new_feed = url("agenda_feed", confirmed.edition, feed=links.agenda_feed_token(confirmed))
    assert before.status_code == 200
    assert before["Content-Type"].startswith("text/calendar")
    assert client.get(old_feed).status_code == 404
    assert client.get(new_feed).status_code == 200


def test_agenda_feed_wrong_secret_404(client, confirmed):
    response = client.get(url("agenda_feed", confirmed.edition, feed=f"{confirmed.pk}-nope"))

    assert response.status_code == 404


def test_ticket_only_for_confirmed(client, confirmed):
    unverified = RegistrationFactory(edition=confirmed.edition, category=confirmed.category)

    denied = client.get(personal_url(unverified, "ticket_pdf"))
    ticket = client.get(personal_url(confirmed, "ticket_pdf"))

    assert denied.status_code == 302
    assert ticket.status_code == 200
    assert ticket["Content-Type"] == "application/pdf"
    assert ticket.content.startswith(b"%PDF")


def test_offer_accept_confirms_offered_seat(client, small_edition):
    visit = visit_session(small_edition)
    category = small_edition.categories.get()
    first = RegistrationFactory(
        edition=small_edition, category=category, session_ids=[visit.pk], verified=True
    )
    second = RegistrationFactory(
        edition=small_edition, category=category, session_ids=[visit.pk], verified=True
    )
    services.registration_cancel(registration=first, reason="participant")
    signup = Signup.objects.get(registration=second, session=visit)
    page = client.get(personal_url(second, language="en")).content.decode()

    response = client.post(personal_url(second, "offer_accept", signup_id=signup.pk))

    signup.refresh_from_db()
    assert "Confirm this seat" in page
    assert response.status_code == 302
    assert signup.state == SignupState.CONFIRMED


def test_personal_page_shows_waiting_list_position(client, small_edition):
    visit = visit_session(small_edition)
    category = small_edition.categories.get()
    people = [
        RegistrationFactory(
            edition=small_edition, category=category, session_ids=[visit.pk], verified=True
        )
        for _n in range(3)
    ]

    html = client.get(personal_url(people[2], language="en")).content.decode()

    assert "waiting list, position 2" in html


def test_offer_accept_of_another_person_refused(client, small_edition):
    visit = visit_session(small_edition)
    category = small_edition.categories.get()
    owner = RegistrationFactory(
        edition=small_edition, category=category, session_ids=[visit.pk], verified=True
    )
    other = RegistrationFactory(edition=small_edition, category=category, verified=True)
    signup = Signup.objects.get(registration=owner)

    response = client.post(personal_url(other, "offer_accept", signup_id=signup.pk))

    assert response.status_code == 404


def test_id_data_saved_for_visit_that_needs_it(client, small_edition):
    visit = visit_session(small_edition)
    registration = RegistrationFactory(
        edition=small_edition,
        category=small_edition.categories.get(),
        session_ids=[visit.pk],
        verified=True,
    )
    signup = Signup.objects.get(registration=registration)
    form = client.get(personal_url(registration, "id_data", signup_id=signup.pk))

    response = client.post(
        personal_url(registration, "id_data", signup_id=signup.pk),
        {
            "document_type": "id_card",
            "document_number": "abc 123456",
            "date_of_birth": "1980-05-17",
            "nationality": "polskie",
        },
    )

    assert form.status_code == 200
    assert response.status_code == 302
    assert IdData.objects.get(signup=signup).document_number == "ABC123456"


# --- Group registration ---------------------------------------------------------------------


def test_group_registration_creates_each_person_with_own_message(client, edition):
    data = {
        "coordinator_name": "Małgorzata Koordynator",
        "coordinator_email": "koordynator@example.org",
        "organisation": "Klaster Ł",
        "language": "pl",
        "on_behalf": "on",
        "members-TOTAL_FORMS": "5",
        "members-INITIAL_FORMS": "0",
    }
    if edition.categories.filter(requires_invitation=False).count() > 1:
        data["category"] = str(edition.categories.get(slug="uczestnik").pk)
    for n in range(3):
        data.update(
            {
                f"members-{n}-first_name": f"Osoba {n}",
                f"members-{n}-last_name": "Żak",
                f"members-{n}-email": f"grupa{n}@example.org",
            }
        )

    response = client.post(url("group", edition), data)

    members = list(Registration.objects.filter(edition=edition, email__startswith="grupa"))
    assert response.status_code == 302
    assert response["Location"] == url("register_done", edition) + "?group=1"
    assert len(members) == 3
    assert len({m.group_id for m in members}) == 1
    assert [messages_of(m, RegistrationMessage.VERIFY_EMAIL) for m in members] == [1, 1, 1]
    assert {m.organisation for m in members} == {"Klaster Ł"}


def test_group_registration_without_people_shows_error(client, small_edition):
    data = {
        "coordinator_name": "Małgorzata",
        "coordinator_email": "koordynator@example.org",
        "organisation": "Klaster",
        "language": "en",
        "on_behalf": "on",
        "members-TOTAL_FORMS": "5",
        "members-INITIAL_FORMS": "0",
    }
    if small_edition.categories.filter(requires_invitation=False).count() > 1:
        data["category"] = str(small_edition.categories.get(slug="uczestnik").pk)

    response = client.post(url("group", small_edition, "en"), data)

    assert response.status_code == 200
    assert "Add at least one person." in response.content.decode()


def test_group_registration_member_error_listed_with_person_number(client, small_edition):
    data = {
        "coordinator_name": "Małgorzata",
        "coordinator_email": "koordynator@example.org",
        "organisation": "Klaster",
        "language": "en",
        "on_behalf": "on",
        "members-TOTAL_FORMS": "3",
        "members-INITIAL_FORMS": "0",
        "members-0-first_name": "Jan",
        "members-0-last_name": "Żak",
        "members-1-first_name": "Ewa",
        "members-1-last_name": "Łoś",
        "members-1-email": "ewa@example.org",
    }

    response = client.post(url("group", small_edition, "en"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_members-0-email"' in html
    assert "Person 1, e-mail – Enter the e-mail address." in html
    assert 'value="ewa@example.org"' in html
    assert Registration.objects.filter(edition=small_edition).count() == 0


# --- Query counts ---------------------------------------------------------------------------


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def _panels(edition, count: int, start: int = 0):
    day = (
        DayFactory(edition=edition, date=edition.start_date)
        if not edition.days.exists()
        else edition.days.order_by("date").first()
    )
    return [
        SessionFactory(
            edition=edition, day=day, start=at(day.date, 9 + n), end=at(day.date, 10 + n)
        )
        for n in range(start, start + count)
    ]


def test_register_page_query_count_constant_for_1_and_3_panels(client, small_edition):
    _panels(small_edition, 1)
    one = _queries(client, url("register", small_edition))
    _panels(small_edition, 2, start=1)

    three = _queries(client, url("register", small_edition))

    assert one == three


def test_personal_page_query_count_constant_for_1_and_3_signups(client, small_edition):
    panels = _panels(small_edition, 3)
    registration = RegistrationFactory(
        edition=small_edition,
        category=small_edition.categories.get(),
        session_ids=[panels[0].pk],
        verified=True,
    )
    client.get(personal_url(registration))  # loads the edition into the process's memory
    one = _queries(client, personal_url(registration))
    services.registration_change_sessions(
        registration=registration, session_ids=[p.pk for p in panels]
    )

    three = _queries(client, personal_url(registration))

    assert one == three
