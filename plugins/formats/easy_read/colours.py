"""Pick colours from a board's branding that keep text readable (WCAG 2.2 AA, 4.5:1).

A board's colour that would make text too faint is swapped for near-black, never used as it is.
"""

from __future__ import annotations

import re

from core.plugin_api import Branding

INK = "#1b1b1b"
WHITE = "#ffffff"
_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def _rgb(colour: str) -> tuple[float, float, float]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def _luminance(colour: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two hex colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_colour(value: str) -> bool:
    return bool(_HEX_COLOUR.fullmatch(value))


def readable_on_white(colour: str) -> str:
    """`colour` if text in it is readable on white, otherwise near-black."""
    return colour if is_colour(colour) and contrast(colour, WHITE) >= 4.5 else INK


def banner_colours(branding: Branding) -> tuple[str, str]:
    """Background and text colour for the title banner: the board's pair if readable."""
    background, text = branding.primary_colour, branding.primary_text_colour
    if is_colour(background) and is_colour(text) and contrast(background, text) >= 4.5:
        return background, text
    return INK, WHITE
