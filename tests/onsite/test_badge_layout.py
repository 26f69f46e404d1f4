"""Badge geometry: text fitting, bounds, colours, QR position, sheets."""

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from kongres.onsite.badges.layout import (
    A4,
    MM,
    STOCKS,
    BadgeSpec,
    Band,
    Qr,
    Text,
    badge_ops,
    cut_marks,
    fit_text,
    sheet_for,
    text_colour_on,
)

pytestmark = pytest.mark.unit


def width_of(text, bold, size):
    """Helvetica metrics: the layout takes any measuring function."""
    return stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", size)


def spec(**changes):
    values = {
        "first_name": "Anna",
        "last_name": "Nowak",
        "organisation": "Lubuski Klaster Metalowy",
        "category": "Uczestnik",
        "colour": "#0b6e4f",
        "event": "XI Kongres Klastrów Polskich",
        "qr": "token",
    }
    values.update(changes)
    return BadgeSpec(**values)


def _texts(ops):
    return [op for op in ops if isinstance(op, Text)]


def _left_right(op):
    width = width_of(op.text, op.bold, op.size)
    left = op.x - width / 2 if op.align == "centre" else op.x
    return left, left + width


def test_fit_text_short_text_keeps_the_largest_size():
    fitted = fit_text("Anna", width_of, width=200, max_size=30, min_size=16)

    assert fitted.lines == ["Anna"]
    assert fitted.size == 30
    assert not fitted.cut


def test_fit_text_long_text_shrinks_before_wrapping():
    text = "Konstantynopolitańczykowianeczka"
    one_line_at_30 = width_of(text, True, 30)
    width = one_line_at_30 * 0.8

    fitted = fit_text(text, width_of, width=width, max_size=30, min_size=16, bold=True)

    assert fitted.lines == [text]
    assert 16 <= fitted.size < 30
    assert width_of(text, True, fitted.size) <= width


def test_fit_text_wraps_when_shrinking_is_not_enough():
    text = "Stowarzyszenie Klaster Innowacyjnych Technologii Województwa Lubuskiego"

    fitted = fit_text(text, width_of, width=200, max_size=15, min_size=9, max_lines=3)

    assert len(fitted.lines) > 1
    assert " ".join(fitted.lines) == text
    assert all(width_of(line, False, fitted.size) <= 200 for line in fitted.lines)
    assert not fitted.cut


def test_fit_text_wraps_double_surnames_after_the_hyphen():
    text = "Brzęczyszczykiewicz-Grzegrzółkowska"

    fitted = fit_text(text, width_of, width=230, max_size=30, min_size=16, bold=True)

    assert fitted.lines == ["Brzęczyszczykiewicz-", "Grzegrzółkowska"]


def test_fit_text_cuts_with_an_ellipsis_only_as_a_last_resort():
    text = "Bardzo " * 40

    fitted = fit_text(text, width_of, width=100, max_size=12, min_size=8, max_lines=2)

    assert fitted.cut
    assert len(fitted.lines) == 2
    assert fitted.lines[-1].endswith("…")
    assert fitted.size == 8
    assert all(width_of(line, False, 8) <= 100 for line in fitted.lines)


def test_fit_text_empty_gives_no_lines():
    assert fit_text("   ", width_of, width=100, max_size=12, min_size=8).lines == []


@pytest.mark.parametrize("stock", ["a6", "card"])
@pytest.mark.parametrize(
    "person",
    [
        {},
        {
            "first_name": "Małgorzata-Katarzyna",
            "last_name": "Brzęczyszczykiewicz-Grzegrzółkowska",
            "organisation": "Stowarzyszenie Klaster Innowacyjnych Technologii Przemysłowych "
            "i Energetyki Odnawialnej Województwa Kujawsko-Pomorskiego sp. z o.o.",
            "category": "Przedstawiciel administracji publicznej",
        },
    ],
)
def test_badge_ops_every_piece_stays_inside_the_badge(stock, person):
    stock = STOCKS[stock]

    ops = badge_ops(spec(**person), stock, width_of)

    for op in _texts(ops):
        left, right = _left_right(op)
        assert left >= stock.margin - 0.01 or op.y < stock.band_height, op
        assert right <= stock.width - stock.margin + 0.01, op
        assert 0 < op.y < stock.height - stock.margin, op
    (qr,) = [op for op in ops if isinstance(op, Qr)]
    assert qr.x >= 0
    assert qr.x + qr.size <= stock.width
    assert qr.y >= stock.band_height
    assert qr.y + qr.size <= stock.height
    assert qr.value == "token"


@pytest.mark.parametrize("stock", ["a6", "card"])
def test_badge_ops_text_does_not_overlap_the_qr_code(stock):
    stock = STOCKS[stock]
    long = spec(organisation="Klaster " * 12, first_name="Aleksandra", last_name="Wiśniewska")

    ops = badge_ops(long, stock, width_of)

    (qr,) = [op for op in ops if isinstance(op, Qr)]
    for op in _texts(ops):
        if op.y < stock.band_height:
            continue  # the category inside the band
        left, right = _left_right(op)
        overlaps_x = left < qr.x + qr.size and right > qr.x
        overlaps_y = op.y + op.size * 0.8 > qr.y and op.y - op.size * 0.25 < qr.y + qr.size
        assert not (overlaps_x and overlaps_y), op


def test_badge_ops_name_is_drawn_whole_on_a6():
    ops = badge_ops(spec(first_name="Żaneta", last_name="Łukasiewicz"), STOCKS["a6"], width_of)

    texts = [op.text for op in _texts(ops)]

    assert "Żaneta" in texts
    assert "Łukasiewicz" in texts
    assert "UCZESTNIK" in texts


def test_badge_ops_band_has_the_category_colour_and_readable_text():
    dark = badge_ops(spec(colour="#1b2a41"), STOCKS["a6"], width_of)
    light = badge_ops(spec(colour="#f6d55c"), STOCKS["a6"], width_of)

    (band,) = [op for op in dark if isinstance(op, Band)]
    assert band.colour == "#1b2a41"
    assert (band.x, band.y, band.width) == (0, 0, STOCKS["a6"].width)
    assert _texts(dark)[-1].colour == "#ffffff"
    assert _texts(light)[-1].colour == "#1b2a41"


def test_text_colour_on_picks_contrast():
    assert text_colour_on("#000000") == "#ffffff"
    assert text_colour_on("#ffffff") == "#1b2a41"
    assert text_colour_on("#fff") == "#1b2a41"
    assert text_colour_on("nonsense") == "#ffffff"


def test_sheet_for_single_badge_is_the_badge_size():
    sheet = sheet_for(STOCKS["card"], two_per_sheet=False)

    assert (round(sheet.width / MM), round(sheet.height / MM)) == (90, 55)
    assert len(sheet.slots) == 1
    assert not sheet.cut_marks


@pytest.mark.parametrize("stock", ["a6", "card"])
def test_sheet_for_two_per_a4_fit_without_overlap(stock):
    stock = STOCKS[stock]

    sheet = sheet_for(stock, two_per_sheet=True)

    assert (sheet.width, sheet.height) == A4
    top, bottom = sheet.slots
    assert bottom.y >= 0
    assert bottom.y + stock.height <= top.y
    assert top.y + stock.height <= sheet.height + 0.01
    assert top.x == bottom.x == (A4[0] - stock.width) / 2
    marks = cut_marks(sheet, stock)
    assert marks
    for x1, y1, x2, y2 in marks:
        assert min(x1, x2) >= 0
        assert max(x1, x2) <= sheet.width
        assert min(y1, y2) >= 0
        assert max(y1, y2) <= sheet.height
