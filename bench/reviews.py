"""Part 4: the review dashboard and the reviews API list at 10,000 reviews across 150 boards."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _latency(url: str, header: str, seconds: int) -> tuple[float, float, float]:
    out = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{seconds}s", "-s", str(HERE / "percentiles.lua"), "-H", header, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        raise RuntimeError(f"{url} answered errors under load:\n{out}")
    p50, p95, _p99 = (
        float(x) for x in re.search(r"PERCENTILES ([\d.]+) ([\d.]+) ([\d.]+)", out).groups()
    )  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return p50, p95, rps


def _session_cookie(base: str, slug: str, email: str, password: str) -> str:
    class OverLoopback(http.cookiejar.DefaultCookiePolicy):
        # The app runs as in production (Secure cookies); the benchmark talks plain HTTP on loopback.
        def return_ok_secure(self, cookie: Any, request: Any) -> bool:
            return True

    jar = http.cookiejar.CookieJar(policy=OverLoopback())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/{slug}/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    data = urllib.parse.urlencode(
        {"csrf_token": token, "email": email, "password": password}
    ).encode()
    opener.open(f"{base}/{slug}/login", data=data).read()
    dashboard = opener.open(f"{base}/{slug}/reviews/")
    if dashboard.status != 200 or "/login" in dashboard.url:
        raise RuntimeError("could not sign in to the review dashboard for the benchmark")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def measure(
    env: dict[str, str], url: str, server: Any, wrk: Any, get: Any
) -> list[tuple[str, str, str, str]]:
    from bench.seed_reviews import EMAIL, PASSWORD

    seeded = subprocess.run(
        [sys.executable, "-m", "bench.seed_reviews"], env={**os.environ, **env},
        capture_output=True, text=True, check=True, cwd=HERE.parent,
    ).stdout.split()  # fmt: skip
    count, slug, token = seeded[-3], seeded[-2], seeded[-1]
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    with server("wsgi:app", env) as base:
        cookie = _session_cookie(base, slug, EMAIL, PASSWORD)
        for _ in range(10):
            get(base + "/healthz")
        d50, d95, drps = _latency(f"{base}/{slug}/reviews/", f"Cookie: {cookie}", seconds)
        a50, a95, arps = _latency(
            f"{base}/api/v1/reviews?per_page=50", f"Authorization: Bearer {token}", seconds
        )
    return [
        (
            f"review dashboard ({count} reviews, 150 boards, PostgreSQL)",
            f"median {d50:.1f} ms, p95 {d95:.1f} ms",
            "",
            f"{drps:,.0f} req/s; goal p95 < 100 ms",
        ),
        (
            "reviews API list (50 a page)",
            f"median {a50:.1f} ms, p95 {a95:.1f} ms",
            "",
            f"{arps:,.0f} req/s; goal p95 < 100 ms",
        ),
    ]
