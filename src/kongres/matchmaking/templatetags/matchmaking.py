"""Template tags of matchmaking for pages of other apps (the link on the personal page)."""

from django import template

from kongres.matchmaking.selectors import matchmaking_settings

register = template.Library()


@register.simple_tag
def matchmaking_enabled(edition) -> bool:
    """Whether the edition has matchmaking switched on (read fresh: one query)."""
    return bool(matchmaking_settings(edition).enabled)
