"""A new registration: checks before the lock, then the critical section that takes a place of
the quota (see docs/architecture.md: two round trips on PostgreSQL, one by one on SQLite).
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kongres.common.activity import (
    PARTICIPANT,
    activity_entry,
    log_activity,
)
from kongres.common.db import rows
from kongres.common.places import next_in_order
from kongres.comms.models import Message
from kongres.comms.services import message_unsaved
from kongres.comms.tasks import send_message, send_message_row
from kongres.events.models import Edition
from kongres.program.models import Session
from kongres.registration.enums import (
    HOLDING_STATES,
    RegistrationMessage,
    RegistrationState,
)
from kongres.registration.exceptions import RegistrationError
from kongres.registration.models import (
    Category,
    ConsentRecord,
    ConsentText,
    InvitationCode,
    Registration,
    RegistrationGroup,
)
from kongres.registration.services.base import (
    EDITABLE_FIELDS,
    RegistrationInput,
    _free_place_listed,
    _message_fields,
    consents_current,
    email_key,
)
from kongres.registration.services.self_service import registration_send_link
from kongres.visits import services as visit_services
from kongres.visits.exceptions import VisitError
from kongres.visits.models import Signup


def _check_category_open(category: Category, now) -> None:
    if category.opens_at and now < category.opens_at:
        raise RegistrationError(_("Registration in this category has not opened yet."))
    if category.closes_at and now >= category.closes_at:
        raise RegistrationError(_("Registration in this category is closed."))


def _use_invitation(edition: Edition, category: Category, code: str, now) -> InvitationCode:
    invitation = (
        InvitationCode.objects.select_for_update()
        .filter(edition=edition, code__iexact=code.strip())
        .first()
    )
    if invitation is None or invitation.category_id != category.pk:
        raise RegistrationError(_("This invitation code is not valid."), field="invitation_code")
    if invitation.valid_until and now >= invitation.valid_until:
        raise RegistrationError(_("This invitation code has expired."), field="invitation_code")
    if invitation.uses >= invitation.max_uses:
        raise RegistrationError(
            _("This invitation code has already been used."), field="invitation_code"
        )
    invitation.uses += 1
    invitation.save(update_fields=["uses", "updated_at"])
    return invitation


def _accepted_consents(current: list[ConsentText], consent_ids) -> list[int]:
    """The ids of the current consents accepted; every required one must be among them."""
    accepted = {c.pk for c in current if c.pk in set(consent_ids)}
    missing = [c for c in current if c.required and c.pk not in accepted]
    if missing:
        raise RegistrationError(
            _("Please accept: %(consent)s.") % {"consent": missing[0].get_kind_display()},
            field="consents",
        )
    return sorted(accepted)


def _record_consents(registration: Registration, accepted: list[int], now) -> None:
    ConsentRecord.objects.bulk_create(
        ConsentRecord(registration=registration, consent_id=pk, accepted_at=now) for pk in accepted
    )


def registration_create(
    *,
    edition: Edition,
    category: Category,
    data: RegistrationInput,
    invitation_code: str = "",
    group: RegistrationGroup | None = None,
    actor_label: str = PARTICIPANT,
) -> tuple[Registration, bool]:
    """Register one person. Returns (registration, created).

    Registering again with the same e-mail for the same edition creates nothing: the existing
    registration's personal link is sent again instead.
    """
    key = email_key(data.email)
    try:
        # Almost every address is new: no query looks for it first. A registered one is
        # stopped by the unique constraint on (edition, address), or, when the form or the
        # category would refuse the new registration, found below all the same.
        return _registration_create(
            edition, category, data, key, invitation_code, group, actor_label
        )
    except (IntegrityError, RegistrationError, VisitError):
        existing = _active_registration(edition, key)
        if existing is None:
            raise
    with transaction.atomic():
        registration_send_link(registration=existing)
    return existing, False


def _active_registration(edition: Edition, key: str) -> Registration | None:
    active = Registration.objects.filter(edition=edition, email_key=key).exclude(
        state=RegistrationState.CANCELLED
    )
    # Almost every call finds nobody: ask for the id alone, load the rest only when found.
    pk = active.values_list("pk", flat=True).first()
    return None if pk is None else active.select_related("edition").get(pk=pk)


def _registration_create(edition, category, data, key, invitation_code, group, actor_label):
    now = timezone.now()
    # Everything that needs no lock is read and checked before the transaction: on SQLite the
    # transaction holds the database's write lock from its first statement, and on PostgreSQL
    # the category's row lock, so the time spent inside it limits registrations per second.
    shown = data.consents_shown
    accepted = _accepted_consents(
        consents_current(edition=edition) if shown is None else shown, data.consent_ids
    )
    sessions = _sessions_chosen(edition, data)
    visit_services.signups_check_new(edition_id=edition.pk, sessions=sessions)
    return _registration_write(
        edition, category, data, key, invitation_code, group, actor_label, accepted, sessions, now
    )


def _sessions_chosen(edition: Edition, data: RegistrationInput) -> list[Session]:
    """The sessions of ``data.session_ids``, in id order (the order they are signed up in)."""
    wanted = set(data.session_ids)
    if data.sessions_shown is None:
        return list(Session.objects.filter(edition=edition, pk__in=wanted).order_by("pk"))
    return sorted((s for s in data.sessions_shown if s.pk in wanted), key=lambda s: s.pk)


# Opening of a category compared in SQL: 1 not open yet, 2 closed, 0 open.
_CATEGORY_OPEN_SQL = (
    "CASE WHEN c.opens_at IS NOT NULL AND c.opens_at > %s THEN 1"
    " WHEN c.closes_at IS NOT NULL AND c.closes_at <= %s THEN 2 ELSE 0 END"
)


def _quota_sql(category_id: int, edition_id: int, now, *, lock: bool):
    """Lock statements and one SELECT of the category's quota, opening and places taken."""
    table = Category._meta.db_table
    registrations = Registration._meta.db_table
    states = ", ".join(["%s"] * len(HOLDING_STATES))
    held = f"FROM {registrations} r WHERE r.category_id = c.id AND r.state IN ({states})"
    select = (
        f"SELECT c.quota, c.requires_invitation, {_CATEGORY_OPEN_SQL}, "  # noqa: S608 (table names)
        f"(SELECT COUNT(r.place) {held}), (SELECT MAX(r.place) {held}) "
        f"FROM {table} c WHERE c.id = %s AND c.edition_id = %s"
    )
    when = connection.ops.adapt_datetimefield_value(now)
    params = [when, when, *HOLDING_STATES, *HOLDING_STATES, category_id, edition_id]
    # An integer id, so the statement carries no parameters of its own.
    lock_sql = f"SELECT id FROM {table} WHERE id = {int(category_id)}"  # noqa: S608
    locks = [lock_sql + " FOR UPDATE"] if lock else []
    return locks, select, params


