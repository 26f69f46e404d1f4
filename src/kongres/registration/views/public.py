"""Public registration pages: the form, e-mail verification, and the personal page.

Views are thin: they parse the request, call a form, a selector or a service, and render.
Every change is a POST followed by a redirect (POST-redirect-GET). A token that is invalid,
expired, revoked or made for another edition shows one clear page and changes nothing.
Nothing personal is cached; the empty registration form is cached for a few seconds with a
placeholder where each visitor's CSRF token goes.
"""

import functools
import hashlib
import math

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kongres.events.views.decorators import public_edition_view
from kongres.registration import forms, links, ratelimit, selectors, services, tokens
from kongres.registration.enums import CancelReason, ConsentKind, RegistrationState
from kongres.registration.exceptions import RegistrationError
from kongres.visits import services as visit_services
from kongres.visits.exceptions import VisitError

GET_POST = require_http_methods(["GET", "POST"])
NOINDEX = "noindex, nofollow"


def _done_messages() -> dict[str, str]:
    """Short confirmations shown on the personal page after a change (``?done=<key>``)."""
    return {
        "verified": _("Thank you, your e-mail address is confirmed."),
        "saved": _("Your changes are saved."),
        "sessions": _("Your choice of sessions is saved."),
        "cancelled": _("Your registration is cancelled. We have sent you a confirmation."),
        "consent_given": _("Thank you, your consent is recorded."),
        "consent_withdrawn": _("Your consent is withdrawn."),
        "feed": _(
            "The old calendar address no longer works. Subscribe again with the new one below."
        ),
        "offer": _("The seat is yours: it is confirmed."),
        "id_data": _("Thank you, your ID data is saved. The host receives it before the visit."),
    }


def _too_many(form, scope: str) -> int:
    """Add the rate-limit message to the form; return the seconds to wait."""
    seconds = ratelimit.retry_after(scope)
    minutes = max(1, math.ceil(seconds / 60))
    form.add_error(
        None,
        ngettext(
            "Too many attempts. For your security, please wait %(minutes)s minute and try again.",
            "Too many attempts. For your security, please wait %(minutes)s minutes and try again.",
            minutes,
        )
        % {"minutes": minutes},
    )
    return seconds


def _rate_limited(request, form, prefix: str, email_field: str) -> str | None:
    """Count this attempt per client address and, once known, per e-mail address.

    Returns the scope whose limit was exceeded, or None. Call after ``form.is_valid()``.
    """
    email = form.cleaned_data.get(email_field) if hasattr(form, "cleaned_data") else None
    return ratelimit.hit_all(
        [
            (f"{prefix}_ip", ratelimit.client_ip(request)),
            (f"{prefix}_email", services.email_key(email) if email else ""),
        ]
    )


def _render_limited(request, template, context, scope, form):
    seconds = _too_many(form, scope)
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _personal_path(edition, token: str, done: str | None = None, anchor: str = "") -> str:
    path = reverse("registration:personal", kwargs={"edition_slug": edition.slug, "token": token})
    if done:
        path += f"?done={done}"
    return path + (f"#{anchor}" if anchor else "")


def _invalid_link(request, edition):
    response = render(request, "registration/invalid_link.html", {"edition": edition}, status=404)
    response["X-Robots-Tag"] = NOINDEX
    return response


def _from_token(edition, token: str, reader):
    try:
        registration = reader(token)
    except tokens.InvalidTokenError:
        return None
    if registration.edition_id != edition.pk:
        return None
    return registration


def personal_view(func):
    """Resolve ``token`` to the registration it names in this edition, or show the clear page."""

    @functools.wraps(func)
    def wrapper(request, edition, token, **kwargs):
        registration = _from_token(edition, token, tokens.registration_from_personal_token)
        if registration is None:
            return _invalid_link(request, edition)
        response = func(request, edition, registration, token, **kwargs)
        response["X-Robots-Tag"] = NOINDEX
        return response

    return wrapper


# --- Registration ---------------------------------------------------------------------------


def _registration_form_kwargs(edition) -> dict:
    choices = selectors.registration_form_choices(edition=edition)
    return {
        "edition": edition,
        "categories": choices.categories,
        "consents": choices.consents,
        "questions": choices.questions,
        "invitation": choices.invitation,
        "sessions": (choices.panels, choices.visits),
    }


# Rendered into a cached empty form in place of the visitor's own CSRF token.
CSRF_PLACEHOLDER = "kongres-csrf-token-placeholder"


