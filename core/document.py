"""The document model: one leaflet, produced per tenant and locale, rendered by the page and every format.

A framework plugin builds a `Document` from translated text and tenant variables; the HTML page, the PDF,
the braille file and every other format render the same object, so nothing is written twice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

RTL_LOCALES = frozenset({"ar", "ur", "fa", "he", "ps", "sd", "ug", "yi"})


@dataclass(frozen=True)
class Link:
    """A link inside a paragraph or list item. `href` may be `https:`, `mailto:` or `tel:`."""

    text: str
    href: str


Inline = str | Link


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text: plain strings and links, in reading order."""

    parts: tuple[Inline, ...]

    @classmethod
    def of(cls, *parts: Inline) -> Paragraph:
        return cls(tuple(p for p in parts if p != ""))

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text for p in self.parts)


@dataclass(frozen=True)
class BulletList:
    """An unordered list; each item is a paragraph."""

    items: tuple[Paragraph, ...]


@dataclass(frozen=True)
class ContactBlock:
    """Who to contact: the board's named role and how to reach them. Empty fields are left out."""

    heading: str
    organisation: str
    role: str = ""  # a named role, never a person
    phone: str = ""  # as written; `tel_href` makes it a link
    email: str = ""
    address: str = ""
    # The labels in the document's own language.
    phone_label: str = "Phone"
    email_label: str = "Email"
    address_label: str = "Address"

    @property
    def tel_href(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        if digits.startswith("0"):
            digits = "+44" + digits[1:]
        return f"tel:{digits}"


Block = Paragraph | BulletList | ContactBlock


@dataclass(frozen=True)
class Section:
    """A titled part of the document. `id` is stable across locales (used for anchors and audio tracks)."""

    id: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """A whole leaflet in one language for one board."""

    title: str
    locale: str
    board_name: str
    sections: tuple[Section, ...]
    summary: str = ""
    language_name: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    kind: Literal["leaflet", "easy-read"] = "leaflet"

    @property
    def direction(self) -> Literal["ltr", "rtl"]:
        return "rtl" if self.locale.split("-")[0] in RTL_LOCALES else "ltr"

    def content_hash(self) -> str:
        """A short, stable hash of everything a reader sees: the cache key for rendered formats."""
        payload = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def plain_text(self) -> str:
        """The whole document as plain text, in reading order (used by checks and searches)."""
        lines = [self.title]
        for section in self.sections:
            lines.append(section.heading)
            for block in section.blocks:
                lines.extend(block_lines(block))
        return "\n".join(lines)


def block_lines(block: Block) -> list[str]:
    """The text lines of one block, without markup."""
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, BulletList):
        return [item.text for item in block.items]
    lines = [block.heading, block.organisation]
    if block.role:
        lines.append(block.role)
    if block.phone:
        lines.append(f"{block.phone_label}: {block.phone}")
    if block.email:
        lines.append(f"{block.email_label}: {block.email}")
    if block.address:
        lines.append(f"{block.address_label}: {block.address}")
    return lines