def _lock_and_count_statements(category_id, edition_id, limited_ids, now):
    """Statements that lock the category, then the sessions with seats in id order, and count
    what they hold; and where in their results the counts are.

    Their results: the category's row of ``_quota_sql``, the sessions' rows of
    ``seats_count_sql``. On PostgreSQL the statements go in one round trip: the statements of
    one query string run in order, each with a fresh snapshot, so the counts see every
    transaction that committed before the locks were granted. On SQLite the transaction
    already holds the database's write lock and there is nothing to lock.
    """
    lock = connection.features.has_select_for_update
    locks, quota_select, params = _quota_sql(category_id, edition_id, now, lock=lock)
    selects = [(quota_select, params)]
    if limited_ids:
        session_locks, seats_select, seat_params = visit_services.seats_count_sql(
            limited_ids, lock=lock
        )
        locks += session_locks
        selects.append((seats_select, seat_params))
    return [*((sql, []) for sql in locks), *selects], len(locks)


def _counts(results, first: int, limited_ids):
    quota_rows = results[first]
    if not quota_rows:
        raise Category.DoesNotExist
    return quota_rows[0], (results[first + 1] if limited_ids else [])


def _verify_message(registration: Registration) -> Message:
    """The first e-mail of a new registration, unsaved (its writer writes it with the rest)."""
    return message_unsaved(
        **_message_fields(registration, RegistrationMessage.VERIFY_EMAIL, "1", {})
    )


