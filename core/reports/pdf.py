"""What an uploaded report must be before it is stored: a PDF by its content (not its name), one
that opens, is not encrypted and runs nothing; and its text per page and metadata, for the guard."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

METADATA_FIELDS = ("author", "title", "subject", "keywords")
# Names that make a PDF run something when opened or clicked.
ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/Launch", "/RichMedia", "/EmbeddedFile"})
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/RichMediaExecute"})
MAX_OBJECTS = 200_000
PDFTOTEXT_SECONDS = 60


class NotAcceptedPdf(ValueError):
    """The upload is not a PDF we can accept; the message says why, in words staff understand."""


@dataclass(frozen=True)
class PdfContent:
    pages: list[str]
    metadata: dict[str, str]


def check_pdf(data: bytes) -> int:
    """Refuse anything but a plain, readable PDF; return its number of pages."""
    if not data.startswith(b"%PDF-"):
        raise NotAcceptedPdf("The file is not a PDF. Save the report as a PDF and upload that.")
    reader = _open(data)
    if reader.is_encrypted:
        raise NotAcceptedPdf(
            "The PDF is password-protected or encrypted. Save a copy without a password."
        )
    try:
        if _runs_something(reader):
            raise NotAcceptedPdf(
                "The PDF contains scripts, launch actions or embedded files. Print it to a new PDF "
                "(or export it again without them) and upload that."
            )
        return len(reader.pages)
    except NotAcceptedPdf:
        raise
    except Exception as exc:
        raise NotAcceptedPdf(f"The PDF could not be read ({type(exc).__name__}).") from exc


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        reader.trailer  # noqa: B018  (forces the cross-reference table to be read)
        return reader
    except Exception as exc:
        raise NotAcceptedPdf(
            "The PDF could not be opened; it may be damaged. Export it again and upload that."
        ) from exc


def _runs_something(reader: PdfReader) -> bool:
    """Walk every object reachable from the trailer, compressed object streams included."""
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise NotAcceptedPdf(
                "The PDF is too complex to check. Export it again and upload that."
            )
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in ACTIVE_KEYS:
                    return True
                if key == "/S" and isinstance(value, NameObject) and value in ACTIVE_ACTIONS:
                    return True
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return False


def read_content(data: bytes) -> PdfContent:
    """The text of each page (layout kept, as a reader sees it) and the document's metadata."""
    reader = _open(data)
    pages = _pdftotext_pages(data)
    if pages is None:
        pages = [page.extract_text() or "" for page in reader.pages]
    info: Any = reader.metadata or {}
    metadata = {}
    for name in METADATA_FIELDS:
        value = info.get(f"/{name.capitalize()}")
        if value:
            metadata[name] = str(value)
    return PdfContent(pages=pages, metadata=metadata)


def _pdftotext_pages(data: bytes) -> list[str] | None:
    binary = shutil.which("pdftotext")
    if binary is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        result = subprocess.run(
            [binary, "-layout", "-enc", "UTF-8", fh.name, "-"],
            capture_output=True,
            timeout=PDFTOTEXT_SECONDS,
            check=False,
        )
    if result.returncode != 0:
        return None
    pages = result.stdout.decode("utf-8", "replace").split("\f")
    # pdftotext ends every page with a form feed, so the last piece is empty.
    return pages[:-1] if pages and not pages[-1].strip() else pages