def _empty_form_page(request, edition, kwargs) -> HttpResponse:
    """The empty registration form, rendered at most once every few seconds per process.

    Only the CSRF token differs between visitors; it is put into the cached page per request.
    """
    ttl = settings.REGISTRATION_FORM_CACHE_SECONDS
    key = ":".join(
        [
            "register-form",
            str(edition.pk),
            str(edition.content_version),
            request.get_host(),
            get_language() or "",
            # Hashed: a long query string must not make an over-long cache key.
            hashlib.sha256(request.get_full_path().encode()).hexdigest(),
        ]
    )
    page = cache.get(key) if ttl else None
    if page is None:
        # "Register and choose this visit" on the visits page preselects it (?visit=<id>).
        initial = {"visit": request.GET["visit"]} if "visit" in request.GET else {}
        form = forms.RegistrationForm(initial=initial, **kwargs)
        context = {"edition": edition, "form": form, "csrf_token": CSRF_PLACEHOLDER}
        page = render_to_string("registration/register.html", context, request=request)
        if ttl:
            cache.set(key, page, ttl)
    return HttpResponse(page.replace(CSRF_PLACEHOLDER, get_token(request)))


@never_cache
@GET_POST
@public_edition_view(cached=False)
def register(request, edition):
    kwargs = _registration_form_kwargs(edition)
    if not kwargs["categories"] and not kwargs["invitation"]:
        return render(request, "registration/closed.html", {"edition": edition})
    if request.method == "GET":
        return _empty_form_page(request, edition, kwargs)
    if request.method == "POST":
        form = forms.RegistrationForm(request.POST, **kwargs)
        valid = form.is_valid()
        context = {"edition": edition, "form": form}
        limited = _rate_limited(request, form, "register", "email")
        if limited:
            return _render_limited(request, "registration/register.html", context, limited, form)
        if valid and form.submit() is not None:
            # New or already registered: the same page, so nobody learns who is registered.
            return redirect("registration:register_done", edition_slug=edition.slug)
    return render(request, "registration/register.html", {"edition": edition, "form": form})


@never_cache
@require_GET
@public_edition_view  # the same page for everyone: nobody learns who is registered
def register_done(request, edition):
    return render(
        request,
        "registration/register_done.html",
        {"edition": edition, "group": request.GET.get("group") == "1"},
    )


@never_cache
@GET_POST
@public_edition_view(cached=False)
def group_register(request, edition):
    categories = selectors.categories_public_open(edition=edition)
    if not categories:
        return render(request, "registration/closed.html", {"edition": edition})
    consents = services.consents_current(edition=edition)
    try:
        rows = int(request.GET.get("rows", 3))
    except ValueError:
        rows = 3
    formset_class = forms.member_formset(rows=rows)
    form_kwargs = {"edition": edition, "categories": categories, "consents": consents}
    if request.method == "POST":
        form = forms.GroupRegistrationForm(request.POST, **form_kwargs)
        formset = formset_class(request.POST, prefix="members")
        valid = form.is_valid() & formset.is_valid()
        context = {"edition": edition, "form": form, "formset": formset}
        limited = _rate_limited(request, form, "register", "coordinator_email")
        if limited:
            return _render_limited(request, "registration/group.html", context, limited, form)
        if valid and forms.group_submit(form, formset) is not None:
            return redirect(
                reverse("registration:register_done", kwargs={"edition_slug": edition.slug})
                + "?group=1"
            )
    else:
        form = forms.GroupRegistrationForm(**form_kwargs)
        formset = formset_class(prefix="members")
    return render(
        request,
        "registration/group.html",
        {
            "edition": edition,
            "form": form,
            "formset": formset,
            "more_rows": min(forms.MAX_GROUP, max(rows, 3) + 5),
        },
    )


@never_cache
@GET_POST
@public_edition_view(cached=False)
def verify(request, edition, token):
    """GET shows a button; only the POST confirms, so mail scanners that open links do not."""
    registration = _from_token(edition, token, tokens.registration_from_verification_token)
    if registration is None:
        return _invalid_link(request, edition)
    personal_token = tokens.personal_link_token(registration)
    error = None
    if request.method == "POST":
        try:
            services.registration_verify(registration=registration)
        except RegistrationError as exc:
            error = exc.message
        else:
            return redirect(_personal_path(edition, personal_token, "verified"))
    response = render(
        request,
        "registration/verify.html",
        {
            "edition": edition,
            "registration": registration,
            "error": error,
            "cancelled": registration.state == RegistrationState.CANCELLED,
            "already": registration.email_verified_at is not None,
            "personal_path": _personal_path(edition, personal_token),
        },
        status=400 if error else 200,
    )
    response["X-Robots-Tag"] = NOINDEX
    return response


