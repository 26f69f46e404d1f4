"""The permission matrix: every URL of the project, requested as every role, answers as written.

The URLs come from the resolver (public pages in their language prefix, the API, the admin
with the pages of every registered ``ModelAdmin``, the back office). Each one must have a row
below: ``ROUTES`` for the pages written by hand, ``ADMIN_MODELS`` for the admin's pages of one
model (who may see, add, change and delete edition A's objects). A URL without a row fails the
test by name: add it to the matrix. All mismatches are reported at once.

Adding a row: ``ROUTES["admin/office/<int:edition_id>/mail/"] = by_key(REPORTS)`` say, or a
dict of role to status (``answer(200, anonymous=302, participant=403)``).
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from kongres.backoffice.models import BulkMail
from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.events.admin_access import EditionTeamAdminMixin
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.matchmaking.enums import SchedulerRunState
from kongres.matchmaking.models import Profile, SchedulerRun
from kongres.onsite.models import Certificate, Scan
from kongres.program.models import Session, Speaker
from kongres.registration import links, tokens
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Registration
from kongres.visits.models import Signup
from tests.common.test_admin import read_form
from tests.factories import EditionFactory

pytestmark = pytest.mark.integration

ANON = "anonymous"
PARTICIPANT = "participant"  # a signed-in user who is not staff (personal links need no user)
STAFF = "staff"  # staff without any model permission or team role
OWNER = "owner"
ORGANISER = "organiser"
MATCHMAKING = "matchmaking"
CHECKIN = "checkin"
PARTNER = "partner"
ORGANISER_B = "organiser_b"  # organiser of another edition
SUPERUSER = "superuser"
ROLES = (
    ANON,
    PARTICIPANT,
    STAFF,
    OWNER,
    ORGANISER,
    MATCHMAKING,
    CHECKIN,
    PARTNER,
    ORGANISER_B,
    SUPERUSER,
)
TEAM_A = {
    OWNER: TeamRole.OWNER,
    ORGANISER: TeamRole.ORGANISER,
    MATCHMAKING: TeamRole.MATCHMAKING_MANAGER,
    CHECKIN: TeamRole.CHECKIN,
    PARTNER: TeamRole.PARTNER_VIEWER,
}
STAFF_ROLES = {STAFF, OWNER, ORGANISER, MATCHMAKING, CHECKIN, PARTNER, ORGANISER_B, SUPERUSER}

# Who holds a key in edition A (docs/architecture.md, "Permission keys"); superusers hold all.
SETTINGS = {OWNER}
PROGRAM = {OWNER, ORGANISER}
REG_READ = {OWNER, ORGANISER, MATCHMAKING}
REG_WRITE = {OWNER, ORGANISER}
CHECKIN_KEY = {OWNER, ORGANISER, CHECKIN}
VISITS = {OWNER, ORGANISER, PARTNER}
REPORTS = {OWNER, ORGANISER, MATCHMAKING, PARTNER}
MATCHMAKING_KEY = {OWNER, ORGANISER, MATCHMAKING}
MAIL = {OWNER, ORGANISER}
AUDIT = {OWNER, ORGANISER}
NOBODY: set[str] = set()


def answer(default: int, **by_role: int) -> dict[str, int]:
    unknown = set(by_role) - set(ROLES)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in ROLES}


def everyone(status: int) -> dict[str, int]:
    return answer(status)


def by_key(holders: set[str], *, ok: int = 200, anonymous: int = 302) -> dict[str, int]:
    """A page of edition A for staff holding a key: 302 to sign in, 403 for everyone else."""
    return {
        role: anonymous if role == ANON else ok if role in holders or role == SUPERUSER else 403
        for role in ROLES
    }


def staff_page(status: int = 200) -> dict[str, int]:
    """An admin page any staff user may open; the admin's guard for the rest."""
    return answer(status, anonymous=302, participant=403)


def superuser_only(status: int = 200) -> dict[str, int]:
    return answer(403, anonymous=302, participant=403, superuser=status)


def onsite_page(holders: set[str]) -> dict[str, int]:
    """On-site pages: the check-in login for anonymous visitors, 403 without the key."""
    return {
        role: 302 if role == ANON else 200 if role in holders or role == SUPERUSER else 403
        for role in ROLES
    }


