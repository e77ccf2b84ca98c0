"""The leaflet as plain UTF-8 text, wrapped at 72 columns, for e-mail and screen readers.

Headings are underlined (`=` for the title, `-` for sections), the setext style that e-mail clients
leave alone and Markdown readers show as headings; list items start with "- "; links are written
"text (address)" because plain text cannot hide an address behind words.
"""

from __future__ import annotations

from core.plugin_api import (
    Block,
    BulletList,
    ContactBlock,
    Document,
    Format,
    Link,
    Paragraph,
    RenderContext,
    hookimpl,
)
from plugins.formats.text.wrap import display_width, wrap

WIDTH = 72


def link_text(link: Link) -> str:
    address = link.href.removeprefix("mailto:")
    if address == link.text or link.href.startswith("tel:"):
        return link.text
    return f"{link.text} ({address})"


def paragraph_text(paragraph: Paragraph) -> str:
    return "".join(p if isinstance(p, str) else link_text(p) for p in paragraph.parts)


def underlined(heading: str, mark: str) -> list[str]:
    lines = wrap(heading, WIDTH)
    return [*lines, mark * max(display_width(line) for line in lines)]


def block_lines(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return wrap(paragraph_text(block), WIDTH)
    if isinstance(block, BulletList):
        lines: list[str] = []
        for item in block.items:
            lines += wrap(paragraph_text(item), WIDTH, indent="- ", hanging="  ")
        return lines
    return contact_lines(block)


def contact_lines(block: ContactBlock) -> list[str]:
    fields = [block.heading + ":", block.organisation, block.role]
    if block.phone:
        fields.append(f"{block.phone_label}: {block.phone}")
    if block.email:
        fields.append(f"{block.email_label}: {block.email}")
    if block.address:
        fields.append(f"{block.address_label}: {block.address}")
    return [line for field in fields if field for line in wrap(field, WIDTH, hanging="  ")]


def render_text(doc: Document) -> str:
    lines = [doc.board_name, "", *underlined(doc.title, "=")]
    if doc.summary:
        lines += ["", *wrap(doc.summary, WIDTH)]
    for section in doc.sections:
        lines += ["", "", *underlined(section.heading, "-")]
        for block in section.blocks:
            lines += ["", *block_lines(block)]
    return "\n".join(lines) + "\n"


def render(doc: Document, ctx: RenderContext) -> bytes:
    return render_text(doc).encode("utf-8")


@hookimpl
def register_formats() -> list[Format]:
    return [
        Format(
            key="text",
            label=lambda _: _("Plain text"),
            description=lambda _: _("Plain text, for screen readers, e-mail and any device."),
            media_type="text/plain; charset=utf-8",
            extension="txt",
            render=render,
        )
    ]
