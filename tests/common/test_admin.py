"""The organiser's back office: Polish and English side by side, example-data warnings."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from kongres.events.models import Edition, Organisation, Partner, Series, Venue
from kongres.program.models import Session, Speaker
from tests.factories import RoomFactory

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organiser(db):
    return get_user_model().objects.create_superuser(
        username="organizator", email="organizator@example.org", password="tajne-haslo-123"
    )


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


class FormReader(HTMLParser):
    """Collects the fields of the admin change form the way a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.inputs: list[dict] = []
        self.tags: list[str] = []
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._in_tag = False
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._in_form = True
        if tag == "span" and attrs.get("class") == "i18n-tag":
            self._in_tag = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input":
            self.inputs.append(attrs)
            kind = attrs.get("type", "text")
            if name and kind not in {"submit", "button", "file", "checkbox", "radio"}:
                self.data.append((name, attrs.get("value", "")))
            elif name and kind in {"checkbox", "radio"} and "checked" in attrs:
                self.data.append((name, attrs.get("value", "on")))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = name
            self._text = []

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "span":
            self._in_tag = False

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)
        if self._in_tag:
            self.tags.append(data)


def read_form(response) -> FormReader:
    reader = FormReader()
    reader.feed(response.content.decode())
    return reader


def demo_panel(demo_data) -> Session:
    return Session.objects.filter(edition=demo_data, kind="panel").order_by("start").first()


# --- Change lists ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/program/session/",
        "/admin/program/speaker/",
        "/admin/events/partner/",
        "/admin/events/edition/",
        "/admin/events/venue/",
        "/admin/events/organisation/",
        "/admin/events/series/",
        "/admin/program/day/",
        "/admin/program/room/",
        "/admin/program/theme/",
    ],
)
def test_admin_page_loads_for_organiser(organiser_client, demo_data, path):
    response = organiser_client.get(path)

    assert response.status_code == 200


def test_admin_session_changelist_lists_every_demo_session(organiser_client, demo_data):
    response = organiser_client.get("/admin/program/session/?all=")

    assert response.context["cl"].result_count == Session.objects.count()


def test_admin_changelist_filters_by_edition(organiser_client, demo_data):
    response = organiser_client.get(f"/admin/program/speaker/?edition__id__exact={demo_data.pk}")

    assert response.context["cl"].result_count == Speaker.objects.filter(edition=demo_data).count()


def test_admin_requires_login(client, db):
    response = client.get("/admin/program/session/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/program/session/"


def test_admin_runs_in_polish_by_default(organiser_client, demo_data):
    response = organiser_client.get("/admin/program/session/")

    assert response["Content-Language"] == "pl"


def first_of(model, edition):
    if model in (Session, Speaker, Partner):
        return model.objects.filter(edition=edition).first()
    if model is Edition:
        return edition
    if model is Venue:
        return edition.venue
    if model is Series:
        return edition.series
    return edition.series.organisation


@pytest.mark.parametrize(
    "model",
    [
        Session,
        Speaker,
        Venue,
        Series,
        Partner,
        Edition,
        Organisation,
    ],
)
def test_admin_change_form_loads_for_organiser(organiser_client, demo_data, model):
    obj = first_of(model, demo_data)
    meta = model._meta

    response = organiser_client.get(f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/")

    assert response.status_code == 200


# --- Translatable fields --------------------------------------------------------------------


def test_admin_session_form_shows_polish_and_english_title_side_by_side(
    organiser_client, demo_data
):
    session = demo_panel(demo_data)

    response = organiser_client.get(f"/admin/program/session/{session.pk}/change/")

    form = read_form(response)
    titles = {
        field["name"]: (field.get("lang"), field.get("value"))
        for field in form.inputs
        if field.get("name") in {"title_0", "title_1"}
    }
    assert titles == {
        "title_0": ("pl", session.title.localize("pl")),
        "title_1": ("en", session.title.localize("en")),
    }
    assert form.tags[:2] == ["PL", "EN"]


def test_admin_session_form_shows_language_tags_for_every_translatable_field(
    organiser_client, demo_data
):
    session = demo_panel(demo_data)

    response = organiser_client.get(f"/admin/program/session/{session.pk}/change/")

    # title and abstract: two translatable fields, one PL and one EN tag each
    assert read_form(response).tags == ["PL", "EN", "PL", "EN"]


def test_admin_change_of_english_title_shows_on_english_session_page(organiser_client, demo_data):
    session = demo_panel(demo_data)
    polish_title = session.title.localize("pl")
    public_before = organiser_client.get(f"/en/kkp-2025/program/{session.slug}/")
    url = f"/admin/program/session/{session.pk}/change/"
    data = dict(read_form(organiser_client.get(url)).data)
    data["title_1"] = "A new English title"

    response = organiser_client.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == "/admin/program/session/"
    english = organiser_client.get(f"/en/kkp-2025/program/{session.slug}/").content.decode()
    polish = organiser_client.get(f"/pl/kkp-2025/program/{session.slug}/").content.decode()
    assert public_before.status_code == 200
    assert "<h1>A new English title</h1>" in english
    assert f"<h1>{polish_title}</h1>" in polish


def test_admin_change_keeps_speakers_of_session(organiser_client, demo_data):
    session = demo_panel(demo_data)
    speakers_before = list(session.appearances.values_list("speaker_id", "role", "order"))
    url = f"/admin/program/session/{session.pk}/change/"
    data = dict(read_form(organiser_client.get(url)).data)
    data["title_1"] = "Another English title"

    organiser_client.post(url, data)

    assert list(session.appearances.values_list("speaker_id", "role", "order")) == speakers_before
    assert len(speakers_before) >= 1


def test_admin_rejects_room_of_another_edition(organiser_client, demo_data):
    session = demo_panel(demo_data)
    foreign_room = RoomFactory()
    url = f"/admin/program/session/{session.pk}/change/"
    data = dict(read_form(organiser_client.get(url)).data)
    data["room"] = str(foreign_room.pk)

    response = organiser_client.post(url, data)

    assert response.status_code == 200
    assert "room" in response.context["adminform"].form.errors
    session.refresh_from_db()
    assert session.room_id != foreign_room.pk


# --- Example data ---------------------------------------------------------------------------

WARNING = "To przykładowe dane"


def test_admin_example_session_shows_example_data_warning(organiser_client, demo_data):
    session = demo_panel(demo_data)

    response = organiser_client.get(f"/admin/program/session/{session.pk}/change/")

    assert session.is_example_data is True
    assert WARNING in response.content.decode()


def test_admin_example_speaker_shows_example_data_warning(organiser_client, demo_data):
    speaker = Speaker.objects.filter(edition=demo_data).first()

    response = organiser_client.get(f"/admin/program/speaker/{speaker.pk}/change/")

    assert WARNING in response.content.decode()


def test_admin_venue_shows_no_example_data_warning(organiser_client, demo_data):
    response = organiser_client.get(f"/admin/events/venue/{demo_data.venue_id}/change/")

    assert response.status_code == 200
    assert WARNING not in response.content.decode()


def test_admin_official_partner_shows_no_example_data_warning(organiser_client, demo_data):
    partner = Partner.objects.get(edition=demo_data, name="Związek Pracodawców Klastry Polskie")

    response = organiser_client.get(f"/admin/events/partner/{partner.pk}/change/")

    assert response.status_code == 200
    assert WARNING not in response.content.decode()