PUBLIC = everyone(200)

# --- pages written by hand: route (as the resolver spells it, {lang} for the prefix) -> answer
ROUTES: dict[str, dict[str, int]] = {
    "healthz": PUBLIC,
    "readyz": PUBLIC,
    "robots.txt": PUBLIC,
    "sitemap.xml": PUBLIC,
    "^media/(?P<path>.*)$": everyone(404),
    # The API: tokens only, sessions do not count.
    "api/schema/": PUBLIC,
    "api/docs/": PUBLIC,
    "api/v1/editions/": everyone(401),
    "api/v1/editions/<slug:edition_slug>/": everyone(401),
    "api/v1/editions/<slug:edition_slug>/sessions/": everyone(401),
    "api/v1/editions/<slug:edition_slug>/speakers/": everyone(401),
    "api/v1/editions/<slug:edition_slug>/registrations/": everyone(401),
    "api/v1/editions/<slug:edition_slug>/registrations/<str:pk>/": everyone(401),
    "api/v1/editions/<slug:edition_slug>/checkins/": everyone(401),
    "api/v1/editions/<slug:edition_slug>/matchmaking/profiles/": everyone(401),
    "api/v1/editions/<slug:edition_slug>/matchmaking/meetings/": everyone(401),
    "api/^.*$": everyone(404),
    # Public pages of the edition.
    "{lang}/": everyone(302),  # to the current edition
    "{lang}/archive/": PUBLIC,
    "{lang}/<slug:edition_slug>/": PUBLIC,
    "{lang}/<slug:edition_slug>/partners/": PUBLIC,
    "{lang}/<slug:edition_slug>/venue/": PUBLIC,
    "{lang}/<slug:edition_slug>/privacy/": PUBLIC,
    "{lang}/<slug:edition_slug>/program/": PUBLIC,
    "{lang}/<slug:edition_slug>/program.ics": PUBLIC,
    "{lang}/<slug:edition_slug>/program/<slug:slug>/": PUBLIC,
    "{lang}/<slug:edition_slug>/program/<slug:slug>.ics": PUBLIC,
    "{lang}/<slug:edition_slug>/speakers/": PUBLIC,
    "{lang}/<slug:edition_slug>/speakers/<slug:slug>/": PUBLIC,
    "{lang}/<slug:edition_slug>/register/": PUBLIC,
    "{lang}/<slug:edition_slug>/register/thanks/": PUBLIC,
    "{lang}/<slug:edition_slug>/register/group/": PUBLIC,
    "{lang}/<slug:edition_slug>/verify/<str:token>/": PUBLIC,
    "{lang}/<slug:edition_slug>/my-link/": PUBLIC,
    "{lang}/<slug:edition_slug>/agenda/<str:feed>.ics": PUBLIC,
    "{lang}/<slug:edition_slug>/visits/": PUBLIC,
    "{lang}/<slug:edition_slug>/certificate/": PUBLIC,
    "{lang}/<slug:edition_slug>/certificate/<str:code>/": PUBLIC,
    # The personal link: the token is the key, whoever holds it.
    "{lang}/<slug:edition_slug>/me/<str:token>/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/edit/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/sessions/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/ticket.pdf": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/my-data.json": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/my-data.pdf": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/cancel/": PUBLIC,
    # Forms shown on the personal page: a GET goes back to it.
    "{lang}/<slug:edition_slug>/me/<str:token>/consents/": everyone(302),
    "{lang}/<slug:edition_slug>/me/<str:token>/feed/": everyone(302),
    "{lang}/<slug:edition_slug>/me/<str:token>/offer/<int:signup_id>/": everyone(302),
    "{lang}/<slug:edition_slug>/me/<str:token>/id-data/<int:signup_id>/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/certificate.pdf": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/opt-out/": everyone(405),
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/profile/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/profiles/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/profiles/<int:profile_id>/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/recommendations/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/request/<int:profile_id>/": everyone(
        302
    ),
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/requests/<int:request_id>/accept/": (
        everyone(404)  # not one of the link's own
    ),
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/requests/<int:request_id>/decline/": (
        everyone(404)  # not one of the link's own
    ),
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/requests/<int:request_id>/cancel/": (
        everyone(405)
    ),
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/meetings/<int:meeting_id>/cancel/": (
        everyone(404)  # not one of the link's own
    ),
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/meetings/<int:meeting_id>/outcome/": (
        everyone(404)  # not one of the link's own
    ),
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/agenda/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/agenda.pdf": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/agenda.ics": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/consultations/": PUBLIC,
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/consultations/<int:slot_id>/book/": (
        everyone(405)
    ),
    "{lang}/<slug:edition_slug>/me/<str:token>/matchmaking/consultations/<int:slot_id>/cancel/": (
        everyone(405)
    ),
    # Check-in: staff of the edition holding event.checkin:write.
    "{lang}/<slug:edition_slug>/checkin/": onsite_page(CHECKIN_KEY),
    "{lang}/<slug:edition_slug>/checkin/login/": PUBLIC,
    "{lang}/<slug:edition_slug>/checkin/logout/": everyone(405),
    "{lang}/<slug:edition_slug>/checkin/sw.js": PUBLIC,
    "{lang}/<slug:edition_slug>/checkin/manifest.webmanifest": PUBLIC,
    "{lang}/<slug:edition_slug>/checkin/list.json": answer(
        403, superuser=200, owner=200, organiser=200, checkin=200
    ),
    "{lang}/<slug:edition_slug>/checkin/scan": everyone(405),
    "{lang}/<slug:edition_slug>/checkin/sync": everyone(405),
    # On-site documents: badges for check-in and registration writers, lists for readers.
    "{lang}/<slug:edition_slug>/onsite/documents/": onsite_page(REG_WRITE),
    "{lang}/<slug:edition_slug>/onsite/badges/": onsite_page(REG_WRITE),
    "{lang}/<slug:edition_slug>/onsite/badges/print/": everyone(405),
    "{lang}/<slug:edition_slug>/onsite/badges/<int:registration_id>/": onsite_page(
        CHECKIN_KEY | REG_WRITE
    ),
    "{lang}/<slug:edition_slug>/onsite/attendance/day/<str:date>.pdf": onsite_page(
        REG_READ | REPORTS
    ),
    "{lang}/<slug:edition_slug>/onsite/attendance/session/<int:session_id>.pdf": onsite_page(
        REG_READ | REPORTS
    ),
    "{lang}/<slug:edition_slug>/onsite/attendance/checkins.xlsx": onsite_page(REG_READ | REPORTS),
    "{lang}/<slug:edition_slug>/onsite/certificates/issue/": everyone(405),
    # The admin's own pages.
    "admin/2fa/": answer(302, participant=403),
    "admin/2fa/setup/": answer(200, anonymous=302, participant=403),
    "admin/r/<path:content_type_id>/<path:object_id>/": staff_page(404),
    "admin/": staff_page(),
    "admin/login/": answer(302, anonymous=200, participant=403),
    "admin/logout/": answer(405, anonymous=302, participant=403),
    "admin/password_change/": staff_page(),
    "admin/password_change/done/": staff_page(),
    "admin/autocomplete/": staff_page(403),
    "admin/jsi18n/": staff_page(),
    "admin/(?P<url>.*)$": staff_page(404),
    # The app's index lists the models one may see; none: 404.
    "admin/^(?P<app_label>auth|django_tasks_database|axes|otp_totp|otp_static|common|events|"
    "program|registration|visits|comms|matchmaking|onsite|api)/$": answer(
        404,
        anonymous=302,
        participant=403,
        owner=200,
        organiser=200,
        matchmaking=200,
        organiser_b=200,
        superuser=200,
    ),
    "admin/auth/user/<id>/password/": superuser_only(),
    "admin/otp_totp/totpdevice/<int:pk>/config/": superuser_only(),
    "admin/otp_totp/totpdevice/<int:pk>/qrcode/": superuser_only(),
    # Exports: the list's rows (narrowed to one's editions), catering of edition A.
    "admin/registration/registration/^export/(?P<fmt>csv|xlsx)/$": answer(
        403,
        anonymous=302,
        owner=200,
        organiser=200,
        matchmaking=200,
        organiser_b=200,
        superuser=200,
    ),
    "admin/registration/registration/^dietary/(?P<edition_id>[0-9]+)/(?P<fmt>csv|xlsx)/$": (
        by_key(REG_READ)
    ),
    "admin/visits/signup/^visit-list/(?P<session_id>[0-9]+)/(?P<fmt>csv|xlsx)/$": by_key(
        REG_READ | VISITS
    ),
    "admin/registration/invitationcode/^generate/$": answer(
        403, anonymous=302, owner=200, organiser=200, organiser_b=200, superuser=200
    ),
    # The matchmaking scheduler and statistics: the model permissions (superusers here) or the
    # edition's keys; the index of every edition's matchmaking needs the model permissions.
    "admin/matchmaking/matchmakingsettings/organiser/": superuser_only(),
    "admin/matchmaking/matchmakingsettings/<int:edition_id>/scheduler/": by_key(MATCHMAKING_KEY),
    "admin/matchmaking/matchmakingsettings/<int:edition_id>/scheduler/runs/<int:run_id>/": (
        by_key(MATCHMAKING_KEY)
    ),
    "admin/matchmaking/matchmakingsettings/<int:edition_id>/scheduler/runs/<int:run_id>/status/": (
        by_key(MATCHMAKING_KEY)
    ),
    "admin/matchmaking/matchmakingsettings/<int:edition_id>/statistics/": by_key(
        MATCHMAKING_KEY | REPORTS
    ),
    "admin/matchmaking/matchmakingsettings/<int:edition_id>/tables.pdf": by_key(MATCHMAKING_KEY),
    # The organiser's changes to a registration (forms of the change page).
    "admin/registration/registration/<path:object_id>/change-email/": by_key(REG_WRITE),
    "admin/registration/registration/<path:object_id>/change-category/": by_key(REG_WRITE),
    "admin/registration/registration/<path:object_id>/change-sessions/": by_key(REG_WRITE),
    # "Send again" takes a POST only; an organiser of B does not find A's message.
    "admin/comms/message/<path:object_id>/resend/": {
        **by_key(MAIL, ok=405),
        ORGANISER_B: 404,
    },
    # The back office of edition A.
    "admin/office/<int:edition_id>/": by_key(REG_READ | REPORTS),
    "admin/office/<int:edition_id>/audit/": by_key(AUDIT),
    "admin/office/<int:edition_id>/^audit/export/(?P<fmt>csv|xlsx)/$": by_key(AUDIT),
    "admin/office/<int:edition_id>/mail/": by_key(MAIL),
    "admin/office/<int:edition_id>/mail/new/": by_key(MAIL),
    "admin/office/<int:edition_id>/mail/<int:bulk_id>/edit/": by_key(MAIL),
    "admin/office/<int:edition_id>/mail/<int:bulk_id>/preview/": by_key(MAIL),
    "admin/office/<int:edition_id>/mail/<int:bulk_id>/send/": by_key(MAIL, ok=405),
    # A draft has no progress yet: its page sends the organiser to the form.
    "admin/office/<int:edition_id>/mail/<int:bulk_id>/progress/": by_key(MAIL, ok=302),
    "admin/office/<int:edition_id>/mail/<int:bulk_id>/progress/fragment/": by_key(MAIL),
}


