"""Lays translated braille out in pages of 40 cells by 25 lines, as a `.brf` embosser file.

Layout follows the usual North American conventions: centred headings with a blank line before,
paragraphs in 3-1 (first line indented two cells), list items and contact lines in 1-3 (runover
lines indented two cells), the braille page number at the right of line 25. Lines end CR LF and a
form feed separates pages, which is what embossers and braille notetakers expect.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Literal

CELLS = 40
LINES = 25
TEXT_LINES = LINES - 1  # line 25 carries the page number
NEWLINE = "\r\n"
FORM_FEED = "\f"

Kind = Literal["centred", "paragraph", "item", "address", "blank"]


@dataclass(frozen=True)
class Line:
    """One logical line of the leaflet: its kind decides indentation, `text` is braille ASCII."""

    kind: str  # one of Kind
    text: str = ""


def braille_number(number: int) -> str:
    """A page number in braille ASCII: the number sign, then digits written as letters a-j."""
    return "#" + "".join("JABCDEFGHI"[int(d)] for d in str(number))


def fill(text: str, first: int, rest: int) -> list[str]:
    """Break braille `text` at spaces into lines of CELLS cells, indents counted in cells.

    A braille word longer than a whole line (an address) is cut at the margin: there is nowhere
    else it can go.
    """
    lines: list[str] = []
    words = deque(text.split())
    indent, current = first, list[str]()
    while words:
        word = words.popleft()
        used = indent + len(" ".join(current))
        if used + len(word) + (1 if current else 0) <= CELLS:
            current.append(word)
            continue
        if current:
            lines.append(" " * indent + " ".join(current))
            current = []
            words.appendleft(word)
        else:
            room = CELLS - indent
            lines.append(" " * indent + word[:room])
            words.appendleft(word[room:])
        indent = rest
    if current:
        lines.append(" " * indent + " ".join(current))
    return lines


def layout(line: Line) -> list[str]:
    if line.kind == "blank":
        return [""]
    if line.kind == "centred":
        return [row.strip().center(CELLS).rstrip() for row in fill(line.text, 0, 0)]
    if line.kind == "paragraph":
        return fill(line.text, 2, 0)
    if line.kind == "address":
        return fill(line.text, 2, 2)
    return fill(line.text, 0, 2)


def paginate(lines: list[Line]) -> str:
    """The whole `.brf`: pages of TEXT_LINES lines of text and a numbered line 25."""
    pages: list[list[str]] = [[]]
    for line in lines:
        rows = layout(line)
        page = pages[-1]
        if line.kind == "blank":
            if page and len(page) < TEXT_LINES:
                page.append("")
            continue
        # A heading keeps its first following line with it on the same page.
        if line.kind == "centred" and page and len(page) + len(rows) + 1 > TEXT_LINES:
            pages.append([])
        for row in rows:
            if len(pages[-1]) == TEXT_LINES:
                pages.append([])
            pages[-1].append(row)
    return FORM_FEED.join(page_text(rows, number) for number, rows in enumerate(pages, start=1))


def page_text(rows: list[str], number: int) -> str:
    while rows and not rows[-1]:
        rows = rows[:-1]
    padded = rows + [""] * (TEXT_LINES - len(rows))
    padded.append(braille_number(number).rjust(CELLS))
    return "".join(row.rstrip() + NEWLINE for row in padded)
