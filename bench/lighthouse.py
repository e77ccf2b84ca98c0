"""Lighthouse (the npm package, mobile, simulated slow 4G) on the family pages, with Debian Chromium.

`measure(base)` returns rows for the harness's table; `python -m bench.lighthouse BASE` prints them
for a server that is already running."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PAGES = ("/salford/en/", "/salford/ur/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"/salford/en/": 150, "/salford/ur/": 350}  # KB transferred on a first visit


def run(url: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as folder:
        out = Path(folder) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
                "--throttling-method=simulate",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True,
            timeout=300,
        )  # fmt: skip
        report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        "scores": {c: report["categories"][c]["score"] for c in CATEGORIES},
        "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "failed": sorted(
            audit_id
            for c in CATEGORIES
            for ref in report["categories"][c]["auditRefs"]
            if ref["weight"]
            and (audit_id := ref["id"]) in audits
            and audits[audit_id]["score"] is not None
            and audits[audit_id]["score"] < 0.9
        ),
    }


def measure(base: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for page in PAGES:
        found = run(base + page)
        scores = found["scores"]
        assert isinstance(scores, dict)
        rows.append(
            (
                f"Lighthouse mobile {page}",
                " ".join(f"{scores[c]:.2f}" for c in CATEGORIES),
                "",
                f"perf/a11y/best/SEO; FCP {found['fcp_s']:.1f} s, LCP {found['lcp_s']:.1f} s, "
                f"{found['kb']:.0f} KB (goal ≤ {GOALS[page]} KB)"
                + (f"; below 0.9: {', '.join(found['failed'])}" if found["failed"] else ""),  # type: ignore[arg-type]
            )
        )
    return rows


if __name__ == "__main__":
    for row in measure(sys.argv[1].rstrip("/")):
        print(" | ".join(row))
