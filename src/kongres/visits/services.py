"""Sign-ups for sessions with seats: study visits and panels with a capacity.

Every write follows the locking policy (docs/architecture.md): one transaction, the session row
locked (``select_for_update``; SQLite's IMMEDIATE transactions serialise writers), count, decide,
write, log. Seats are numbered and unique among seated sign-ups, so even a path that forgot the
lock could not give one seat to two people. After every change ``_promote`` restores the
invariant: while a seat is free, nobody eligible is left waiting.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kongres.common.activity import PARTICIPANT, SYSTEM, activity_entry, log_activity
from kongres.common.places import next_in_order
from kongres.comms.services import message_queue
from kongres.program.enums import SessionKind
from kongres.program.models import Session
from kongres.visits.enums import ACTIVE_STATES, SEATED_STATES, SeatMessage, SignupState
from kongres.visits.exceptions import VisitError
from kongres.visits.models import Signup


def _holding_states() -> tuple:
    """The registration states that hold a place of the quota (the registration model's).

    Reached through the sign-up's string foreign key: visits sits below registration.
    """
    return Signup._meta.get_field("registration").related_model.HOLDING_STATES


SIGNUP_KINDS = (
    SessionKind.PANEL,
    SessionKind.KEYNOTE,
    SessionKind.PLENARY,
    SessionKind.STUDY_VISIT,
    SessionKind.NETWORKING,
    SessionKind.OPENING,
)


def _locked_session(session_id: int) -> Session:
    return Session.objects.select_for_update().get(pk=session_id)


def _free_seat(session_id: int, capacity: int) -> int | None:
    taken = set(
        Signup.objects.filter(session_id=session_id, state__in=SEATED_STATES).values_list(
            "seat", flat=True
        )
    )
    for seat in range(1, capacity + 1):
        if seat not in taken:
            return seat
    return None


def _check_no_overlap(registration, session: Session) -> None:
    """Seats are scarce: nobody holds seats in two sessions at the same time."""
    clash = (
        Signup.objects.filter(
            registration=registration,
            state__in=ACTIVE_STATES,
            session__capacity__isnull=False,
            session__start__lt=session.end,
            session__end__gt=session.start,
        )
        .exclude(session=session)
        .select_related("session")
        .first()
    )
    if clash is not None:
        raise VisitError(
            _("“%(title)s” takes place at the same time. Choose one of them.")
            % {"title": clash.session.title}
        )


def signup_create(
    *, registration, session: Session, actor_label: str = PARTICIPANT, actor=None
) -> Signup:
    """Sign a registration up for a session: a seat if one is free, else the waiting list."""
    if session.edition_id != registration.edition_id:
        raise VisitError(_("This session belongs to another congress."))
    if session.kind not in SIGNUP_KINDS:
        raise VisitError(_("You cannot sign up for this part of the program."))
    with transaction.atomic():
        session = _locked_session(session.pk)
        existing = Signup.objects.filter(
            session=session, registration=registration, state__in=ACTIVE_STATES
        ).first()
        if existing is not None:
            return existing
        if session.capacity is not None:
            _check_no_overlap(registration, session)
        seat = None
        if session.capacity is None or (
            registration.holds_place
            and (seat := _free_seat(session.pk, session.capacity)) is not None
        ):
            state = SignupState.CONFIRMED
        else:
            state = SignupState.WAITLISTED
        signup = Signup.objects.create(
            edition_id=session.edition_id,
            session=session,
            registration=registration,
            state=state,
            seat=seat,
            confirmed_at=timezone.now() if state == SignupState.CONFIRMED else None,
        )
        log_activity(
            obj=signup,
            action=f"signup.{state}",
            actor=actor,
            actor_label=actor_label,
            data={"session": session.pk, "registration": registration.pk, "seat": seat},
        )
    return signup


def signups_check_new(*, edition_id: int, sessions) -> None:
    """Check a new registration's choice of sessions before anything is locked.

    Raises VisitError for a session of another edition or kind, or for two sessions with
    seats at the same time. ``sessions`` come in id order, the order they are signed up in.
    """
    limited = []
    for session in sessions:
        if session.edition_id != edition_id:
            raise VisitError(_("This session belongs to another congress."))
        if session.kind not in SIGNUP_KINDS:
            raise VisitError(_("You cannot sign up for this part of the program."))
        if session.capacity is None:
            continue
        for earlier in limited:
            if earlier.start < session.end and earlier.end > session.start:
                raise VisitError(
                    _("“%(title)s” takes place at the same time. Choose one of them.")
                    % {"title": earlier.title}
                )
        limited.append(session)


def seats_count_sql(session_ids, *, lock: bool) -> tuple[list[str], str, list]:
    """SQL for ``signups_build_new``'s ``counts``: the seats taken in each of the sessions.

    Returns (statements that lock the sessions' rows in id order, one SELECT of
    ``session id, capacity, seats taken, highest seat`` rows, its parameters). The caller runs
    the locks first, then the SELECT, in the transaction that writes the sign-ups.
    """
    ids = sorted(int(pk) for pk in session_ids)
    marks = ", ".join(["%s"] * len(ids))
    states = ", ".join(["%s"] * len(SEATED_STATES))
    session_table = Session._meta.db_table
    signup_table = Signup._meta.db_table
    locks = []
    if lock:
        # Integers only (ids), so the statement carries no parameters of its own.
        id_list = ", ".join(map(str, ids))
        lock_sql = f"SELECT id FROM {session_table} WHERE id IN ({id_list})"  # noqa: S608
        locks.append(lock_sql + " ORDER BY id FOR UPDATE")
    taken = f"FROM {signup_table} g WHERE g.session_id = s.id AND g.state IN ({states})"
    select = (
        f"SELECT s.id, s.capacity, (SELECT COUNT(g.seat) {taken}), "  # noqa: S608 (table names)
        f"(SELECT MAX(g.seat) {taken}) FROM {session_table} s WHERE s.id IN ({marks})"
    )
    return locks, select, [*SEATED_STATES, *SEATED_STATES, *ids]


def signups_build_new(*, registration, sessions, counts, now) -> list[Signup]:
    """Unsaved sign-ups of a registration created in this very transaction.

    ``sessions``: checked by ``signups_check_new``; ``counts``: the rows of
    ``seats_count_sql``'s SELECT, read with the sessions locked. A new registration holds
    nothing yet, so there is no earlier sign-up or overlap to look for: each session gives its
    lowest free seat, or a place on its waiting list (always, when the registration itself
    waits for a place in its category).
    """
    # The capacity as read under lock, not the session's (which may be a moment old).
    locked = {pk: (capacity, n, top) for pk, capacity, n, top in counts}
    holds = registration.holds_place
    signups = []
    for session in sessions:
        capacity, n, top = locked.get(session.pk, (session.capacity, 0, None))
        seat = None
        if capacity is not None and holds:
            seat = next_in_order(capacity, n, top)
            if seat is None:
                seat = _free_seat(session.pk, capacity)
            seat = seat or None
        seated = capacity is None or seat is not None
        signups.append(
            Signup(
                edition_id=session.edition_id,
                session=session,
                registration=registration,
                state=SignupState.CONFIRMED if seated else SignupState.WAITLISTED,
                seat=seat,
                confirmed_at=now if seated else None,
            )
        )
    return signups


def signup_entries(signups, *, registration, actor_label: str = PARTICIPANT) -> list:
    """The activity-log entries (unsaved) of new sign-ups, once they have their ids."""
    return [
        activity_entry(
            obj=signup,
            action=f"signup.{signup.state}",
            actor_label=actor_label,
            data={
                "session": signup.session_id,
                "registration": registration.pk,
                "seat": signup.seat,
            },
        )
        for signup in signups
    ]


def signup_cancel(*, signup: Signup, actor_label: str = PARTICIPANT, actor=None) -> Signup:
    with transaction.atomic():
        session = _locked_session(signup.session_id)
        signup = Signup.objects.select_for_update().get(pk=signup.pk)
        if signup.state == SignupState.CANCELLED:
            return signup
        signup.state = SignupState.CANCELLED
        signup.seat = None
        signup.offer_expires_at = None
        signup.cancelled_at = timezone.now()
        signup.save(
            update_fields=["state", "seat", "offer_expires_at", "cancelled_at", "updated_at"]
        )
        log_activity(obj=signup, action="signup.cancelled", actor=actor, actor_label=actor_label)
        _promote(session)
    return signup


def signup_accept_offer(*, signup: Signup) -> Signup:
    """Confirm a seat offered from the waiting list, while the offer is valid."""
    with transaction.atomic():
        session = _locked_session(signup.session_id)
        signup = Signup.objects.select_for_update().get(pk=signup.pk)
        if signup.state == SignupState.CONFIRMED:
            return signup
        if signup.state != SignupState.OFFERED:
            raise VisitError(_("This seat is no longer offered to you."))
        if signup.offer_expires_at <= timezone.now():
            _expire_offer(signup)
            _promote(session)
            raise VisitError(
                _("The time to confirm this seat has passed; it went to the next person waiting.")
            )
        signup.state = SignupState.CONFIRMED
        signup.offer_expires_at = None
        signup.confirmed_at = timezone.now()
        signup.save(update_fields=["state", "offer_expires_at", "confirmed_at", "updated_at"])
        log_activity(obj=signup, action="signup.offer_accepted", actor_label=PARTICIPANT)
    return signup


def _expire_offer(signup: Signup) -> None:
    signup.state = SignupState.CANCELLED
    signup.seat = None
    signup.offer_expires_at = None
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["state", "seat", "offer_expires_at", "cancelled_at", "updated_at"])
    log_activity(obj=signup, action="signup.offer_expired", actor_label=SYSTEM)
    registration = signup.registration
    message_queue(
        edition=registration.edition,
        kind=SeatMessage.SEAT_OFFER_EXPIRED,
        to_email=registration.email,
        language=registration.language,
        registration=registration,
        dedupe_key=f"offer-expired:{signup.pk}",
        context={"session": signup.session_id},
    )


def signups_expire_offers(*, now=None) -> int:
    """Pass on every seat whose offer was not confirmed in time. Returns how many expired."""
    now = now or timezone.now()
    session_ids = set(
        Signup.objects.filter(state=SignupState.OFFERED, offer_expires_at__lte=now).values_list(
            "session_id", flat=True
        )
    )
    expired = 0
    for session_id in sorted(session_ids):
        with transaction.atomic():
            session = _locked_session(session_id)
            for signup in (
                Signup.objects.select_for_update()
                .filter(session=session, state=SignupState.OFFERED, offer_expires_at__lte=now)
                .select_related("registration__edition")
            ):
                _expire_offer(signup)
                expired += 1
            _promote(session)
    return expired


def _promote(session: Session) -> list[Signup]:
    """Offer every free seat to the next eligible person waiting (caller holds the lock)."""
    if session.capacity is None:
        return []
    offered = []
    waiting = (
        Signup.objects.filter(
            session=session,
            state=SignupState.WAITLISTED,
            registration__state__in=_holding_states(),
        )
        .select_related("registration__edition")
        .order_by("created_at", "id")
    )
    for signup in waiting:
        seat = _free_seat(session.pk, session.capacity)
        if seat is None:
            break
        signup.state = SignupState.OFFERED
        signup.seat = seat
        signup.offer_expires_at = timezone.now() + timedelta(hours=settings.SEAT_OFFER_HOURS)
        signup.save(update_fields=["state", "seat", "offer_expires_at", "updated_at"])
        log_activity(obj=signup, action="signup.offered", actor_label=SYSTEM, data={"seat": seat})
        registration = signup.registration
        message_queue(
            edition=registration.edition,
            kind=SeatMessage.SEAT_OFFERED,
            to_email=registration.email,
            language=registration.language,
            registration=registration,
            dedupe_key=f"offer:{signup.pk}",
            context={"session": session.pk, "signup": signup.pk},
        )
        offered.append(signup)
    return offered


def sessions_promote(*, session_ids) -> None:
    """Re-check waiting lists of these sessions, e.g. after a registration got its place."""
    for session_id in sorted(set(session_ids)):
        with transaction.atomic():
            _promote(_locked_session(session_id))


def signups_cancel_all(*, registration, actor_label: str, actor=None) -> None:
    """Release every seat and waiting-list entry of a registration (it was cancelled)."""
    session_ids = sorted(
        Signup.objects.filter(registration=registration, state__in=ACTIVE_STATES).values_list(
            "session_id", flat=True
        )
    )
    for session_id in session_ids:
        signup = Signup.objects.filter(
            registration=registration, session_id=session_id, state__in=ACTIVE_STATES
        ).first()
        if signup is not None:
            signup_cancel(signup=signup, actor_label=actor_label, actor=actor)


def signups_change(
    *, registration, session_ids, actor_label: str = PARTICIPANT, actor=None
) -> None:
    """Make a registration's sign-ups match the chosen sessions: cancel the rest, add the new.

    ``actor``: the organiser who made the change (``actor_label`` otherwise).
    """
    wanted = set(session_ids)
    current = {
        signup.session_id: signup
        for signup in Signup.objects.filter(registration=registration, state__in=ACTIVE_STATES)
    }
    for session_id, signup in sorted(current.items()):
        if session_id not in wanted:
            signup_cancel(signup=signup, actor_label=actor_label, actor=actor)
    sessions = Session.objects.filter(edition=registration.edition, pk__in=wanted - set(current))
    for session in sorted(sessions, key=lambda s: s.pk):
        signup_create(
            registration=registration, session=session, actor_label=actor_label, actor=actor
        )


# --- Personal data (GDPR): called by registration's export and erasure -----------------------


def signups_personal_data(*, registration_id: int) -> list[dict]:
    """The participant's sign-ups to sessions and visits, with identity data if given."""
    from kongres.visits.models import IdData

    ids = {
        row.signup_id: row for row in IdData.objects.filter(signup__registration_id=registration_id)
    }
    rows = []
    signups = (
        Signup.objects.filter(registration_id=registration_id)
        .select_related("session")
        .order_by("created_at", "pk")
    )
    for signup in signups:
        row = {
            "session": str(signup.session.title),
            "state": signup.state,
            "created_at": signup.created_at.isoformat(),
        }
        if (data := ids.get(signup.pk)) is not None:
            row["identity_document"] = {
                "type": data.document_type,
                "number": data.document_number,
                "date_of_birth": data.date_of_birth.isoformat(),
                "citizenship": data.nationality,
            }
        rows.append(row)
    return rows


def signups_erase_personal(*, registration_id: int) -> int:
    """Delete identity data of the person's sign-ups; the sign-ups stay (seat counts)."""
    from kongres.visits.models import IdData

    deleted, _detail = IdData.objects.filter(signup__registration_id=registration_id).delete()
    return deleted
