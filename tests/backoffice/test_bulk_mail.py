"""Bulk e-mail: recipients by filters, the form and its errors, the preview, the worker's task
(one message per recipient, however often it runs), real delivery, and who may do it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kongres.backoffice import bulk_mail
from kongres.backoffice.bulk_mail import bulk_mail_deliver, bulk_mail_progress, bulk_mail_recipients
from kongres.backoffice.enums import BulkMailState
from kongres.backoffice.models import BulkMail
from kongres.common.models import ActivityLog
from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.comms.services import message_send
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.registration.enums import RegistrationState
from tests.comms.conftest import smtp_sink  # noqa: F401 (a fixture)
from tests.factories import EditionFactory
from tests.registration.admin_factories import RegistrationRowFactory
from tests.registration.factories import CategoryFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

TEXTS = {
    "subject_pl": "Zmiana sali – {edition}",
    "body_pl": "Dzień dobry {name},\nsesja odbędzie się w sali B.\nTwoja strona: {link}",
    "subject_en": "Room change – {edition}",
    "body_en": "Dear {first_name},\nthe session moves to room B ({category}).",
}


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.fixture
def people(edition):
    """Two categories; people in several states and languages, one erased, one elsewhere."""
    guests, press = CategoryFactory(edition=edition), CategoryFactory(edition=edition)
    row = RegistrationRowFactory
    people = {
        "anna": row(edition=edition, category=guests, first_name="Anna", language="pl"),
        "john": row(edition=edition, category=press, first_name="John", language="en"),
        "ewa": row(edition=edition, category=guests, first_name="Ewa", language="pl"),
        "waiting": row(
            edition=edition,
            category=press,
            state=RegistrationState.WAITLISTED,
            confirmed_at=None,
            language="pl",
        ),
        "cancelled": row(
            edition=edition,
            category=guests,
            state=RegistrationState.CANCELLED,
            confirmed_at=None,
            language="en",
        ),
        "erased": row(edition=edition, category=guests, erased_at=timezone.now()),
    }
    RegistrationRowFactory()  # another edition's confirmed registration
    return {"guests": guests, "press": press, **people}


def _names(edition, **filters):
    return {r.pk for r in bulk_mail_recipients(edition=edition, filters=filters)}


def test_filters_select_the_right_people(edition, people):
    p = people
    everyone = {p[k].pk for k in ("anna", "john", "ewa", "waiting", "cancelled")}
    assert _names(edition) == everyone  # never the erased one, never another edition's
    assert _names(edition, states=["confirmed"]) == {p["anna"].pk, p["john"].pk, p["ewa"].pk}
    assert _names(edition, states=["waitlisted", "cancelled"]) == {
        p["waiting"].pk,
        p["cancelled"].pk,
    }
    assert _names(edition, categories=[p["guests"].pk]) == {
        p["anna"].pk,
        p["ewa"].pk,
        p["cancelled"].pk,
    }
    assert _names(edition, language="en") == {p["john"].pk, p["cancelled"].pk}
    assert _names(edition, only_confirmed=True, categories=[p["press"].pk]) == {p["john"].pk}
    assert _names(edition, only_confirmed=True, language="en", states=["confirmed"]) == {
        p["john"].pk
    }


# --- Pages --------------------------------------------------------------------------------


@pytest.fixture
def organiser(edition, client):
    user = User.objects.create_user("biuro", is_staff=True)
    TeamMember.objects.create(edition=edition, user=user, role=TeamRole.ORGANISER)
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.user = user
    return client


def _url(name, edition, *args):
    return reverse(f"backoffice:{name}", args=[edition.pk, *args])


def _post_form(client, edition, **overrides):
    data = {"states": ["confirmed"], "language": "", **TEXTS, **overrides}
    return client.post(_url("mail_new", edition), {k: v for k, v in data.items() if v is not None})


def test_organiser_writes_previews_and_confirms(edition, people, organiser):
    response = _post_form(organiser, edition)

    bulk = BulkMail.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("mail_preview", edition, bulk.pk)
    assert (bulk.state, bulk.created_by, bulk.filters["states"]) == (
        BulkMailState.DRAFT,
        organiser.user,
        ["confirmed"],
    )

    preview = organiser.get(_url("mail_preview", edition, bulk.pk))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "3 people will get this e-mail." in html
    assert "Dzień dobry Anna Źródlana" in html  # the first Polish recipient, filled in
    assert "Dear John," in html
    assert f"Room change – {edition.name.localize('en')}" in html
    assert str(people["press"].name) in html  # {category} of the English sample
    assert people["waiting"].email not in html
    assert not DBTaskResult.objects.filter(task_path__contains="deliver_bulk_mail").exists()

    sent = organiser.post(_url("mail_send", edition, bulk.pk))
    again = organiser.post(_url("mail_send", edition, bulk.pk))  # a double click

    bulk.refresh_from_db()
    assert sent["Location"] == again["Location"] == _url("mail_progress", edition, bulk.pk)
    assert (bulk.state, bulk.total) == (BulkMailState.QUEUED, 3)
    tasks = DBTaskResult.objects.filter(task_path="kongres.backoffice.tasks.deliver_bulk_mail")
    assert [t.args_kwargs["args"] for t in tasks] == [[bulk.pk]]
    actions = list(
        ActivityLog.objects.filter(
            object_type="backoffice.bulkmail", object_id=str(bulk.pk)
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == ["backoffice.bulk_mail.created", "backoffice.bulk_mail.sent"]
    assert organiser.get(_url("mail_list", edition)).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"subject_pl": ""}, "subject_pl", "Write the subject."),
        ({"body_en": "  "}, "body_en", "Write the text."),
        ({"body_pl": "Hej {imie}!"}, "body_pl", "Unknown placeholder: {imie}."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    edition, people, organiser, overrides, field, error
):
    response = _post_form(organiser, edition, **overrides)

    assert response.status_code == 400
    assert error in " ".join(response.context["form"].errors[field])
    assert not BulkMail.objects.exists()


def test_one_language_needs_only_its_texts(edition, people, organiser):
    response = _post_form(organiser, edition, language="pl", subject_en="", body_en="")

    assert response.status_code == 302
    assert BulkMail.objects.get().filters["language"] == "pl"


def test_nobody_to_send_to_queues_nothing(edition, people, organiser):
    _post_form(organiser, edition, language="en", states=["waitlisted"])
    bulk = BulkMail.objects.get()

    preview = organiser.get(_url("mail_preview", edition, bulk.pk))
    response = organiser.post(_url("mail_send", edition, bulk.pk), follow=True)

    assert 'id="mail-send"' not in preview.content.decode()
    assert "Nobody matches these filters; nothing was sent." in response.content.decode()
    bulk.refresh_from_db()
    assert bulk.state == BulkMailState.DRAFT
    assert not DBTaskResult.objects.exists()


# --- The worker's task ------------------------------------------------------------------------


def _confirmed_bulk(edition, **filters) -> BulkMail:
    return BulkMail.objects.create(
        edition=edition,
        filters={"states": ["confirmed"], **filters},
        state=BulkMailState.QUEUED,
        **TEXTS,
    )


def test_task_queues_exactly_one_message_per_recipient_even_run_twice(edition, people, monkeypatch):
    monkeypatch.setattr(bulk_mail, "BATCH_SIZE", 2)  # two batches
    bulk = _confirmed_bulk(edition)

    assert bulk_mail_deliver(bulk.pk) == BulkMailState.DONE
    assert bulk_mail_deliver(bulk.pk) == "skipped"
    # A retried task of an interrupted run: the state says it was still at work.
    BulkMail.objects.filter(pk=bulk.pk).update(state=BulkMailState.SENDING)
    assert bulk_mail_deliver(bulk.pk) == BulkMailState.DONE

    messages = Message.objects.filter(dedupe_key__startswith=f"bulk:{bulk.pk}:")
    recipients = [people[k] for k in ("anna", "john", "ewa")]
    assert sorted(
        messages.values_list("registration_id", "to_email", "language", "kind")
    ) == sorted((r.pk, r.email, r.language, "bulk") for r in recipients)
    assert DBTaskResult.objects.filter(task_path="kongres.comms.tasks.send_message").count() == 3
    bulk.refresh_from_db()
    assert (bulk.state, bulk.total, bulk.queued_count) == (BulkMailState.DONE, 3, 3)
    assert bulk.finished_at is not None
    assert bulk_mail_progress(bulk=bulk) == {
        "waiting": 3,
        "sent": 0,
        "failed": 0,
        "suppressed": 0,
        "total": 3,
    }


def test_messages_reach_a_real_smtp_server(edition, people, smtp_sink, settings):  # noqa: F811
    settings.EMAIL_SUPPRESS_DOMAINS = []
    bulk = _confirmed_bulk(edition)
    bulk_mail_deliver(bulk.pk)

    outcomes = [message_send(m.pk) for m in Message.objects.filter(kind="bulk").order_by("pk")]

    assert outcomes == [MessageState.SENT] * 3
    received = {m["To"]: m for m in smtp_sink.messages}
    assert set(received) == {people[k].email for k in ("anna", "john", "ewa")}
    english = received[people["john"].email]
    assert english["Subject"] == f"Room change – {edition.name.localize('en')}"
    assert "Dear John,\nthe session moves to room B" in english.get_content().replace("\r", "")
    polish = received[people["anna"].email].get_content().replace("\r", "")
    assert f"Dzień dobry {people['anna'].full_name}," in polish
    assert "/pl/" in polish  # the personal link, in the person's language
    assert bulk_mail_progress(bulk=bulk)["sent"] == 3


def test_progress_fragment_counts_and_stops_polling_when_done(edition, people, organiser):
    bulk = _confirmed_bulk(edition)
    polling = organiser.get(_url("mail_progress_fragment", edition, bulk.pk)).content.decode()
    bulk_mail_deliver(bulk.pk)
    Message.objects.filter(kind="bulk").update(state=MessageState.SENT)

    done = organiser.get(_url("mail_progress", edition, bulk.pk)).content.decode()

    assert 'hx-trigger="every 2s"' in polling
    assert 'hx-trigger="every 2s"' not in done
    assert 'data-state="done"' in done
    assert 'id="figure-sent">3<' in done


# --- Who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["mail_list", "mail_new", "mail_preview", "mail_progress", "mail_send"]
)
def test_pages_need_the_mail_key_in_this_edition(edition, client, name):
    bulk = BulkMail.objects.create(edition=edition, **TEXTS)
    args = [] if name in ("mail_list", "mail_new") else [bulk.pk]
    url = _url(name, edition, *args)
    checkin = User.objects.create_user("door", is_staff=True)
    TeamMember.objects.create(edition=edition, user=checkin, role=TeamRole.CHECKIN)
    elsewhere = User.objects.create_user("elsewhere", is_staff=True)
    TeamMember.objects.create(edition=EditionFactory(), user=elsewhere, role=TeamRole.OWNER)

    assert client.get(url).status_code == 302  # to the login page
    for user in (checkin, elsewhere):
        client.force_login(user)
        assert client.post(url).status_code == 403
    bulk.refresh_from_db()
    assert bulk.state == BulkMailState.DRAFT


def test_another_editions_bulk_mail_is_not_found(edition, organiser):
    theirs = BulkMail.objects.create(edition=EditionFactory(), **TEXTS)

    assert organiser.get(_url("mail_preview", edition, theirs.pk)).status_code == 404
    assert organiser.post(_url("mail_send", edition, theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == BulkMailState.DRAFT


def test_list_costs_the_same_queries_for_one_and_for_three(edition, organiser):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert organiser.get(_url("mail_list", edition)).status_code == 200
        return len(captured)

    BulkMail.objects.create(edition=edition, created_by=organiser.user, **TEXTS)
    one = queries()
    for _ in range(2):
        BulkMail.objects.create(edition=edition, created_by=organiser.user, **TEXTS)
    assert queries() == one
