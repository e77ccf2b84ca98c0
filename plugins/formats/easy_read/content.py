"""The easy-read leaflet as data: parts of points, each a picture and a few short lines.

Lines are templates: `**word**` is bold, `{board}`, `{who}`, `{months}` and `{agencies}` are
filled from the board, and `{phone}` and `{email}` become links. A line whose placeholder the board
left empty is dropped, and so is a point with no lines left or without a value it `needs`.

Every line is written in English and marked with `er(...)`, which extraction files under the
message context "easy read" (see `extract.py`), so an easy-read line never shares a translation
with the same words in the ordinary leaflet. A leaflet is filled in one locale with the board's
gettext for it. Outside English a line without a translation is an error, never English in the
middle of another language: `untranslated` lists such lines, and the format is offered in a locale
only where that list is empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from core.plugin_api import ContactBlock, TenantView
from plugins.frameworks.common.agencies import agency_names, join_names

# The message context of every easy-read line (gettext's msgctxt), and how a catalog keys it.
CONTEXT = "easy read"
_CONTEXT_KEY = CONTEXT + "\x04"

Gettext = Callable[[str], str]


def er(text: str) -> str:
    """Marks an easy-read line for extraction under the context "easy read"; returns it unchanged."""
    return text


def no_catalog(message: str) -> str:
    """gettext where there is no catalog: every message as it is written (English)."""
    return message


@dataclass(frozen=True)
class Point:
    """One idea: a picture (a file name in `pictures/`, without `.svg`) and 1–3 short lines.

    `needs` names values without which the whole point is left out, not just the line using them.
    """

    picture: str
    lines: tuple[str, ...]
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """A titled group of points, shown under its own heading."""

    heading: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class EasyRead:
    """The easy-read leaflet for one kind of review, before a board's details are filled in."""

    title: str
    subtitle: str
    parts: tuple[Part, ...]

    def messages(self) -> Iterator[str]:
        """Every line of the leaflet, headings included, in reading order."""
        yield self.title
        yield self.subtitle
        for part in self.parts:
            yield part.heading
            for point in part.points:
                yield from point.lines


# The words around the leaflet: the PDF's title and page numbers, and who to phone when the board
# names no role. Translated like the lines, and needed like them.
# NOTE: The title of the easy-read PDF, as a reader's PDF viewer shows it: {title} is the
# leaflet's title ("Serious Case Review"), {board} the board's name. Keep both placeholders.
DOCUMENT_TITLE = er("{title}: easy read – {board}")
# NOTE: At the foot of each page of the easy-read PDF: "Page 2 of 5". Keep {page} and {pages}.
PAGE_NUMBER = er("Page {page} of {pages}")
# NOTE: Fills {who} in "You can phone {who}:" when the board names no contact role; say "our
# team" in the form that sentence needs.
NOBODY_NAMED = er("us")
CHROME = (DOCUMENT_TITLE, PAGE_NUMBER, NOBODY_NAMED)


@dataclass(frozen=True)
class Span:
    """A run of text in a filled-in line: plain, bold, or a link."""

    kind: Literal["text", "bold", "link"]
    text: str
    href: str = ""


Line = tuple[Span, ...]


@dataclass(frozen=True)
class FilledPoint:
    picture: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class FilledPart:
    heading: str
    points: tuple[FilledPoint, ...]


@dataclass(frozen=True)
class FilledEasyRead:
    """The easy-read leaflet with one board's details in it, in one locale, ready to render.

    `document_title` is the PDF's title; `page_number` still holds `{page}` and `{pages}`.
    """

    title: str
    subtitle: str
    board_name: str
    parts: tuple[FilledPart, ...]
    locale: str = "en"
    direction: Literal["ltr", "rtl"] = "ltr"
    document_title: str = ""
    page_number: str = "Page {page} of {pages}"

    @property
    def points(self) -> tuple[FilledPoint, ...]:
        return tuple(point for part in self.parts for point in part.points)


_TOKEN = re.compile(r"(\*\*.+?\*\*|\{phone\}|\{email\})")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def translation(text: str, gettext: Gettext) -> str | None:
    """The catalog's translation of an easy-read line, or None when it has none that keeps the
    line's placeholders and bold marks (a translation that lost one could not be filled in)."""
    key = _CONTEXT_KEY + text
    found = gettext(key)
    if found == key or not found.strip():
        return None
    if sorted(_PLACEHOLDER.findall(found)) != sorted(_PLACEHOLDER.findall(text)):
        return None
    if found.count("**") != text.count("**"):
        return None
    return found


