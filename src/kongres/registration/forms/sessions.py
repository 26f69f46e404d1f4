"""Choosing sessions and categories: rich options (a description, seats left) and the
sessions part shared by the registration form and the personal page.
"""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.registration import selectors
from kongres.registration.forms.fields import _local
from kongres.visits.enums import SignupState
from kongres.visits.exceptions import VisitError


class CategoryOption:
    """A category as a choice: its name with its description underneath."""

    is_rich_option = True
    is_full = False
    mine = None
    status = ""

    def __init__(self, category):
        self.category = category

    @property
    def title(self) -> str:
        return str(self.category.name)

    @property
    def meta(self) -> str:
        return str(self.category.description or "")

    def __str__(self) -> str:
        return self.title


class SessionOption:
    """A session as a choice: what the label shows, kept apart so templates can lay it out."""

    is_rich_option = True

    def __init__(self, session, *, mine: str | None = None):
        self.session = session
        self.mine = mine
        taken = getattr(session, "seats_taken", 0) or 0
        self.seats_left = None if session.capacity is None else max(0, session.capacity - taken)

    @property
    def title(self) -> str:
        return str(self.session.title)

    @property
    def when(self) -> str:
        start, end = _local(self.session.start), _local(self.session.end)
        return f"{date_format(start, 'j E, H:i')}–{date_format(end, 'H:i')}"

    @property
    def meta(self) -> str:
        return self.when

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    @property
    def status(self) -> str:
        if self.mine == SignupState.CONFIRMED:
            return str(_("you have a seat"))
        if self.mine == SignupState.OFFERED:
            return str(_("a seat is offered to you"))
        if self.mine == SignupState.WAITLISTED:
            return str(_("you are on the waiting list"))
        if self.seats_left is None:
            return ""
        if self.seats_left == 0:
            return str(_("full – you join the waiting list"))
        return ngettext("%(count)s seat left", "%(count)s seats left", self.seats_left) % {
            "count": self.seats_left
        }

    def __str__(self) -> str:
        status = f" – {self.status}" if self.status else ""
        return f"{self.title} ({self.when}){status}"


class SessionFieldsMixin:
    """Panels as checkboxes and study visits as "none or one", with seats left on each."""

    def _add_session_fields(
        self, edition, *, mine: dict[int, str] | None = None, sessions=None
    ) -> None:
        mine = mine or {}
        panels, visits = sessions or selectors.sessions_to_choose(edition=edition)
        self.panel_sessions, self.visit_sessions = panels, visits
        self.limited_session_ids = {s.pk for s in panels + visits if s.capacity is not None}
        if panels:
            self.fields["panels"] = forms.MultipleChoiceField(
                label=_("Panels you plan to attend"),
                help_text=_("Optional. It helps us plan the rooms; you can change it later."),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(str(s.pk), SessionOption(s, mine=mine.get(s.pk))) for s in panels],
            )
        if visits:
            self.fields["visit"] = forms.ChoiceField(
                label=_("Study visit"),
                help_text=_(
                    "Seats are limited. When a visit is full you join its waiting list and "
                    "we write to you when a seat frees up."
                ),
                required=False,
                widget=forms.RadioSelect,
                choices=[
                    ("", _("No study visit")),
                    *[(str(s.pk), SessionOption(s, mine=mine.get(s.pk))) for s in visits],
                ],
            )

    def session_ids(self) -> list[int]:
        chosen = [int(pk) for pk in self.cleaned_data.get("panels") or []]
        if self.cleaned_data.get("visit"):
            chosen.append(int(self.cleaned_data["visit"]))
        return chosen

    def add_visit_error(self, error: VisitError) -> None:
        """Put a sign-up error next to the choice it concerns."""
        chosen = set(self.session_ids())
        limited_panels = {s.pk for s in self.panel_sessions} & chosen & self.limited_session_ids
        if limited_panels and "panels" in self.fields:
            self.add_error("panels", str(error.message))
        elif "visit" in self.fields and self.cleaned_data.get("visit"):
            self.add_error("visit", str(error.message))
        else:
            self.add_error(None, str(error.message))
