"""What the organiser changes in a registration that the participant cannot: the e-mail address
(verified again), the category (a place of the new quota, taken under lock) and the sign-ups for
sessions and study visits (the seat rules of ``kongres.visits.services``).

Each change runs in one transaction, locks what it changes in the order every registration
transition uses (categories by id, then the registration, then sessions by id), writes one
activity-log entry ``registration.<thing>.changed`` with ``{"before": …, "after": …}`` in plain
JSON values (ids and labels), and queues the participant's e-mail. Bad input raises
``RegistrationError`` with a translated message and changes nothing. See
docs/backoffice-registrations.md.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kongres.common.activity import log_activity
from kongres.comms.services import message_queue
from kongres.program.models import Session
from kongres.registration.enums import HOLDING_STATES, RegistrationMessage, RegistrationState
from kongres.registration.exceptions import RegistrationError
from kongres.registration.models import Category, Registration
from kongres.registration.services.base import (
    _free_place,
    _lock,
    _message,
    _message_fields,
    email_key,
)
from kongres.registration.services.transitions import _promote_category
from kongres.visits import services as visit_services
from kongres.visits.enums import ACTIVE_STATES, SignupState
from kongres.visits.exceptions import VisitError
from kongres.visits.models import Signup


def _not_cancelled(registration: Registration) -> None:
    if registration.state == RegistrationState.CANCELLED:
        raise RegistrationError(_("A cancelled registration cannot be changed."))


# --- E-mail address ---------------------------------------------------------------------------


def registration_change_email(*, registration: Registration, email: str, actor) -> Registration:
    """Give the registration a new address, to be confirmed again.

    The address is marked unconfirmed and a verification e-mail goes to the new address (the
    link it carries confirms that address only); the previous address is told of the change,
    without any link. The state and the place stay: a confirmed registration stays confirmed
    (with an unconfirmed address); an unconfirmed one gets its full hold time again, so the
    place is not lost while the new address is confirmed. The personal link keeps working.
    """
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise RegistrationError(_("Enter a valid e-mail address."), field="email") from error
    key = email_key(email)
    now = timezone.now()
    with transaction.atomic():
        _category, registration = _lock(registration)
        _not_cancelled(registration)
        if key == registration.email_key:
            raise RegistrationError(
                _("This is already the address of this registration."), field="email"
            )
        taken = (
            Registration.objects.filter(edition_id=registration.edition_id, email_key=key)
            .exclude(state=RegistrationState.CANCELLED)
            .exclude(pk=registration.pk)
            .exists()
        )
        if taken:
            raise RegistrationError(
                _("Another registration already uses this address."), field="email"
            )
        before = {
            "email": registration.email,
            "email_verified": registration.email_verified_at is not None,
        }
        old = dict(_message_fields(registration, RegistrationMessage.EMAIL_CHANGED, "", {}))
        registration.email = email
        registration.email_key = key
        registration.email_verified_at = None
        if registration.state == RegistrationState.UNVERIFIED:
            registration.hold_expires_at = now + timedelta(hours=settings.REGISTRATION_HOLD_HOURS)
        try:
            with transaction.atomic():  # a registration made with this address meanwhile
                registration.save()
        except IntegrityError as error:
            raise RegistrationError(
                _("Another registration already uses this address."), field="email"
            ) from error
        entry = log_activity(
            obj=registration,
            action="registration.email.changed",
            actor=actor,
            data={"before": before, "after": {"email": email, "email_verified": False}},
        )
        _message(
            registration,
            RegistrationMessage.VERIFY_EMAIL,
            f"email-{entry.pk}",
            email_changed=True,
        )
        message_queue(**{**old, "dedupe_key": f"{old['kind']}:{registration.pk}:{entry.pk}"})
    return registration


# --- Category ---------------------------------------------------------------------------------


def _category_label(category: Category) -> dict:
    return {"id": category.pk, "slug": category.slug, "name": str(category.name)}


def _place_state(registration: Registration) -> dict:
    return {
        "category": _category_label(registration.category),
        "state": registration.state,
        "place": registration.place,
    }


def _lock_categories(registration: Registration, target: Category) -> dict[int, Category]:
    """Lock the registration's category and the target, in id order, then the registration."""
    ids = sorted({registration.category_id, target.pk})
    return {c.pk: c for c in Category.objects.select_for_update().filter(pk__in=ids)}


