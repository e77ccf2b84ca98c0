"""The `easy-read` format: the family leaflet in easy read, a simple picture beside each point.

Its lines are gettext messages of the main catalogs under the context "easy read" (see
`content.py`), translated with the board's gettext for the locale; the page and the PDF are set in
the locale's script and direction. A locale is offered to a board only where every line of that
board's version, and the words around it, are translated: a missing line would otherwise show in
English in the middle of a leaflet in another language.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from core.plugin_api import Document, Format, RenderContext, TenantView, hookimpl

from .content import FilledEasyRead, Gettext, untranslated
from .leaflets import easy_read_for, leaflet_for
from .render import html_fragment, pdf_bytes

STATIC_DIR = Path(__file__).parent / "static"


def _filled(doc: Document, ctx: RenderContext) -> FilledEasyRead:
    return easy_read_for(ctx.tenant, doc.locale, ctx.gettext, doc.direction)


def render_pdf(doc: Document, ctx: RenderContext) -> bytes:
    """The easy-read PDF for the board in `ctx`, in the document's locale; the board's framework
    picks the text, not `doc`."""
    return pdf_bytes(_filled(doc, ctx), ctx.branding)


def render_page(doc: Document, ctx: RenderContext) -> str:
    """The easy-read HTML fragment; the page must link `/static/plugins/easy-read/easy-read.css`."""
    return html_fragment(_filled(doc, ctx), ctx.branding)


def serves(tenant: TenantView, locale: str, gettext: Gettext) -> bool:
    """Offered in a locale only if every line of this board's version is translated there."""
    return not untranslated(leaflet_for(tenant), locale, gettext)


def _available() -> str | None:
    if importlib.util.find_spec("weasyprint") is None:
        return "WeasyPrint is not installed"
    return None


EASY_READ = Format(
    key="easy-read",
    label=lambda _: _("Easy read"),
    description=lambda _: _("Short sentences with a picture beside each one, as a page and a PDF"),
    media_type="application/pdf",
    extension="pdf",
    render=render_pdf,
    available=_available,
    html_page=render_page,
    serves=serves,
)


@hookimpl
def register_formats() -> list[Format]:
    return [EASY_READ]


@hookimpl
def register_static_folders() -> dict[str, str]:
    return {"easy-read": str(STATIC_DIR)}
