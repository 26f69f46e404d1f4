"""Organiser writes in the admin are logged with before and after, and shown in the history."""

import pytest
from django.urls import reverse

from kongres.common.audit import MASK
from kongres.common.models import ActivityLog
from kongres.program.enums import SpeakerRole
from kongres.program.models import SessionSpeaker
from kongres.registration.models import Category
from tests.common.test_admin import read_form
from tests.factories import EditionFactory, SessionSpeakerFactory
from tests.registration.factories import CategoryFactory

pytestmark = pytest.mark.integration


def form_data(response) -> dict:
    """The change form as a browser submits it (repeated names become lists)."""
    data: dict[str, list[str]] = {}
    for name, value in read_form(response).data:
        if "__prefix__" not in name:
            data.setdefault(name, []).append(value)
    return data


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def test_change_form_logs_before_and_after_of_changed_fields_only(admin_client, admin_user):
    category = CategoryFactory(quota=100)
    url = change_url(category)
    data = form_data(admin_client.get(url))

    response = admin_client.post(url, {**data, "quota": ["120"], "name_0": ["Goście"]})

    assert response.status_code == 302
    entry = ActivityLog.objects.get(action="admin.registration.category.changed")
    assert entry.data["fields"] == ["name", "quota"]
    assert entry.data["before"]["quota"] == 100
    assert entry.data["after"]["quota"] == 120
    assert entry.data["after"]["name"]["pl"] == "Goście"
    assert entry.data["before"]["name"]["pl"] == str(category.name.data["pl"])
    assert (entry.actor_id, entry.edition_id, entry.object_id) == (
        admin_user.pk,
        category.edition_id,
        str(category.pk),
    )


def test_unchanged_save_is_not_logged(admin_client):
    category = CategoryFactory(quota=100)
    url = change_url(category)

    response = admin_client.post(url, form_data(admin_client.get(url)))

    assert response.status_code == 302
    assert not ActivityLog.objects.filter(action__startswith="admin.").exists()


def test_add_logs_initial_values(admin_client):
    edition = EditionFactory()
    url = reverse("admin:registration_category_add")
    data = form_data(admin_client.get(url))

    response = admin_client.post(
        url,
        {
            **data,
            "edition": [str(edition.pk)],
            "slug": ["media"],
            "name_0": ["Media"],
            "name_1": ["Press"],
            "quota": ["30"],
        },
    )

    assert response.status_code == 302
    category = Category.objects.get(slug="media")
    entry = ActivityLog.objects.get(action="admin.registration.category.added")
    assert entry.object_id == str(category.pk)
    assert entry.edition_id == edition.pk
    assert entry.data["before"] == {}
    assert entry.data["after"]["quota"] == 30
    assert entry.data["after"]["name"] == {"pl": "Media", "en": "Press"}
    assert entry.data["after"]["edition"] == {"id": edition.pk, "label": str(edition)}


