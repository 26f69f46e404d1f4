"""Template helpers of the public site."""

import json

from django import template
from django.conf import settings
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could close a <script> element or start HTML inside it.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data) -> str:
    """Render schema.org data as a JSON-LD script element, safe against markup injection."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page in every language: swap the language prefix, keep path and query."""
    request = context["request"]
    current = context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE
    path = request.get_full_path()
    codes = [code for code, _name in settings.LANGUAGES]
    rest = path
    for code in codes:
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            rest = path[len(code) + 1 :]
            break
    links = []
    for code, name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": name,
                "url": f"/{code}{rest if rest.startswith('/') else '/' + rest}",
                "current": code == current,
            }
        )
    return links


@register.filter
def date_range(start, end) -> str:
    """29–30 października 2025; 31 października – 2 listopada 2025; one day alone."""
    if not start:
        return ""
    if not end or end == start:
        return date_format(start, "j E Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j E Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j E')} – {date_format(end, 'j E Y')}"
    return f"{date_format(start, 'j E Y')} – {date_format(end, 'j E Y')}"
