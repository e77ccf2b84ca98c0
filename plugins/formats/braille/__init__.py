"""The leaflet in braille, as a `.brf` file for an embosser or a braille display, via liblouis.

English is contracted Unified English Braille (grade 2); other locales use the table liblouis has
for the language, and a locale without one is not offered.
"""

from __future__ import annotations

from core.plugin_api import (
    BulletList,
    ContactBlock,
    Document,
    Format,
    Link,
    Paragraph,
    RenderContext,
    hookimpl,
)
from plugins.formats.braille import liblouis
from plugins.formats.braille.brf import Line, paginate


def print_text(paragraph: Paragraph) -> str:
    return "".join(part if isinstance(part, str) else part.text for part in paragraph.parts)


def addresses(paragraph: Paragraph) -> list[str]:
    """Addresses of a paragraph's links, which follow it on lines of their own: paper cannot hide an
    address behind words, and brackets around it would need signs some tables lack (Urdu)."""
    found = []
    for part in paragraph.parts:
        if isinstance(part, Link) and not part.href.startswith("tel:"):
            address = part.href.removeprefix("mailto:")
            if address != part.text:
                found.append(address)
    return found


def paragraph_lines(kind: str, paragraph: Paragraph) -> list[tuple[str, str]]:
    return [(kind, print_text(paragraph))] + [("address", a) for a in addresses(paragraph)]


def contact_lines(block: ContactBlock) -> list[str]:
    lines = [block.organisation, block.role]
    if block.phone:
        lines.append(f"{block.phone_label}: {block.phone}")
    if block.email:
        lines.append(f"{block.email_label}:")
    if block.address:
        lines.append(f"{block.address_label}: {block.address}")
    return [line for line in lines if line]


def print_lines(doc: Document) -> list[tuple[str, str]]:
    """The leaflet as (kind, print text) pairs in reading order, ready for translation."""
    lines = [("centred", doc.board_name), ("blank", ""), ("centred", doc.title)]
    if doc.summary:
        lines += [("blank", ""), ("paragraph", doc.summary)]
    for section in doc.sections:
        lines += [("blank", ""), ("centred", section.heading)]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lines += paragraph_lines("paragraph", block)
            elif isinstance(block, BulletList):
                for item in block.items:
                    lines += paragraph_lines("item", item)
            else:
                lines += [("blank", ""), ("item", block.heading)]
                lines += [("item", text) for text in contact_lines(block)]
                if block.email:
                    lines.append(("address", block.email))
    return lines


def render(doc: Document, ctx: RenderContext) -> bytes:
    pairs = print_lines(doc)
    words = iter(
        liblouis.translate_lines([text for kind, text in pairs if kind != "address"], doc.locale)
    )
    addresses = iter(
        liblouis.translate_lines(
            [text for kind, text in pairs if kind == "address"], doc.locale, addresses=True
        )
    )
    lines = [Line(kind, next(addresses if kind == "address" else words)) for kind, _ in pairs]
    return paginate(lines).encode("ascii")


@hookimpl
def register_formats() -> list[Format]:
    return [
        Format(
            key="braille",
            label=lambda _: _("Braille"),
            description=lambda _: _("A braille file (BRF) for an embosser or a braille display."),
            media_type="application/x-brf",
            extension="brf",
            render=render,
            locales=frozenset(liblouis.TABLES),
            available=liblouis.unavailable_reason,
        )
    ]
