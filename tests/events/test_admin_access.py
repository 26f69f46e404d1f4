"""Team roles in the Django admin: each role sees and changes only its editions' objects."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.events.permissions import require_permission
from kongres.program.models import Day
from kongres.registration import services
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Registration
from kongres.visits.enums import SignupState
from tests.comms.factories import SignupFactory
from tests.factories import EditionFactory
from tests.registration.factories import CategoryFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    return EditionFactory(slug="edition-a"), EditionFactory(slug="edition-b")


@pytest.fixture
def member(django_user_model, editions):
    """A staff user with a role in one edition: member(role, edition_index)."""

    def make(role, index=0, *, username=None):
        user = django_user_model.objects.create_user(
            username=username or f"{role}-{index}", is_staff=True
        )
        TeamMember.objects.create(edition=editions[index], user=user, role=role)
        return user

    return make


def _signed_in(client, user):
    client.force_login(user)
    return client


# --- the partner viewer ---------------------------------------------------------------------


def test_partner_viewer_sees_only_their_editions_sign_ups_read_only(client, editions, member):
    edition_a, edition_b = editions
    mine = SignupFactory(registration=RegistrationFactory(edition=edition_a, verified=True))
    theirs = SignupFactory(registration=RegistrationFactory(edition=edition_b, verified=True))
    _signed_in(client, member(TeamRole.PARTNER_VIEWER))

    listing = client.get(reverse("admin:visits_signup_changelist"))
    assert listing.status_code == 200
    shown = set(listing.context["cl"].queryset.values_list("pk", flat=True))
    assert shown == {mine.pk}

    page = client.get(reverse("admin:visits_signup_change", args=[mine.pk]))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert not page.context["has_delete_permission"]
    other = client.get(reverse("admin:visits_signup_change", args=[theirs.pk]))
    assert other.status_code == 302  # "does not exist": nothing of edition B

    # Read-only: the cancel action is not offered, and a forced one changes nothing.
    assert "cancel" not in dict(listing.context["action_form"].fields["action"].choices)
    client.post(
        reverse("admin:visits_signup_changelist"),
        {"action": "cancel", "_selected_action": [mine.pk], "index": 0},
    )
    mine.refresh_from_db()
    assert mine.state == SignupState.CONFIRMED
    assert mine.cancelled_at is None


def test_partner_viewer_sees_visits_but_no_registrations(client, member):
    _signed_in(client, member(TeamRole.PARTNER_VIEWER))
    assert client.get(reverse("admin:visits_studyvisit_changelist")).status_code == 200
    assert client.get(reverse("admin:registration_registration_changelist")).status_code == 403
    assert client.get(reverse("admin:comms_message_changelist")).status_code == 403
    models = {
        model["object_name"]
        for app in client.get(reverse("admin:index")).context["app_list"]
        for model in app["models"]
    }
    assert models == {"StudyVisit", "Signup"}


def test_checkin_staff_see_no_model_in_the_admin(client, member):
    _signed_in(client, member(TeamRole.CHECKIN))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["app_list"] == []
    assert client.get(reverse("admin:visits_signup_changelist")).status_code == 403


# --- organisers of another edition ----------------------------------------------------------


def test_organiser_of_b_does_not_see_registrations_of_a(client, editions, member):
    edition_a, edition_b = editions
    of_a = RegistrationFactory(edition=edition_a)
    of_b = RegistrationFactory(edition=edition_b)
    _signed_in(client, member(TeamRole.ORGANISER, 1))

    listing = client.get(reverse("admin:registration_registration_changelist"))
    assert listing.status_code == 200
    assert set(listing.context["cl"].queryset.values_list("pk", flat=True)) == {of_b.pk}
    assert of_a.last_name not in listing.content.decode()
    assert client.get(
        reverse("admin:registration_registration_change", args=[of_a.pk])
    ).status_code == (302)
    assert (
        client.get(
            reverse("admin:registration_registration_dietary", args=[edition_a.pk, "csv"])
        ).status_code
        == 403
    )
    # The export of the list holds only edition B's people.
    export = client.get(reverse("admin:registration_registration_export", args=["csv"]))
    assert of_b.email in export.content.decode()
    assert of_a.email not in export.content.decode()


def test_an_organiser_of_b_cannot_approve_in_a_through_the_action(client, editions, member):
    edition_a, _edition_b = editions
    category = CategoryFactory(edition=edition_a, requires_approval=True)
    waiting = RegistrationFactory(edition=edition_a, category=category, verified=True)
    assert waiting.state == RegistrationState.PENDING_APPROVAL
    _signed_in(client, member(TeamRole.ORGANISER, 1))
    client.post(
        reverse("admin:registration_registration_changelist"),
        {"action": "approve", "_selected_action": [waiting.pk], "index": 0},
    )
    waiting.refresh_from_db()
    assert waiting.state == RegistrationState.PENDING_APPROVAL


def test_the_list_costs_the_same_queries_for_more_rows(client, editions, member):
    edition_a, _edition_b = editions
    _signed_in(client, member(TeamRole.ORGANISER))
    url = reverse("admin:registration_registration_changelist")
    RegistrationFactory(edition=edition_a)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        RegistrationFactory(edition=edition_a)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)


# --- no object in another edition ------------------------------------------------------------


def test_a_team_member_cannot_create_a_day_in_another_edition(client, editions, member):
    edition_a, edition_b = editions
    _signed_in(client, member(TeamRole.ORGANISER))
    url = reverse("admin:program_day_add")
    form = client.get(url).context["adminform"].form
    assert list(form.fields["edition"].queryset) == [edition_a]

    response = client.post(url, {"edition": edition_b.pk, "date": "2025-10-29", "name_0": "X"})
    assert response.status_code == 200  # the form again, with the error
    assert "edition" in response.context["adminform"].form.errors
    assert not Day.objects.filter(edition=edition_b).exists()

    response = client.post(url, {"edition": edition_a.pk, "date": "2025-10-29"})
    assert response.status_code == 302
    assert Day.objects.filter(edition=edition_a).count() == 1


def test_saving_into_another_edition_is_refused_even_past_the_form(editions, member):
    _edition_a, edition_b = editions
    user = member(TeamRole.ORGANISER)
    request = RequestFactory().post("/admin/program/day/add/")
    request.user = user
    model_admin = admin.site._registry[Day]
    with pytest.raises(PermissionDenied):
        model_admin.save_model(
            request, Day(edition=edition_b, date=edition_b.start_date), None, False
        )
    assert not Day.objects.exists()


def test_owner_settings_but_organiser_not(client, editions, member):
    edition_a, _edition_b = editions
    _signed_in(client, member(TeamRole.ORGANISER))
    page = client.get(reverse("admin:events_edition_change", args=[edition_a.pk]))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False  # read-only for the organiser
    _signed_in(client, member(TeamRole.OWNER, username="owner-a"))
    page = client.get(reverse("admin:events_edition_change", args=[edition_a.pk]))
    assert page.context["has_change_permission"] is True
    assert client.get(reverse("admin:events_edition_add")).status_code == 403


def test_staff_with_model_permissions_keep_seeing_every_edition(
    client, editions, django_user_model
):
    edition_a, edition_b = editions
    of_a, of_b = RegistrationFactory(edition=edition_a), RegistrationFactory(edition=edition_b)
    user = django_user_model.objects.create_user(username="old-staff", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_registration"))
    _signed_in(client, user)
    listing = client.get(reverse("admin:registration_registration_changelist"))
    assert set(listing.context["cl"].queryset.values_list("pk", flat=True)) == {of_a.pk, of_b.pk}


# --- the services ask too -------------------------------------------------------------------


def test_require_permission(editions, member, django_user_model):
    edition_a, edition_b = editions
    organiser = member(TeamRole.ORGANISER)
    partner = member(TeamRole.PARTNER_VIEWER)
    require_permission(organiser, edition_a.pk, "event.registrations:write")
    require_permission(None, edition_a.pk, "event.registrations:write")  # the system
    with pytest.raises(PermissionDenied):
        require_permission(organiser, edition_b.pk, "event.registrations:write")
    with pytest.raises(PermissionDenied):
        require_permission(partner, edition_a.pk, "event.registrations:write")
    with pytest.raises(ValueError, match="Unknown permission key"):
        require_permission(organiser, edition_a.pk, "event.everything")
    staff = django_user_model.objects.create_user(username="perm-staff", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_registration"))
    staff = django_user_model.objects.get(pk=staff.pk)
    require_permission(
        staff,
        edition_b.pk,
        "event.registrations:write",
        model_perm="registration.change_registration",
    )


def test_registration_services_refuse_an_actor_without_the_key(editions, member):
    edition_a, _edition_b = editions
    category = CategoryFactory(edition=edition_a, requires_approval=True)
    waiting = RegistrationFactory(edition=edition_a, category=category, verified=True)
    for role, index in ((TeamRole.PARTNER_VIEWER, 0), (TeamRole.ORGANISER, 1)):
        with pytest.raises(PermissionDenied):
            services.registration_approve(registration=waiting, actor=member(role, index))
        with pytest.raises(PermissionDenied):
            services.registration_erase(
                registration=waiting, actor=member(role, index, username=f"e-{role}")
            )
    waiting.refresh_from_db()
    assert waiting.state == RegistrationState.PENDING_APPROVAL
    assert waiting.erased_at is None
    services.registration_approve(registration=waiting, actor=member(TeamRole.ORGANISER))
    assert Registration.objects.get(pk=waiting.pk).state == RegistrationState.CONFIRMED
