"""The `easy-read` format: the family leaflet in easy read, a simple picture beside each point.

Its content is English only for now (`locales={"en"}`) and deliberately not routed through
gettext: easy read is rewritten, not translated, so each language needs its own text, not a catalog.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from core.plugin_api import Document, Format, RenderContext, hookimpl

from .leaflets import easy_read_for
from .render import html_fragment, pdf_bytes

STATIC_DIR = Path(__file__).parent / "static"


def render_pdf(doc: Document, ctx: RenderContext) -> bytes:
    """The easy-read PDF for the board in `ctx`; its framework picks the text, not `doc`."""
    return pdf_bytes(easy_read_for(ctx.tenant), ctx.branding)


def render_page(doc: Document, ctx: RenderContext) -> str:
    """The easy-read HTML fragment; the page must link `/static/plugins/easy-read/easy-read.css`."""
    return html_fragment(easy_read_for(ctx.tenant), ctx.branding)


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
    locales=frozenset({"en"}),
    available=_available,
    html_page=render_page,
)


@hookimpl
def register_formats() -> list[Format]:
    return [EASY_READ]


@hookimpl
def register_static_folders() -> dict[str, str]:
    return {"easy-read": str(STATIC_DIR)}
