"""Writes of the on-site app: scans from check-in devices, online one by one or synced in batches.

One function, ``scans_record``, takes a device's batch (an online scan is a batch of one) and
follows the locking policy (docs/architecture.md):

1. one transaction;
2. lock the scanned registrations in id order (two devices scanning the same people wait for
   each other, never in opposite order; on SQLite the IMMEDIATE transaction already holds the
   write lock). The device row is not locked: a device's scans are not scarce, and two syncs
   of the same batch at once are kept apart by the unique (device, scan id) constraint, the
   loser retrying once and finding its scans stored;
3. read what is recorded: the device's scans already stored (a replayed batch is answered from
   them and adds nothing) and the check-ins of these people at these points;
4. decide every new scan in the order of its (corrected) time: the first accepted scan of a
   person at a point is the check-in, every later one is recorded as repeated; a scan that
   arrives later but was made earlier takes the check-in over (first scan wins by device
   time), the scan it replaces becomes repeated; write the scans and check-ins and log the sync;
5. the unique constraints (device, device scan id) and (point, registration) back both rules.
"""

import contextlib
import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from kongres.common.activity import activity_entry, log_activities
from kongres.onsite import codes
from kongres.onsite.enums import PointKind, ScanOutcome, ScanReason
from kongres.onsite.exceptions import OnsiteError
from kongres.onsite.models import CheckIn, CheckInPoint, Device, Scan
from kongres.program.models import LOCAL_TZ, Day
from kongres.registration import tokens
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Registration
from kongres.visits.enums import SignupState
from kongres.visits.models import Signup

logger = logging.getLogger(__name__)

MAX_BATCH = 2000
# A device clock further off than this is flagged and its times are moved by the offset.
CLOCK_TOLERANCE = timedelta(minutes=5)
# Scans older than this (by the corrected time) are not accepted: a stale or wrong batch.
MAX_SCAN_AGE = timedelta(days=14)
DEVICE_SEEN_EVERY = timedelta(seconds=30)
# What a scan needs of a registration (a wide row): the decision and the answer's person.
_PERSON_FIELDS = (
    "id",
    "edition_id",
    "state",
    "link_secret",
    "first_name",
    "last_name",
    "organisation",
    "category__name",
)

COLOURS = {
    ScanOutcome.ACCEPTED: "green",
    ScanOutcome.REPEATED: "amber",
    ScanOutcome.REFUSED: "red",
}


@dataclass
class _Item:
    index: int
    device_scan_id: str
    point_id: int
    device_scanned_at: datetime
    scanned_at: datetime
    code: str = ""
    ref: str = ""
    registration_id: int | None = None
    secret: str = ""
    reason: str = ""
    result: dict = field(default_factory=dict)


def _parse_time(value, name: str) -> datetime:
    """Epoch milliseconds or an ISO 8601 string with an offset, as UTC."""
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return datetime.fromtimestamp(value / 1000, tz=UTC)
        if isinstance(value, str):
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is not None:
                return parsed.astimezone(UTC)
    except (ValueError, OverflowError, OSError):
        pass
    raise OnsiteError(_("The time “%(name)s” is not valid.") % {"name": name})


def _parse_batch(edition, data) -> tuple[uuid.UUID, datetime, list[dict]]:
    if not isinstance(data, dict):
        raise OnsiteError(_("The data sent is not a check-in batch."))
    try:
        device_key = uuid.UUID(str(data.get("device")))
    except ValueError:
        raise OnsiteError(_("The device is not identified.")) from None
    device_now = _parse_time(data.get("now"), "now")
    scans = data.get("scans")
    if not isinstance(scans, list):
        raise OnsiteError(_("The data sent is not a check-in batch."))
    if len(scans) > MAX_BATCH:
        raise OnsiteError(
            _("Too many scans in one batch (at most %(count)d).") % {"count": MAX_BATCH}
        )
    return device_key, device_now, scans


@dataclass
class SyncResult:
    results: list[dict]
    clock_offset_seconds: int
    clock_flagged: bool
    warning: str = ""
    counts: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "results": self.results,
            "clock_offset_seconds": self.clock_offset_seconds,
            "clock_flagged": self.clock_flagged,
            "warning": self.warning,
            "counts": self.counts,
        }


