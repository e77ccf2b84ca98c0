"""The leaflet as one printable HTML file, for the PDF and large-print formats to style and print.

Headings are real `h1`/`h2` so WeasyPrint makes bookmarks and tags from them; `lang` and `dir`
sit on the root element so the PDF's document language and reading order are right.
"""

from __future__ import annotations

import base64
from html import escape

from core.plugin_api import (
    Block,
    BulletList,
    ContactBlock,
    Document,
    Link,
    Paragraph,
    RenderContext,
)
from plugins.formats.common.scripts import script_for

# Left-to-right isolates keep phone numbers, e-mail addresses and URLs in their own order inside
# Urdu and Arabic lines; without them "0161 496 0734" reads "0734 496 0161" right to left.
LRI, PDI = "\u2066", "\u2069"


def isolate(text: str, rtl: bool) -> str:
    return f"{LRI}{text}{PDI}" if rtl else text


def written_out(link: Link) -> str:
    """The address a reader of paper needs, or "" when the link text already says it."""
    href = link.href
    if href.startswith("tel:"):
        return ""
    shown = href.removeprefix("mailto:").removeprefix("https://").removeprefix("http://")
    shown = shown.removeprefix("www.").rstrip("/")
    text = link.text.lower().removeprefix("https://").removeprefix("http://").removeprefix("www.")
    return "" if text.rstrip("/") == shown.lower() else href.removeprefix("mailto:")


def _inline(part: str | Link, rtl: bool) -> str:
    if isinstance(part, str):
        return escape(part)
    label = escape(part.text)
    if part.text.isascii():
        label = escape(isolate(part.text, rtl))
    return f'<a href="{escape(part.href)}">{label}</a>'


def _address(link: Link) -> str:
    # Break opportunities after slashes and dots: a long address in 18pt must wrap somewhere sane.
    shown = escape(written_out(link))
    for mark in ("/", ".", "-"):
        shown = shown.replace(mark, mark + "<wbr>")
    return f'<span class="address">{shown}</span>'


def _paragraph(paragraph: Paragraph, rtl: bool, spell_out_links: bool) -> str:
    """Running text; on paper the addresses of its links follow on lines of their own.

    Own lines rather than in brackets: an address inside an Urdu or Arabic line is reordered by
    the bidirectional algorithm into something nobody could type.
    """
    html = "".join(_inline(part, rtl) for part in paragraph.parts)
    if spell_out_links:
        links = [part for part in paragraph.parts if isinstance(part, Link) and written_out(part)]
        html += "".join(_address(link) for link in links)
    return html


def _contact(block: ContactBlock, rtl: bool) -> str:
    lines = [f"<strong>{escape(block.organisation)}</strong>"]
    if block.role:
        lines.append(escape(block.role))
    if block.phone:
        number = escape(isolate(block.phone, rtl))
        lines.append(
            f'{escape(block.phone_label)}: <a href="{escape(block.tel_href)}">{number}</a>'
        )
    if block.email:
        email = escape(isolate(block.email, rtl))
        lines.append(
            f'{escape(block.email_label)}: <a href="mailto:{escape(block.email)}">{email}</a>'
        )
    if block.address:
        lines.append(f"{escape(block.address_label)}: {escape(block.address)}")
    body = "<br>".join(lines)
    return f'<div class="contact"><h3>{escape(block.heading)}</h3><p>{body}</p></div>'


def block_html(block: Block, rtl: bool, spell_out_links: bool) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_paragraph(block, rtl, spell_out_links)}</p>"
    if isinstance(block, BulletList):
        items = "".join(
            f"<li>{_paragraph(item, rtl, spell_out_links)}</li>" for item in block.items
        )
        return f"<ul>{items}</ul>"
    return _contact(block, rtl)


def logo_html(ctx: RenderContext) -> str:
    """The board's logo as an image carried inside the file (a print has nothing to fetch it from)."""
    if not ctx.logo or not ctx.logo_media_type.startswith("image/"):
        return ""
    data = base64.b64encode(ctx.logo).decode("ascii")
    alt = ctx.branding.logo_alt or ctx.branding.name
    return (
        f'<p class="logo"><img src="data:{escape(ctx.logo_media_type)};base64,{data}" '
        f'alt="{escape(alt)}"></p>'
    )


def document_html(doc: Document, ctx: RenderContext, css: str, *, spell_out_links: bool) -> str:
    """A whole HTML file for WeasyPrint: metadata in `<head>`, the board's band, then the text."""
    script = script_for(doc.locale)
    rtl = doc.direction == "rtl"
    board = doc.board_name or ctx.branding.name
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(doc.locale)}" dir="{doc.direction}">',
        '<head><meta charset="utf-8">',
        f"<title>{escape(doc.title)}</title>",
        f'<meta name="author" content="{escape(board)}">',
        f'<meta name="description" content="{escape(doc.summary)}">' if doc.summary else "",
        f'<meta name="dcterms.language" content="{escape(script.bcp47)}">',
        f"<style>{css}</style></head><body>",
        logo_html(ctx),
        f'<header class="board"><p>{escape(board)}</p></header>',
        f"<main><h1>{escape(doc.title)}</h1>",
    ]
    if doc.summary:
        parts.append(f'<p class="summary">{escape(doc.summary)}</p>')
    for section in doc.sections:
        parts.append(f'<section id="{escape(section.id)}"><h2>{escape(section.heading)}</h2>')
        parts.extend(block_html(block, rtl, spell_out_links) for block in section.blocks)
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(p for p in parts if p)