def test_delete_logs_values_before_deletion(admin_client):
    category = CategoryFactory(quota=7, slug="do-usuniecia")
    pk, edition_id = category.pk, category.edition_id

    response = admin_client.post(
        reverse("admin:registration_category_delete", args=[pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Category.objects.filter(pk=pk).exists()
    entry = ActivityLog.objects.get(action="admin.registration.category.deleted")
    assert (entry.object_id, entry.edition_id) == (str(pk), edition_id)
    assert entry.data["before"]["quota"] == 7
    assert entry.data["before"]["slug"] == "do-usuniecia"
    assert entry.data["after"] == {}


def test_bulk_delete_action_logs_each_object(admin_client):
    edition = EditionFactory()
    categories = [CategoryFactory(edition=edition, quota=n) for n in (1, 2, 3)]

    response = admin_client.post(
        reverse("admin:registration_category_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(c.pk) for c in categories],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    deleted = ActivityLog.objects.filter(action="admin.registration.category.deleted")
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(
        str(c.pk) for c in categories
    )
    assert set(deleted.values_list("edition_id", flat=True)) == {edition.pk}


def test_inline_rows_added_changed_and_deleted_are_logged(admin_client):
    kept = SessionSpeakerFactory(role=SpeakerRole.PANELIST)
    session = kept.session
    gone = SessionSpeakerFactory(session=session, role=SpeakerRole.PANELIST)
    url = change_url(session)
    data = form_data(admin_client.get(url))
    prefix = "appearances"
    rows = {data[f"{prefix}-{i}-id"][0]: i for i in range(2)}
    changed, deleted = rows[str(kept.pk)], rows[str(gone.pk)]

    response = admin_client.post(
        url,
        {
            **data,
            f"{prefix}-{changed}-role": [SpeakerRole.MODERATOR],
            f"{prefix}-{deleted}-DELETE": ["on"],
        },
    )

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert not SessionSpeaker.objects.filter(pk=gone.pk).exists()
    entry = ActivityLog.objects.get(action="admin.program.session.changed")
    assert entry.data["fields"] == ["speakers"]  # the speakers of the session, through the rows
    inlines = {item["verb"]: item for item in entry.data["inlines"]}
    assert set(inlines) == {"changed", "deleted"}
    assert inlines["changed"]["id"] == kept.pk
    assert inlines["changed"]["before"] == {"role": SpeakerRole.PANELIST}
    assert inlines["changed"]["after"] == {"role": SpeakerRole.MODERATOR}
    assert inlines["deleted"]["id"] == gone.pk
    assert inlines["deleted"]["before"]["speaker"]["id"] == gone.speaker_id


def test_secret_fields_are_masked(admin_client):
    from kongres.api.webhooks.models import WebhookEndpoint

    edition = EditionFactory()
    url = reverse("admin:api_webhookendpoint_add")
    data = form_data(admin_client.get(url))

    response = admin_client.post(
        url,
        {
            **data,
            "edition": [str(edition.pk)],
            "url": ["https://crm.example.org/hook"],
            "events": ["registration.created"],
            "active": ["on"],
        },
    )

    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    entry = ActivityLog.objects.get(action="admin.api.webhookendpoint.added")
    assert entry.data["after"]["secret"] == MASK
    assert endpoint.secret not in str(entry.data)
    assert entry.data["after"]["url"] == "https://crm.example.org/hook"


def test_history_page_shows_before_and_after(admin_client):
    category = CategoryFactory(quota=100)
    url = change_url(category)
    admin_client.post(url, {**form_data(admin_client.get(url)), "quota": ["145"]})

    response = admin_client.get(reverse("admin:registration_category_history", args=[category.pk]))

    assert response.status_code == 200
    [item] = response.context["audit_entries"]
    assert [(row["before"], row["after"]) for row in item["rows"]] == [("100", "145")]
    html = response.content.decode()
    assert "admin.registration.category.changed" in html
    assert "145" in html


def test_history_page_query_count_is_constant(admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(entries: int) -> int:
        category = CategoryFactory(quota=1)
        for n in range(entries):
            ActivityLog.objects.create(
                edition_id=category.edition_id,
                actor_label="system",
                action="registration.category.test",
                object_type="registration.category",
                object_id=str(category.pk),
                data={"before": {"quota": n}, "after": {"quota": n + 1}},
            )
        url = reverse("admin:registration_category_history", args=[category.pk])
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get(url).status_code == 200
        return len(context.captured_queries)

    assert queries(1) == queries(3)


def test_deleting_an_edition_keeps_its_log(admin_client):
    category = CategoryFactory(quota=3)
    edition = category.edition
    url = change_url(category)
    admin_client.post(url, {**form_data(admin_client.get(url)), "quota": ["4"]})

    response = admin_client.post(
        reverse("admin:events_edition_delete", args=[edition.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    actions = set(
        ActivityLog.objects.filter(edition_id=edition.pk).values_list("action", flat=True)
    )
    assert actions == {"admin.registration.category.changed", "admin.events.edition.deleted"}


def test_activity_log_cannot_be_changed_or_deleted_in_admin(admin_client):
    entry = ActivityLog.objects.create(actor_label="system", action="x.y", object_type="a.b")

    delete = admin_client.post(
        reverse("admin:common_activitylog_delete", args=[entry.pk]), {"post": "yes"}
    )
    bulk = admin_client.post(
        reverse("admin:common_activitylog_changelist"),
        {"action": "delete_selected", "_selected_action": [str(entry.pk)], "post": "yes"},
    )

    assert delete.status_code == 403
    assert bulk.status_code in (200, 302)
    assert ActivityLog.objects.filter(pk=entry.pk).exists()
