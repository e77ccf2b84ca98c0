"""HTML to PDF with WeasyPrint, tagged as PDF/UA where the installed WeasyPrint can, and repeatable.

WeasyPrint is imported inside the function: it pulls in Pango and fontTools, and a worker that never
renders a PDF should not pay for them.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

log = logging.getLogger(__name__)

PDF_UA = "pdf/ua-1"


def html_to_pdf(html: str) -> bytes:
    """Print `html` to PDF bytes: A4 comes from the stylesheet; same HTML in, same bytes out."""
    import weasyprint
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.pdf import VARIANTS

    # A stable identifier instead of a random one, so the same leaflet prints to the same bytes.
    options: dict[str, Any] = {
        "pdf_identifier": hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii"),
        "uncompressed_pdf": False,
    }
    if PDF_UA in VARIANTS:
        options["pdf_variant"] = PDF_UA
    elif "pdf_tags" in DEFAULT_OPTIONS:
        log.info("WeasyPrint %s has no %s; writing a tagged PDF", weasyprint.__version__, PDF_UA)
        options["pdf_tags"] = True
    document = weasyprint.HTML(string=html, base_url=".").render()
    return document.write_pdf(**options) or b""
