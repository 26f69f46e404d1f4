"""Reads of registration: open categories, questions, sessions to choose, the personal page.

Each read makes a fixed number of queries, whatever the number of sign-ups or consents.
"""

import hmac
import time
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from i18nfield.strings import LazyI18nString

from kongres.events.models import Edition
from kongres.program.enums import SessionKind
from kongres.program.models import Session
from kongres.registration.enums import HOLDING_STATES, QuestionKind, RegistrationState
from kongres.registration.models import (
    Category,
    ConsentRecord,
    ConsentText,
    InvitationCode,
    Question,
    Registration,
)
from kongres.registration.services import consents_current, email_key
from kongres.visits.enums import ACTIVE_STATES, SignupState
from kongres.visits.models import Signup
from kongres.visits.selectors import sessions_with_seats
from kongres.visits.services import SIGNUP_KINDS


def _open_now(now: datetime) -> Q:
    return (Q(opens_at__isnull=True) | Q(opens_at__lte=now)) & (
        Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    )


def categories_public_open(*, edition: Edition, now: datetime | None = None) -> list[Category]:
    """Categories anyone may register in right now (no invitation needed), in display order."""
    now = now or timezone.now()
    return list(
        Category.objects.filter(edition=edition, requires_invitation=False).filter(_open_now(now))
    )


def invitation_categories_exist(*, edition: Edition) -> bool:
    """Whether the form should offer a field for an invitation code."""
    return InvitationCode.objects.filter(edition=edition).exists()


def category_by_invitation(*, edition: Edition, code: str) -> Category | None:
    """The category an invitation code opens (the service checks uses and validity)."""
    code = (code or "").strip()
    if not code:
        return None
    invitation = (
        InvitationCode.objects.filter(edition=edition, code__iexact=code)
        .select_related("category")
        .first()
    )
    return invitation.category if invitation else None


def questions_active(*, edition: Edition) -> list[Question]:
    return list(Question.objects.filter(edition=edition, is_active=True))


def registration_by_email(*, edition: Edition, email: str) -> Registration | None:
    """The active registration of an address in an edition, if any."""
    return (
        Registration.objects.filter(edition=edition, email_key=email_key(email))
        .exclude(state=RegistrationState.CANCELLED)
        .select_related("edition", "category")
        .first()
    )


def registration_by_feed(*, edition: Edition, feed: str) -> Registration | None:
    """The registration whose agenda feed token is ``<pk>-<feed secret>``, or None."""
    pk, _dash, secret = (feed or "").partition("-")
    if not pk.isascii() or not pk.isdigit() or not secret:
        return None
    registration = (
        Registration.objects.filter(edition=edition, pk=int(pk))
        .exclude(state=RegistrationState.CANCELLED)
        .select_related("edition", "category")
        .first()
    )
    if registration is None or not hmac.compare_digest(
        registration.feed_secret.encode(), secret.encode()
    ):
        return None
    return registration


def sessions_to_choose(*, edition: Edition) -> tuple[list[Session], list[Session]]:
    """(panels, study visits) one can sign up for, annotated with seats taken and waiting.

    Panels are the panel discussions plus any other session with a limited number of seats
    (a workshop, a limited keynote); study visits are offered as "none or one".
    """
    panels, visits = [], []
    for session in sessions_with_seats(edition=edition, kinds=list(SIGNUP_KINDS)):
        if session.kind == SessionKind.STUDY_VISIT:
            visits.append(session)
        elif session.kind == SessionKind.PANEL or session.capacity is not None:
            panels.append(session)
    return panels, visits


@dataclass(frozen=True)
class RegistrationFormChoices:
    """Everything the public registration form offers, read in one go."""

    categories: list[Category]
    consents: list[ConsentText]
    questions: list[Question]
    invitation: bool
    panels: list[Session]
    visits: list[Session]


# edition id -> (valid until, content version, choices); one entry per edition and process.
_form_choices: dict[int, tuple[float, int, RegistrationFormChoices]] = {}


def registration_form_choices(*, edition: Edition) -> RegistrationFormChoices:
    """The form's choices, built at most once every few seconds per process.

    Every visitor of a busy registration day would otherwise recount the seats of every
    visit. The entry is dropped as soon as the edition's content version moves (any edit of
    categories, consents, questions or sessions), and after
    ``REGISTRATION_FORM_CACHE_SECONDS`` because categories open and close with time and seats
    fill. Seats shown may thus be a few seconds old; the registration service decides under
    lock. The objects are shared between requests and must not be modified.
    """
    ttl = settings.REGISTRATION_FORM_CACHE_SECONDS
    now = time.monotonic()
    cached = _form_choices.get(edition.pk)
    if ttl and cached and cached[0] > now and cached[1] == edition.content_version:
        return cached[2]
    panels, visits = sessions_to_choose(edition=edition)
    choices = RegistrationFormChoices(
        categories=categories_public_open(edition=edition),
        consents=consents_current(edition=edition),
        questions=questions_active(edition=edition),
        invitation=invitation_categories_exist(edition=edition),
        panels=panels,
        visits=visits,
    )
    if ttl:
        _form_choices[edition.pk] = (now + ttl, edition.content_version, choices)
    return choices