def scans_record(*, edition, user, data, offline: bool = True, now=None) -> SyncResult:
    """Record a device's batch of scans; answer each with green, amber or red and a reason.

    Raises ``OnsiteError`` (and changes nothing) when the batch itself is malformed: no device
    key, a scan without an id, a time or a point, a point of another edition.
    """
    now = now or timezone.now()
    device_key, device_now, raw_scans = _parse_batch(edition, data)
    offset = device_now - now
    flagged = abs(offset) > CLOCK_TOLERANCE
    correction = offset if flagged else timedelta(0)

    wanted = set()
    for raw in raw_scans:
        with contextlib.suppress(AttributeError, TypeError, ValueError):
            wanted.add(int(raw.get("point")))
    with scopes_disabled():
        points = {
            point.pk: point
            for point in CheckInPoint.objects.filter(edition=edition, is_active=True, pk__in=wanted)
            .order_by()
            .prefetch_related(Prefetch("days", queryset=Day.objects.order_by()))
        }
    items = []
    seen_ids = set()
    for index, raw in enumerate(raw_scans):
        if not isinstance(raw, dict):
            raise OnsiteError(_("Scan %(number)d is not valid.") % {"number": index + 1})
        scan_id = str(raw.get("id") or "").strip()
        if not scan_id or len(scan_id) > 64:
            raise OnsiteError(_("Scan %(number)d has no id.") % {"number": index + 1})
        try:
            point_id = int(raw.get("point"))
        except (TypeError, ValueError):
            point_id = None
        if point_id not in points:
            raise OnsiteError(
                _("Scan %(number)d names an unknown check-in point.") % {"number": index + 1}
            )
        device_time = min(_parse_time(raw.get("at"), "at"), device_now)
        code = raw.get("code") or ""
        ref = raw.get("ref") or ""
        if not isinstance(code, str) or not isinstance(ref, str) or len(code) > 500:
            raise OnsiteError(_("Scan %(number)d is not valid.") % {"number": index + 1})
        if scan_id in seen_ids:
            continue  # the same scan twice in one batch: once is enough
        seen_ids.add(scan_id)
        items.append(
            _Item(
                index=index,
                device_scan_id=scan_id,
                point_id=point_id,
                device_scanned_at=device_time,
                scanned_at=device_time - correction,
                code=code.strip(),
                ref=ref,
            )
        )

    # What the codes say, checked without the database: a valid signature, or a valid ref.
    for item in items:
        if item.ref and not item.code:
            item.registration_id = codes.person_ref_read(item.ref, edition_id=edition.pk)
            if item.registration_id is None:
                item.reason = ScanReason.FORGED
            continue
        try:
            item.registration_id, item.secret = tokens.ticket_token_read(item.code)
        except tokens.InvalidTokenError:
            # Three parts separated by colons look like one of our tokens, altered.
            looks_signed = item.code.count(":") == 2 and len(item.code) > 20
            item.reason = ScanReason.FORGED if looks_signed else ScanReason.UNKNOWN_TICKET

    for attempt in range(2):
        try:
            return _record(
                edition=edition,
                user=user,
                device_key=device_key,
                items=items,
                points=points,
                offset=offset,
                flagged=flagged,
                offline=offline,
                now=now,
            )
        except IntegrityError:
            # The same scans stored meanwhile by a parallel sync of the same device (or a path
            # that forgot a lock): the constraint kept the data right; again, they are found.
            if attempt:
                raise
            logger.warning("onsite.sync.integrity_retry", extra={"device": str(device_key)})
    raise AssertionError("unreachable")


