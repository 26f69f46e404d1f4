"""The organiser's documents: badges, attendance lists, certificates; and their public parts.

Organiser pages take the edition from the URL, require a signed-in user holding one of the
view's permission keys in that edition's team (``events.selectors.team_permissions_get``;
superusers hold all), and enter ``scope(edition=…)``, so every query is that edition's. A
registration, session or day in the URL is looked up within the edition: another edition's
id is a 404.

Keys: badges and certificates need ``event.registrations:write``; one badge on demand also
``event.checkin:write`` (the check-in screen prints it); lists and the XLSX need
``event.reports:read`` or ``event.registrations:read``.
"""

from __future__ import annotations

import datetime as dt
import functools

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_scopes import scope

from kongres.events.models import Edition
from kongres.events.selectors import team_permissions_get
from kongres.onsite.documents import pdf, selectors, services
from kongres.onsite.enums import BadgeStock
from kongres.onsite.validators import validate_hex_colour
from kongres.registration import ratelimit
from kongres.registration.models import Category
from kongres.registration.tokens import InvalidTokenError, registration_from_personal_token

WRITE = "event.registrations:write"
CHECKIN = "event.checkin:write"
REPORTS = ("event.reports:read", "event.registrations:read")
BADGES_PER_PAGE = 100
RATE_SCOPE = "certificate_ip"


def _edition(edition_slug: str) -> Edition:
    edition = (
        Edition.objects.filter(slug=edition_slug)
        .select_related("series__organisation", "venue")
        .first()
    )
    if edition is None:
        raise Http404("edition")
    return edition


def organiser_view(*keys: str):
    """Wrap ``view(request, edition, **kwargs)`` for users holding any of ``keys``."""

    def decorator(func):
        @functools.wraps(func)
        @never_cache
        def wrapper(request, edition_slug, **kwargs):
            edition = _edition(edition_slug)
            if not request.user.is_authenticated:
                login_url = reverse("onsite:checkin_login", args=[edition.slug])
                return redirect(f"{login_url}?next={request.path}")
            held = team_permissions_get(user=request.user, edition_id=edition.pk)
            if not held.intersection(keys):
                raise PermissionDenied
            with scope(edition=edition):
                return func(request, edition, **kwargs)

        return wrapper

    return decorator


