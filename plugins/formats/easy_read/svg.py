"""Load the easy-read pictures and turn them into inline SVG for a page or a PDF.

Pictures are inlined, never linked: a page makes no extra request and the PDF reads no file.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

PICTURES_DIR = Path(__file__).parent / "pictures"

# The drawings use this blue as their accent; it becomes the board's own colour when inlined.
ACCENT = "#1d4f91"

_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_OPENING_TAG = re.compile(r"<svg\b[^>]*>")
_NAMING_ATTRIBUTES = re.compile(r'\s(?:role|aria-label)="[^"]*"')


def picture_ids() -> list[str]:
    """Every picture there is, by id (its file name without `.svg`)."""
    return sorted(path.stem for path in PICTURES_DIR.glob("*.svg"))


@cache
def _source(picture: str) -> str:
    if not re.fullmatch(r"[a-z0-9-]+", picture):
        raise ValueError(f"not a picture id: {picture!r}")
    return (PICTURES_DIR / f"{picture}.svg").read_text(encoding="utf-8")


def inline_svg(picture: str, accent: str = ACCENT) -> str:
    """The picture as an inline `<svg>`, hidden from screen readers because the text beside it
    says the same thing (the inline-SVG form of `alt=""`)."""
    svg = _source(picture).strip()
    opening = _OPENING_TAG.search(svg)
    if opening is None:
        raise ValueError(f"{picture}.svg has no <svg> element")
    tag = _NAMING_ATTRIBUTES.sub("", opening.group(0))
    tag = tag[:-1].rstrip() + ' class="er-svg" aria-hidden="true" focusable="false">'
    svg = svg[: opening.start()] + tag + svg[opening.end() :]
    svg = svg[svg.index("<svg") :]
    if _HEX_COLOUR.fullmatch(accent) and accent.lower() != ACCENT:
        svg = re.sub(re.escape(ACCENT), accent, svg, flags=re.IGNORECASE)
    return svg