def _take_place(registration, quota_row, edition, category, invitation_code, now) -> None:
    """Check the category is open (and the invitation), then give the registration its place
    in the quota, or its place on the waiting list. Run with the category locked."""
    quota, requires_invitation, opening, held, top = quota_row
    if opening == 1:
        raise RegistrationError(_("Registration in this category has not opened yet."))
    if opening == 2:
        raise RegistrationError(_("Registration in this category is closed."))
    if requires_invitation or invitation_code:
        if not invitation_code:
            raise RegistrationError(
                _("This category needs an invitation code."), field="invitation_code"
            )
        registration.invitation_code = _use_invitation(edition, category, invitation_code, now)
    place = None
    if quota is not None:
        place = next_in_order(quota, held, top)
        if place is None:
            place = _free_place_listed(category.pk, quota)
    full = place == 0
    registration.state = RegistrationState.WAITLISTED if full else RegistrationState.UNVERIFIED
    registration.place = None if full else place
    if not full:
        registration.hold_expires_at = now + timedelta(hours=settings.REGISTRATION_HOLD_HOURS)


def _creation_entry(registration, category, group, actor_label):
    return activity_entry(
        obj=registration,
        action=f"registration.created.{registration.state}",
        actor_label=actor_label,
        data={"category": category.slug, "group": group.pk if group else None},
    )


def _signups_and_log(
    registration, sessions, seat_rows, give_ids, category, group, actor_label, now
):
    """The new registration's sign-ups (given their ids by ``give_ids``) and its log entries."""
    signups = visit_services.signups_build_new(
        registration=registration, sessions=sessions, counts=seat_rows, now=now
    )
    give_ids(signups)
    entries = visit_services.signup_entries(
        signups, registration=registration, actor_label=actor_label
    )
    entries.append(_creation_entry(registration, category, group, actor_label))
    return signups, entries


def _registration_write(
    edition, category, data, key, invitation_code, group, actor_label, accepted, sessions, now
):
    """The critical section of a registration: lock the quota, take a place, write it all.

    Writers of a category queue here (for its row lock on PostgreSQL, for the write lock on
    SQLite), so the time spent inside limits registrations per second. The rows are written
    by ``kongres.common.db.rows`` with few statements (on SQLite, where a statement costs no
    round trip, one after another).

    On PostgreSQL the ids are taken from the sequences beforehand, so every row that does not
    depend on the place taken is built before the lock. Then one round trip begins the
    transaction, takes the locks and counts; a second one writes all the rows, commits and
    waits for the disk. The locks are held for those two round trips (the disk flush excepted)
    and the few statements built in between.
    """
    registration = Registration(
        edition=edition,
        category=category,
        group=group,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip(),
        email_key=key,
        language=data.language,
    )
    for name, value in data.details.items():
        if name in EDITABLE_FIELDS:
            setattr(registration, name, value)
    consents = [
        ConsentRecord(registration=registration, consent_id=pk, accepted_at=now) for pk in accepted
    ]
    limited_ids = [s.pk for s in sessions if s.capacity is not None]
    locks_and_counts, first = _lock_and_count_statements(category.pk, edition.pk, limited_ids, now)
    if not rows.statements_at_once():
        return _registration_write_stepwise(
            registration, consents, locks_and_counts, first, edition, category, group,
            invitation_code, actor_label, sessions, limited_ids, now,
        )  # fmt: skip

    reserved = rows.reserve_ids({Registration: 1, Signup: len(sessions), Message: 1})
    registration.pk = reserved[Registration][0]
    message = _verify_message(registration)
    message.pk = reserved[Message][0]
    message_task = send_message_row(message.pk)
    # Made final SQL text now, outside the lock: client-side binding of the long INSERTs
    # (parsing the text for placeholders, quoting every value) need not happen inside it.
    early = [
        rows.literal_sql(*rows.insert_statement(objs))
        for objs in (consents, [message], [message_task] if message_task else [])
        if objs
    ]

    def written_after(quota_row, seat_rows):
        """Decide (lock held) and return the statements that write everything."""
        _take_place(registration, quota_row, edition, category, invitation_code, now)

        def reserved_ids(signups):
            for signup, pk in zip(signups, reserved[Signup], strict=True):
                signup.pk = pk

        signups, entries = _signups_and_log(
            registration, sessions, seat_rows, reserved_ids, category, group, actor_label, now
        )
        written = [[registration], signups, entries]
        return [rows.literal_sql(*rows.insert_statement(objs)) for objs in written if objs] + early

    if connection.in_atomic_block or invitation_code:
        # Inside the caller's transaction (e.g. a group registration), or with an invitation
        # code, which the ORM locks and counts: Django's transaction.
        with transaction.atomic(), connection.cursor() as cursor:
            results = rows.execute_all(cursor, locks_and_counts)
            statements = written_after(*_counts(results, first, limited_ids))
            cursor.execute("; ".join(statements))
    else:
        begin = [("BEGIN", []), (rows.COMMIT_WITHOUT_WAITING, [])]
        end = ["COMMIT", rows.WAIT_FOR_DISK]
        with connection.cursor() as cursor:
            results = rows.execute_all(cursor, [*begin, *locks_and_counts])
            try:
                statements = written_after(*_counts(results[len(begin) :], first, limited_ids))
                # The locks go at COMMIT; the answer still waits for the disk (WAIT_FOR_DISK).
                cursor.execute("; ".join([*statements, *end]))
            except BaseException:
                # Whatever failed (a duplicate address, a closed category, an interrupted
                # request), nothing is kept and the locks are released.
                rows.rollback_quietly(cursor)
                raise
    if message_task is None:
        send_message.enqueue(message.pk)
    registration._state.adding = False
    return registration, True


