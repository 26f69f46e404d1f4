"""Badge geometry: where every piece of a badge goes. Pure Python, no Django, no PDF library.

    from kongres.onsite.badges.layout import BadgeSpec, badge_ops, sheet_slots, STOCKS
    ops = badge_ops(BadgeSpec(...), STOCKS["a6"], width_of)

A badge is described as a list of drawing operations (``Band``, ``Text``, ``Qr``) in points,
with the origin at the badge's lower left corner. The PDF renderer only carries them out, so
everything that decides how a badge looks (sizes, shrinking, wrapping, colours) lives here and
is tested without drawing anything.

Text is measured by a callable ``width_of(text, bold, size) -> points`` that the caller
passes (the renderer measures in the embedded font). Long names and organisations first
shrink down to a minimum size, then wrap onto a second line, and only then are they cut with
an ellipsis; a name is never silently clipped at the badge's edge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)

WidthOf = Callable[[str, bool, float], float]


@dataclass(frozen=True)
class Stock:
    """A kind of badge paper: the size of one badge in points, portrait or landscape."""

    key: str
    width: float
    height: float
    margin: float
    qr_size: float
    name_max: float  # font sizes in points
    name_min: float
    org_max: float
    org_min: float
    band_height: float


STOCKS = {
    # A6 portrait: the usual badge in a plastic sleeve on a lanyard.
    "a6": Stock(
        key="a6",
        width=105 * MM,
        height=148 * MM,
        margin=7 * MM,
        qr_size=32 * MM,
        name_max=30,
        name_min=16,
        org_max=15,
        org_min=9,
        band_height=18 * MM,
    ),
    # 90 x 55 mm card stock, landscape: a business-card sized badge.
    "card": Stock(
        key="card",
        width=90 * MM,
        height=55 * MM,
        margin=4 * MM,
        qr_size=22 * MM,
        name_max=17,
        name_min=9,
        org_max=9,
        org_min=6,
        band_height=9 * MM,
    ),
}


@dataclass(frozen=True)
class BadgeSpec:
    """What one badge shows; strings exactly as the participant typed them."""

    first_name: str
    last_name: str
    organisation: str
    category: str
    colour: str  # "#rrggbb"
    event: str
    qr: str  # the ticket's signed token
    extra: str = ""  # a small line under the event name (dates, city)


@dataclass(frozen=True)
class Band:
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Text:
    x: float  # left edge for "left", centre for "centre"
    y: float  # baseline
    text: str
    size: float
    bold: bool = False
    colour: str = "#1b2a41"
    align: str = "left"


@dataclass(frozen=True)
class Qr:
    x: float
    y: float
    size: float
    value: str


@dataclass(frozen=True)
class Fitted:
    lines: list[str]
    size: float
    cut: bool = False  # an ellipsis had to be added


@dataclass(frozen=True)
class Slot:
    """Where a badge's lower left corner goes on a page, and whether to draw cut marks."""

    x: float
    y: float


@dataclass(frozen=True)
class Sheet:
    width: float
    height: float
    slots: list[Slot] = field(default_factory=list)
    cut_marks: bool = False


ELLIPSIS = "…"
INK = "#1b2a41"
MUTED = "#5b6675"


