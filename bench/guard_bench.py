"""The anonymisation guard's throughput on this machine: pages a minute read and matched, for a
text report (WeasyPrint, every part read with pikepdf) and for a scanned one (pages that are only
images, read by tesseract), each through the same `read_content` and built-in check the upload
and publication use, and the public copy rebuilt and verified."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from core.plugin_api import IdentifierView
from core.reports.pdf import read_content
from core.reports.rebuild import rebuild, verify_copy
from plugins.guard_identifiers import check_report

TEXT_PAGES = int(os.environ.get("BENCH_GUARD_TEXT_PAGES", "40"))
SCANNED_PAGES = int(os.environ.get("BENCH_GUARD_SCANNED_PAGES", "3"))
IDENTIFIERS = [
    IdentifierView(1, "name", "Jamie Ellis-Thornton"),
    IdentifierView(2, "address", "14 Acacia Avenue, Salford, M6 5FX"),
    IdentifierView(3, "date_of_birth", "12/03/2015"),
    IdentifierView(4, "school", "St Anne's Primary School"),
]
PARAGRAPH = (
    "<p>Agencies did not share what they knew about the family's move in the spring, and the "
    "health visitor was not told. The school raised a concern in March; the referral was not "
    "followed up for three weeks, and the social worker changed twice in that time.</p>"
)


def text_report(pages: int) -> bytes:
    from weasyprint import HTML

    body = "".join(
        f"<section style='break-after:page'><h2>Section {n}</h2>{PARAGRAPH * 6}</section>"
        for n in range(pages)
    )
    return HTML(string=f"<body style='font:11pt sans-serif'>{body}</body>").write_pdf()


def scanned_report(pages: int, dpi: int = 200) -> bytes:
    """Each page drawn to a grey image at `dpi`, the images put in a PDF: a scan of the report."""
    from PIL import Image

    source = text_report(pages)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "in.pdf").write_bytes(source)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "in.pdf", "page"], cwd=folder, check=True
        )
        images = [Image.open(p).convert("L") for p in sorted(Path(folder).glob("page-*.png"))]
        out = io.BytesIO()
        images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def cpu_seconds() -> float:
    """CPU time of this process and of the tools it ran (pdftotext, pdftoppm, tesseract)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(label: str, data: bytes, pages: int) -> str:
    started, cpu = time.perf_counter(), cpu_seconds()
    content = read_content(data, "eng")
    hits = check_report(None, None, content.pages, content.metadata, IDENTIFIERS, content.parts)
    checked = time.perf_counter() - started
    used = cpu_seconds() - cpu
    started = time.perf_counter()
    copy = rebuild(data, title="Child A", board="Bench board")
    problems = verify_copy(copy)
    rebuilt = time.perf_counter() - started
    unreadable = len(content.unreadable)
    return (
        f"{label:<9} {pages:>5} {checked:>9.2f} s {pages / checked * 60:>9.0f} pages/min"
        f" {pages / used * 60:>8.0f} pages/CPU-min {rebuilt * 1000:>8.0f} ms"
        f"   hits {len(hits)}, unreadable {unreadable}, copy problems {len(problems)}"
    )


def main() -> int:
    print(
        f"Guard throughput, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
        "(read + match; rebuild + verify the copy)\n"
    )
    print(
        f"{'report':<9} {'pages':>5} {'checked':>11} {'wall clock':>19} {'CPU':>22} {'rebuild':>11}"
    )
    print(measure("text", text_report(TEXT_PAGES), TEXT_PAGES))
    print(measure("scanned", scanned_report(SCANNED_PAGES), SCANNED_PAGES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