def _registration_write_stepwise(
    registration, consents, locks_and_counts, first, edition, category, group,
    invitation_code, actor_label, sessions, limited_ids, now,
):  # fmt: skip
    """``_registration_write`` one statement after another, ids taken from the INSERTs."""
    with transaction.atomic(), connection.cursor() as cursor:
        results = rows.execute_all(cursor, locks_and_counts)
        quota_row, seat_rows = _counts(results, first, limited_ids)
        _take_place(registration, quota_row, edition, category, invitation_code, now)
        rows.insert(cursor, [registration])
        rows.insert(cursor, consents)
        _signups, entries = _signups_and_log(
            registration, sessions, seat_rows, lambda signups: rows.insert(cursor, signups),
            category, group, actor_label, now,
        )  # fmt: skip
        rows.insert(cursor, entries)
        message = _verify_message(registration)
        rows.insert(cursor, [message])
        message_task = send_message_row(message.pk)
        if message_task is None:
            send_message.enqueue(message.pk)
        else:
            rows.insert(cursor, [message_task])
    registration._state.adding = False
    return registration, True


def group_register(
    *,
    edition: Edition,
    category: Category,
    coordinator_name: str,
    coordinator_email: str,
    organisation: str,
    members: list[RegistrationInput],
) -> tuple[RegistrationGroup, list[tuple[Registration, bool]]]:
    """A coordinator registers colleagues; each gets their own e-mail and personal link."""
    if not members:
        raise RegistrationError(_("Add at least one person."))
    keys = [email_key(member.email) for member in members]
    if len(set(keys)) != len(keys):
        raise RegistrationError(_("Each person needs their own e-mail address."))
    with transaction.atomic():
        group = RegistrationGroup.objects.create(
            edition=edition,
            coordinator_name=coordinator_name.strip(),
            coordinator_email=coordinator_email.strip(),
            organisation=organisation.strip(),
        )
        results = [
            registration_create(edition=edition, category=category, data=member, group=group)
            for member in members
        ]
        log_activity(
            obj=group,
            action="group.registered",
            actor_label=PARTICIPANT,
            data={"members": len(members)},
        )
    return group, results
