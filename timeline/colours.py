"""Colour contrast as WCAG 2 defines it: pure functions on "#rrggbb" strings.

The lanes' colours mark the chart's points and the list's swatches, on white:
WCAG asks 3:1 for such graphics (1.4.11) and 4.5:1 for text (1.4.3).
"""

from __future__ import annotations

WHITE = "#ffffff"
MIN_LANE_CONTRAST = 3.0  # refused below this (non-text contrast)
GOOD_LANE_CONTRAST = 4.5  # what the seed's lanes keep (text contrast)


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.removeprefix("#")
    if len(value) != 6:
        raise ValueError(f"expected a colour as #rrggbb, got {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of "#rrggbb": 0 for black, 1 for white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 (same) to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