def _pdf(content: bytes, filename: str) -> HttpResponse:
    """A PDF to save and print (a download in every browser, also on phones)."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- badges ----------------------------------------------------------------------------------


class LayoutForm(forms.Form):
    stock = forms.ChoiceField(label=gettext_lazy("Paper"), choices=BadgeStock.choices)
    two_per_sheet = forms.BooleanField(
        label=gettext_lazy("Two badges per A4 sheet (with cut marks)"), required=False
    )
    default_colour = forms.CharField(
        label=gettext_lazy("Default colour"), validators=[validate_hex_colour], max_length=7
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        for category in categories:
            self.fields[f"colour_{category.slug}"] = forms.CharField(
                label=str(category.name),
                required=False,
                max_length=7,
                validators=[validate_hex_colour],
                widget=forms.TextInput(attrs={"type": "color"}),
            )
        self.fields["default_colour"].widget = forms.TextInput(attrs={"type": "color"})

    def colours(self) -> dict:
        return {
            category.slug: self.cleaned_data[f"colour_{category.slug}"]
            for category in self.categories
            if self.cleaned_data.get(f"colour_{category.slug}")
        }


class BadgeFilterForm(forms.Form):
    category = forms.TypedChoiceField(
        label=gettext_lazy("Category"), coerce=int, required=False, empty_value=None
    )
    not_printed = forms.BooleanField(label=gettext_lazy("Only not printed yet"), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (category.pk, str(category.name)) for category in categories
        ]


def _categories(edition) -> list[Category]:
    return list(Category.objects.filter(edition=edition).order_by("order", "id"))


@organiser_view(WRITE)
def documents(request, edition):
    """The overview: badge layout and bulk printing, lists, certificates."""
    categories = _categories(edition)
    layout = selectors.badge_layout_get(edition=edition)
    if request.method == "POST":
        form = LayoutForm(request.POST, categories=categories)
        if form.is_valid():
            services.badge_layout_save(
                edition=edition,
                stock=form.cleaned_data["stock"],
                two_per_sheet=form.cleaned_data["two_per_sheet"],
                colours=form.colours(),
                default_colour=form.cleaned_data["default_colour"],
                actor=request.user,
            )
            messages.success(request, _("Badge layout saved."))
            return redirect("onsite:documents", edition_slug=edition.slug)
    else:
        initial = {
            "stock": layout.stock,
            "two_per_sheet": layout.two_per_sheet,
            "default_colour": layout.default_colour,
        }
        initial.update({f"colour_{c.slug}": layout.colour_of(c.slug) for c in categories})
        form = LayoutForm(initial=initial, categories=categories)
    return render(
        request,
        "onsite/documents/overview.html",
        {
            "edition": edition,
            "form": form,
            "filter_form": BadgeFilterForm(categories=categories),
            "counts": selectors.badge_counts(edition=edition),
            "days": selectors.attendance_days(edition=edition),
            "sessions": selectors.attendance_sessions(edition=edition),
            "certificates": selectors.certificates_count(edition=edition),
        },
    )


@organiser_view(WRITE)
def badges(request, edition):
    """Everyone who gets a badge, with how often it was printed; print or reprint one."""
    categories = _categories(edition)
    form = BadgeFilterForm(request.GET or None, categories=categories)
    category_id, not_printed = None, False
    if form.is_bound and form.is_valid():
        category_id = form.cleaned_data["category"]
        not_printed = form.cleaned_data["not_printed"]
    people = selectors.badge_registrations(
        edition=edition, category_id=category_id, not_printed=not_printed
    )
    page = Paginator(people, BADGES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "onsite/documents/badges.html",
        {
            "edition": edition,
            "filter_form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


@require_POST
@organiser_view(WRITE)
def badges_print(request, edition):
    """Bulk badges for a filter as one PDF; every badge in it is marked printed."""
    categories = _categories(edition)
    form = BadgeFilterForm(request.POST, categories=categories)
    if not form.is_valid():
        messages.error(request, _("Choose a category from the list."))
        return redirect("onsite:documents", edition_slug=edition.slug)
    people = selectors.badge_registrations(
        edition=edition,
        category_id=form.cleaned_data["category"],
        not_printed=form.cleaned_data["not_printed"],
    )
    if not people:
        messages.info(request, _("No badges to print for this choice."))
        return redirect("onsite:documents", edition_slug=edition.slug)
    content = _badges_pdf(edition, people)
    services.badges_mark_printed(
        edition=edition, registration_ids=[p.pk for p in people], actor=request.user
    )
    return _pdf(content, f"badges-{edition.slug}.pdf")


def _badges_pdf(edition, people) -> bytes:
    from kongres.onsite.badges.pdf import badges_pdf

    layout = selectors.badge_layout_get(edition=edition)
    return badges_pdf(
        selectors.badge_specs(edition=edition, registrations=people, layout=layout),
        stock=selectors.badge_stock(layout),
        two_per_sheet=layout.two_per_sheet,
        title=f"{_('Badges')} – {edition.name}",
    )


@organiser_view(WRITE, CHECKIN)
def badge_print(request, edition, registration_id: int):
    """One badge on demand. GET shows it (a preview); POST prints it: counted as printed."""
    registration = selectors.badge_registration_get(
        edition=edition, registration_id=registration_id
    )
    if registration is None or registration.state not in selectors.BADGE_STATES:
        raise Http404("registration")
    content = _badges_pdf(edition, [registration])
    if request.method == "POST":
        services.badges_mark_printed(
            edition=edition, registration_ids=[registration.pk], actor=request.user
        )
    elif request.method != "GET":
        return HttpResponse(status=405)
    return _pdf(content, f"badge-{registration.pk}.pdf")


# --- attendance lists ------------------------------------------------------------------------


def _everyone(request) -> bool:
    return request.GET.get("everyone") == "1"


@organiser_view(*REPORTS)
def attendance_day(request, edition, date: str):
    try:
        day = dt.date.fromisoformat(date)
    except ValueError as error:
        raise Http404("date") from error
    if day not in {d.date for d in selectors.attendance_days(edition=edition)}:
        raise Http404("day")
    listing = selectors.attendance_for_day(edition=edition, date=day, everyone=_everyone(request))
    content = pdf.attendance_pdf(listing, kind_label=_("Day"))
    return _pdf(content, f"attendance-{edition.slug}-{day.isoformat()}.pdf")


@organiser_view(*REPORTS)
def attendance_session(request, edition, session_id: int):
    session = selectors.attendance_session_get(edition=edition, session_id=session_id)
    if session is None:
        raise Http404("session")
    listing = selectors.attendance_for_session(
        edition=edition, session=session, everyone=_everyone(request)
    )
    visit = getattr(session, "study_visit", None)
    label = _("Study visit") if visit is not None else _("Session")
    content = pdf.attendance_pdf(listing, kind_label=label)
    return _pdf(content, f"attendance-{edition.slug}-{session.slug}.pdf")


@organiser_view(*REPORTS)
def checkins_xlsx(request, edition):
    content = pdf.checkins_xlsx(selectors.checkins_for_export(edition=edition), edition=edition)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="checkins-{edition.slug}.xlsx"'
    return response


# --- certificates ----------------------------------------------------------------------------


@require_POST
@organiser_view(WRITE)
def certificates_issue(request, edition):
    issued = services.certificates_issue(edition=edition)
    messages.success(
        request,
        _("Certificates issued: %(count)d.") % {"count": len(issued)},
    )
    return redirect("onsite:documents", edition_slug=edition.slug)


@never_cache
def certificate_personal(request, edition_slug, token):
    """The participant's own certificate, from their personal link."""
    edition = _edition(edition_slug)
    try:
        registration = registration_from_personal_token(token)
    except InvalidTokenError as error:
        raise Http404("token") from error
    if registration.edition_id != edition.pk:
        raise Http404("token")
    with scope(edition=edition):
        certificate = selectors.certificate_for_registration(registration=registration)
        if certificate is None:
            raise Http404("certificate")
        certificate.registration = registration
        certificate.edition = edition
        content = pdf.certificate_pdf(certificate)
    return _pdf(content, f"certificate-{edition.slug}.pdf")


