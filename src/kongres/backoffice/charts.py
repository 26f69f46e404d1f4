"""Server-side charts: a bar chart as inline SVG, made from plain numbers.

No JavaScript and no inline ``style``: the SVG uses presentation attributes and the classes of
``static/backoffice/dashboard.css``, so the strict Content-Security-Policy holds. Every bar is
a link (to the filtered list behind the figure) with its own accessible name, and the chart has
a ``<title>`` and a ``<desc>``; the page shows the same figures as a table beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Geometry in viewBox units; the CSS scales the whole drawing to the width of its box.
HEIGHT = 220
TOP = 16
BOTTOM = 36  # room for the labels under the bars
LEFT = 44  # room for the scale on the left
RIGHT = 8
SLOT = 16  # width of one bar and its gap
GAP = 3
MIN_WIDTH = 480
MAX_LABELS = 8  # at most this many labels under the bars
MAX_SLOT = 48
LABEL_WIDTH = 40  # room one label under the bars needs


@dataclass(frozen=True)
class Bar:
    label: str  # short text under the bar, e.g. "09-14"
    value: int
    name: str  # what a screen reader and the tooltip say, e.g. "14 Sep 2025: 12 registrations"
    href: str | None = None


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 × 10^k at or above ``value`` (at least 1): the top of the scale."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover (the loop always returns)


def bar_chart(bars: list[Bar], *, chart_id: str, title: str, description: str) -> SafeString:
    """An SVG bar chart of ``bars`` (left to right), every bar a link when it has ``href``."""
    plot_height = HEIGHT - TOP - BOTTOM
    # Few bars are drawn wider (up to MAX_SLOT), so that the chart keeps a readable width.
    slot = min(MAX_SLOT, max(SLOT, (MIN_WIDTH - LEFT - RIGHT) / max(1, len(bars))))
    width = round(LEFT + RIGHT + slot * len(bars))
    top_value = nice_ceiling(max((bar.value for bar in bars), default=0))
    every = max(1, math.ceil(len(bars) / MAX_LABELS), math.ceil(LABEL_WIDTH / slot))

    shapes = []
    for index, bar in enumerate(bars):
        x = round(LEFT + index * slot, 2)
        height = round(plot_height * bar.value / top_value, 2)
        y = round(TOP + plot_height - height, 2)
        rect = format_html(
            '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="#0b3d6e">'
            "<title>{}</title></rect>",
            round(x + GAP / 2, 2),
            y,
            round(slot - GAP, 2),
            height,
            bar.name,
        )
        if bar.href:
            # A zero-height bar is still reachable: a transparent hit area over the full height.
            rect = format_html(
                '<a href="{}" aria-label="{}">'
                '<rect class="hit" x="{}" y="{}" width="{}" height="{}" fill="transparent"/>'
                "{}</a>",
                bar.href,
                bar.name,
                x,
                TOP,
                round(slot, 2),
                plot_height,
                rect,
            )
        shapes.append(rect)
        if index % every == 0:
            shapes.append(
                format_html(
                    '<text class="label" x="{}" y="{}" text-anchor="middle" font-size="10"'
                    ' fill="currentColor" aria-hidden="true">{}</text>',
                    round(x + slot / 2, 2),
                    HEIGHT - BOTTOM + 14,
                    bar.label,
                )
            )

    ticks = [top_value, 0] + ([top_value // 2] if top_value % 2 == 0 else [])
    scale = format_html_join(
        "",
        '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}" stroke="#8a8a8a" stroke-width="0.5"/>'
        '<text class="scale" x="{}" y="{}" text-anchor="end" font-size="10" fill="currentColor"'
        ' aria-hidden="true">{}</text>',
        (
            (LEFT, width - RIGHT, y, y, LEFT - 4, y + 3, value)
            for value in sorted(ticks, reverse=True)
            for y in [round(TOP + plot_height * (1 - value / top_value), 2)]
        ),
    )
    return format_html(
        '<svg class="chart" id="{id}" viewBox="0 0 {w} {h}" width="{w}" height="{h}"'
        ' preserveAspectRatio="xMinYMin meet" role="group"'
        ' aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{scale}{shapes}</svg>",
        id=chart_id,
        w=width,
        h=HEIGHT,
        title=title,
        desc=description,
        scale=scale,
        shapes=SafeString("".join(shapes)),
    )