def registration_change_category(
    *, registration: Registration, category: Category, actor
) -> Registration:
    """Move a registration to another category of its edition.

    A registration holding a place (unconfirmed, awaiting approval, confirmed) needs a free
    place of the new category's quota, counted with the category locked; when there is none,
    nothing changes. Its state stays, except that one awaiting approval is confirmed when the
    new category needs no approval. A registration on a waiting list moves to the new
    category: it takes a free place there (confirmed, awaiting approval, or unconfirmed with a
    hold, as a promotion from the waiting list would), or waits there, in order of arrival.
    The place it leaves goes to the first person waiting in the old category. Opening dates and
    invitation codes of the new category do not apply: the organiser decides.
    """
    if category.edition_id != registration.edition_id:
        raise RegistrationError(_("This category belongs to another congress."), field="category")
    now = timezone.now()
    with transaction.atomic():
        locked = _lock_categories(registration, category)
        current = (
            Registration.objects.select_for_update()
            .select_related("edition", "category")
            .get(pk=registration.pk)
        )
        if current.category_id not in locked:
            # Moved by someone else between the read and the lock: the locks held are wrong.
            raise RegistrationError(_("The registration changed meanwhile. Please try again."))
        registration = current
        _not_cancelled(registration)
        if registration.category_id == category.pk:
            raise RegistrationError(
                _("The registration is already in this category."), field="category"
            )
        old_category = locked[registration.category_id]
        new_category = locked[category.pk]
        before = _place_state(registration)
        was_holding = registration.state in HOLDING_STATES
        place = _free_place(new_category)
        if was_holding and place == 0:
            raise RegistrationError(
                _("The category “%(category)s” is full: all %(quota)s places are taken.")
                % {"category": new_category.name, "quota": new_category.quota},
                field="category",
            )
        registration.category = new_category
        promoted = False
        if was_holding:
            registration.place = place
            if (
                registration.state == RegistrationState.PENDING_APPROVAL
                and not new_category.requires_approval
            ):
                registration.state = RegistrationState.CONFIRMED
                registration.confirmed_at = now
        elif place != 0:  # waiting, and the new category has room
            promoted = True
            registration.place = place
            if registration.email_verified_at is None:
                registration.state = RegistrationState.UNVERIFIED
                hours = settings.REGISTRATION_HOLD_HOURS
                registration.hold_expires_at = now + timedelta(hours=hours)
            elif new_category.requires_approval:
                registration.state = RegistrationState.PENDING_APPROVAL
            else:
                registration.state = RegistrationState.CONFIRMED
                registration.confirmed_at = now
        registration.save()
        entry = log_activity(
            obj=registration,
            action="registration.category.changed",
            actor=actor,
            data={"before": before, "after": _place_state(registration)},
        )
        if promoted:
            # Its sign-ups waiting for seats are eligible now.
            waiting = Signup.objects.filter(
                registration=registration, state=SignupState.WAITLISTED
            ).values_list("session_id", flat=True)
            visit_services.sessions_promote(session_ids=list(waiting))
        if was_holding:
            _promote_category(old_category, now)
        _message(
            registration,
            RegistrationMessage.CHANGED_BY_ORGANISER,
            f"category-{entry.pk}",
            changed="category",
        )
    return registration


# --- Sessions and study visits ------------------------------------------------------------------


def _signups_state(registration: Registration) -> list[dict]:
    signups = (
        Signup.objects.filter(registration=registration, state__in=ACTIVE_STATES)
        .select_related("session")
        .order_by("session__start", "session_id")
    )
    return [
        {
            "session": signup.session_id,
            "title": str(signup.session.title),
            "state": signup.state,
            "seat": signup.seat,
        }
        for signup in signups
    ]


def registration_change_signups(*, registration: Registration, session_ids, actor) -> Registration:
    """Make the registration's sign-ups match ``session_ids``, by the rules of registration.

    Sign-ups not chosen any more are cancelled (their seats go to the waiting lists); new ones
    get a free seat or a place on the waiting list (always the waiting list while the
    registration waits for a place of its category); two sessions with seats may not overlap.
    Visits whose host needs identity data ask the participant for it on the personal page (the
    e-mail says so). All in one transaction: one refused session changes nothing.
    """
    wanted = sorted({int(pk) for pk in session_ids})
    sessions = list(
        Session.objects.filter(edition_id=registration.edition_id, pk__in=wanted).order_by("pk")
    )
    if len(sessions) != len(wanted):
        raise RegistrationError(_("This session belongs to another congress."), field="sessions")
    with transaction.atomic():
        _category, registration = _lock(registration)
        _not_cancelled(registration)
        before = _signups_state(registration)
        kept = {row["session"] for row in before}
        try:
            visit_services.signups_check_new(
                edition_id=registration.edition_id,
                sessions=[s for s in sessions if s.pk not in kept],
            )
            visit_services.signups_change(
                registration=registration, session_ids=wanted, actor=actor
            )
        except VisitError as error:
            raise RegistrationError(error.message, field="sessions") from error
        after = _signups_state(registration)
        if [row["session"] for row in before] == [row["session"] for row in after]:
            return registration
        entry = log_activity(
            obj=registration,
            action="registration.sessions.changed",
            actor=actor,
            data={"before": {"signups": before}, "after": {"signups": after}},
        )
        _message(
            registration,
            RegistrationMessage.CHANGED_BY_ORGANISER,
            f"sessions-{entry.pk}",
            changed="sessions",
        )
    return registration
