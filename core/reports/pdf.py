"""What an uploaded report must be before it is stored: a PDF by its content (not its name), one
that opens, is not encrypted and runs nothing; and everything readable in it, for the guard."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from core.plugin_api import TextPart
from core.reports import ocr
from core.reports.extract import extract_text, reachable

SAFE_SCHEMES = ("http://", "https://", "mailto:")
AGAIN = " Print it to a new PDF (or export it again without it) and upload that."
# What each kind of active content is, in words staff understand.
REASONS = {
    "javascript": "The PDF contains JavaScript (a script that runs in the reader).",
    "launch": "The PDF contains an action that starts another program or opens a file.",
    "remote": "The PDF contains a link that opens another PDF or a file attached to one.",
    "xfa": "The PDF is an XFA form, which can carry scripts.",
    "embedded": "The PDF has files attached to it or embedded in it.",
    "submit": "The PDF contains a form that sends its contents somewhere when it is opened or "
    "closed.",
    "import": "The PDF contains an action that loads data from outside the file.",
    "media": "The PDF contains embedded media or 3D content that can run code.",
    "link": "The PDF contains a link that is not a web address (for example javascript: or file:).",
}
ACTION_KINDS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/GoToR": "remote",
    "/GoToE": "remote",
    "/ImportData": "import",
    "/RichMediaExecute": "media",
    "/Rendition": "media",
    "/Movie": "media",
    "/Sound": "media",
}
KEY_KINDS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",
    "/XFA": "xfa",
    "/EmbeddedFile": "embedded",
    "/EmbeddedFiles": "embedded",
    "/EF": "embedded",
    "/RichMedia": "media",
    "/3DD": "media",
}
ANNOT_KINDS = {"/FileAttachment": "embedded", "/RichMedia": "media", "/3D": "media",
               "/Movie": "media", "/Sound": "media", "/Screen": "media"}  # fmt: skip


class NotAcceptedPdf(ValueError):
    """The upload is not a PDF we can accept; the message says why, in words staff understand."""


@dataclass(frozen=True)
class PdfContent:
    """What the guard reads: each page's laid-out text, the standard information fields, every
    other part that carries text, and (page or None, reason) for whatever could not be read."""

    pages: list[str]
    metadata: dict[str, str]
    parts: list[TextPart] = field(default_factory=list)
    unreadable: list[tuple[int | None, str]] = field(default_factory=list)


def check_pdf(data: bytes) -> int:
    """Refuse anything but a plain, readable PDF that runs nothing; return its number of pages."""
    if not data.startswith(b"%PDF-"):
        raise NotAcceptedPdf("The file is not a PDF. Save the report as a PDF and upload that.")
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise NotAcceptedPdf(
            "The PDF is password-protected or encrypted. Save a copy without a password."
        ) from None
    except Exception as exc:
        raise NotAcceptedPdf(
            "The PDF could not be opened; it may be damaged. Export it again and upload that."
        ) from exc
    with pdf:
        if pdf.is_encrypted:
            raise NotAcceptedPdf(
                "The PDF is password-protected or encrypted. Save a copy without a password."
            )
        try:
            kind = active_content(pdf)
            pages = len(pdf.pages)
        except NotAcceptedPdf:
            raise
        except Exception as exc:
            raise NotAcceptedPdf(f"The PDF could not be read ({type(exc).__name__}).") from exc
    if kind:
        raise NotAcceptedPdf(REASONS[kind] + AGAIN)
    return pages


def active_content(pdf: pikepdf.Pdf) -> str | None:
    """The first kind of active content found in any object reachable from the trailer."""
    catalog = pdf.Root
    if _submits_on_open(catalog):
        return "submit"
    too_many = NotAcceptedPdf("The PDF is too complex to check. Export it again and upload that.")
    for obj in reachable(pdf.trailer, too_many):
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            kind = _dictionary_kind(obj)
            if kind:
                return kind
    return None


def _dictionary_kind(obj: Any) -> str | None:
    for key in obj:
        if key in KEY_KINDS:
            return KEY_KINDS[key]
    action = obj.get("/S")
    if isinstance(action, pikepdf.Name) and str(action) in ACTION_KINDS:
        return ACTION_KINDS[str(action)]
    if isinstance(action, pikepdf.Name) and str(action) == "/URI":
        uri = obj.get("/URI")
        text = bytes(uri).decode("latin-1").strip().lower() if uri is not None else ""
        if not text.startswith(SAFE_SCHEMES):
            return "link"
    subtype = str(obj.get("/Subtype", ""))
    annotation = str(obj.get("/Type", "")) in ("/Annot", "") and "/Rect" in obj
    return ANNOT_KINDS.get(subtype) if annotation else None


def _submits_on_open(catalog: Any) -> bool:
    """A submit-form action run by opening the document or a page, or by closing it."""
    triggers: list[Any] = [catalog.get("/OpenAction")]
    additional = catalog.get("/AA")
    if isinstance(additional, pikepdf.Dictionary):
        triggers += list(additional.values())
    pages = catalog.get("/Pages")
    kids = pages.get("/Kids") if isinstance(pages, pikepdf.Dictionary) else None
    for page in kids if isinstance(kids, pikepdf.Array) else []:
        aa = page.get("/AA") if isinstance(page, pikepdf.Dictionary) else None
        if isinstance(aa, pikepdf.Dictionary):
            triggers += list(aa.values())
    hops = 0
    while triggers and hops < 1000:
        action = triggers.pop()
        hops += 1
        if not isinstance(action, pikepdf.Dictionary):
            continue
        if str(action.get("/S", "")) in ("/SubmitForm", "/ResetForm"):
            return True
        following = action.get("/Next")
        if isinstance(following, pikepdf.Array):
            triggers += list(following)
        elif following is not None:
            triggers.append(following)
    return False


@dataclass(frozen=True)
class OcrLimits:
    """How much OCR one check may do: pages read, seconds a page, seconds in all."""

    max_pages: int = ocr.MAX_PAGES
    page_seconds: int = ocr.PAGE_SECONDS
    total_seconds: int = ocr.TOTAL_SECONDS


def read_content(
    data: bytes, languages: str = "eng", limits: OcrLimits | None = None
) -> PdfContent:
    """Everything readable in the report; pages that are mostly image are read by OCR in
    `languages` (tesseract's names, `eng+cym`) within `limits`. What cannot be read is listed,
    never dropped. Slow for a scan: run it in the worker, never in a web request."""
    limits = limits or OcrLimits()
    found = extract_text(data)
    unreadable = list(found.unreadable)
    parts = list(found.parts)
    scanned = [n for n, facts in enumerate(found.facts, start=1) if facts.mostly_image]
    if scanned:
        result = ocr.ocr_pages(
            data,
            scanned,
            languages,
            page_seconds=limits.page_seconds,
            max_pages=limits.max_pages,
            total_seconds=limits.total_seconds,
        )
        for page, text in sorted(result.text.items()):
            if text.strip():
                # Fallback: a scan with a text layer already read says the same twice.
                parts.append(TextPart(where="scanned text", text=text, page=page, fallback=True))
        unreadable += sorted(result.unreadable.items())
    return PdfContent(
        pages=found.pages, metadata=found.metadata, parts=parts, unreadable=unreadable
    )
