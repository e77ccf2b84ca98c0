"""The leaflet in large print, following RNIB's clear print guidance, as an A4 PDF.

Every piece of text, page numbers included, is at least 18pt; lines are spaced at least 1.5; text is
ranged to the reading side, never justified; nothing is set in italics, underlined or in capitals.
Links cannot be followed on paper, so they are shown in bold with the address written out.
"""

from __future__ import annotations

from core.plugin_api import Document, Format, RenderContext, hookimpl
from plugins.formats.common.html import document_html
from plugins.formats.common.print_css import print_css
from plugins.formats.common.weasy import html_to_pdf

SMALLEST_PT = 18

CLEAR_PRINT_CSS = f"""
@page {{
  @top-left {{ font-size: {SMALLEST_PT}pt; }}
  @top-right {{ font-size: {SMALLEST_PT}pt; }}
  @bottom-left {{ font-size: {SMALLEST_PT}pt; }}
  @bottom-right {{ font-size: {SMALLEST_PT}pt; }}
}}
html {{ font-size: {SMALLEST_PT}pt; }}
body, p, li, .contact {{ font-size: {SMALLEST_PT}pt; }}
* {{ font-style: normal !important; text-transform: none !important; letter-spacing: normal; }}
p, li {{ text-align: inherit; hyphens: manual; margin: 0 0 12pt; }}
header.board p {{ font-size: {SMALLEST_PT + 2}pt; }}
h1 {{ font-size: 30pt; margin: 0 0 14pt; }}
h2 {{ font-size: 24pt; margin: 22pt 0 8pt; }}
h3 {{ font-size: 21pt; margin: 12pt 0 6pt; }}
h1, h2, h3 {{ font-weight: bold; color: #0b0c0c; }}
a {{ color: #0b0c0c; font-weight: bold; text-decoration: none; }}
.address {{ font-weight: bold; }}
ul {{ list-style-type: disc; }}
"""


def render(doc: Document, ctx: RenderContext) -> bytes:
    css = print_css(doc, ctx, margin="25mm 22mm 28mm", clear_print=True) + CLEAR_PRINT_CSS
    return html_to_pdf(document_html(doc, ctx, css, spell_out_links=True))


@hookimpl
def register_formats() -> list[Format]:
    return [
        Format(
            key="large-print",
            label=lambda _: _("Large print"),
            description=lambda _: _("A large print copy (PDF), with text at 18 point or larger."),
            media_type="application/pdf",
            extension="pdf",
            render=render,
        )
    ]