def _split_words(text: str, width_of: WidthOf, bold: bool, size: float, width: float):
    """Greedy wrap on spaces (and after hyphens); a word longer than a line stays whole."""
    words = []
    for word in text.split():
        parts = word.split("-")
        words.extend(f"{part}-" for part in parts[:-1])
        words.append(parts[-1])
    lines: list[str] = []
    current = ""
    for word in words:
        glue = "" if current.endswith("-") or not current else " "
        candidate = f"{current}{glue}{word}"
        if current and width_of(candidate, bold, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _cut(text: str, width_of: WidthOf, bold: bool, size: float, width: float) -> str:
    if width_of(text, bold, size) <= width:
        return text
    while text and width_of(text.rstrip() + ELLIPSIS, bold, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def fit_text(
    text: str,
    width_of: WidthOf,
    *,
    width: float,
    max_size: float,
    min_size: float,
    max_lines: int = 2,
    bold: bool = False,
    step: float = 0.5,
) -> Fitted:
    """The largest size at which ``text`` fits ``width`` on one line, else wrapped, else cut.

    Order of preference: one line at the largest size down to ``min_size``; then up to
    ``max_lines`` lines, again from the largest size down; then ``max_lines`` lines at
    ``min_size`` with the last line cut with an ellipsis.
    """
    text = " ".join(text.split())
    if not text:
        return Fitted([], max_size)
    size = max_size
    while size >= min_size:
        if width_of(text, bold, size) <= width:
            return Fitted([text], size)
        size -= step
    if max_lines > 1:
        size = max_size
        while size >= min_size:
            lines = _split_words(text, width_of, bold, size, width)
            if len(lines) <= max_lines and all(width_of(ln, bold, size) <= width for ln in lines):
                return Fitted(lines, size)
            size -= step
    lines = _split_words(text, width_of, bold, min_size, width)
    kept = lines[:max_lines]
    rest = " ".join(lines[max_lines - 1 :])
    kept[-1] = _cut(rest, width_of, bold, min_size, width)
    kept = [_cut(line, width_of, bold, min_size, width) for line in kept]
    return Fitted(kept, min_size, cut=True)


def text_colour_on(background: str) -> str:
    """White or dark ink, whichever reads better on ``background`` (WCAG relative luminance)."""
    value = background.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    try:
        channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    except ValueError:
        return "#ffffff"

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in channels)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # Contrast against white vs against near-black ink; pick the higher.
    against_white = 1.05 / (luminance + 0.05)
    against_ink = (luminance + 0.05) / (0.0247 + 0.05)
    return "#ffffff" if against_white >= against_ink else INK


def badge_ops(spec: BadgeSpec, stock: Stock, width_of: WidthOf) -> list[Band | Text | Qr]:
    """Everything drawn on one badge, in drawing order."""
    if stock.key == "card":
        return _card_ops(spec, stock, width_of)
    return _a6_ops(spec, stock, width_of)


def _stack(
    ops: list, fitted: Fitted, *, x: float, top: float, bold: bool, colour: str, align="left"
) -> float:
    """Draws ``fitted`` lines downwards from ``top``; returns the new top."""
    for line in fitted.lines:
        top -= fitted.size
        ops.append(Text(x, top, line, fitted.size, bold=bold, colour=colour, align=align))
        top -= fitted.size * 0.22
    return top


def _band(ops: list, spec: BadgeSpec, stock: Stock, width_of: WidthOf) -> None:
    ops.append(Band(0, 0, stock.width, stock.band_height, spec.colour))
    ink = text_colour_on(spec.colour)
    size_max = stock.band_height * 0.45
    fitted = fit_text(
        spec.category.upper(),
        width_of,
        width=stock.width - 2 * stock.margin,
        max_size=size_max,
        min_size=min(6.0, size_max),
        max_lines=1,
        bold=True,
    )
    if fitted.lines:
        baseline = (stock.band_height - fitted.size * 0.72) / 2
        ops.append(
            Text(stock.width / 2, baseline, fitted.lines[0], fitted.size, True, ink, "centre")
        )


def _a6_ops(spec: BadgeSpec, stock: Stock, width_of: WidthOf) -> list:
    ops: list = []
    inner = stock.width - 2 * stock.margin
    centre = stock.width / 2
    top = stock.height - stock.margin
    # The event at the top, small.
    event = fit_text(spec.event, width_of, width=inner, max_size=10, min_size=7, bold=True)
    top = _stack(ops, event, x=centre, top=top, bold=True, colour=MUTED, align="centre")
    if spec.extra:
        extra = fit_text(spec.extra, width_of, width=inner, max_size=8, min_size=6, max_lines=1)
        top = _stack(ops, extra, x=centre, top=top, bold=False, colour=MUTED, align="centre")
    top -= 8 * MM
    # The name: first name and surname on their own lines, the same size, as large as fits.
    first = fit_text(
        spec.first_name,
        width_of,
        width=inner,
        max_size=stock.name_max,
        min_size=stock.name_min,
        bold=True,
    )
    last = fit_text(
        spec.last_name,
        width_of,
        width=inner,
        max_size=stock.name_max,
        min_size=stock.name_min,
        bold=True,
    )
    size = min(first.size, last.size)
    if first.size != size and len(first.lines) == 1:
        first = Fitted(first.lines, size, first.cut)
    if last.size != size and len(last.lines) == 1:
        last = Fitted(last.lines, size, last.cut)
    top = _stack(ops, first, x=centre, top=top, bold=True, colour=INK, align="centre")
    top = _stack(ops, last, x=centre, top=top, bold=True, colour=INK, align="centre")
    top -= 3 * MM
    org = fit_text(
        spec.organisation,
        width_of,
        width=inner,
        max_size=stock.org_max,
        min_size=stock.org_min,
        max_lines=3,
    )
    _stack(ops, org, x=centre, top=top, bold=False, colour=INK, align="centre")
    # The QR code centred above the band.
    ops.append(
        Qr(
            centre - stock.qr_size / 2,
            stock.band_height + 4 * MM,
            stock.qr_size,
            spec.qr,
        )
    )
    _band(ops, spec, stock, width_of)
    return ops


def _card_ops(spec: BadgeSpec, stock: Stock, width_of: WidthOf) -> list:
    ops: list = []
    qr_x = stock.width - stock.margin - stock.qr_size
    inner = qr_x - 2 * MM - stock.margin
    x = stock.margin
    top = stock.height - stock.margin
    event = fit_text(
        spec.event, width_of, width=inner, max_size=7, min_size=5.5, max_lines=1, bold=True
    )
    top = _stack(ops, event, x=x, top=top, bold=True, colour=MUTED)
    top -= 2.5 * MM
    name = fit_text(
        f"{spec.first_name} {spec.last_name}",
        width_of,
        width=inner,
        max_size=stock.name_max,
        min_size=stock.name_min,
        bold=True,
    )
    top = _stack(ops, name, x=x, top=top, bold=True, colour=INK)
    top -= 1 * MM
    org = fit_text(
        spec.organisation, width_of, width=inner, max_size=stock.org_max, min_size=stock.org_min
    )
    _stack(ops, org, x=x, top=top, bold=False, colour=INK)
    ops.append(
        Qr(
            qr_x,
            stock.height - stock.margin - stock.qr_size,
            stock.qr_size,
            spec.qr,
        )
    )
    _band(ops, spec, stock, width_of)
    return ops


def sheet_for(stock: Stock, *, two_per_sheet: bool) -> Sheet:
    """The page a badge is printed on: the badge's own size, or two badges on one A4 page.

    Two per sheet: the badges are stacked, centred on a portrait A4 page with a gap between
    them (none when they would not fit otherwise), and cut marks are drawn at their corners.
    """
    if not two_per_sheet:
        return Sheet(stock.width, stock.height, [Slot(0, 0)], cut_marks=False)
    page_w, page_h = A4
    gap = min(10 * MM, max(0.0, page_h - 2 * stock.height))
    x = (page_w - stock.width) / 2
    bottom = (page_h - 2 * stock.height - gap) / 2
    return Sheet(
        page_w,
        page_h,
        [Slot(x, bottom + stock.height + gap), Slot(x, bottom)],
        cut_marks=True,
    )


def cut_marks(sheet: Sheet, stock: Stock, length: float = 4 * MM) -> list[tuple]:
    """Short lines outside each badge's corners: ``(x1, y1, x2, y2)`` in page points."""
    lines = []
    for slot in sheet.slots:
        for cx in (slot.x, slot.x + stock.width):
            for cy in (slot.y, slot.y + stock.height):
                dx = -1 if cx == slot.x else 1
                dy = -1 if cy == slot.y else 1
                lines.append((cx + dx * 1 * MM, cy, cx + dx * (1 * MM + length), cy))
                lines.append((cx, cy + dy * 1 * MM, cx, cy + dy * (1 * MM + length)))
    return [
        line
        for line in lines
        if all(0 <= v <= sheet.width for v in line[0::2])
        and all(0 <= v <= sheet.height for v in line[1::2])
    ]