@never_cache
@GET_POST
@public_edition_view(cached=False)
def resend_link(request, edition):
    """The same answer for every address, registered or not."""
    if request.method == "POST":
        form = forms.ResendLinkForm(request.POST)
        valid = form.is_valid()
        limited = _rate_limited(request, form, "link", "email")
        if limited:
            context = {"edition": edition, "form": form}
            return _render_limited(request, "registration/resend_link.html", context, limited, form)
        if valid:
            registration = selectors.registration_by_email(
                edition=edition, email=form.cleaned_data["email"]
            )
            if registration is not None:
                services.registration_send_link(registration=registration)
            return redirect(
                reverse("registration:resend_link", kwargs={"edition_slug": edition.slug})
                + "?sent=1"
            )
    else:
        form = forms.ResendLinkForm()
    return render(
        request,
        "registration/resend_link.html",
        {"edition": edition, "form": form, "sent": request.GET.get("sent") == "1"},
    )


# --- The personal page ----------------------------------------------------------------------


def _personal_context(edition, registration, token, *, done=None, error=None) -> dict:
    page = selectors.registration_personal(registration=registration)
    feed_url = links.agenda_feed_url(registration)
    return {
        "edition": edition,
        "registration": registration,
        "page": page,
        "token": token,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
        "verify_token": tokens.verification_token(registration)
        if registration.email_verified_at is None
        else "",
        "done_message": _done_messages().get(done or ""),
        "error": error,
        "states": RegistrationState,
        "country_name": forms.COUNTRIES.get(registration.country, registration.country),
    }


def _render_personal(request, edition, registration, token, *, error=None, status=200):
    context = _personal_context(
        edition, registration, token, done=request.GET.get("done"), error=error
    )
    return render(request, "registration/personal.html", context, status=status)


@never_cache
@require_GET
@public_edition_view(cached=False)
@personal_view
def personal(request, edition, registration, token):
    return _render_personal(request, edition, registration, token)


@never_cache
@GET_POST
@public_edition_view(cached=False)
@personal_view
def personal_edit(request, edition, registration, token):
    if registration.state == RegistrationState.CANCELLED:
        return redirect(_personal_path(edition, token))
    questions = selectors.questions_active(edition=edition)
    if request.method == "POST":
        form = forms.PersonalDetailsForm(
            request.POST, registration=registration, questions=questions
        )
        if form.is_valid() and form.submit() is not None:
            return redirect(_personal_path(edition, token, "saved"))
    else:
        form = forms.PersonalDetailsForm(registration=registration, questions=questions)
    return render(
        request,
        "registration/personal_edit.html",
        {"edition": edition, "registration": registration, "token": token, "form": form},
    )


@never_cache
@GET_POST
@public_edition_view(cached=False)
@personal_view
def personal_sessions(request, edition, registration, token):
    if registration.state == RegistrationState.CANCELLED:
        return redirect(_personal_path(edition, token))
    signups = selectors.registration_signups(registration=registration)
    if request.method == "POST":
        form = forms.SessionChoiceForm(request.POST, registration=registration, signups=signups)
        if form.is_valid() and form.submit() is not None:
            return redirect(_personal_path(edition, token, "sessions", anchor="sessions"))
    else:
        form = forms.SessionChoiceForm(registration=registration, signups=signups)
    return render(
        request,
        "registration/personal_sessions.html",
        {"edition": edition, "registration": registration, "token": token, "form": form},
    )


@never_cache
@require_GET
@public_edition_view(cached=False)
@personal_view
def ticket_pdf(request, edition, registration, token):
    if registration.state != RegistrationState.CONFIRMED:
        return redirect(_personal_path(edition, token))
    from kongres.registration.tickets import ticket_pdf as build_ticket

    body = build_ticket(registration=registration)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-ticket.pdf"'
    return response


@never_cache
@require_GET
@public_edition_view(cached=False)
@personal_view
def personal_data_json(request, edition, registration, token):
    """Everything held about the participant, as JSON (GDPR access and portability)."""
    data = services.registration_personal_data(registration=registration)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-my-data.json"'
    return response


