"""Render the filled-in easy-read leaflet as an HTML fragment for the board's site, and as a PDF.

Both share one markup, in the leaflet's language and direction; the page is styled by
`static/easy-read.css` (the site's own rules pick the script's font by `lang`), the PDF by
`print.css` plus the locale's font, direction and page numbers and the board's colours. The
fragment carries no `style=` attribute and no script, for the site's CSP.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

from core.plugin_api import Branding
from plugins.formats.common.scripts import font_stack, script_for

from .colours import banner_colours, is_colour, readable_on_white
from .content import FilledEasyRead, Line
from .svg import ACCENT, inline_svg

PRINT_CSS = Path(__file__).parent / "print.css"


def _line_html(line: Line) -> str:
    html: list[str] = []
    for span in line:
        if span.kind == "bold":
            html.append(f"<strong>{escape(span.text)}</strong>")
        elif span.kind == "link":
            html.append(f'<a class="er-link" href="{escape(span.href)}">{escape(span.text)}</a>')
        else:
            html.append(str(escape(span.text)))
    return "".join(html)


def html_fragment(leaflet: FilledEasyRead, branding: Branding) -> str:
    """The leaflet as an `<article>`: real headings, a list of points, one picture each."""
    accent = branding.primary_colour if is_colour(branding.primary_colour) else ACCENT
    out = [
        f'<article class="easy-read" lang="{escape(leaflet.locale)}" dir="{leaflet.direction}">',
        '<header class="er-title">',
        f"<h1>{escape(leaflet.title)}</h1>",
        f'<p class="er-subtitle">{escape(leaflet.subtitle)}</p>',
        "</header>",
    ]
    for part in leaflet.parts:
        out.append('<section class="er-part">')
        out.append(f"<h2>{escape(part.heading)}</h2>")
        # role="list" keeps list semantics in browsers that drop them when bullets are hidden.
        out.append('<ul class="er-points" role="list">')
        for point in part.points:
            out.append('<li class="er-point">')
            out.append(f'<div class="er-picture">{inline_svg(point.picture, accent)}</div>')
            out.append('<div class="er-text">')
            out.extend(f"<p>{_line_html(line)}</p>" for line in point.lines)
            out.append("</div>")
            out.append("</li>")
        out.append("</ul>")
        out.append("</section>")
    out.append("</article>")
    return "\n".join(out)


def _branding_css(branding: Branding) -> str:
    background, text = banner_colours(branding)
    heading = readable_on_white(branding.primary_colour)
    link = readable_on_white(branding.link_colour)
    rule = branding.primary_colour if is_colour(branding.primary_colour) else ACCENT
    return (
        f".er-title {{ background: {background}; color: {text}; }}\n"
        f".er-part h2 {{ color: {heading}; border-bottom-color: {rule}; }}\n"
        f".er-link {{ color: {link}; }}\n"
    )


def _css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    return (
        '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in text) + '"'
    )


def _page_number_content(template: str) -> str:
    """`Page {page} of {pages}`, translated, as the CSS `content` of a page-margin box."""
    pieces = []
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            pieces.append("counter(page)")
        elif piece == "{pages}":
            pieces.append("counter(pages)")
        elif piece:
            pieces.append(_css_string(piece))
    return " ".join(pieces)


def _locale_css(leaflet: FilledEasyRead) -> str:
    """The locale's face (named, never left to fallback), line spacing and reading side."""
    script = script_for(leaflet.locale)
    start, end = ("right", "left") if leaflet.direction == "rtl" else ("left", "right")
    fonts = font_stack(leaflet.locale)
    # WeasyPrint lays a grid out left to right whatever the direction: the picture column is put on
    # the reading side by hand.
    mirrored = (
        ".er-point { grid-template-columns: 1fr 30%; }\n"
        ".er-picture { grid-column: 2; grid-row: 1; }\n"
        ".er-text { grid-column: 1; grid-row: 1; }\n"
        if leaflet.direction == "rtl"
        else ""
    )
    return mirrored + (
        f"@page {{\n"
        f"  @top-{start} {{ content: element(board); vertical-align: bottom; padding-bottom: 4mm; }}\n"
        f"  @bottom-{end} {{\n"
        f"    content: {_page_number_content(leaflet.page_number)};\n"
        f"    font-family: {fonts};\n"
        f"    font-size: 16pt;\n"
        f"    color: #1b1b1b;\n"
        f"  }}\n"
        f"}}\n"
        f"html {{ font-family: {fonts}; line-height: {max(script.line_height, 1.5)}; }}\n"
    )


def pdf_document(leaflet: FilledEasyRead, branding: Branding) -> str:
    """The whole HTML document WeasyPrint turns into the PDF."""
    css = PRINT_CSS.read_text(encoding="utf-8") + _locale_css(leaflet) + _branding_css(branding)
    title = leaflet.document_title or f"{leaflet.title}: easy read – {leaflet.board_name}"
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(leaflet.locale)}" dir="{leaflet.direction}">\n'
        '<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="author" content="{escape(leaflet.board_name)}">\n'
        f"<style>\n{css}</style>\n</head>\n<body>\n"
        f'<div class="er-running">{escape(leaflet.board_name)}</div>\n'
        f"{html_fragment(leaflet, branding)}\n</body>\n</html>\n"
    )


def pdf_bytes(leaflet: FilledEasyRead, branding: Branding) -> bytes:
    """The easy-read leaflet as an A4 PDF, tagged, with its fonts embedded."""
    # Imported here so that listing formats never pays for loading WeasyPrint.
    from weasyprint import HTML

    document = HTML(string=pdf_document(leaflet, branding))
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))


__all__ = ["html_fragment", "pdf_bytes", "pdf_document"]
