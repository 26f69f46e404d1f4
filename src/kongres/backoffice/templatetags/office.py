"""Template tags of the back office: the editions whose dashboard a user may open."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from kongres.events.selectors import team_editions_with_permission

register = template.Library()

DASHBOARD_KEYS = ("event.reports:read", "event.registrations:read")


@register.simple_tag
def office_editions(user) -> list:
    """Editions in which ``user`` may open the dashboard, newest first."""
    editions = {}
    for key in DASHBOARD_KEYS:
        for edition in team_editions_with_permission(user=user, key=key):
            editions[edition.pk] = edition
    return sorted(
        editions.values(), key=lambda edition: (edition.start_date, edition.pk), reverse=True
    )


@register.inclusion_tag("backoffice/_nav.html", takes_context=True)
def office_nav(context, edition) -> dict:
    """The pages of one edition's back office that the signed-in user may open."""
    request = context["request"]
    held = getattr(request, "edition_permissions", frozenset())
    pages = [
        (DASHBOARD_KEYS, _("Dashboard"), reverse("backoffice:dashboard", args=[edition.pk])),
        (
            ("event.registrations:read",),
            _("Registrations"),
            reverse("admin:registration_registration_changelist")
            + f"?edition__id__exact={edition.pk}",
        ),
        (
            ("event.mail:send",),
            _("Bulk e-mail"),
            reverse("backoffice:mail_list", args=[edition.pk]),
        ),
        (
            ("event.matchmaking:write",),
            _("Meeting scheduler"),
            reverse("admin:matchmaking_scheduler", args=[edition.pk]),
        ),
        (("event.audit:read",), _("Audit log"), reverse("backoffice:audit", args=[edition.pk])),
    ]
    return {
        "links": [
            {"label": label, "url": url, "current": request.path == url.split("?")[0]}
            for keys, label, url in pages
            if held.intersection(keys)
        ]
    }
