"""The organiser's changes to one registration, as small pages beside its admin change page:
the e-mail address, the category, the sessions and study visits.

Who may: active staff holding the admin's ``registration.change_registration`` permission, or
the key ``event.registrations:write`` in the team of the registration's edition; anyone else
gets 403. The pages work inside ``scope(edition=…)`` of the registration's edition and change
nothing themselves: the services of ``registration.services.organiser`` do, under lock.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_scopes import scope, scopes_disabled

from kongres.events.selectors import team_permissions_get
from kongres.registration import selectors
from kongres.registration.exceptions import RegistrationError
from kongres.registration.forms.fields import _local
from kongres.registration.models import Category, Registration
from kongres.registration.services import (
    registration_change_category,
    registration_change_email,
    registration_change_signups,
)
from kongres.visits.selectors import signups_of

WRITE_KEY = "event.registrations:write"


def can_change_registration(user, registration: Registration) -> bool:
    """Staff with the admin's change permission, or with the write key in the edition's team."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.has_perm("registration.change_registration"):
        return True
    return WRITE_KEY in team_permissions_get(user=user, edition_id=registration.edition_id)


# --- Forms --------------------------------------------------------------------------------------


class EmailChangeForm(forms.Form):
    email = forms.EmailField(
        label=_("New e-mail address"),
        max_length=254,
        help_text=_(
            "The address must be confirmed again: we send a link to the new address and tell "
            "the previous one about the change. The personal link keeps working."
        ),
    )


class CategoryChangeForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("New category"),
        queryset=Category.objects.none(),
        empty_label=None,
        help_text=_(
            "A registration holding a place needs a free place in the new category's quota; "
            "one on a waiting list takes a free place or waits in the new category."
        ),
    )

    def __init__(self, *args, registration: Registration, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        field.queryset = Category.objects.filter(edition_id=registration.edition_id).exclude(
            pk=registration.category_id
        )
        field.label_from_instance = _category_label


def _category_label(category: Category) -> str:
    if category.quota is None:
        return str(category.name)
    return _("%(name)s (quota %(quota)s)") % {"name": category.name, "quota": category.quota}


def _session_label(session, state: str | None) -> str:
    start, end = _local(session.start), _local(session.end)
    label = f"{session.title} – {date_format(start, 'j E, H:i')}–{date_format(end, 'H:i')}"
    if session.capacity is not None:
        taken = getattr(session, "seats_taken", 0) or 0
        label += " – " + str(
            _("seats taken: %(taken)s of %(capacity)s, waiting: %(waiting)s")
            % {"taken": taken, "capacity": session.capacity, "waiting": session.waiting}
        )
    visit = getattr(session, "study_visit", None)
    if visit is not None and visit.requires_id_data:
        label += " – " + str(_("the host needs ID data"))
    if state:
        label += " – " + str(_("now: %(state)s") % {"state": state})
    return label


class SignupsChangeForm(forms.Form):
    sessions = forms.MultipleChoiceField(
        label=_("Sessions and study visits"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Unticked sign-ups are cancelled and their seats go to the waiting list; new ones "
            "get a free seat or a place on the waiting list. Sessions with seats may not overlap."
        ),
    )

    def __init__(self, *args, registration: Registration, signups, **kwargs):
        super().__init__(*args, **kwargs)
        mine = {signup.session_id: signup.get_state_display() for signup in signups}
        panels, visits = selectors.sessions_to_choose(edition=registration.edition)
        field = self.fields["sessions"]
        field.choices = [
            (str(s.pk), _session_label(s, mine.get(s.pk)))
            for s in sorted(panels + visits, key=lambda s: (s.start, s.pk))
        ]
        field.initial = [str(pk) for pk in mine]

    def session_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["sessions"]]


# --- Views --------------------------------------------------------------------------------------


def _registration(request, object_id) -> Registration:
    with scopes_disabled():  # the permission check below names the edition
        registration = (
            Registration.objects.select_related("edition", "category")
            .filter(pk=object_id if str(object_id).isdigit() else None)
            .first()
        )
    if registration is None:
        raise Http404
    if not can_change_registration(request.user, registration):
        raise PermissionDenied
    return registration


def _posted(request):
    return request.POST if request.method == "POST" else None


def _change_page(request, registration) -> str:
    return reverse("admin:registration_registration_change", args=[registration.pk])


def _page(model_admin, request, registration, form, *, title, intro, current, status=200):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "subtitle": registration.full_name,
        "registration": registration,
        "intro": intro,
        "current": current,
        "form": form,
        "change_url": _change_page(request, registration),
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(
        request, "admin/registration/registration/organiser_change.html", context, status=status
    )


def _run(request, form, registration, change, done) -> HttpResponseRedirect | None:
    """Call the service; on success say so and go back to the change page."""
    try:
        change()
    except RegistrationError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, str(error.message))
        return None
    messages.success(request, done)
    return HttpResponseRedirect(_change_page(request, registration))


def change_email_view(model_admin, request, object_id):
    registration = _registration(request, object_id)
    with scope(edition=registration.edition):
        form = EmailChangeForm(_posted(request))
        if request.method == "POST" and form.is_valid():
            done = _run(
                request,
                form,
                registration,
                lambda: registration_change_email(
                    registration=registration,
                    email=form.cleaned_data["email"],
                    actor=request.user,
                ),
                _("The e-mail address was changed; a confirmation link went to the new address."),
            )
            if done:
                return done
        return _page(
            model_admin,
            request,
            registration,
            form,
            title=_("Change e-mail"),
            intro=_("Current address: %(email)s") % {"email": registration.email},
            current=[],
            status=400 if form.errors else 200,
        )


def change_category_view(model_admin, request, object_id):
    registration = _registration(request, object_id)
    with scope(edition=registration.edition):
        form = CategoryChangeForm(_posted(request), registration=registration)
        if request.method == "POST" and form.is_valid():
            category = form.cleaned_data["category"]
            done = _run(
                request,
                form,
                registration,
                lambda: registration_change_category(
                    registration=registration, category=category, actor=request.user
                ),
                _("The registration was moved to the category “%(category)s”.")
                % {"category": category.name},
            )
            if done:
                return done
        return _page(
            model_admin,
            request,
            registration,
            form,
            title=_("Change category"),
            intro=_("Current category: %(category)s (%(state)s)")
            % {"category": registration.category.name, "state": registration.get_state_display()},
            current=[],
            status=400 if form.errors else 200,
        )


def change_signups_view(model_admin, request, object_id):
    registration = _registration(request, object_id)
    with scope(edition=registration.edition):
        signups = signups_of(registration=registration)
        form = SignupsChangeForm(_posted(request), registration=registration, signups=signups)
        if request.method == "POST" and form.is_valid():
            done = _run(
                request,
                form,
                registration,
                lambda: registration_change_signups(
                    registration=registration,
                    session_ids=form.session_ids(),
                    actor=request.user,
                ),
                _("The sessions and study visits were changed."),
            )
            if done:
                return done
        return _page(
            model_admin,
            request,
            registration,
            form,
            title=_("Change sessions and visits"),
            intro=_("Current sign-ups:") if signups else _("No sign-ups yet."),
            current=[
                f"{signup.session.title}: {signup.get_state_display()}"
                + (f" ({_('seat')} {signup.seat})" if signup.seat else "")
                for signup in signups
            ],
            status=400 if form.errors else 200,
        )