# --- the admin's pages of each model ----------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Access:
    """Who may see, add, change and delete edition A's objects in the admin (superusers are
    named: some lists are read-only even for them). ``team``: the admin narrows to one's
    editions (``EditionTeamAdminMixin``), so an organiser of edition B holds in B what the
    organiser holds in A and does not find A's objects."""

    view: set[str]
    add: set[str]
    change: set[str]
    delete: set[str]
    team: bool = True


SU = {SUPERUSER}


def team(view: set[str], write: set[str], *, add=True, change=True, delete=True) -> Access:
    """``add``/``change``/``delete``: False when the admin forbids it to everyone, a set of
    roles when only they may."""
    write = write | SU

    def who(flag):
        return flag if isinstance(flag, set) else write if flag else NOBODY

    return Access(view=view | write | SU, add=who(add), change=who(change), delete=who(delete))


def superusers(*, add=True, change=True, delete=True) -> Access:
    return Access(
        view=SU,
        add=SU if add else NOBODY,
        change=SU if change else NOBODY,
        delete=SU if delete else NOBODY,
        team=False,
    )


READ_ONLY = {"add": False, "change": False, "delete": False}

ADMIN_MODELS: dict[str, Access] = {
    "auth.group": superusers(),
    "auth.user": superusers(),
    "django_tasks_database.dbtaskresult": superusers(add=False, change=False, delete=False),
    "axes.accessattempt": superusers(add=False, change=False),
    "axes.accesslog": superusers(add=False, change=False),
    "axes.accessfailurelog": superusers(add=False, change=False),
    "otp_totp.totpdevice": superusers(),
    "otp_static.staticdevice": superusers(),
    "common.activitylog": superusers(**READ_ONLY),
    "events.organisation": superusers(),
    "events.series": superusers(),
    "events.venue": superusers(),
    # A team changes its edition; only administrators make or delete editions.
    "events.edition": team(REG_READ | PROGRAM, SETTINGS, add=SU, delete=SU),
    "events.partner": team(REG_READ, SETTINGS),
    "events.teammember": team(NOBODY, SETTINGS),
    "program.day": team(REG_READ, PROGRAM),
    "program.room": team(REG_READ, PROGRAM),
    "program.theme": team(REG_READ, PROGRAM),
    "program.session": team(REG_READ, PROGRAM),
    "program.speaker": team(REG_READ, PROGRAM),
    "registration.category": team(REG_READ, SETTINGS),
    "registration.question": team(REG_READ, SETTINGS),
    # Accepted consent texts are never deleted: a change is a new version.
    "registration.consenttext": team(REG_READ, SETTINGS, delete=False),
    "registration.registrationgroup": team(REG_READ, REG_WRITE, add=False),
    "registration.invitationcode": team(REG_READ, REG_WRITE),
    "registration.registration": team(REG_READ, REG_WRITE, add=False, delete=False),
    "visits.studyvisit": team(REG_READ | VISITS, PROGRAM),
    "visits.signup": team(REG_READ | VISITS, NOBODY, **READ_ONLY),
    "visits.iddata": superusers(**READ_ONLY),
    "comms.message": team(REG_READ, NOBODY, **READ_ONLY),
    "matchmaking.matchmakingsettings": team(REG_READ, MATCHMAKING_KEY),
    "matchmaking.matchmakingsession": team(REG_READ, MATCHMAKING_KEY),
    "matchmaking.sector": superusers(),
    "matchmaking.profile": team(REG_READ, MATCHMAKING_KEY),
    "matchmaking.meetingrequest": team(REG_READ, MATCHMAKING_KEY, add=False),
    "matchmaking.meeting": team(REG_READ, MATCHMAKING_KEY, add=False),
    "matchmaking.consultationhost": team(REG_READ, MATCHMAKING_KEY),
    "matchmaking.consultationslot": team(REG_READ, MATCHMAKING_KEY),
    "matchmaking.schedulerrun": team(REG_READ, MATCHMAKING_KEY, add=False, change=False),
    "onsite.checkinpoint": team(REG_READ, PROGRAM),
    "onsite.device": team(REG_READ, NOBODY, **READ_ONLY),
    "onsite.scan": team(REG_READ, NOBODY, **READ_ONLY),
    "onsite.checkin": team(REG_READ, NOBODY, **READ_ONLY),
    "onsite.staffnote": team(REG_READ, REG_WRITE),
    "api.apitoken": superusers(change=False),
    "api.webhookendpoint": superusers(),
    "api.webhookdelivery": superusers(add=False, change=False),
}

