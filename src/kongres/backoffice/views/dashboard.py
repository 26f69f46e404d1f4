"""The organiser's dashboard of one edition: where registrations, seats, matchmaking and
e-mails stand, every figure a link to the admin list filtered to exactly what it counts.

The figures come from the selectors of the apps that own the data, each a few aggregate
queries, so the page costs the same number of queries whatever the size of the edition.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kongres.backoffice.access import edition_view
from kongres.backoffice.charts import Bar, bar_chart
from kongres.comms.enums import MessageState
from kongres.comms.selectors import WAITING_STATES, messages_by_state
from kongres.events.enums import Voivodeship
from kongres.matchmaking.enums import RequestState
from kongres.matchmaking.selectors import matchmaking_figures
from kongres.registration.enums import HOLDING_STATES, OrganisationType, RegistrationState
from kongres.registration.reports import registration_report
from kongres.visits.enums import SEATED_STATES, SignupState
from kongres.visits.selectors import sessions_filling

# Days with no registration between the first and the last are drawn as empty bars, up to
# this many days (an edition's registration runs for months, not years).
MAX_DAYS = 400


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    href: str | None = None

    def html(self) -> str:
        """The number, a link to its list when there is one (no template include per figure:
        the page shows a few hundred figures)."""
        if self.href:
            return format_html('<a href="{}">{}</a>', self.href, self.value)
        return str(self.value)


class _Links:
    """Admin change-list addresses filtered to one edition, for the lists this user may open."""

    def __init__(self, request, edition):
        self.request = request
        self.edition = edition
        self._allowed: dict[str, bool] = {}
        self._paths: dict[str, str] = {}

    def _may_view(self, model: str) -> bool:
        """As the model's admin decides: its model permissions or the team's keys."""
        if model not in self._allowed:
            model_admin = admin.site._registry.get(apps.get_model(model))
            self._allowed[model] = model_admin is not None and model_admin.has_view_permission(
                self.request
            )
        return self._allowed[model]

    def __call__(self, model: str, **filters) -> str | None:
        if not self._may_view(model):
            return None
        if model not in self._paths:
            app_label, name = model.split(".")
            self._paths[model] = reverse(f"admin:{app_label}_{name}_changelist")
        query = urlencode({"edition__id__exact": self.edition.pk, **filters})
        return f"{self._paths[model]}?{query}"


def _states(values) -> str:
    return ",".join(str(value) for value in values)


def _days(by_day: list[tuple[dt.date, int]]) -> list[tuple[dt.date, int]]:
    """Every day from the first registration to the last, with zeros for days without any."""
    if not by_day:
        return []
    counts = dict(by_day)
    first, last = by_day[0][0], by_day[-1][0]
    if (last - first).days > MAX_DAYS:
        return by_day
    return [
        (first + dt.timedelta(days=n), counts.get(first + dt.timedelta(days=n), 0))
        for n in range((last - first).days + 1)
    ]


def _day_filters(day: dt.date) -> dict:
    # The admin's date hierarchy of created_at, which counts days in the site's time zone.
    return {
        "created_at__year": day.year,
        "created_at__month": day.month,
        "created_at__day": day.day,
    }


def _registration_section(report, links) -> dict:
    def registrations(**filters):
        return links("registration.registration", **filters)

    days = []
    bars = []
    for day, count in _days(report.by_day):
        name = ngettext(
            "%(day)s: %(count)d registration", "%(day)s: %(count)d registrations", count
        ) % {"day": formats.date_format(day, "DATE_FORMAT"), "count": count}
        href = registrations(**_day_filters(day))
        days.append((day, Figure(name, count, href)))
        bars.append(Bar(label=day.strftime("%d.%m"), value=count, name=name, href=href))
    chart = None
    if bars:
        chart = bar_chart(
            bars,
            chart_id="chart-by-day",
            title=_("Registrations by day"),
            description=_(
                "%(total)d registrations from %(first)s to %(last)s; the busiest day had "
                "%(most)d. The same figures are in the table below the chart."
            )
            % {
                "total": report.total,
                "first": formats.date_format(days[0][0], "DATE_FORMAT"),
                "last": formats.date_format(days[-1][0], "DATE_FORMAT"),
                "most": max(bar.value for bar in bars),
            },
        )

    holding = _states(HOLDING_STATES)
    category_bars = [
        Bar(
            label=str(row.category)[:8],
            value=row.holding,
            name=ngettext(
                "%(category)s: %(count)d place taken",
                "%(category)s: %(count)d places taken",
                row.holding,
            )
            % {"category": row.category, "count": row.holding},
            href=registrations(category__id__exact=row.category.pk, state__in=holding),
        )
        for row in report.by_category
    ]
    category_chart = None
    if category_bars:
        category_chart = bar_chart(
            category_bars,
            chart_id="chart-by-category",
            title=_("Places taken by category"),
            description=_(
                "Places taken in each of %(count)d categories; the table below gives the "
                "quotas, the confirmed and the waiting list."
            )
            % {"count": len(category_bars)},
        )
    categories = [
        {
            "name": str(row.category),
            "total": Figure(
                _("registrations"), row.total, registrations(category__id__exact=row.category.pk)
            ),
            "holding": Figure(
                _("places taken"),
                row.holding,
                registrations(category__id__exact=row.category.pk, state__in=holding),
            ),
            "confirmed": Figure(
                _("confirmed"),
                row.confirmed,
                registrations(
                    category__id__exact=row.category.pk, state__exact=RegistrationState.CONFIRMED
                ),
            ),
            "waitlisted": Figure(
                _("on the waiting list"),
                row.waitlisted,
                registrations(
                    category__id__exact=row.category.pk, state__exact=RegistrationState.WAITLISTED
                ),
            ),
            "quota": row.quota,
            "fill": row.fill_percent,
        }
        for row in report.by_category
    ]

    def labelled(rows, choices, field):
        return [
            Figure(
                str(choices(value).label) if value in choices.values else (value or _("not given")),
                count,
                registrations(**{f"{field}__exact": value}),
            )
            for value, count in rows
        ]

    return {
        "total": Figure(_("All registrations"), report.total, registrations()),
        "chart": chart,
        "category_chart": category_chart,
        "days": [figure for _day, figure in days],
        "categories": categories,
        "states": labelled(report.by_state, RegistrationState, "state"),
        "voivodeships": labelled(report.by_voivodeship, Voivodeship, "voivodeship"),
        "organisation_types": labelled(
            report.by_organisation_type, OrganisationType, "organisation_type"
        ),
    }


def _sessions_section(sessions, links) -> list[dict]:
    def signups(session, **filters):
        return links("visits.signup", session__id__exact=session.pk, **filters)

    return [
        {
            "session": session,
            "capacity": session.capacity,
            "taken": Figure(
                _("seats taken"),
                session.seats_taken,
                signups(session, state__in=_states(SEATED_STATES)),
            ),
            "offered": Figure(
                _("seats offered"),
                session.offered,
                signups(session, state__exact=SignupState.OFFERED),
            ),
            "waiting": Figure(
                _("on the waiting list"),
                session.waiting,
                signups(session, state__exact=SignupState.WAITLISTED),
            ),
            "fill": round(100 * session.seats_taken / session.capacity)
            if session.capacity
            else None,
            "full": session.seats_taken >= session.capacity,
        }
        for session in sessions
    ]


def _matchmaking_section(figures, links) -> dict:
    profiles = "matchmaking.profile"
    requests = "matchmaking.meetingrequest"
    meetings = "matchmaking.meeting"
    planned = {"state__exact": "planned"}
    return {
        "profiles": [
            Figure(
                _("active profiles"),
                figures["profiles_active"],
                links(profiles, is_active__exact=1),
            ),
            Figure(
                _("inactive profiles"),
                figures["profiles_inactive"],
                links(profiles, is_active__exact=0),
            ),
        ],
        "requests": [
            Figure(_("all meeting requests"), figures["requests"], links(requests)),
            *(
                Figure(str(RequestState(state).label), count, links(requests, state__exact=state))
                for state, count in figures["requests_by_state"]
            ),
        ],
        "meetings": [
            Figure(_("meetings agreed"), figures["meetings_planned"], links(meetings, **planned)),
            Figure(
                _("of which given a time and table"),
                figures["meetings_scheduled"],
                links(meetings, **planned, slot__isnull="False"),
            ),
            Figure(
                _("of which published to the participants"),
                figures["meetings_published"],
                links(meetings, **planned, slot__isnull="False", is_published__exact=1),
            ),
            Figure(
                _("meetings cancelled"),
                figures["meetings_cancelled"],
                links(meetings, state__exact="cancelled"),
            ),
        ],
    }


def _mail_section(counts: dict[str, int], links) -> dict:
    def messages(**filters):
        return links("comms.message", **filters)

    labels = dict(MessageState.choices)
    return {
        "waiting": Figure(
            _("waiting to be sent"),
            sum(counts.get(state, 0) for state in WAITING_STATES),
            messages(state__in=_states(WAITING_STATES)),
        ),
        "failed": Figure(
            _("failed"),
            counts.get(MessageState.FAILED, 0),
            messages(state__exact=MessageState.FAILED),
        ),
        "states": [
            Figure(str(labels.get(state, state)), count, messages(state__exact=state))
            for state, count in counts.items()
        ],
    }


@edition_view("event.reports:read", "event.registrations:read")
def dashboard(request, edition):
    links = _Links(request, edition)
    registrations = _registration_section(registration_report(edition=edition), links)
    context = {
        **admin.site.each_context(request),
        "title": _("Dashboard"),
        "edition": edition,
        "registrations": registrations,
        "sessions": _sessions_section(sessions_filling(edition=edition), links),
        "matchmaking": _matchmaking_section(matchmaking_figures(edition=edition), links),
        "mail": _mail_section(messages_by_state(edition=edition), links),
    }
    # Rendered here, inside the edition's scope (a TemplateResponse would render after it).
    return render(request, "backoffice/dashboard.html", context)
