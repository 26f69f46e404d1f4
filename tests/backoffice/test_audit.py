"""The audit log of one edition in the back office: filters, pages, downloads, access."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kongres.common.audit import object_type_label
from kongres.common.models import ActivityLog
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from tests.factories import EditionFactory
from tests.registration.factories import CategoryFactory

pytestmark = pytest.mark.integration


def url(edition, rest="audit/"):
    return f"/admin/office/{edition.pk}/{rest}"


def staff(username, edition=None, role=None):
    user = get_user_model().objects.create_user(username=username, password="x", is_staff=True)
    if edition is not None:
        TeamMember.objects.create(edition=edition, user=user, role=role)
    return user


def log(edition, *, action="admin.registration.category.changed", actor="ola", obj=None, data=None):
    obj = obj or CategoryFactory(edition=edition)
    return ActivityLog.objects.create(
        edition=edition,
        actor_label=actor,
        action=action,
        object_type="registration.category",
        object_id=str(obj.pk),
        data=data if data is not None else {"before": {"quota": 1}, "after": {"quota": 2}},
    )


@pytest.fixture
def edition(db):
    return EditionFactory()


@pytest.fixture
def organiser_client(client, edition):
    client.force_login(staff("organizatorka", edition, TeamRole.ORGANISER))
    return client


def test_page_lists_the_editions_entries_only(organiser_client, edition):
    mine = log(edition)
    log(EditionFactory(), actor="obcy")

    response = organiser_client.get(url(edition))

    assert response.status_code == 200
    assert [item["entry"].pk for item in response.context["items"]] == [mine.pk]
    assert "obcy" not in response.content.decode()


def test_rows_show_before_after_and_link_to_the_object(organiser_client, edition):
    entry = log(edition)

    response = organiser_client.get(url(edition))

    [item] = response.context["items"]
    assert [(r["before"], r["after"]) for r in item["rows"]] == [("1", "2")]
    assert item["url"] == f"/admin/registration/category/{entry.object_id}/change/"
    assert item["url"] in response.content.decode()


def test_deleted_object_has_no_link(organiser_client, edition):
    category = CategoryFactory(edition=edition)
    log(edition, obj=category, action="admin.registration.category.deleted")
    category.delete()

    response = organiser_client.get(url(edition))

    [item] = response.context["items"]
    assert item["url"] is None


def test_filters_by_actor_action_type_and_dates(organiser_client, edition):
    wanted = log(edition, actor="ola", action="admin.registration.category.changed")
    log(edition, actor="piotr", action="admin.registration.category.changed")
    log(edition, actor="ola", action="registration.approved")
    old = log(edition, actor="ola", action="admin.registration.category.changed")
    ActivityLog.objects.filter(pk=old.pk).update(created_at="2020-01-01T10:00:00Z")

    response = organiser_client.get(
        url(edition),
        {
            "actor": "ola",
            "action": "admin.registration.category.changed",
            "object_type": "registration.category",
            "date_from": "2021-01-01",
        },
    )
    only_old = organiser_client.get(url(edition), {"date_to": "2020-12-31"})

    assert [i["entry"].pk for i in response.context["items"]] == [wanted.pk]
    assert [i["entry"].pk for i in only_old.context["items"]] == [old.pk]


def test_invalid_filter_shows_everything_with_an_error(organiser_client, edition):
    log(edition)

    response = organiser_client.get(url(edition), {"date_from": "wczoraj"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert len(response.context["items"]) == 1


def test_query_count_is_constant(organiser_client, edition):
    def queries(entries: int) -> int:
        ActivityLog.objects.all().delete()
        for _ in range(entries):
            log(edition)
        with CaptureQueriesContext(connection) as context:
            assert organiser_client.get(url(edition)).status_code == 200
        return len(context.captured_queries)

    assert queries(1) == queries(3)


def test_export_csv_of_the_filtered_list(organiser_client, edition):
    log(edition, actor="ola", data={"after": {"name": "=HYPERLINK(1)"}})
    log(edition, actor="piotr")
    log(EditionFactory(), actor="obcy")

    response = organiser_client.get(url(edition, "audit/export/csv/"), {"actor": "ola"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    assert ";ola;admin.registration.category.changed;" in lines[1]
    assert '{""after"": {""name"": ""=HYPERLINK(1)""}}' in lines[1]
    assert "piotr" not in response.content.decode()
    assert "obcy" not in response.content.decode()


def test_export_xlsx_has_data_as_json_text(organiser_client, edition):
    entry = log(edition, data={"before": {"quota": 1}, "after": {"quota": 2}})

    response = organiser_client.get(url(edition, "audit/export/xlsx/"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][1:5] == (
        "ola",
        entry.action,
        object_type_label("registration.category"),
        entry.object_id,
    )
    assert json.loads(rows[1][5]) == {"before": {"quota": 1}, "after": {"quota": 2}}


def test_unknown_export_format_is_404(organiser_client, edition):
    assert organiser_client.get(url(edition, "audit/export/pdf/")).status_code == 404


@pytest.mark.parametrize("role", [TeamRole.CHECKIN, TeamRole.PARTNER_VIEWER])
def test_forbidden_without_the_audit_key(client, edition, role):
    client.force_login(staff("bez-klucza", edition, role))

    assert client.get(url(edition)).status_code == 403
    assert client.get(url(edition, "audit/export/csv/")).status_code == 403


def test_organiser_of_another_edition_is_forbidden(client, edition):
    client.force_login(staff("inna", EditionFactory(), TeamRole.OWNER))

    assert client.get(url(edition)).status_code == 403