ADMIN_PAGES = {
    "": "changelist",
    "add/": "add",
    "<path:object_id>/history/": "history",
    "<path:object_id>/delete/": "delete",
    "<path:object_id>/change/": "change",
    "<path:object_id>/": "redirect",
}


def _may(access: Access, action: str, role: str, *, anywhere: bool) -> bool:
    holders = getattr(access, action)
    if action == "view":
        holders = holders | access.change
    if anywhere and access.team and role == ORGANISER_B:
        return ORGANISER in holders
    return role in holders


def _admin_model_status(access: Access, page: str, role: str, *, exists: bool) -> int:
    """What Django's admin answers one role for one model's page, given who may do what."""
    if role == ANON:
        return 302  # to the admin's sign-in
    if role == PARTICIPANT:
        return 403  # not staff: ScopesForStaffMiddleware

    def may(action, anywhere):
        return _may(access, action, role, anywhere=anywhere)

    # The object of edition A is found unless the list is narrowed to other editions.
    found = exists and (not access.team or may("view", False))
    if page == "changelist":
        return 200 if may("view", True) else 403
    if page == "add":
        return 200 if may("add", True) else 403
    if page == "change":
        if found:
            return 200 if may("view", False) else 403
        return 302 if may("view", True) else 403  # 302: "does not exist", to the index
    if page == "history":
        return (200 if may("view", False) else 403) if found else 302
    if page == "delete":
        if found:
            return 200 if may("delete", False) else 403
        return 302 if may("delete", True) else 403
    return 302  # "<id>/" redirects to "<id>/change/"


