"""Part 4: the review dashboard, the reviews API list and a merged chronology of 2,000 entries, at
10,000 reviews (each with agency requests, a meeting and an action) across 150 boards.

Latency is wrk's, from another process; CPU time per request is the gunicorn workers' own (user and
system time from /proc before and after the run, divided by the requests served), which the other
work on a shared machine disturbs far less than the wall clock.

`python -m bench.reviews` runs this part alone on a fresh PostgreSQL database.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyotp

from core.auth.twofactor import STEP

HERE = Path(__file__).resolve().parent
# Sign-in is bound to the browser (Flask-Login's strong session protection hashes the address and
# the User-Agent): wrk must send the same User-Agent as the sign-in did.
AGENT = "candour-bench"
TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Latency:
    p50: float
    p95: float
    rps: float
    cpu_ms: float  # the server's CPU time per request
    kb: float  # read per request: a page, not a redirect to the sign-in page


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def _latency(url: str, header: str, seconds: int, pids: list[int], connections: int = 8) -> Latency:
    before = _cpu_seconds(pids)
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(HERE / "percentiles.lua"),
         "-H", header, "-H", f"User-Agent: {AGENT}", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    used = _cpu_seconds(pids) - before
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        raise RuntimeError(f"{url} answered errors under load:\n{out}")
    p50, p95, _p99 = (
        float(x) for x in re.search(r"PERCENTILES ([\d.]+) ([\d.]+) ([\d.]+)", out).groups()
    )  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    found = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read", out)
    served, size, unit = int(found.group(1)), float(found.group(2)), found.group(3)  # type: ignore[union-attr]
    kb = size * {"B": 1 / 1024, "KB": 1, "MB": 1024, "GB": 1024**2}[unit] / max(served, 1)
    return Latency(p50, p95, rps, 1000 * used / max(served, 1), kb)


def _session_cookie(base: str, slug: str, email: str, password: str, secret: str) -> str:
    """Sign in as staff do: password, then a code from the authenticator (review managers' second
    factor); a code is good once, so a second sign-in within the same 30 s waits for the next."""

    class OverLoopback(http.cookiejar.DefaultCookiePolicy):
        # The app runs as in production (Secure cookies); the benchmark talks plain HTTP on loopback.
        def return_ok_secure(self, cookie: Any, request: Any) -> bool:
            return True

    jar = http.cookiejar.CookieJar(policy=OverLoopback())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", AGENT)]

    def post(path: str, fields: dict[str, str]) -> Any:
        page = opener.open(f"{base}/{slug}{path}").read().decode()
        csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        return opener.open(
            f"{base}/{slug}{path}",
            data=urllib.parse.urlencode({"csrf_token": csrf, **fields}).encode(),
        )

    answer = post("/login", {"email": email, "password": password})
    totp = pyotp.TOTP(secret, interval=STEP)
    for _ in range(3):
        if "/login/two-factor" not in answer.url:
            break
        answer = post("/login/two-factor", {"code": totp.now()})
        if "/login/two-factor" in answer.url:
            time.sleep(STEP - time.time() % STEP + 0.5)
    dashboard = opener.open(f"{base}/{slug}/reviews/")
    if dashboard.status != 200 or "/login" in dashboard.url:
        raise RuntimeError("could not sign in to the review dashboard for the benchmark")
    # The cookies the browser would send to the board's pages (the jar may hold an older session
    # cookie for another path, from before sign-in).
    probe = urllib.request.Request(f"{base}/{slug}/reviews/")
    jar.add_cookie_header(probe)
    return str(probe.get_header("Cookie"))


def _row(what: str, m: Latency, goal: str) -> tuple[str, str, str, str]:
    return (
        what,
        f"median {m.p50:.1f} ms, p95 {m.p95:.1f} ms",
        "",
        f"{m.rps:,.0f} req/s, {m.cpu_ms:.1f} ms CPU a request; goal {goal}",
    )


def measure(
    env: dict[str, str], url: str, server: Any, wrk: Any, get: Any
) -> list[tuple[str, str, str, str]]:
    from bench.harness import worker_pids
    from bench.seed_reviews import CHRONOLOGY_ENTRIES, EMAIL, PASSWORD, TOTP_SECRET

    seeded = subprocess.run(
        [sys.executable, "-m", "bench.seed_reviews"], env={**os.environ, **env},
        capture_output=True, text=True, check=True, cwd=HERE.parent,
    ).stdout.split()  # fmt: skip
    count, slug, token, chronology_id = seeded[-4:]
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    with server("wsgi:app", env) as base:
        cookie = _session_cookie(base, slug, EMAIL, PASSWORD, TOTP_SECRET)
        chronology = f"{base}/{slug}/casework/reviews/{chronology_id}/chronology"
        page = opener_get(chronology, cookie)
        if page.count('<tr class="govuk-table__row">') < 2:
            raise RuntimeError("the chronology page shows no entries")
        for _ in range(10):
            get(base + "/healthz")
        pids = worker_pids(base)
        session = f"Cookie: {cookie}"
        dashboard = _latency(f"{base}/{slug}/reviews/", session, seconds, pids)
        api = _latency(
            f"{base}/api/v1/reviews?per_page=50", f"Authorization: Bearer {token}", seconds, pids
        )
        # One reader at a time per worker: the page's own time, not a queue behind 8 connections.
        merged = _latency(chronology, session, seconds, pids, connections=len(pids))
        for measured, size in ((dashboard, len(opener_get(f"{base}/{slug}/reviews/", cookie))),
                               (merged, len(page))):  # fmt: skip
            if measured.kb * 1024 < size / 2:
                raise RuntimeError("the signed-in pages answered with something else under load")
    return [
        _row(
            f"review dashboard ({count} reviews, 150 boards, PostgreSQL)", dashboard, "p95 < 50 ms"
        ),
        _row("reviews API list (50 a page)", api, "p95 < 50 ms"),
        _row(f"merged chronology page ({CHRONOLOGY_ENTRIES:,} entries)", merged, "p95 < 200 ms"),
    ]


def opener_get(url: str, cookie: str) -> str:
    request = urllib.request.Request(url, headers={"Cookie": cookie, "User-Agent": AGENT})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read().decode()  # type: ignore[no-any-return]


def main() -> int:
    from bench import harness

    name, url = harness.fresh_database()
    env = harness.bench_env(url)
    try:
        harness.candour(env, "db", "upgrade")
        harness.candour(env, "tenants", "load")
        harness.add_boards(url, 160)
        rows = measure(env, url, harness.server, harness.wrk, harness.get)
    finally:
        harness.drop_database(name)
        harness.shutil.rmtree(env["CANDOUR_STORAGE_PATH"], ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    for what, values, _ratio, notes in rows:
        print(f"{what.ljust(width)}  {values:>30}  {notes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
