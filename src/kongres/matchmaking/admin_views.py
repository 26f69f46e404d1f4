"""The organiser's matchmaking pages in the admin: the scheduler and the statistics.

Wired in ``admin.py`` (``MatchmakingSettingsAdmin.get_urls``) under
``/admin/matchmaking/matchmakingsettings/``; every view goes through ``admin_site.admin_view``
(a signed-in, active staff user) and then checks a permission:

- the scheduler page, its actions and the table agendas need ``matchmaking.change_meeting``;
- the statistics need ``matchmaking.view_meeting`` (or the change permission).

The admin lifts edition scoping for staff (``ScopesForStaffMiddleware``); these views enter
``scope(edition=…)`` of the edition in the URL again, so every query they run (and every
template they render) is confined to that edition, and a query that forgets it fails.

The scheduler pages also admit a staff member holding ``event.matchmaking:write`` in the
edition's team (``can_organise_edition``).

The views are thin: the work is ``services.scheduler_run_request``, ``meeting_move``,
``schedule_publish`` and ``selectors.matchmaking_stats``. No scheduler work runs in a request:
"run" queues a run for the worker (``tasks.scheduler_run_task``) and redirects to the run's
progress page, which polls a fragment with htmx every 2 s until the run is done or failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_scopes import scope

from kongres.events.models import Edition
from kongres.events.selectors import team_permissions_get
from kongres.matchmaking import selectors, services
from kongres.matchmaking.enums import (
    MeetingState,
    Outcome,
    RequestState,
    SchedulerPhase,
    SchedulerRunState,
    SchedulingMode,
    ShortfallReason,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    MatchmakingSettings,
    Meeting,
    SchedulerRun,
    Slot,
)

CHANGE_PERMISSION = "matchmaking.change_meeting"
VIEW_PERMISSION = "matchmaking.view_meeting"
TEAM_KEY = "event.matchmaking:write"
# Seconds the solver may take (in the worker).
RUN_TIME_LIMIT = services.RUN_TIME_LIMIT
# How often the progress page asks for the run's state.
POLL_SECONDS = 2


def can_organise(user, edition_id: int | None = None) -> bool:
    """The model permission, or (given the edition) the key ``event.matchmaking:write`` in it."""
    if not (user.is_active and user.is_staff):
        return False
    if user.has_perm(CHANGE_PERMISSION):
        return True
    return edition_id is not None and "event.matchmaking:write" in team_permissions_get(
        user=user, edition_id=edition_id
    )


def can_see_statistics(user, edition_id: int | None = None) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    if user.has_perm(VIEW_PERMISSION) or user.has_perm(CHANGE_PERMISSION):
        return True
    return edition_id is not None and bool(
        {TEAM_KEY, "event.reports:read"} & team_permissions_get(user=user, edition_id=edition_id)
    )


def can_organise_edition(user, edition) -> bool:
    """The model permission (any edition), or the team key in this edition."""
    return can_organise(user, edition.pk)


def _last_done_run(edition) -> SchedulerRun | None:
    return (
        SchedulerRun.objects.filter(edition=edition, state=SchedulerRunState.DONE)
        .select_related("created_by")
        .first()
    )


# --- forms ------------------------------------------------------------------------------------


class RunForm(forms.Form):
    keep_published = forms.BooleanField(
        label=_("Keep published meetings in place"),
        required=False,
        initial=True,
        help_text=_(
            "Meetings that participants already see stay where they are if they still fit; "
            "only the rest is scheduled again."
        ),
    )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"#{obj.pk} {obj.a.registration.full_name} ({obj.a.organisation}) – " + (
            f"{obj.b.registration.full_name} ({obj.b.organisation})"
        )


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {_local(obj.starts_at, '%d.%m %H:%M')}"


class MoveForm(forms.Form):
    meeting = MeetingChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    slot = SlotChoiceField(
        label=_("Time slot"),
        queryset=Slot.objects.none(),
        empty_label=_("— choose a time —"),
    )
    table = forms.IntegerField(
        label=_("Table"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for the lowest free table."),
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(edition=edition, state=MeetingState.PLANNED)
            .select_related("a__registration", "b__registration")
            .order_by("pk")
        )
        self.fields["slot"].queryset = selectors.slots_of(edition)


def _local(value, fmt: str) -> str:
    from django.utils import timezone

    from kongres.program.models import LOCAL_TZ

    return timezone.localtime(value, LOCAL_TZ).strftime(fmt)


# --- the grid ---------------------------------------------------------------------------------


@dataclass
class GridRow:
    slot: Slot
    cells: list[Meeting | None]


@dataclass
class SessionGrid:
    session: object
    tables: list[int]
    rows: list[GridRow] = field(default_factory=list)
    used: int = 0

    @property
    def capacity(self) -> int:
        return len(self.tables) * len(self.rows)


def _grid(edition, meetings: list[Meeting], *, draft: bool) -> tuple[list[SessionGrid], list]:
    """Slot x table grids of each session (the draft or the visible placement), and the planned
    meetings that have no place in it."""
    place = {}
    unplaced = []
    for meeting in meetings:
        slot_id = meeting.draft_slot_id if draft else meeting.slot_id
        table = meeting.draft_table if draft else meeting.table
        if slot_id is None or table is None:
            unplaced.append(meeting)
        else:
            place[(slot_id, table)] = meeting
    grids = []
    for session in selectors.sessions_of(edition):
        grid = SessionGrid(session=session, tables=list(range(1, session.tables + 1)))
        for slot in session.slots.all():
            cells = [place.get((slot.pk, table)) for table in grid.tables]
            grid.used += sum(1 for cell in cells if cell is not None)
            grid.rows.append(GridRow(slot=slot, cells=cells))
        grids.append(grid)
    return grids, unplaced


def _shows_draft(config: MatchmakingSettings, run: SchedulerRun | None) -> bool:
    """The page shows (and moves) the scheduler's draft in organiser mode, and in self mode
    while a run waits for publication; otherwise the placement participants see."""
    if config.scheduling_mode == SchedulingMode.ORGANISER:
        return True
    return run is not None and run.published_at is None


def _shortfall_rows(run: SchedulerRun | None) -> list[dict]:
    if run is None:
        return []
    labels = dict(ShortfallReason.choices)
    rows = []
    for row in run.shortfall:
        rows.append(
            {
                **row,
                "missing": row["accepted"] - row["scheduled"],
                "reason_labels": [labels.get(code, code) for code in row.get("reasons", [])],
            }
        )
    return rows


# --- views ------------------------------------------------------------------------------------


def _edition_to_organise(request, edition_id: int) -> Edition:
    edition = get_object_or_404(Edition, pk=edition_id)
    if not can_organise_edition(request.user, edition):
        raise PermissionDenied
    return edition


def _scheduler_url(edition: Edition) -> str:
    return reverse("admin:matchmaking_scheduler", args=[edition.pk])


def _run_url(run: SchedulerRun) -> str:
    return reverse("admin:matchmaking_scheduler_run", args=[run.edition_id, run.pk])


class OrganiserViews:
    """The views, bound to a model admin for the admin site's context and messages."""

    def __init__(self, model_admin):
        self.model_admin = model_admin
        self.admin_site = model_admin.admin_site

    def _context(self, request, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model_admin.opts,
            **extra,
        }

    def index_view(self, request):
        if not can_see_statistics(request.user):
            raise PermissionDenied
        configs = (
            MatchmakingSettings.objects.select_related("edition")
            .order_by("-edition__start_date")
            .all()
        )
        context = self._context(
            request,
            title=_("B2B matchmaking: scheduler and statistics"),
            configs=configs,
            can_organise=can_organise(request.user),
        )
        return TemplateResponse(request, "admin/matchmaking/index.html", context)

    def scheduler_view(self, request, edition_id: int):
        edition = _edition_to_organise(request, edition_id)
        with scope(edition=edition):
            move_form = None
            status = 200
            if request.method == "POST":
                action = request.POST.get("action")
                if action == "run":
                    return self._run(request, edition)
                if action == "publish":
                    return self._publish(request, edition)
                if action == "move":
                    done, move_form = self._move(request, edition)
                    if done:
                        return HttpResponseRedirect(_scheduler_url(edition) + "#grid")
                    status = 400
                else:
                    return HttpResponseRedirect(_scheduler_url(edition))
            response = self._scheduler_page(request, edition, move_form)
            response.status_code = status
            return response.render()

    def _scheduler_page(self, request, edition, move_form) -> TemplateResponse:
        config = selectors.matchmaking_settings(edition)
        run = _last_done_run(edition)
        draft = _shows_draft(config, run)
        meetings = list(
            Meeting.objects.filter(edition=edition, state=MeetingState.PLANNED)
            .select_related("a__registration", "b__registration", "slot", "draft_slot")
            .order_by("pk")
        )
        grids, unplaced = _grid(edition, meetings, draft=draft)
        breaks = selectors.schedule_breaks(edition=edition, meetings=meetings, draft=draft)
        if move_form is None:
            initial = {}
            chosen = request.GET.get("meeting")
            if chosen and chosen.isdigit():
                initial["meeting"] = int(chosen)
            move_form = MoveForm(edition=edition, initial=initial)
        unpublished = sum(
            1
            for m in meetings
            if (m.slot_id, m.table) != (m.draft_slot_id, m.draft_table)
            or (m.slot_id is not None and not m.is_published)
        )
        context = self._context(
            request,
            title=_("Meeting scheduler"),
            subtitle=str(edition.name),
            edition=edition,
            config=config,
            organiser_mode=config.scheduling_mode == SchedulingMode.ORGANISER,
            run=run,
            active_run=services.scheduler_run_active(edition),
            run_percent=(run.share_of_bound * 100) if run else None,
            shortfall=_shortfall_rows(run),
            run_form=RunForm(initial={"keep_published": True}),
            move_form=move_form,
            shows_draft=draft,
            grids=grids,
            unplaced=unplaced,
            breaks=breaks,
            planned=len(meetings),
            placed=len(meetings) - len(unplaced),
            can_publish=run is not None and (unpublished > 0 or run.published_at is None),
            unpublished=unpublished,
        )
        return TemplateResponse(request, "admin/matchmaking/scheduler.html", context)

    def _run(self, request, edition):
        """Queue a run for the worker and show its progress page (no solving here)."""
        form = RunForm(request.POST)
        keep = form.is_valid() and form.cleaned_data["keep_published"]
        try:
            run = services.scheduler_run_request(edition, keep_published=keep, by=request.user)
        except MatchmakingError as error:
            messages.error(request, error.message)
            active = services.scheduler_run_active(edition)
            if active is not None:
                return HttpResponseRedirect(_run_url(active))
            return HttpResponseRedirect(_scheduler_url(edition) + "#result")
        return HttpResponseRedirect(_run_url(run))

    def _run_context(self, request, edition, run_id: int) -> dict:
        run = get_object_or_404(
            SchedulerRun.objects.select_related("created_by"), edition=edition, pk=run_id
        )
        finished = run.state in (SchedulerRunState.DONE, SchedulerRunState.FAILED)
        result = ""
        if run.state == SchedulerRunState.DONE:
            result = _(
                "The scheduler placed %(scheduled)d of %(meetings)d accepted meetings; "
                "no schedule can place more than %(bound)d (%(seconds).1f s)."
            ) % {
                "scheduled": run.scheduled,
                "meetings": run.meetings,
                "bound": run.upper_bound,
                "seconds": run.seconds,
            }
        phases = dict(SchedulerPhase.choices)
        return {
            "edition": edition,
            "run": run,
            "finished": finished,
            "result": result,
            "phase": phases.get(run.progress, ""),
            "scheduler_url": _scheduler_url(edition),
            "status_url": reverse(
                "admin:matchmaking_scheduler_run_status", args=[edition.pk, run.pk]
            ),
            "poll_seconds": POLL_SECONDS,
        }

    def run_view(self, request, edition_id: int, run_id: int):
        """A run's progress page; its status fragment is polled until the run is over."""
        edition = _edition_to_organise(request, edition_id)
        with scope(edition=edition):
            context = self._context(
                request,
                title=_("Scheduler run"),
                subtitle=str(edition.name),
                **self._run_context(request, edition, run_id),
            )
            return TemplateResponse(
                request, "admin/matchmaking/scheduler_run.html", context
            ).render()

    def run_status_view(self, request, edition_id: int, run_id: int):
        edition = _edition_to_organise(request, edition_id)
        with scope(edition=edition):
            context = self._run_context(request, edition, run_id)
            # admin_view marks every admin response never-cache: a poll always asks again.
            return TemplateResponse(
                request, "admin/matchmaking/scheduler_run_status.html", context
            ).render()

    def _move(self, request, edition) -> tuple[bool, MoveForm]:
        form = MoveForm(request.POST, edition=edition)
        if not form.is_valid():
            return False, form
        config = selectors.matchmaking_settings(edition)
        run = _last_done_run(edition)
        meeting = form.cleaned_data["meeting"]
        slot = form.cleaned_data["slot"]
        try:
            services.meeting_move(
                meeting,
                slot,
                form.cleaned_data["table"],
                draft=_shows_draft(config, run),
                by=request.user,
            )
        except MatchmakingError as error:
            form.add_error(error.field if error.field in ("slot", "table") else None, error.message)
            return False, form
        meeting.refresh_from_db()
        table = meeting.draft_table if _shows_draft(config, run) else meeting.table
        messages.success(
            request,
            _("Meeting #%(id)d moved to %(slot)s, table %(table)d.")
            % {"id": meeting.pk, "slot": slot.code, "table": table},
        )
        return True, form

    def _publish(self, request, edition):
        try:
            result = services.schedule_publish(edition, by=request.user)
        except MatchmakingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Schedule published: %(changed)d meeting changed, %(notified)d people "
                    "notified by e-mail.",
                    "Schedule published: %(changed)d meetings changed, %(notified)d people "
                    "notified by e-mail.",
                    result.changed,
                )
                % {"changed": result.changed, "notified": result.notified},
            )
        return HttpResponseRedirect(_scheduler_url(edition) + "#result")

    def tables_pdf_view(self, request, edition_id: int):
        edition = _edition_to_organise(request, edition_id)
        from kongres.matchmaking.agendas import table_agendas_pdf

        with scope(edition=edition):
            pdf = table_agendas_pdf(edition)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="stoliki-{edition.slug}.pdf"'
        return response

    def statistics_view(self, request, edition_id: int):
        edition = get_object_or_404(Edition, pk=edition_id)
        if not can_see_statistics(request.user, edition.pk):
            raise PermissionDenied
        with scope(edition=edition):
            config = selectors.matchmaking_settings(edition)
            stats = selectors.matchmaking_stats(edition)
            by_state = stats["requests_by_state"]
            outcome_labels = dict(Outcome.choices)
            cooperation_answers = stats["outcomes"].get(Outcome.COOPERATION, 0) + stats[
                "outcomes"
            ].get(Outcome.NO_COOPERATION, 0)
            context = self._context(
                request,
                title=_("Matchmaking statistics"),
                subtitle=str(edition.name),
                edition=edition,
                config=config,
                stats=stats,
                requests_rows=[
                    (_("all sent"), stats["requests"]),
                    (_("accepted by the recipient"), by_state.get(RequestState.ACCEPTED, 0)),
                    (_("declined by the recipient"), by_state.get(RequestState.DECLINED, 0)),
                    (_("expired without an answer"), by_state.get(RequestState.EXPIRED, 0)),
                    (_("still awaiting an answer"), by_state.get(RequestState.PENDING, 0)),
                    (_("withdrawn or cancelled"), by_state.get(RequestState.CANCELLED, 0)),
                ],
                acceptance_percent=(
                    stats["acceptance_rate"] * 100 if stats["acceptance_rate"] is not None else None
                ),
                outcome_rows=[
                    (outcome_labels[code], count) for code, count in stats["outcomes"].items()
                ],
                cooperation_answers=cooperation_answers,
                cooperation_percent=(
                    (stats["cooperation"] * 100 / cooperation_answers)
                    if cooperation_answers
                    else None
                ),
                can_organise=can_organise(request.user, edition.pk),
            )
            return TemplateResponse(request, "admin/matchmaking/statistics.html", context).render()
