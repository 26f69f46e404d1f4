"""The organiser's dashboard of one edition: figures, links to filtered lists, access, queries."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from kongres.backoffice.charts import Bar, bar_chart, nice_ceiling
from kongres.comms.enums import MessageState
from kongres.events.enums import TeamRole, Voivodeship
from kongres.events.models import TeamMember
from kongres.matchmaking.enums import MeetingState, RequestState
from kongres.matchmaking.models import Meeting, Slot
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Registration
from kongres.visits.enums import SignupState
from tests.factories import EditionFactory
from tests.matchmaking.factories import MeetingRequestFactory, ProfileFactory, matchmaking_edition
from tests.registration.admin_factories import (
    MessageFactory,
    RegistrationRowFactory,
    SignupFactory,
    StudyVisitFactory,
)
from tests.registration.factories import CategoryFactory

pytestmark = pytest.mark.django_db
PASSWORD = "haslo-testowe-123"
TZ = dt.timezone(dt.timedelta(hours=2))


def url(edition) -> str:
    return reverse("backoffice:dashboard", args=[edition.pk])


def superuser_client(client):
    user = get_user_model().objects.create_superuser("szef", password=PASSWORD)
    client.force_login(user)
    return client


def team_client(client, edition, role, username="zespol"):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    TeamMember.objects.create(edition=edition, user=user, role=role)
    client.force_login(user)
    return client


def registrations(edition, category, count, *, state=RegistrationState.CONFIRMED, day=None, **kw):
    rows = [
        RegistrationRowFactory(edition=edition, category=category, state=state, **kw)
        for _ in range(count)
    ]
    if day is not None:
        Registration.objects.filter(pk__in=[r.pk for r in rows]).update(
            created_at=dt.datetime.combine(day, dt.time(12), tzinfo=TZ)
        )
    return rows


@pytest.fixture
def edition():
    """Two categories (one with a quota of 10), registrations on two days, a study visit, mail."""
    edition = EditionFactory()
    vip = CategoryFactory(edition=edition, slug="vip", quota=10)
    guest = CategoryFactory(edition=edition, slug="gosc", quota=None)
    day1, day3 = dt.date(2025, 9, 1), dt.date(2025, 9, 3)
    registrations(edition, vip, 4, day=day1, voivodeship="lubuskie", organisation_type="cluster")
    registrations(edition, vip, 2, state=RegistrationState.WAITLISTED, day=day3, place=None)
    registrations(edition, guest, 3, day=day3, voivodeship="slaskie", organisation_type="company")
    registrations(edition, guest, 1, state=RegistrationState.CANCELLED, day=day3, place=None)
    visit = StudyVisitFactory(edition=edition, session__capacity=3)
    people = list(Registration.objects.filter(edition=edition, state="confirmed"))
    SignupFactory(edition=edition, registration=people[0], session=visit.session, seat=1)
    SignupFactory(
        edition=edition,
        registration=people[1],
        session=visit.session,
        seat=2,
        state=SignupState.OFFERED,
        offer_expires_at=dt.datetime(2025, 9, 5, tzinfo=dt.UTC),
    )
    SignupFactory(
        edition=edition, registration=people[2], session=visit.session, state=SignupState.WAITLISTED
    )
    for state in (MessageState.QUEUED, MessageState.RETRYING, MessageState.SENT):
        MessageFactory(edition=edition, state=state)
    MessageFactory.create_batch(2, edition=edition, state=MessageState.FAILED)
    return edition


def test_dashboard_figures_match_the_data(client, edition):
    response = superuser_client(client).get(url(edition))

    assert response.status_code == 200
    ctx = response.context
    section = ctx["registrations"]
    assert section["total"].value == 10
    assert [(f.value) for f in section["days"]] == [4, 0, 6]
    by_category = {row["name"]: row for row in section["categories"]}
    vip = next(row for row in section["categories"] if row["quota"] == 10)
    assert (vip["total"].value, vip["holding"].value, vip["waitlisted"].value, vip["fill"]) == (
        6,
        4,
        2,
        40,
    )
    assert len(by_category) == 2
    states = {f.label: f.value for f in section["states"]}
    assert states[str(RegistrationState.CONFIRMED.label)] == 7
    assert states[str(RegistrationState.WAITLISTED.label)] == 2
    assert states[str(RegistrationState.CANCELLED.label)] == 1
    assert [(f.label, f.value) for f in section["voivodeships"]] == [
        (str(Voivodeship.LUBUSKIE.label), 4),
        (gettext("not given"), 3),
        (str(Voivodeship.SLASKIE.label), 3),
    ]
    (row,) = ctx["sessions"]
    assert (row["taken"].value, row["offered"].value, row["waiting"].value, row["capacity"]) == (
        2,
        1,
        1,
        3,
    )
    assert ctx["mail"]["waiting"].value == 2
    assert ctx["mail"]["failed"].value == 2
    assert b"<svg" in response.content
    assert b"<title" in response.content


def test_dashboard_category_link_lists_exactly_the_figure(client, edition):
    client = superuser_client(client)
    vip = next(
        row
        for row in client.get(url(edition)).context["registrations"]["categories"]
        if row["quota"]
    )

    for figure in (vip["total"], vip["holding"], vip["waitlisted"]):
        listed = client.get(figure.href)
        assert listed.status_code == 200
        assert listed.context["cl"].result_count == figure.value


def test_dashboard_failed_and_waiting_mail_links_list_exactly_the_figure(client, edition):
    client = superuser_client(client)
    mail = client.get(url(edition)).context["mail"]

    for figure in (mail["failed"], mail["waiting"]):
        listed = client.get(figure.href)
        assert listed.status_code == 200
        assert listed.context["cl"].result_count == figure.value


def test_dashboard_every_link_opens_a_filtered_list_with_its_count(client, edition):
    client = superuser_client(client)
    ctx = client.get(url(edition)).context
    section = ctx["registrations"]
    figures = [
        section["total"],
        *section["days"],
        *section["states"],
        *section["voivodeships"],
        *section["organisation_types"],
        *(row[key] for row in ctx["sessions"] for key in ("taken", "offered", "waiting")),
        *ctx["mail"]["states"],
        *ctx["matchmaking"]["profiles"],
        *ctx["matchmaking"]["requests"],
        *ctx["matchmaking"]["meetings"],
    ]

    for figure in figures:
        listed = client.get(figure.href)
        assert listed.status_code == 200, figure
        assert listed.context["cl"].result_count == figure.value, figure


def test_dashboard_matchmaking_figures(client):
    edition = matchmaking_edition().edition
    a, b, c = ProfileFactory.create_batch(3, edition=edition)
    ProfileFactory(edition=edition, is_active=False)
    MeetingRequestFactory(edition=edition, sender=a, recipient=b)
    accepted = MeetingRequestFactory(
        edition=edition, sender=a, recipient=c, state=RequestState.ACCEPTED
    )
    slot = Slot.objects.filter(session__edition=edition).first()
    Meeting.objects.create(
        edition=edition, request=accepted, a=a, b=c, slot=slot, table=1, is_published=True
    )
    Meeting.objects.create(edition=edition, a=b, b=c, state=MeetingState.CANCELLED)
    client = superuser_client(client)

    response = client.get(url(edition))

    figures = response.context["matchmaking"]
    assert [f.value for f in figures["profiles"]] == [3, 1]
    requests = {f.label: f.value for f in figures["requests"]}
    assert requests[str(RequestState.PENDING.label)] == 1
    assert requests[str(RequestState.ACCEPTED.label)] == 1
    assert [f.value for f in figures["meetings"]] == [1, 1, 1, 1]
    for figure in [*figures["profiles"], *figures["requests"], *figures["meetings"]]:
        assert client.get(figure.href).context["cl"].result_count == figure.value, figure


def _fill(edition, size: int):
    category = CategoryFactory(edition=edition, slug=f"kat-{size}", quota=size * 2)
    other = CategoryFactory(edition=edition, slug=f"inna-{size}")
    for n in range(size):
        registrations(
            edition,
            category if n % 2 else other,
            1,
            day=dt.date(2025, 9, 1 + n % 5),
            voivodeship=["lubuskie", "slaskie", ""][n % 3],
        )
        MessageFactory(edition=edition, state=[MessageState.FAILED, MessageState.SENT][n % 2])
    visit = StudyVisitFactory(edition=edition, session__capacity=size)
    for n, person in enumerate(Registration.objects.filter(edition=edition)[: size // 2]):
        SignupFactory(edition=edition, registration=person, session=visit.session, seat=n + 1)


def _queries(client, edition) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(edition))
    assert response.status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_edition(client):
    small, large = EditionFactory(), EditionFactory()
    _fill(small, 3)
    _fill(large, 30)
    client = team_client(client, small, TeamRole.ORGANISER)
    TeamMember.objects.create(
        edition=large, user=get_user_model().objects.get(username="zespol"), role=TeamRole.ORGANISER
    )

    assert _queries(client, small) == _queries(client, large)


def test_dashboard_shows_only_its_own_edition(client, edition):
    other = EditionFactory()
    secret = CategoryFactory(
        edition=other, slug="tajna", name={"pl": "Kategoria Obca", "en": "Foreign category"}
    )
    registrations(other, secret, 5)
    MessageFactory.create_batch(3, edition=other, state=MessageState.FAILED)

    response = superuser_client(client).get(url(edition))

    assert "Kategoria Obca" not in response.content.decode()
    assert response.context["registrations"]["total"].value == 10
    assert response.context["mail"]["failed"].value == 2


def test_dashboard_partner_viewer_sees_figures_without_admin_links(client, edition):
    response = team_client(client, edition, TeamRole.PARTNER_VIEWER).get(url(edition))

    assert response.status_code == 200
    assert response.context["registrations"]["total"].href is None


def test_dashboard_forbidden_without_the_key(client, edition):
    response = team_client(client, edition, TeamRole.CHECKIN).get(url(edition))

    assert response.status_code == 403


def test_dashboard_forbidden_for_a_member_of_another_edition(client, edition):
    response = team_client(client, EditionFactory(), TeamRole.ORGANISER).get(url(edition))

    assert response.status_code == 403


def test_dashboard_anonymous_goes_to_login(client, edition):
    response = client.get(url(edition))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_dashboard_unknown_edition_is_404(client):
    response = superuser_client(client).get(reverse("backoffice:dashboard", args=[999999]))

    assert response.status_code == 404


def test_admin_index_links_the_editions_dashboards(client, edition):
    hidden = EditionFactory()
    client = team_client(client, edition, TeamRole.ORGANISER)

    response = client.get(reverse("admin:index"))

    assert url(edition) in response.content.decode()
    assert url(hidden) not in response.content.decode()


def test_nice_ceiling():
    assert [nice_ceiling(v) for v in (0, 1, 2, 3, 7, 10, 11, 180, 501)] == [
        1,
        1,
        2,
        5,
        10,
        10,
        20,
        200,
        1000,
    ]


def test_bar_chart_escapes_and_links_every_bar():
    svg = bar_chart(
        [Bar("01.09", 3, "<b>1 Sep</b>: 3", "/a?x=1&y=2"), Bar("02.09", 0, "2 Sep: 0", None)],
        chart_id="c",
        title="Title & more",
        description="Desc",
    )

    assert svg.count('<rect class="bar"') == 2
    assert svg.count("<a href=") == 1
    assert "/a?x=1&amp;y=2" in svg
    assert "&lt;b&gt;1 Sep&lt;/b&gt;" in svg
    assert '<title id="c-title">Title &amp; more</title>' in svg
    assert "style=" not in svg


def test_registration_days_are_local_days():
    from kongres.registration.reports import registration_report

    edition = EditionFactory()
    category = CategoryFactory(edition=edition)
    late, early = RegistrationRowFactory.create_batch(2, edition=edition, category=category)
    # 23:30 UTC on 1 September is 01:30 on 2 September in Warsaw; 21:30 UTC is still the 1st.
    Registration.objects.filter(pk=late.pk).update(
        created_at=dt.datetime(2025, 9, 1, 23, 30, tzinfo=dt.UTC)
    )
    Registration.objects.filter(pk=early.pk).update(
        created_at=dt.datetime(2025, 9, 1, 21, 30, tzinfo=dt.UTC)
    )

    report = registration_report(edition=edition)

    assert report.by_day == [(dt.date(2025, 9, 1), 1), (dt.date(2025, 9, 2), 1)]