def admin_model_answer(access: Access, page: str, *, exists: bool) -> dict[str, int]:
    return {role: _admin_model_status(access, page, role, exists=exists) for role in ROLES}


# --- the fixtures: edition A (the demo), edition B, one user per role --------------------------


@pytest.fixture
def world(demo_data, django_user_model):
    edition = demo_data
    other = EditionFactory(slug="other-edition")
    users = {}
    for role in ROLES[1:]:
        users[role] = django_user_model.objects.create_user(
            username=role,
            password="x-matrix-password-1",
            is_staff=role in STAFF_ROLES,
            is_superuser=role == SUPERUSER,
        )
    for role, team_role in TEAM_A.items():
        TeamMember.objects.create(edition=edition, user=users[role], role=team_role)
    TeamMember.objects.create(edition=other, user=users[ORGANISER_B], role=TeamRole.ORGANISER)
    return edition, other, users


def _first(queryset):
    return queryset.order_by("pk").first()


def _params(edition) -> dict[str, object]:
    """Values for the path parameters, by name; the object of each model by its label."""
    registration = _first(
        Registration.objects.filter(edition=edition, state=RegistrationState.CONFIRMED)
    )
    session = _first(Session.objects.filter(edition=edition))
    visit_signup = _first(Signup.objects.filter(edition=edition))
    certificate = _first(Certificate.objects.filter(edition=edition))
    day = edition.start_date
    return {
        "edition_slug": edition.slug,
        "edition_id": edition.pk,
        "token": tokens.personal_link_token(registration),
        "feed": links.agenda_feed_token(registration),
        "signup_id": visit_signup.pk if visit_signup else 0,
        "session_id": visit_signup.session_id if visit_signup else session.pk,
        "registration_id": registration.pk,
        "date": day.isoformat(),
        "code": certificate.code if certificate else "NOCODE",
        "fmt": "csv",
        "path": "no-such-file.txt",
        "url": "no-such-page/",
        "pk": registration.pk,
        "id": get_user_model().objects.order_by("pk").first().pk,
        "profile_id": _first(Profile.objects.filter(edition=edition)).pk,
        "request_id": 0,
        "meeting_id": 0,
        "slot_id": 0,
        "bulk_id": BulkMail.objects.create(
            edition=edition, subject_pl="Zaproszenie", body_pl="Dzień dobry, {name}."
        ).pk,
        ("registration.registration", "object_id"): registration.pk,
        # A real device (a made-up pk only reaches django-otp's unhandled DoesNotExist), of a
        # user outside the roles, whose own sign-in it would change.
        ("otp_totp.totpdevice", "pk"): TOTPDevice.objects.create(
            user=get_user_model().objects.create_user("matrix-device-owner"), name="matrix"
        ).pk,
        ("comms.message", "object_id"): (
            _first(Message.objects.filter(edition=edition))
            or Message.objects.create(
                edition=edition,
                registration=registration,
                kind="bulk",
                dedupe_key="matrix",
                to_email=registration.email,
                language="pl",
                state=MessageState.SENT,
            )
        ).pk,
        "run_id": (
            _first(SchedulerRun.objects.filter(edition=edition))
            or SchedulerRun.objects.create(edition=edition, state=SchedulerRunState.DONE)
        ).pk,
        "app_label": "registration",
        ("program", "slug"): session.slug,
        ("verify", "token"): tokens.verification_token(registration),
        ("speakers", "slug"): _first(Speaker.objects.filter(edition=edition)).slug,
    }


