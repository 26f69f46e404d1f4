"""Every public form and every personal-link page fed random and hostile input (issue 12).

Per case: no server error, no payload reflected unescaped, nothing written when the request
is rejected. The demo edition is the target; rate limits are raised (``open_limits``) so that
the fuzzer gets past them to the form logic. ``KONGRES_FUZZ_EXAMPLES`` sets the cases per
target (default 25, derandomised, so CI runs the same cases every time).
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from kongres.matchmaking.models import MeetingRequest, Profile
from kongres.registration import links, tokens
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Registration
from kongres.visits.models import Signup
from tests.security.fuzzing import (
    FUZZ,
    RAW_QUERY_JUNK,
    big_ids,
    check,
    counts,
    field_value,
    flat_values,
    form_fields,
    hostile,
    mutated,
    path_segment,
    tampered,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SLUG = "kkp-2025"


@pytest.fixture
def edition(demo_module, open_limits):
    return demo_module


@pytest.fixture
def client():
    return Client(HTTP_ACCEPT_LANGUAGE="pl")


@pytest.fixture
def me(edition):
    """A confirmed participant with a matchmaking profile."""
    return (
        Registration.objects.filter(
            edition=edition, state=RegistrationState.CONFIRMED, matchmaking_profile__isnull=False
        )
        .order_by("pk")
        .first()
    )


@pytest.fixture
def token(me):
    return tokens.personal_link_token(me)


def url(name, **kwargs):
    return reverse(name, kwargs={"edition_slug": SLUG, **kwargs})


def _post_case(client, target, path, data):
    before = counts()
    response = client.post(path, data)
    check(target, response, flat_values(data), before)
    return response


def _get_case(client, target, path, data=None, *, raw=""):
    before = counts()
    response = client.get(f"{path}?{raw}") if raw else client.get(path, data or {})
    check(target, response, flat_values(data or {}), before, accepted=lambda r: False)
    return response


# --- Public forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["registration:register", "registration:group", "registration:resend_link"],
)
def test_public_forms(client, edition, name):
    path = url(name)
    base = form_fields(client.get(path).content.decode())
    assert base, "the form has fields"

    @FUZZ
    @given(data=mutated(base))
    def case(data):
        _post_case(client, name, path, data)

    case()


def test_checkin_login(client, edition):
    path = reverse("onsite:checkin_login", args=[SLUG])

    @FUZZ
    @given(
        data=st.fixed_dictionaries(
            {}, optional={"username": field_value, "password": field_value, "next": field_value}
        ),
        next_get=st.one_of(st.none(), hostile),
    )
    def case(data, next_get):
        target = path + (f"?next={path_segment(next_get)}" if next_get is not None else "")
        _post_case(client, "onsite:checkin_login", target, data)

    case()


def test_certificate_verify(client, edition):
    find = reverse("onsite:certificate_find", args=[SLUG])

    @FUZZ
    @given(code=hostile, in_path=st.booleans())
    def case(code, in_path):
        if in_path:
            path = reverse("onsite:certificate_verify", args=[SLUG, "x"])[: -len("x/")]
            _get_case(client, "onsite:certificate_verify", path + path_segment(code) + "/")
        else:
            _get_case(client, "onsite:certificate_verify", find, {"code": code})

    case()


# --- Query strings of public pages ----------------------------------------------------------

PUBLIC_PAGES = [
    ("events:home", {}),
    ("program:program", {}),
    ("program:speakers", {}),
    ("visits:list", {}),
    ("registration:register", {}),
    ("registration:register_done", {}),
    ("registration:group", {}),
    ("registration:resend_link", {}),
]
QUERY_KEYS = ["day", "theme", "room", "visit", "rows", "group", "sent", "page", "done", "q"]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_public_query_strings(client, edition, name, kwargs):
    path = url(name, **kwargs)

    @FUZZ
    @given(
        data=st.dictionaries(st.sampled_from(QUERY_KEYS), field_value, max_size=4),
        raw=st.one_of(st.just(""), st.sampled_from(RAW_QUERY_JUNK)),
        language=st.one_of(st.sampled_from(["pl", "en", "de", "*"]), hostile),
        htmx=st.booleans(),
    )
    def case(data, raw, language, htmx):
        headers = {"Accept-Language": language.encode("latin-1", "replace").decode("latin-1")}
        if htmx:
            headers["HX-Request"] = "true"
        before = counts()
        if raw:
            response = client.get(f"{path}?{raw}", headers=headers)
        else:
            response = client.get(path, data, headers=headers)
        check(
            f"{name} (query string)", response, flat_values(data), before, accepted=lambda r: False
        )

    case()


# --- Personal links -------------------------------------------------------------------------

PERSONAL_PAGES = [
    "registration:personal",
    "registration:personal_edit",
    "registration:personal_sessions",
    "registration:ticket_pdf",
    "registration:personal_cancel",
    "registration:personal_consents",
    "registration:personal_feed_rotate",
    "registration:verify",
    "matchmaking:hub",
    "matchmaking:opt_out",
    "matchmaking:profile",
    "matchmaking:profiles",
    "matchmaking:recommendations",
    "matchmaking:agenda",
    "matchmaking:agenda_pdf",
    "matchmaking:agenda_ics",
    "matchmaking:consultations",
    "onsite:certificate_personal",
]


@pytest.mark.parametrize("name", PERSONAL_PAGES)
def test_tampered_tokens(client, edition, token, name):
    """A changed token is refused (404 or the clear page) and changes nothing, GET or POST."""
    placeholder = "TOKEN-PLACEHOLDER"
    template = url(name, token=placeholder)

    @FUZZ
    @given(bad=tampered(token), post=st.booleans())
    def case(bad, post):
        path = template.replace(placeholder, path_segment(bad))
        before = counts()
        response = client.post(path, {"kind": "x"}) if post else client.get(path)
        check(f"{name} (tampered token)", response, [bad], before, accepted=lambda r: False)
        assert response.status_code in (404, 405), (bad, response.status_code)

    case()


def test_agenda_feed_tampered(client, edition, me):
    feed = links.agenda_feed_url(me).rsplit("/", 1)[-1].removesuffix(".ics")

    @FUZZ
    @given(bad=tampered(feed))
    def case(bad):
        path = url("registration:agenda_feed", feed="F").replace("/F.ics", "")
        response = _get_case(
            client, "registration:agenda_feed (tampered)", f"{path}/{path_segment(bad)}.ics"
        )
        assert response.status_code == 404

    case()


PERSONAL_FORMS = [
    "registration:personal_edit",
    "registration:personal_sessions",
    "matchmaking:profile",
]


@pytest.mark.parametrize("name", PERSONAL_FORMS)
def test_personal_forms(client, edition, token, name):
    path = url(name, token=token)
    base = form_fields(client.get(path).content.decode())

    @FUZZ
    @given(data=mutated(base))
    def case(data):
        _post_case(client, name, path, data)

    case()


def test_personal_consents(client, edition, token):
    path = url("registration:personal_consents", token=token)

    @FUZZ
    @given(
        data=st.fixed_dictionaries(
            {},
            optional={
                "kind": st.one_of(
                    st.sampled_from(["marketing", "photo", "matchmaking"]), field_value
                ),
                "action": st.one_of(st.sampled_from(["give", "withdraw"]), field_value),
            },
        )
    )
    def case(data):
        _post_case(client, "registration:personal_consents", path, data)

    case()


def test_personal_query_strings(client, edition, token):
    names = [
        "registration:personal",
        "matchmaking:hub",
        "matchmaking:consultations",
        "matchmaking:profiles",
        "matchmaking:recommendations",
        "matchmaking:agenda",
    ]

    @FUZZ
    @given(
        name=st.sampled_from(names),
        data=st.dictionaries(
            st.sampled_from(["done", "page", "q", "sector", "country", "language", "type", "sort"]),
            field_value,
            max_size=4,
        ),
        raw=st.one_of(st.just(""), st.sampled_from(RAW_QUERY_JUNK)),
    )
    def case(name, data, raw):
        _get_case(client, "personal pages (query strings)", url(name, token=token), data, raw=raw)

    case()


ID_PAGES = [
    ("registration:offer_accept", "signup_id"),
    ("registration:id_data", "signup_id"),
    ("matchmaking:profile_detail", "profile_id"),
    ("matchmaking:request_send", "profile_id"),
    ("matchmaking:request_accept", "request_id"),
    ("matchmaking:request_decline", "request_id"),
    ("matchmaking:request_cancel", "request_id"),
    ("matchmaking:meeting_cancel", "meeting_id"),
    ("matchmaking:meeting_outcome", "meeting_id"),
    ("matchmaking:consultation_book", "slot_id"),
    ("matchmaking:consultation_cancel", "slot_id"),
]


@pytest.mark.parametrize(("name", "key"), ID_PAGES)
def test_personal_object_ids(client, edition, token, name, key):
    """Ids in the URL: huge, absent or another participant's; hostile form data alongside."""
    template = url(name, token=token, **{key: 999_999_999})

    @FUZZ
    @given(
        object_id=big_ids(),
        post=st.booleans(),
        data=st.dictionaries(
            st.sampled_from(["slot", "message", "reason", "outcome", "note", "kind"]),
            field_value,
            max_size=3,
        ),
    )
    def case(object_id, post, data):
        path = template.replace("999999999", str(object_id))
        before = counts()
        response = client.post(path, data) if post else client.get(path)
        check(name, response, flat_values(data), before)

    case()


