"""The easy-read leaflet as data: parts of points, each a picture and a few short lines.

Lines are templates: `**word**` is bold, `{board}`, `{who}`, `{months}` and `{agencies}` are
filled from the board, and `{phone}` and `{email}` become links. A line whose placeholder the board
left empty is dropped, and so is a point with no lines left or without a value it `needs`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from core.plugin_api import ContactBlock, TenantView


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
    """The easy-read leaflet with one board's details in it, ready to render."""

    title: str
    subtitle: str
    board_name: str
    parts: tuple[FilledPart, ...]

    @property
    def points(self) -> tuple[FilledPoint, ...]:
        return tuple(point for part in self.parts for point in part.points)


# A board lists its panel by key ("childrens-social-care"); the leaflet names each agency.
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


def _agency(key: str) -> str:
    """An agency's name; a key we do not know is shown as the board wrote it, made readable."""
    return AGENCY_NAMES.get(key) or key.replace("-", " ").capitalize()


_TOKEN = re.compile(r"(\*\*.+?\*\*|\{phone\}|\{email\})")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _values(tenant: TenantView) -> dict[str, str]:
    role = tenant.contact_role.strip()
    if role and not role.lower().startswith("the "):
        role = "the " + role
    agencies = [_agency(a.strip()) for a in tenant.panel_agencies if a.strip()]
    if len(agencies) > 1:
        agency_text = ", ".join(agencies[:-1]) + " and " + agencies[-1]
    else:
        agency_text = "".join(agencies) or "Children's Social Care, Health and the Police"
    return {
        "board": tenant.name,
        "who": role or "us",
        "months": str(tenant.target_months) if tenant.target_months > 0 else "",
        "agencies": agency_text,
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


def fill(leaflet: EasyRead, tenant: TenantView) -> FilledEasyRead:
    """Put one board's name and contact details into an easy-read leaflet."""
    values = _values(tenant)
    parts: list[FilledPart] = []
    for part in leaflet.parts:
        points: list[FilledPoint] = []
        for point in part.points:
            if any(not values.get(name) for name in point.needs):
                continue
            lines = tuple(
                line for line in (_fill_line(t, values) for t in point.lines) if line is not None
            )
            if lines:
                points.append(FilledPoint(point.picture, lines))
        if points:
            parts.append(FilledPart(part.heading, tuple(points)))
    return FilledEasyRead(
        title=leaflet.title,
        subtitle=leaflet.subtitle,
        board_name=tenant.name,
        parts=tuple(parts),
    )