def _record(*, edition, user, device_key, items, points, offset, flagged, offline, now):
    ids = sorted({item.registration_id for item in items if item.registration_id})
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    with transaction.atomic(), scopes_disabled():
        device, _created = Device.objects.order_by().get_or_create(
            edition=edition, key=device_key, defaults={"user_id": user_id}
        )
        registrations = (
            {
                registration.pk: registration
                for registration in Registration.objects.select_for_update(of=("self",))
                .filter(pk__in=ids)
                .select_related("category")
                .only(*_PERSON_FIELDS)
                .order_by("pk")
            }
            if ids
            else {}
        )
        stored = {
            scan.device_scan_id: scan
            for scan in Scan.objects.filter(
                device=device, device_scan_id__in=[item.device_scan_id for item in items]
            )
            .select_related("registration__category")
            .order_by()
        }
        session_ids = {point.session_id for point in points.values() if point.session_id}
        seated = set()
        if session_ids and ids:
            seated = set(
                Signup.objects.filter(
                    registration_id__in=ids,
                    session_id__in=session_ids,
                    state=SignupState.CONFIRMED,
                )
                .order_by()
                .values_list("registration_id", "session_id")
            )
        checkins = (
            {
                (checkin.point_id, checkin.registration_id): checkin
                for checkin in CheckIn.objects.filter(
                    point_id__in={item.point_id for item in items}, registration_id__in=ids
                ).order_by()
            }
            if ids
            else {}
        )

        new_scans: list[Scan] = []
        new_items: list[_Item] = []
        takeovers: list[tuple[CheckIn, Scan]] = []
        accepted: dict[tuple[int, int], Scan] = {}
        for item in sorted(items, key=lambda i: (i.scanned_at, i.index)):
            if item.device_scan_id in stored:
                item.result = _answer(stored[item.device_scan_id], replayed=True)
                continue
            registration = registrations.get(item.registration_id)
            point = points[item.point_id]
            reason = item.reason or _refusal(
                registration=registration,
                secret=item.secret,
                by_ref=bool(item.ref and not item.code),
                point=point,
                edition=edition,
                scanned_at=item.scanned_at,
                seated=seated,
                now=now,
            )
            scan = Scan(
                edition=edition,
                point=point,
                device=device,
                device_scan_id=item.device_scan_id,
                registration=registration if reason != ScanReason.OTHER_EDITION else None,
                user_id=user_id,
                by_search=bool(item.ref and not item.code),
                device_scanned_at=item.device_scanned_at,
                scanned_at=item.scanned_at,
                received_at=now,
                clock_offset_seconds=round(offset.total_seconds()),
                clock_flagged=flagged,
                offline=offline,
                outcome=ScanOutcome.REFUSED if reason else ScanOutcome.ACCEPTED,
                reason=reason,
            )
            if not reason:
                key = (point.pk, registration.pk)
                existing = checkins.get(key)
                if key in accepted:
                    scan.outcome, scan.reason = ScanOutcome.REPEATED, ScanReason.ALREADY_IN
                elif existing is None:
                    accepted[key] = scan
                elif existing.scanned_at <= item.scanned_at:
                    scan.outcome, scan.reason = ScanOutcome.REPEATED, ScanReason.ALREADY_IN
                else:
                    takeovers.append((existing, scan))
                    accepted[key] = scan
            new_scans.append(scan)
            new_items.append(item)

        Scan.objects.bulk_create(new_scans)
        for item, scan in zip(new_items, new_scans, strict=True):
            item.result = _answer(scan, replayed=False)
        created_checkins = CheckIn.objects.bulk_create(
            [
                CheckIn(
                    edition=edition,
                    registration_id=scan.registration_id,
                    point_id=scan.point_id,
                    scan=scan,
                    device=device,
                    scanned_at=scan.scanned_at,
                    received_at=now,
                )
                for key, scan in accepted.items()
                if key not in checkins
            ]
        )
        for existing, scan in takeovers:
            Scan.objects.filter(pk=existing.scan_id).update(
                outcome=ScanOutcome.REPEATED, reason=ScanReason.ALREADY_IN
            )
            CheckIn.objects.filter(pk=existing.pk).update(
                scan=scan, device=device, scanned_at=scan.scanned_at, received_at=now
            )

        # The device row is kept current, but not rewritten for every scan of a busy door.
        offset_seconds = round(offset.total_seconds())
        if (
            _created
            or device.last_seen_at is None
            or now - device.last_seen_at > DEVICE_SEEN_EVERY
            or device.clock_offset_seconds != offset_seconds
            or (user_id and device.user_id != user_id)
        ):
            device.last_seen_at = now
            device.clock_offset_seconds = offset_seconds
            if user_id:
                device.user_id = user_id
            device.save(
                update_fields=["last_seen_at", "clock_offset_seconds", "user", "updated_at"]
            )
        counts = {
            "received": len(items),
            "new": len(new_scans),
            "replayed": len(items) - len(new_scans),
            "accepted": sum(1 for scan in new_scans if scan.outcome == ScanOutcome.ACCEPTED),
            "repeated": sum(1 for scan in new_scans if scan.outcome == ScanOutcome.REPEATED),
            "refused": sum(1 for scan in new_scans if scan.outcome == ScanOutcome.REFUSED),
            "taken_over": len(takeovers),
        }
        if new_scans:
            log_activities(
                [
                    activity_entry(
                        obj=device,
                        action="onsite.scans_recorded",
                        actor=user,
                        edition_id=edition.pk,
                        data={
                            **counts,
                            "offline": offline,
                            "clock_offset_seconds": round(offset.total_seconds()),
                            # The new check-ins: the webhooks' checkin.created events.
                            "checkins": [checkin.pk for checkin in created_checkins],
                        },
                    )
                ]
            )

    warning = ""
    if flagged:
        warning = _(
            "This device's clock is %(minutes)d minutes off the server's. The scan times "
            "were corrected; please set the device's clock."
        ) % {"minutes": round(offset.total_seconds() / 60)}
    results = [item.result for item in sorted(items, key=lambda i: i.index)]
    return SyncResult(
        results=results,
        clock_offset_seconds=round(offset.total_seconds()),
        clock_flagged=flagged,
        warning=warning,
        counts=counts,
    )