def untranslated(leaflet: EasyRead, locale: str, gettext: Gettext) -> list[str]:
    """The lines of `leaflet` and of the words around it that have no translation in `locale`."""
    if locale == "en":
        return []
    wanted = dict.fromkeys([*leaflet.messages(), *CHROME])
    return [text for text in wanted if translation(text, gettext) is None]


class Untranslated(LookupError):
    """The leaflet was asked for in a locale where some of its lines have no translation."""


def _translator(locale: str, gettext: Gettext) -> Callable[[str], str]:
    def translate(text: str) -> str:
        found = translation(text, gettext)
        if found is not None:
            return found
        if locale == "en":
            return text
        raise Untranslated(f"an easy-read line has no {locale} translation: {text!r}")

    return translate


# In English the easy read names each agency in its own words ("the Police"); in every other
# language it uses the names the ordinary leaflet's catalog gives them.
AGENCY_NAMES = {
    "childrens-social-care": "Children's Social Care",
    "adult-social-care": "Adult Social Care",
    "health": "Health",
    "police": "the Police",
    "education": "Education",
    "probation": "Probation",
    "housing": "Housing",
    "youth-justice": "Youth Justice",
}
DEFAULT_PANEL = ("childrens-social-care", "health", "police")


def _agencies(tenant: TenantView, locale: str, gettext: Gettext) -> str:
    """The board's panel named and joined as the locale writes a list; a key we do not know is
    shown as the board wrote it, made readable."""
    names = AGENCY_NAMES if locale == "en" else agency_names(gettext)
    keys = [a.strip() for a in tenant.panel_agencies if a.strip()] or list(DEFAULT_PANEL)
    return join_names(
        [names.get(key) or key.replace("-", " ").capitalize() for key in keys], locale
    )


def _values(tenant: TenantView, locale: str, gettext: Gettext) -> dict[str, str]:
    translate = _translator(locale, gettext)
    role = tenant.contact_role.strip()
    if locale == "en" and role and not role.lower().startswith("the "):
        role = "the " + role
    return {
        "board": tenant.name,
        "who": role or translate(NOBODY_NAMED),
        "months": str(tenant.target_months) if tenant.target_months > 0 else "",
        "agencies": _agencies(tenant, locale, gettext),
        "phone": tenant.contact_phone.strip(),
        "email": tenant.contact_email.strip(),
    }


def _fill_line(template: str, values: dict[str, str]) -> Line | None:
    names = _PLACEHOLDER.findall(template)
    if any(not values.get(name) for name in names):
        return None
    spans: list[Span] = []
    for piece in _TOKEN.split(template):
        if not piece:
            continue
        if piece == "{phone}":
            phone = values["phone"]
            tel = ContactBlock(heading="", organisation="", phone=phone).tel_href
            spans.append(Span("link", phone, tel))
        elif piece == "{email}":
            spans.append(Span("link", values["email"], "mailto:" + values["email"]))
        elif piece.startswith("**") and piece.endswith("**"):
            spans.append(Span("bold", piece[2:-2].format_map(values)))
        else:
            spans.append(Span("text", piece.format_map(values)))
    return tuple(spans)


def fill(
    leaflet: EasyRead,
    tenant: TenantView,
    locale: str = "en",
    gettext: Gettext = no_catalog,
    direction: Literal["ltr", "rtl"] = "ltr",
) -> FilledEasyRead:
    """Put one board's name and contact details into an easy-read leaflet, in `locale`.

    Raises `Untranslated` outside English if a line has no translation (see `untranslated`)."""
    translate = _translator(locale, gettext)
    values = _values(tenant, locale, gettext)
    parts: list[FilledPart] = []
    for part in leaflet.parts:
        points: list[FilledPoint] = []
        for point in part.points:
            if any(not values.get(name) for name in point.needs):
                continue
            lines = tuple(
                line
                for line in (_fill_line(translate(t), values) for t in point.lines)
                if line is not None
            )
            if lines:
                points.append(FilledPoint(point.picture, lines))
        if points:
            parts.append(FilledPart(translate(part.heading), tuple(points)))
    title = translate(leaflet.title)
    return FilledEasyRead(
        title=title,
        subtitle=translate(leaflet.subtitle),
        board_name=tenant.name,
        parts=tuple(parts),
        locale=locale,
        direction=direction,
        document_title=translate(DOCUMENT_TITLE).format(title=title, board=tenant.name),
        page_number=translate(PAGE_NUMBER),
    )
