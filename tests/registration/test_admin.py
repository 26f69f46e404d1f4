"""The organiser's admin: lists without N+1, transitions through services, exports, permissions."""

import io

import openpyxl
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kongres.common.activity import log_activity
from kongres.common.models import ActivityLog
from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.registration.enums import CancelReason, RegistrationMessage, RegistrationState
from kongres.registration.models import ConsentText, InvitationCode, Registration
from kongres.visits.enums import SignupState
from tests.registration.admin_factories import (
    ConsentRecordFactory,
    GroupFactory,
    IdDataFactory,
    MessageFactory,
    RegistrationRowFactory,
    SignupFactory,
    StudyVisitFactory,
    staff_user,
)
from tests.registration.factories import (
    CategoryFactory,
    ConsentTextFactory,
    InvitationCodeFactory,
    QuestionFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CHANGELIST = "admin:registration_registration_changelist"


@pytest.fixture
def admin_en(admin_client):
    """A superuser's client that reads the admin in English (message ids, no catalogue)."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _post_action(client, action: str, objects, url_name: str = CHANGELIST, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects], **extra}
    return client.post(reverse(url_name), data)


# --- Lists: the same number of queries for one and for three rows ----------------------------


def _registration():
    RegistrationRowFactory()


def _category_with_people():
    category = CategoryFactory(quota=5)
    RegistrationRowFactory(edition=category.edition, category=category)
    RegistrationRowFactory(
        edition=category.edition,
        category=category,
        state=RegistrationState.WAITLISTED,
        confirmed_at=None,
    )


def _group():
    group = GroupFactory()
    RegistrationRowFactory(edition=group.edition, group=group)


def _visit_with_signup():
    visit = StudyVisitFactory()
    SignupFactory(
        registration=RegistrationRowFactory(edition=visit.edition), session=visit.session, seat=1
    )


def _activity():
    log_activity(obj=RegistrationRowFactory(), action="registration.test")


LISTS = [
    ("admin:registration_registration_changelist", _registration),
    ("admin:registration_category_changelist", _category_with_people),
    ("admin:registration_invitationcode_changelist", InvitationCodeFactory),
    ("admin:registration_question_changelist", QuestionFactory),
    ("admin:registration_consenttext_changelist", ConsentRecordFactory),
    ("admin:registration_registrationgroup_changelist", _group),
    ("admin:visits_studyvisit_changelist", _visit_with_signup),
    ("admin:visits_signup_changelist", _visit_with_signup),
    ("admin:visits_iddata_changelist", IdDataFactory),
    ("admin:comms_message_changelist", MessageFactory),
    ("admin:common_activitylog_changelist", _activity),
]


@pytest.mark.parametrize(("url_name", "make"), LISTS, ids=[name for name, _make in LISTS])
def test_changelist_query_count_constant(admin_client, url_name, make):
    make()
    url = reverse(url_name)
    admin_client.get(url)  # warm up: session, content types, permissions
    with CaptureQueriesContext(connection) as one:
        response = admin_client.get(url)
    assert response.status_code == 200
    make()
    make()

    with CaptureQueriesContext(connection) as three:
        response = admin_client.get(url)

    assert response.status_code == 200
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]


def test_changelist_html_in_fields_shown_as_text(admin_client):
    RegistrationRowFactory(organisation="<script>alert('x')</script>")

    response = admin_client.get(reverse(CHANGELIST))

    content = response.content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content
    assert "<script>alert('x')</script>" not in content


def test_changelist_search_finds_by_nip(admin_client):
    RegistrationRowFactory(nip="5260250274", last_name="Szukana")
    RegistrationRowFactory(nip="1234563218", last_name="Inna")

    response = admin_client.get(reverse(CHANGELIST), {"q": "5260250274"})

    assert [r.last_name for r in response.context["cl"].result_list] == ["Szukana"]


def test_category_changelist_counts_places_and_waiting(admin_client):
    category = CategoryFactory(quota=5)
    RegistrationRowFactory.create_batch(2, edition=category.edition, category=category)
    RegistrationRowFactory(
        edition=category.edition,
        category=category,
        state=RegistrationState.WAITLISTED,
        confirmed_at=None,
    )

    response = admin_client.get(reverse("admin:registration_category_changelist"))

    (row,) = response.context["cl"].result_list
    assert (row.taken, row.waiting) == (2, 1)


# --- Transitions through the services ---------------------------------------------------------


def _pending(**fields):
    return RegistrationRowFactory(
        state=RegistrationState.PENDING_APPROVAL, confirmed_at=None, **fields
    )


def test_approve_action_confirms_pending_and_queues_confirmation(admin_en):
    registration = _pending()

    response = _post_action(admin_en, "approve", [registration])

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED
    kinds = list(Message.objects.filter(registration=registration).values_list("kind", flat=True))
    assert kinds == [RegistrationMessage.REGISTRATION_CONFIRMED]
    assert _messages(response) == ["1 registration approved."]
    entry = ActivityLog.objects.get(action="registration.approved")
    assert entry.actor.is_superuser


def test_approve_action_reports_domain_errors(admin_en):
    pending = _pending()
    confirmed = RegistrationRowFactory(first_name="Jan", last_name="Potwierdzony")

    response = _post_action(admin_en, "approve", [pending, confirmed])

    assert _messages(response) == [
        "1 registration approved.",
        "Jan Potwierdzony: Only registrations awaiting approval can be approved.",
    ]


def test_reject_action_asks_before_rejecting(admin_en):
    registration = _pending()

    response = _post_action(admin_en, "reject", [registration])

    assert response.status_code == 200
    assert "cannot be undone" in response.content.decode()
    registration.refresh_from_db()
    assert registration.state == RegistrationState.PENDING_APPROVAL


def test_reject_action_confirmed_rejects_and_tells_the_person(admin_en):
    registration = _pending()

    response = _post_action(admin_en, "reject", [registration], post="yes")

    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.state, registration.cancel_reason) == (
        RegistrationState.CANCELLED,
        CancelReason.REJECTED,
    )
    assert Message.objects.filter(
        registration=registration, kind=RegistrationMessage.REJECTED
    ).exists()


def test_cancel_action_frees_the_seat_for_the_waiting_list(admin_en):
    visit = StudyVisitFactory(session__capacity=1)
    seated = RegistrationRowFactory(edition=visit.edition)
    SignupFactory(registration=seated, session=visit.session, seat=1)
    waiting = SignupFactory(
        registration=RegistrationRowFactory(edition=visit.edition),
        session=visit.session,
        state=SignupState.WAITLISTED,
        confirmed_at=None,
    )

    response = _post_action(admin_en, "cancel", [seated], post="yes")

    assert response.status_code == 302
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.state, seated.cancel_reason) == (
        RegistrationState.CANCELLED,
        CancelReason.BY_ORGANISER,
    )
    assert (waiting.state, waiting.seat) == (SignupState.OFFERED, 1)
    assert _messages(response) == ["1 registration cancelled."]


def _change_form_data(response) -> dict:
    """The change form as the browser would submit it, inline management forms included."""
    data = {}

    def add(form, name):
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            return
        data[key] = "on" if value is True else value

    form = response.context["adminform"].form
    for name in form.fields:
        add(form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for inline_form in formset.forms:
            for name in inline_form.fields:
                add(inline_form, name)
    return data


def test_change_form_state_and_place_not_editable(admin_client):
    registration = RegistrationRowFactory(first_name="Przed")
    ConsentRecordFactory(registration=registration)
    url = reverse("admin:registration_registration_change", args=[registration.pk])
    data = _change_form_data(admin_client.get(url))
    assert not {"state", "place", "email", "category", "link_secret"} & set(data)

    response = admin_client.post(
        url, {**data, "first_name": "Po", "state": "cancelled", "place": "7"}
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.first_name, registration.state, registration.place) == (
        "Po",
        RegistrationState.CONFIRMED,
        None,
    )
    entry = ActivityLog.objects.get(action="admin.registration.registration.changed")
    assert entry.data == {
        "fields": ["first_name"],
        "before": {"first_name": "Przed"},
        "after": {"first_name": "Po"},
    }


def test_registrations_cannot_be_added_or_deleted_in_admin(admin_client):
    registration = RegistrationRowFactory()

    add = admin_client.get(reverse("admin:registration_registration_add"))
    delete = admin_client.get(
        reverse("admin:registration_registration_delete", args=[registration.pk])
    )

    assert (add.status_code, delete.status_code) == (403, 403)


# --- Exports ----------------------------------------------------------------------------------


def _export_url(fmt: str = "csv") -> str:
    return reverse("admin:registration_registration_export", args=[fmt])


def test_export_view_follows_the_list_filters(admin_client):
    confirmed = RegistrationRowFactory(email="obecna@example.org")
    RegistrationRowFactory(
        edition=confirmed.edition,
        category=confirmed.category,
        email="odwolana@example.org",
        state=RegistrationState.CANCELLED,
        confirmed_at=None,
    )

    response = admin_client.get(_export_url(), {"state__exact": "confirmed"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="registrations-{confirmed.edition.slug}-')
    assert disposition.endswith('.csv"')
    content = response.content.decode("utf-8-sig")
    assert "obecna@example.org" in content
    assert "odwolana@example.org" not in content


def test_export_view_xlsx_readable(admin_client):
    registration = RegistrationRowFactory(organisation="=1+1")

    response = admin_client.get(_export_url("xlsx"))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in sheet[2]]
    assert registration.email in values
    assert "=1+1" in values
    assert all(cell.data_type != "f" for cell in sheet[2])


def test_export_view_anonymous_redirected_to_login(client):
    response = client.get(_export_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_export_view_non_staff_refused(client, django_user_model):
    user = django_user_model.objects.create_user(username="uczestnik", password="x-haslo-123")
    client.force_login(user)

    response = client.get(_export_url())

    # Signed in but not staff (e.g. door staff): refused outright, not sent to a login page.
    assert response.status_code == 403


def test_export_view_staff_without_view_permission_forbidden(client):
    client.force_login(staff_user("bez-uprawnien"))

    response = client.get(_export_url())

    assert response.status_code == 403


def test_export_view_staff_with_view_permission_allowed(client):
    client.force_login(staff_user("podglad", "registration.view_registration"))
    RegistrationRowFactory()

    response = client.get(_export_url())

    assert response.status_code == 200


def test_export_action_exports_only_the_selected(admin_client):
    chosen = RegistrationRowFactory(email="wybrana@example.org")
    RegistrationRowFactory(email="pominieta@example.org")

    response = _post_action(admin_client, "export_csv", [chosen])

    content = response.content.decode("utf-8-sig")
    assert "wybrana@example.org" in content
    assert "pominieta@example.org" not in content


def test_dietary_view_returns_catering_list(admin_client):
    registration = RegistrationRowFactory(dietary_needs="wegańska")

    response = admin_client.get(
        reverse("admin:registration_registration_dietary", args=[registration.edition_id, "xlsx"])
    )

    assert response.status_code == 200
    assert f"catering-{registration.edition.slug}-" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert "wegańska" in [cell.value for cell in sheet[2]]


def test_dietary_view_staff_without_view_permission_forbidden(client):
    registration = RegistrationRowFactory()
    client.force_login(staff_user("kuchnia"))

    response = client.get(
        reverse("admin:registration_registration_dietary", args=[registration.edition_id, "csv"])
    )

    assert response.status_code == 403


def test_changelist_links_to_exports(admin_client):
    registration = RegistrationRowFactory()

    response = admin_client.get(reverse(CHANGELIST), {"state__exact": "confirmed"})

    content = response.content.decode()
    assert f"{_export_url('xlsx')}?state__exact=confirmed" in content
    dietary = reverse(
        "admin:registration_registration_dietary", args=[registration.edition_id, "xlsx"]
    )
    assert dietary in content


# --- Invitation codes and consent texts -------------------------------------------------------


def test_generate_codes_view_creates_unique_codes(admin_en):
    category = CategoryFactory(requires_invitation=True)

    response = admin_en.post(
        reverse("admin:registration_invitationcode_generate"),
        {"category": category.pk, "count": 5, "prefix": "Prelegent", "max_uses": 2},
    )

    assert response.status_code == 302
    codes = list(InvitationCode.objects.filter(category=category))
    assert len({code.code for code in codes}) == 5
    assert all(code.code.startswith("PRELEGENT-") and code.max_uses == 2 for code in codes)
    assert _messages(response) == ["5 invitation codes generated."]


def test_generate_codes_view_needs_add_permission(client):
    client.force_login(staff_user("bez-kodow", "registration.view_invitationcode"))

    response = client.get(reverse("admin:registration_invitationcode_generate"))

    assert response.status_code == 403


def test_consent_text_accepted_version_is_read_only(admin_client):
    record = ConsentRecordFactory()
    fresh = ConsentTextFactory(edition=record.consent.edition, kind="newsletter")

    accepted_form = (
        admin_client.get(reverse("admin:registration_consenttext_change", args=[record.consent.pk]))
        .context["adminform"]
        .form
    )
    fresh_form = (
        admin_client.get(reverse("admin:registration_consenttext_change", args=[fresh.pk]))
        .context["adminform"]
        .form
    )

    assert list(accepted_form.fields) == []
    assert "text" in fresh_form.fields


def test_consent_text_new_version_action_adds_a_row(admin_client):
    record = ConsentRecordFactory()
    consent = record.consent

    response = _post_action(
        admin_client, "new_version", [consent], "admin:registration_consenttext_changelist"
    )

    newest = ConsentText.objects.filter(edition=consent.edition, kind=consent.kind).first()
    assert newest.version == consent.version + 1
    assert newest.text == consent.text
    assert response["Location"] == reverse(
        "admin:registration_consenttext_change", args=[newest.pk]
    )


# --- Delivery log and activity log (read-only) ------------------------------------------------


def test_send_again_queues_a_new_message_for_a_failed_one(admin_en):
    registration = RegistrationRowFactory()
    failed = MessageFactory(
        edition=registration.edition,
        registration=registration,
        state=MessageState.FAILED,
        last_error="SMTPServerDisconnected()",
    )

    response = _post_action(admin_en, "send_again", [failed], "admin:comms_message_changelist")
    _post_action(admin_en, "send_again", [failed], "admin:comms_message_changelist")

    failed.refresh_from_db()
    assert failed.state == MessageState.FAILED
    copies = list(Message.objects.filter(dedupe_key=f"resend:{failed.pk}"))
    assert [(m.state, m.to_email, m.kind) for m in copies] == [
        (MessageState.QUEUED, failed.to_email, failed.kind)
    ]
    assert _messages(response) == ["1 e-mail queued again."]


def test_send_again_skips_messages_still_on_their_way(admin_en):
    queued = MessageFactory(state=MessageState.QUEUED)

    response = _post_action(admin_en, "send_again", [queued], "admin:comms_message_changelist")

    assert Message.objects.count() == 1
    assert _messages(response) == ["1 e-mail was skipped: it is still on its way."]


def test_message_change_view_is_read_only(admin_client):
    message = MessageFactory()

    response = admin_client.post(
        reverse("admin:comms_message_change", args=[message.pk]), {"to_email": "x@example.org"}
    )

    assert response.status_code == 403


def test_activity_log_is_read_only(admin_client):
    log_activity(obj=RegistrationRowFactory(), action="registration.test")

    listing = admin_client.get(reverse("admin:common_activitylog_changelist"))
    add = admin_client.get(reverse("admin:common_activitylog_add"))

    assert listing.status_code == 200
    assert add.status_code == 403
    assert Registration.objects.count() == 1


def test_message_log_shows_and_filters_kinds_by_their_registered_labels(admin_en):
    registration = RegistrationRowFactory()
    confirmed = MessageFactory(edition=registration.edition, registration=registration)
    link = MessageFactory(
        edition=registration.edition, registration=registration, kind=RegistrationMessage.LINK
    )
    url = reverse("admin:comms_message_changelist")

    everything = admin_en.get(url).content.decode()
    only_links = admin_en.get(url, {"kind": "link"}).content.decode()

    assert "Registration confirmed, with ticket" in everything
    assert "Your personal link" in everything
    assert link.to_email in only_links
    assert confirmed.to_email not in only_links
    page = admin_en.get(reverse("admin:comms_message_change", args=[link.pk]))
    assert "Your personal link" in page.content.decode()