def _refusal(*, registration, secret, by_ref, point, edition, scanned_at, seated, now) -> str:
    """Why a scan is refused, or "" when the person may go in."""
    if registration is None:
        return ScanReason.UNKNOWN_TICKET
    if not by_ref and registration.link_secret[:16] != secret:
        return ScanReason.UNKNOWN_TICKET  # the ticket was revoked and a new one issued
    if registration.edition_id != edition.pk:
        return ScanReason.OTHER_EDITION
    if registration.state == RegistrationState.CANCELLED:
        return ScanReason.CANCELLED
    if registration.state != RegistrationState.CONFIRMED:
        return ScanReason.NOT_CONFIRMED
    if scanned_at < now - MAX_SCAN_AGE:
        return ScanReason.WRONG_DAY
    days = {day.date for day in point.days.all()}
    if days and timezone.localtime(scanned_at, LOCAL_TZ).date() not in days:
        return ScanReason.WRONG_DAY
    if point.kind != PointKind.HALL and (registration.pk, point.session_id) not in seated:
        return ScanReason.NOT_SIGNED_UP
    return ""


REASON_MESSAGES = {
    "": gettext_lazy("Welcome! Checked in."),
    ScanReason.ALREADY_IN: ScanReason.ALREADY_IN.label,
    ScanReason.UNKNOWN_TICKET: ScanReason.UNKNOWN_TICKET.label,
    ScanReason.FORGED: ScanReason.FORGED.label,
    ScanReason.OTHER_EDITION: ScanReason.OTHER_EDITION.label,
    ScanReason.CANCELLED: ScanReason.CANCELLED.label,
    ScanReason.NOT_CONFIRMED: ScanReason.NOT_CONFIRMED.label,
    ScanReason.WRONG_DAY: ScanReason.WRONG_DAY.label,
    ScanReason.NOT_SIGNED_UP: ScanReason.NOT_SIGNED_UP.label,
}


def _answer(scan: Scan, *, replayed: bool) -> dict:
    """What the device shows for a scan: colour, reason, message, and who it was."""
    registration = scan.registration
    person = None
    if registration is not None and scan.reason != ScanReason.OTHER_EDITION:
        person = {
            "name": registration.full_name,
            "organisation": registration.organisation,
            "category": str(registration.category.name) if registration.category_id else "",
        }
    return {
        "id": scan.device_scan_id,
        "outcome": scan.outcome,
        "colour": COLOURS[scan.outcome],
        "reason": scan.reason,
        "message": str(REASON_MESSAGES.get(scan.reason, scan.get_reason_display())),
        "person": person,
        "replayed": replayed,
    }