@never_cache
@require_GET
@public_edition_view(cached=False)
@personal_view
def personal_data_pdf(request, edition, registration, token):
    """The same data as a readable PDF."""
    from kongres.registration.privacy_pdf import personal_data_pdf as build_pdf

    data = services.registration_personal_data(registration=registration)
    title = _("Personal data held about %(name)s") % {"name": registration.full_name}
    response = HttpResponse(build_pdf(data=data, title=title), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-my-data.pdf"'
    return response


@never_cache
@GET_POST
@public_edition_view(cached=False)
@personal_view
def personal_cancel(request, edition, registration, token):
    if registration.state == RegistrationState.CANCELLED:
        return redirect(_personal_path(edition, token))
    if request.method == "POST":
        services.registration_cancel(registration=registration, reason=CancelReason.BY_PARTICIPANT)
        return redirect(_personal_path(edition, token, "cancelled"))
    signups = selectors.registration_signups(registration=registration)
    return render(
        request,
        "registration/personal_cancel.html",
        {"edition": edition, "registration": registration, "token": token, "signups": signups},
    )


@never_cache
@GET_POST
@public_edition_view(cached=False)
@personal_view
def personal_consents(request, edition, registration, token):
    if request.method != "POST" or registration.state == RegistrationState.CANCELLED:
        return redirect(_personal_path(edition, token, anchor="consents"))
    kind = request.POST.get("kind", "")
    action = request.POST.get("action", "")
    current = {c.kind: c for c in services.consents_current(edition=edition)}
    if kind not in ConsentKind.values or kind not in current or action not in {"give", "withdraw"}:
        return _render_personal(
            request,
            edition,
            registration,
            token,
            error=_("This consent cannot be changed here."),
            status=400,
        )
    try:
        if action == "withdraw":
            services.consent_withdraw(registration=registration, kind=kind)
        else:
            services.consent_give(registration=registration, consent=current[kind])
    except RegistrationError as exc:
        return _render_personal(
            request, edition, registration, token, error=exc.message, status=400
        )
    done = "consent_withdrawn" if action == "withdraw" else "consent_given"
    return redirect(_personal_path(edition, token, done, anchor="consents"))


@never_cache
@GET_POST
@public_edition_view(cached=False)
@personal_view
def personal_feed_rotate(request, edition, registration, token):
    if request.method == "POST" and registration.state != RegistrationState.CANCELLED:
        services.registration_rotate_feed(registration=registration)
        return redirect(_personal_path(edition, token, "feed", anchor="calendar"))
    return redirect(_personal_path(edition, token, anchor="calendar"))


@never_cache
@GET_POST
@public_edition_view(cached=False)
@personal_view
def offer_accept(request, edition, registration, token, signup_id):
    """The confirm button lives on the personal page; a GET (a link in an e-mail) leads there."""
    if request.method != "POST":
        return redirect(_personal_path(edition, token, anchor="sessions"))
    signup = selectors.signup_of(registration=registration, signup_id=signup_id)
    if signup is None:
        return _invalid_link(request, edition)
    try:
        visit_services.signup_accept_offer(signup=signup)
    except VisitError as exc:
        return _render_personal(
            request, edition, registration, token, error=exc.message, status=409
        )
    return redirect(_personal_path(edition, token, "offer", anchor="sessions"))


@never_cache
@GET_POST
@public_edition_view(cached=False)
@personal_view
def id_data(request, edition, registration, token, signup_id):
    signup = selectors.signup_of(registration=registration, signup_id=signup_id)
    visit = getattr(signup.session, "study_visit", None) if signup else None
    if signup is None or visit is None or not visit.requires_id_data:
        return _invalid_link(request, edition)
    if registration.state == RegistrationState.CANCELLED:
        return redirect(_personal_path(edition, token))
    if request.method == "POST":
        form = forms.IdDataForm(request.POST)
        if form.is_valid():
            from kongres.visits.id_data import id_data_save

            try:
                id_data_save(signup=signup, data=form.cleaned_data)
            except VisitError as exc:
                form.add_error(None, str(exc.message))
            else:
                return redirect(_personal_path(edition, token, "id_data", anchor="sessions"))
    else:
        form = forms.IdDataForm()
    return render(
        request,
        "registration/id_data.html",
        {
            "edition": edition,
            "registration": registration,
            "token": token,
            "signup": signup,
            "visit": visit,
            "has_id_data": hasattr(signup, "id_data"),
            "form": form,
        },
    )


@never_cache
@require_GET
@public_edition_view(cached=False)
def agenda_feed(request, edition, feed):
    """The personal agenda as iCalendar; the address is the secret, so it is never cached."""
    registration = selectors.registration_by_feed(edition=edition, feed=feed)
    if registration is None:
        raise Http404("feed")
    from kongres.registration.calendars import personal_agenda_ics

    body = personal_agenda_ics(registration=registration)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{edition.slug}-agenda.ics"'
    response["X-Robots-Tag"] = NOINDEX
    return response