def _rate_limited(request) -> bool:
    return ratelimit.hit_all([(RATE_SCOPE, ratelimit.client_ip(request))]) is not None


@never_cache
def certificate_verify(request, edition_slug, code: str | None = None):
    """Anyone checks a certificate by its code: name, event and dates only."""
    edition = _edition(edition_slug)
    if not edition.is_public:
        raise Http404("edition")
    code = code or request.GET.get("code", "")
    context = {"edition": edition, "code": code, "certificate": None}
    status = 200
    if code:
        if _rate_limited(request):
            response = render(request, "onsite/documents/verify.html", {**context, "limited": True})
            response.status_code = 429
            return response
        with scope(edition=edition):
            certificate = selectors.certificate_by_code(edition=edition, code=code)
        if certificate is not None and selectors.normalise_code(code) != code:
            return redirect(
                "onsite:certificate_verify", edition_slug=edition.slug, code=certificate.code
            )
        context["certificate"] = certificate
        context["formatted_code"] = pdf.format_code(certificate.code) if certificate else ""
        context["days"] = pdf.format_days(certificate.days) if certificate else ""
        context["time"] = (
            pdf.format_minutes(certificate.minutes) if certificate and certificate.minutes else ""
        )
        status = 200 if certificate else 404
    response = render(request, "onsite/documents/verify.html", context)
    response.status_code = status
    return response
