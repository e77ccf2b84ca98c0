"""Wrapping by what a reader sees: columns of display width, breaking only between words.

`textwrap` counts code points, so a Bengali or Arabic line full of combining vowel signs and
harakat wraps long before the margin; here combining marks and format characters take no column.
"""

from __future__ import annotations

import unicodedata

ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})


def display_width(text: str) -> int:
    width = 0
    for char in text:
        if unicodedata.category(char) in ZERO_WIDTH_CATEGORIES:
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def wrap(text: str, width: int, *, indent: str = "", hanging: str = "") -> list[str]:
    """Fill `text` into lines no wider than `width`, first line prefixed by `indent`, the rest by
    `hanging`. A single word wider than the line (a long address) is kept whole on its own line."""
    lines: list[str] = []
    current = indent
    current_width = display_width(indent)
    empty = True
    for word in text.split():
        word_width = display_width(word)
        if not empty and current_width + 1 + word_width > width:
            lines.append(current)
            current, current_width, empty = hanging, display_width(hanging), True
        if empty:
            current += word
            current_width += word_width
            empty = False
        else:
            current += " " + word
            current_width += 1 + word_width
    if not empty:
        lines.append(current)
    return lines
