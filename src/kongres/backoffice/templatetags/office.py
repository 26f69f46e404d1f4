"""Template tags of the back office: the editions whose dashboard a user may open."""

from django import template

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
