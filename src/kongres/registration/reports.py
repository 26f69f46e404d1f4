"""Figures of an edition's registrations for the organiser's dashboard.

Each figure is one aggregate query (GROUP BY in the database), never a loop over rows, so the
dashboard costs the same number of queries with 30 registrations or 30,000. Days are local
(the site's time zone), as the admin's date filters count them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast, Substr
from django.utils import timezone

from kongres.events.models import Edition
from kongres.registration.enums import HOLDING_STATES, RegistrationState
from kongres.registration.models import Category, Registration


@dataclass(frozen=True)
class CategoryFigures:
    category: Category
    total: int
    holding: int  # unverified, awaiting approval or confirmed: places of the quota taken
    confirmed: int
    waitlisted: int

    @property
    def quota(self) -> int | None:
        return self.category.quota

    @property
    def fill_percent(self) -> int | None:
        """Places taken as a whole percentage of the quota (None without a quota)."""
        if not self.quota:
            return None
        return round(100 * self.holding / self.quota)


@dataclass(frozen=True)
class RegistrationReport:
    total: int
    by_day: list[tuple[dt.date, int]]
    by_category: list[CategoryFigures]
    by_state: list[tuple[str, int]]  # every state, in the enum's order
    by_voivodeship: list[tuple[str, int]]  # "" = not given; most first
    by_organisation_type: list[tuple[str, int]]  # "" = not given; most first


def _counts_by(queryset, field: str) -> list[tuple[str, int]]:
    rows = queryset.values_list(field).annotate(n=Count("id")).values_list(field, "n")
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def _by_local_day(registrations) -> list[tuple[dt.date, int]]:
    """Counts per local day, grouped in the database by the UTC hour of ``created_at``.

    The hour is cut from the stored text in SQL ("2025-09-14 07"), the same on SQLite and
    PostgreSQL (whose connection speaks UTC); the time zone's offset is a whole number of
    hours, so each UTC hour lies within one local day. At most 24 rows a day come back, and
    no function is called per row (``TruncDate`` on SQLite calls Python for every row).
    """
    hours = (
        registrations.annotate(hour=Substr(Cast("created_at", CharField()), 1, 13))
        .values_list("hour")
        .annotate(n=Count("id"))
        .values_list("hour", "n")
    )
    local = timezone.get_current_timezone()
    days: dict[dt.date, int] = {}
    for hour, count in hours:
        day = dt.datetime.fromisoformat(f"{hour}:00+00:00").astimezone(local).date()
        days[day] = days.get(day, 0) + count
    return sorted(days.items())


def registration_report(*, edition: Edition) -> RegistrationReport:
    """Registrations by day, category (with quota), state, voivodeship and organisation type.

    Five queries whatever the number of registrations.
    """
    registrations = Registration.objects.filter(edition=edition).order_by()
    by_day = _by_local_day(registrations)
    categories = Category.objects.filter(edition=edition).annotate(
        n_total=Count("registrations"),
        n_holding=Count("registrations", filter=Q(registrations__state__in=HOLDING_STATES)),
        n_confirmed=Count(
            "registrations", filter=Q(registrations__state=RegistrationState.CONFIRMED)
        ),
        n_waitlisted=Count(
            "registrations", filter=Q(registrations__state=RegistrationState.WAITLISTED)
        ),
    )
    by_category = [
        CategoryFigures(
            category=category,
            total=category.n_total,
            holding=category.n_holding,
            confirmed=category.n_confirmed,
            waitlisted=category.n_waitlisted,
        )
        for category in categories
    ]
    states = dict(_counts_by(registrations, "state"))
    by_state = [(state.value, states.get(state.value, 0)) for state in RegistrationState]
    return RegistrationReport(
        total=sum(states.values()),
        by_day=by_day,
        by_category=by_category,
        by_state=by_state,
        by_voivodeship=_counts_by(registrations, "voivodeship"),
        by_organisation_type=_counts_by(registrations, "organisation_type"),
    )
