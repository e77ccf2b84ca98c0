"""Reading pages that are pictures of text: each page is drawn with `pdftoppm` and read with
`tesseract` (through pytesseract) in the board's languages, with a time limit per page and a limit
on pages. A page that cannot be read is given back with the reason, never as empty text.

`ocr_pages(data, pages, languages)` is pure (bytes in, text out), so a worker can run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytesseract

# The launch locales and tesseract's names for their scripts' trained data.
TESSERACT_LANGUAGES = {
    "en": "eng", "cy": "cym", "pl": "pol", "ro": "ron", "ur": "urd", "ar": "ara", "bn": "ben",
}  # fmt: skip
PAGE_SECONDS = 60
RENDER_SECONDS = 60
MAX_PAGES = 60
TOTAL_SECONDS = 1200
DPI = 200
# tesseract's OpenMP threads fight the web and worker processes for the same cores and make a
# page slower, not faster; one page is read at a time, on one thread (unless the operator says).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True)
class OcrResult:
    """The text OCR read from each page asked for, and why each other page could not be read."""

    text: dict[int, str]
    unreadable: dict[int, str]


def tesseract_languages(locales: list[str] | tuple[str, ...]) -> str:
    """`eng+cym` for a board writing English and Welsh; English is always read."""
    codes = ["eng"] + [TESSERACT_LANGUAGES[loc] for loc in locales if loc in TESSERACT_LANGUAGES]
    return "+".join(dict.fromkeys(codes))


def available() -> str | None:
    """None when OCR can run here, else why not (in words for staff)."""
    if shutil.which("pdftoppm") is None:
        return "pdftoppm (poppler-utils) is not installed on the server"
    if shutil.which("tesseract") is None:
        return "OCR (tesseract) is not installed on the server"
    return None


def ocr_pages(
    data: bytes,
    pages: list[int],
    languages: str = "eng",
    *,
    page_seconds: int = PAGE_SECONDS,
    max_pages: int = MAX_PAGES,
    total_seconds: int = TOTAL_SECONDS,
) -> OcrResult:
    """Read `pages` (1-based) of the PDF in `data` by OCR, each within `page_seconds`, at most
    `max_pages` of them and all within `total_seconds`; the rest are given back as unreadable."""
    started = time.monotonic()
    text: dict[int, str] = {}
    unreadable: dict[int, str] = {}
    missing = available()
    if missing:
        return OcrResult({}, {p: missing for p in pages})
    installed = set(pytesseract.get_languages(config=""))
    absent = [code for code in languages.split("+") if code not in installed]
    if absent:
        reason = f"OCR has no trained data for {', '.join(absent)} on the server"
        return OcrResult({}, {p: reason for p in pages})
    with tempfile.TemporaryDirectory(prefix="candour-ocr-") as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(data)
        for index, page in enumerate(pages):
            if index >= max_pages:
                unreadable[page] = (
                    f"more than {max_pages} pages are scanned images; they were not all read"
                )
                continue
            left = total_seconds - (time.monotonic() - started)
            if left < 1:
                unreadable[page] = (
                    f"the scanned pages took longer than {total_seconds}s in all; not all were read"
                )
                continue
            image, reason = _render(source, page, Path(folder))
            if image is None:
                unreadable[page] = reason
                continue
            try:
                text[page] = pytesseract.image_to_string(
                    str(image), lang=languages, timeout=max(1, min(page_seconds, int(left)))
                )
            except RuntimeError:
                unreadable[page] = f"reading the scanned page took longer than {page_seconds}s"
            except pytesseract.TesseractError:
                unreadable[page] = "OCR could not read the scanned page"
            finally:
                image.unlink(missing_ok=True)
    return OcrResult(text, unreadable)


def _render(source: Path, page: int, folder: Path) -> tuple[Path | None, str]:
    stem = folder / f"page-{page}"
    try:
        result = subprocess.run(
            ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(DPI), "-gray", "-png",
             "-singlefile", str(source), str(stem)],
            capture_output=True,
            timeout=RENDER_SECONDS,
            check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return None, f"drawing the scanned page took longer than {RENDER_SECONDS}s"
    image = stem.with_suffix(".png")
    if result.returncode != 0 or not image.exists():
        return None, "the scanned page could not be drawn to be read"
    return image, ""