def test_id_data_form(client, edition):
    signup = (
        Signup.objects.filter(
            session__study_visit__requires_id_data=True,
            registration__state=RegistrationState.CONFIRMED,
        )
        .order_by("pk")
        .first()
    )
    assert signup is not None, "the demo has a visit that needs ID data"
    token = tokens.personal_link_token(signup.registration)
    path = url("registration:id_data", token=token, signup_id=signup.pk)
    base = form_fields(client.get(path).content.decode())

    @FUZZ
    @given(data=mutated(base))
    def case(data):
        _post_case(client, "registration:id_data (form)", path, data)

    case()


def test_meeting_request_forms(client, edition, me, token):
    """The request form on another profile, and the answers to a request received."""
    profile = Profile.objects.get(registration=me)
    other = (
        Profile.objects.filter(edition=edition, is_active=True)
        .exclude(pk=profile.pk)
        .order_by("pk")
        .first()
    )
    send = url("matchmaking:request_send", token=token, profile_id=other.pk)
    detail = client.get(url("matchmaking:profile_detail", token=token, profile_id=other.pk))
    base = form_fields(detail.content.decode()) if b"<form" in detail.content else {}
    received = MeetingRequest.objects.filter(recipient=profile).order_by("pk").first()

    @FUZZ
    @given(data=mutated(base or {"message": ["Fuzz"]}), answer=st.sampled_from(["send", "accept"]))
    def case(data, answer):
        if answer == "accept" and received is not None:
            path = url("matchmaking:request_accept", token=token, request_id=received.pk)
            _post_case(client, "matchmaking:request_accept (form)", path, data)
        else:
            _post_case(client, "matchmaking:request_send (form)", send, data)

    case()