def _walk(patterns, prefix="", namespace=None, params=()):
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            text = "{lang}/"
            names = ()
        else:
            text = str(pattern)
            names = (
                tuple(pattern.converters)
                if isinstance(pattern, RoutePattern)
                else tuple(pattern.regex.groupindex)
                if isinstance(pattern, RegexPattern)
                else ()
            )
        if isinstance(entry, URLResolver):
            space = entry.namespace
            full_namespace = f"{namespace}:{space}" if namespace and space else space or namespace
            yield from _walk(entry.url_patterns, prefix + text, full_namespace, (*params, *names))
        else:
            assert isinstance(entry, URLPattern)
            yield prefix + text, namespace, entry, (*params, *names)


def all_routes():
    """Every URL pattern of the project: (route, namespace, pattern, parameter names)."""
    return list(_walk(get_resolver().url_patterns))


def _admin_model_page(route: str):
    """(model label, page) for the pages that ``ModelAdmin.get_urls`` makes, else None."""
    for model, model_admin in admin.site._registry.items():
        base = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        if route.startswith(base) and route[len(base) :] in ADMIN_PAGES:
            return model._meta.label_lower, ADMIN_PAGES[route[len(base) :]], model_admin
    return None


def _object_id(model_admin, edition) -> str | None:
    queryset = model_admin.model._default_manager.all()
    if isinstance(model_admin, EditionTeamAdminMixin):
        field = model_admin.team_edition_field
        queryset = queryset.filter(**{field: edition.pk})
    row = queryset.order_by("pk").first()
    return None if row is None else str(row.pk)


