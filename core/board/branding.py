"""A board's branding, resolved through the branding hook, with colours checked for contrast."""

from __future__ import annotations

import dataclasses
import logging

from core.plugin_api import Branding

log = logging.getLogger(__name__)
MIN_CONTRAST = 4.5
FALLBACK = Branding(
    name="", primary_colour="#1d4f91", primary_text_colour="#ffffff", link_colour="#1d4f91"
)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two `#rrggbb` colours (1 to 21)."""
    a, b = luminance(foreground), luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_problems(branding: Branding) -> list[str]:
    """What is wrong with a branding's colours, in words a board admin understands."""
    problems = []
    pairs = (
        ("header text on the header colour", branding.primary_text_colour, branding.primary_colour),
        ("links on a white page", branding.link_colour, "#ffffff"),
    )
    for what, fg, bg in pairs:
        try:
            ratio = contrast_ratio(fg, bg)
        except ValueError:
            problems.append(f"{what}: {fg} or {bg} is not a colour like #1d4f91")
            continue
        if ratio < MIN_CONTRAST:
            problems.append(
                f"{what} has a contrast of {ratio:.1f}:1; it must be at least {MIN_CONTRAST}:1"
            )
    return problems


def safe_branding(branding: Branding, board_name: str) -> Branding:
    """The branding to use: colours that fail contrast are replaced by the defaults, and a logo
    from another site (any branding plugin might offer one) is left out."""
    url = branding.logo_url
    if url and (not url.startswith("/") or url.startswith("//")):
        log.warning("branding for %s: a logo from another site was left out", board_name)
        branding = dataclasses.replace(branding, logo_url="")
    problems = contrast_problems(branding)
    if problems:
        log.warning("branding for %s refused: %s", board_name, "; ".join(problems))
        return dataclasses.replace(
            branding,
            name=branding.name or board_name,
            primary_colour=FALLBACK.primary_colour,
            primary_text_colour=FALLBACK.primary_text_colour,
            link_colour=FALLBACK.link_colour,
        )
    return branding