def forget_form_choices() -> None:
    """Drop this process's cached form choices (tests reuse ids and content versions)."""
    _form_choices.clear()


@dataclass
class ConsentState:
    text: ConsentText  # the current version of this consent
    record: ConsentRecord | None  # the participant's active (not withdrawn) record, if any
    withdrawn_at: datetime | None = None

    @property
    def given(self) -> bool:
        return self.record is not None

    @property
    def outdated(self) -> bool:
        """Given for an older version of the text than the current one."""
        return self.record is not None and self.record.consent_id != self.text.pk


@dataclass
class Answer:
    question: Question
    value: object  # display value: text, or a list of option labels


@dataclass
class PersonalPage:
    registration: Registration
    signups: list[Signup] = field(default_factory=list)
    consents: list[ConsentState] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)

    @property
    def can_download_ticket(self) -> bool:
        return self.registration.state == RegistrationState.CONFIRMED

    @property
    def is_cancelled(self) -> bool:
        return self.registration.state == RegistrationState.CANCELLED


def _option_label(question: Question, value) -> str:
    for option in question.options or []:
        if isinstance(option, dict) and str(option.get("value")) == str(value):
            label = option.get("label")
            if isinstance(label, dict):
                return str(LazyI18nString(label))
            return str(label if label is not None else value)
    return str(value)


def answers_display(*, questions: list[Question], answers: dict) -> list[Answer]:
    """The participant's answers to the given questions, with option labels, in order."""
    shown = []
    for question in questions:
        value = (answers or {}).get(str(question.pk))
        if value in (None, "", []):
            continue
        if question.kind == QuestionKind.CHOICE:
            value = _option_label(question, value)
        elif question.kind == QuestionKind.MULTIPLE_CHOICE:
            value = [_option_label(question, item) for item in value]
        shown.append(Answer(question=question, value=value))
    return shown


def _waiting_positions(signups: list[Signup]) -> dict[int, int]:
    """Position on the waiting list of each waiting sign-up (1 = next), in one query."""
    waiting = [s for s in signups if s.state == SignupState.WAITLISTED]
    if not waiting:
        return {}
    queue = (
        Signup.objects.filter(
            session_id__in={s.session_id for s in waiting},
            state=SignupState.WAITLISTED,
            registration__state__in=HOLDING_STATES,
        )
        .order_by("session_id", "created_at", "id")
        .values_list("session_id", "id")
    )
    positions, counter = {}, {}
    for session_id, signup_id in queue:
        counter[session_id] = counter.get(session_id, 0) + 1
        positions[signup_id] = counter[session_id]
    return positions


def registration_signups(*, registration: Registration) -> list[Signup]:
    """Active sign-ups with their sessions, visits and whether ID data was given."""
    signups = list(
        Signup.objects.filter(registration=registration, state__in=ACTIVE_STATES)
        .select_related("session__room", "session__study_visit", "id_data")
        .order_by("session__start", "id")
    )
    positions = _waiting_positions(signups)
    for signup in signups:
        signup.waiting_position = positions.get(signup.pk)
        visit = getattr(signup.session, "study_visit", None)
        signup.needs_id_data = bool(visit and visit.requires_id_data)
        signup.has_id_data = hasattr(signup, "id_data")
    return signups


def registration_consents(*, registration: Registration) -> list[ConsentState]:
    """Each current consent of the edition with what the participant gave or withdrew."""
    records = list(
        ConsentRecord.objects.filter(registration=registration)
        .select_related("consent")
        .order_by("accepted_at", "id")
    )
    states = []
    for text in consents_current(edition=registration.edition):
        of_kind = [r for r in records if r.consent.kind == text.kind]
        active = [r for r in of_kind if r.withdrawn_at is None]
        withdrawn = [r.withdrawn_at for r in of_kind if r.withdrawn_at is not None]
        states.append(
            ConsentState(
                text=text,
                record=active[-1] if active else None,
                withdrawn_at=max(withdrawn) if withdrawn and not active else None,
            )
        )
    return states


def registration_personal(*, registration: Registration) -> PersonalPage:
    """Everything the personal page shows, in a fixed number of queries."""
    return PersonalPage(
        registration=registration,
        signups=registration_signups(registration=registration),
        consents=registration_consents(registration=registration),
        answers=answers_display(
            questions=questions_active(edition=registration.edition),
            answers=registration.answers,
        ),
    )


def signup_of(*, registration: Registration, signup_id: int) -> Signup | None:
    """One active sign-up of this registration (never another person's)."""
    return (
        Signup.objects.filter(pk=signup_id, registration=registration, state__in=ACTIVE_STATES)
        .select_related("session__study_visit", "id_data")
        .first()
    )