def _url(route, namespace, entry, names, values) -> str:
    kwargs = {}
    for name in names:
        section = route.split("/")[2] if route.startswith("{lang}/<slug") else ""
        if route.startswith("admin/") and name in ("object_id", "pk"):
            section = ".".join(route.split("/")[1:3])  # the model of a custom admin page
        kwargs[name] = values.get((section, name), values.get(name))
    if route == "api/^.*$":
        return "/api/no-such-endpoint/"
    if route == "admin/r/<path:content_type_id>/<path:object_id>/":
        return "/admin/r/0/0/"
    if route == "admin/(?P<url>.*)$":
        return "/admin/no-such-page/"
    if route == "^media/(?P<path>.*)$":
        return "/media/no-such-file.txt"
    name = f"{namespace}:{entry.name}" if namespace else entry.name
    return reverse(name, kwargs=kwargs)


def _client_for(users, role):
    client = Client()
    if role != ANON:
        client.force_login(users[role])
    return client


def _expected_and_url(route, namespace, entry, names, values, edition):
    found = _admin_model_page(route)
    if found:
        label, page, model_admin = found
        access = ADMIN_MODELS.get(label)
        if access is None:
            return None, None
        object_id = _object_id(model_admin, edition)
        kwargs = {"object_id": object_id or "999999"} if "object_id" in route else {}
        info = (model_admin.model._meta.app_label, model_admin.model._meta.model_name)
        url_name = {
            "changelist": "changelist",
            "add": "add",
            "history": "history",
            "delete": "delete",
            "change": "change",
            "redirect": None,
        }[page]
        if url_name:
            url = reverse(f"admin:{info[0]}_{info[1]}_{url_name}", kwargs=kwargs)
        else:
            url = reverse(f"admin:{info[0]}_{info[1]}_change", kwargs=kwargs).removesuffix(
                "change/"
            )
        return admin_model_answer(access, page, exists=object_id is not None), url
    expected = ROUTES.get(route)
    if expected is None:
        return None, None
    return expected, _url(route, namespace, entry, names, values)


