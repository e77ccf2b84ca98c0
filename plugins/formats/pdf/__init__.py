"""The leaflet as an A4 PDF in the board's colours, tagged, with bookmarks and embedded fonts."""

from __future__ import annotations

from core.plugin_api import Document, Format, RenderContext, hookimpl
from plugins.formats.common.html import document_html
from plugins.formats.common.print_css import print_css
from plugins.formats.common.weasy import html_to_pdf

BODY_CSS = """
body { font-size: 11.5pt; }
h1 { font-size: 22pt; margin: 0 0 8pt; color: var(--brand); }
h2 { font-size: 15pt; margin: 16pt 0 4pt; color: var(--brand); }
h3 { font-size: 12.5pt; margin: 10pt 0 2pt; }
p, li { margin: 0 0 6pt; }
.summary { font-size: 13pt; }
a { color: var(--link); }
"""


def render(doc: Document, ctx: RenderContext) -> bytes:
    css = print_css(doc, ctx, margin="20mm 18mm 22mm") + BODY_CSS
    return html_to_pdf(document_html(doc, ctx, css, spell_out_links=False))


@hookimpl
def register_formats() -> list[Format]:
    return [
        Format(
            key="pdf",
            label=lambda _: _("PDF"),
            description=lambda _: _("A printable copy of this page (PDF)."),
            media_type="application/pdf",
            extension="pdf",
            render=render,
        )
    ]
