"""Share cards: the 1200×630 PNG a chat or social app shows for a link.

Drawn on the server with Pillow from plain values (a `Card`): a headline, an
optional line above it, and each side's key milestones side by side.  The
font is DejaVu Sans, bundled in timeline/fonts/ under its licence
(LICENSE-DejaVu.txt), so a card looks the same on every host; should the
files be missing, Pillow's own font draws it instead (plainer, never an
error).  No Django here: the views build the Card and cache the bytes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
INK, MUTED, PAPER, RULE = "#1b1b1f", "#555a63", "#ffffff", "#d9dce1"
SITE = "Space Film Race"


@dataclass(frozen=True)
class CardSide:
    name: str
    colour: str  # "#b3261e"
    lines: tuple[tuple[str, str], ...]  # ("Launch", "5 Oct 2021")


@dataclass(frozen=True)
class Card:
    headline: str
    sides: tuple[CardSide, ...]
    kicker: str = ""  # "As of 6 Oct 2021", "Russia · Launch · 5 Oct 2021"


@cache
def _font(bold: bool, size: int):
    try:
        return ImageFont.truetype(str(BOLD if bold else REGULAR), size)
    except OSError:
        return ImageFont.load_default(size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """`text` in lines no wider than `width`, at most `max_lines` (the last ends in "…")."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    """`text` on one line; "" for none, or for only white space (a name of line separators)."""
    lines = _wrap(draw, text, font, width, 1)
    return lines[0] if lines else ""


def draw_card(card: Card) -> bytes:
    """The card as PNG bytes, 1200×630."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, WIDTH, 10), fill=INK)

    y = 44
    draw.text((MARGIN, y), SITE.upper(), font=_font(True, 24), fill=MUTED)
    if card.kicker:
        kicker = _fit(draw, card.kicker, _font(False, 24), inner - 300)
        draw.text((WIDTH - MARGIN, y), kicker, font=_font(False, 24), fill=MUTED, anchor="ra")
    y += 52

    headline_font = _font(True, 50)
    for line in _wrap(draw, card.headline, headline_font, inner, 3):
        draw.text((MARGIN, y), line, font=headline_font, fill=INK)
        y += 62
    y += 18
    draw.line((MARGIN, y, WIDTH - MARGIN, y), fill=RULE, width=2)
    y += 26

    if card.sides:
        gap = 40
        column = (inner - gap * (len(card.sides) - 1)) // len(card.sides)
        for index, side in enumerate(card.sides):
            _side(draw, side, MARGIN + index * (column + gap), y, column)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _side(draw: ImageDraw.ImageDraw, side: CardSide, x: int, top: int, width: int) -> None:
    name_font, label_font, text_font = _font(True, 30), _font(False, 20), _font(True, 22)
    bottom = HEIGHT - 40
    draw.rectangle((x, top, x + 6, bottom), fill=side.colour or INK)
    left = x + 22
    draw.text((left, top), _fit(draw, side.name, name_font, width - 22), font=name_font, fill=INK)
    y = top + 46
    label_width = 180
    value_width = width - 22 - label_width
    for label, text in side.lines:
        room = (bottom - y) // 30
        if room < 1:
            break
        draw.text((left, y + 2), _fit(draw, label, label_font, label_width - 12), font=label_font, fill=MUTED)
        for line in _wrap(draw, text, text_font, value_width, min(4, room)):
            draw.text((left + label_width, y), line, font=text_font, fill=INK)
            y += 30
        y += 6