@pytest.mark.django_db
def test_every_url_answers_every_role_as_the_matrix_says(world, settings):
    settings.RATELIMIT_ENABLE = False
    edition, _other, users = world
    values = _params(edition)
    clients = {role: _client_for(users, role) for role in ROLES}
    missing, mismatches, seen = [], [], 0
    with translation.override("pl"):
        routes = all_routes()
    for route, namespace, entry, names in routes:
        with translation.override("pl"):
            expected, url = _expected_and_url(route, namespace, entry, names, values, edition)
        if expected is None:
            missing.append(route)
            continue
        got = {}
        for role in ROLES:
            cache.clear()
            got[role] = clients[role].get(url).status_code
            seen += 1
        wrong = {role: (got[role], expected[role]) for role in ROLES if got[role] != expected[role]}
        if wrong:
            differences = ", ".join(f"{r} {g} (not {e})" for r, (g, e) in wrong.items())
            mismatches.append(f"{route} [{url}]: {differences}")
    report = []
    if missing:
        report.append(
            "Add the URL to the permission matrix (tests/test_permission_matrix.py):\n  "
            + "\n  ".join(missing)
        )
    if mismatches:
        report.append(
            f"{len(mismatches)} URLs answer otherwise ({seen} requests):\n  "
            + "\n  ".join(mismatches)
        )
    assert not report, "\n".join(report)


# --- writes: nothing changes for a role without the key ----------------------------------------


def _registration_change_data(users, url) -> list[tuple[str, str]]:
    """The change form as the organiser's browser would send it, with a new first name."""
    reader = read_form(_client_for(users, ORGANISER).get(url))
    data = [(name, value) for name, value in reader.data if name != "first_name"]
    return [*data, ("first_name", "Changed"), ("_save", "Save")]


def _encoded(data):
    from urllib.parse import urlencode

    return urlencode(data)


@pytest.mark.django_db
def test_registration_admin_change_only_with_the_write_key(world):
    edition, _other, users = world
    registration = _first(Registration.objects.filter(edition=edition))
    url = reverse("admin:registration_registration_change", args=[registration.pk])
    expected = {
        ANON: 302,
        PARTICIPANT: 403,
        STAFF: 403,
        CHECKIN: 403,
        PARTNER: 403,
        MATCHMAKING: 403,
        ORGANISER_B: 302,  # may change registrations of B; A's is not found
    }
    data = _registration_change_data(users, url)
    answers = {}
    for role in expected:
        client = _client_for(users, role)
        answers[role] = client.post(
            url, _encoded(data), content_type="application/x-www-form-urlencoded"
        ).status_code
        registration.refresh_from_db()
        assert registration.first_name != "Changed", role
    assert answers == expected
    organiser = _client_for(users, ORGANISER)
    response = organiser.post(url, _encoded(data), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.first_name == "Changed"


@pytest.mark.django_db
def test_registration_approve_action_only_in_ones_own_edition(world):
    edition, _other, users = world
    registration = _first(
        Registration.objects.filter(edition=edition, state=RegistrationState.CONFIRMED)
    )
    Registration.objects.filter(pk=registration.pk).update(state=RegistrationState.PENDING_APPROVAL)
    url = reverse("admin:registration_registration_changelist")
    data = {"action": "approve", "_selected_action": [registration.pk], "index": 0}
    for role in (STAFF, CHECKIN, PARTNER, MATCHMAKING, ORGANISER_B):
        client = _client_for(users, role)
        client.post(url, data)
        registration.refresh_from_db()
        assert registration.state == RegistrationState.PENDING_APPROVAL, role
    _client_for(users, ORGANISER).post(url, data)
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED


@pytest.mark.django_db
def test_checkin_sync_only_for_checkin_staff(world):
    edition, _other, users = world
    url = reverse("onsite:checkin_sync", args=[edition.slug])
    body = json.dumps({"device": "matrix-device", "scans": []})
    before = Scan.objects.count()
    answers = {}
    for role in ROLES:
        client = _client_for(users, role)
        answers[role] = client.post(url, body, content_type="application/json").status_code
    assert Scan.objects.count() == before
    denied = {role: status for role, status in answers.items() if status == 403}
    assert set(denied) == {ANON, PARTICIPANT, STAFF, MATCHMAKING, PARTNER, ORGANISER_B}
    assert all(answers[role] != 403 for role in (OWNER, ORGANISER, CHECKIN, SUPERUSER))
