"""Part 4: the review dashboard, the reviews API list and a merged chronology of 2,000 entries, at
10,000 reviews (each with agency requests, a meeting and an action) across 150 boards.

Latency is wrk's, from another process, twice: with 8 connections on the 2 workers (saturation: the
throughput, and a p95 that is mostly the queue, by Little's law about 8 / throughput) and with one
connection per worker (a request's own time, nobody ahead of it). CPU time per request is the
gunicorn workers' own (user and system time from /proc before and after the run, divided by the
requests served), which the other work on a shared machine disturbs far less than the wall clock;
"in process" is the same request through the app in this process, `IN_PROCESS_REQUESTS` times
(its CPU time, the least disturbed figure of all).

`python -m bench.reviews` runs this part alone on a fresh PostgreSQL database; `--keep FILE` keeps
the seeded database and writes how to reach it to FILE, `--reuse FILE` measures on it again (the
seed takes minutes); `--profile DIR` writes a cProfile of the in-process requests per page to DIR.
"""

from __future__ import annotations

import argparse
import cProfile
import http.cookiejar
import io
import itertools
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
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
IN_PROCESS_REQUESTS = int(os.environ.get("BENCH_IN_PROCESS_REQUESTS", "30"))
# The dashboard's "Assigned to me" filter is on only for "1"; any other value is written back into
# the page's links, so a page asked with one of its own is worked out afresh, not kept.
AFRESH = "?mine="


@dataclass
class Latency:
    p50: float
    p95: float
    rps: float
    cpu_ms: float  # the server's CPU time per request
    db_ms: float  # the database's CPU time per request (every PostgreSQL process on the machine)
    kb: float  # read per request: a page, not a redirect to the sign-in page


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def _latency(url: str, header: str, seconds: int, pids: list[int], connections: int = 8) -> Latency:
    """wrk's figures for `url`; a URL ending in `AFRESH` gets a value of its own each request."""
    from bench.harness import database_cpu_seconds

    before, database_before = _cpu_seconds(pids), database_cpu_seconds()
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s",
         "-s", str(HERE / ("afresh.lua" if url.endswith(AFRESH) else "percentiles.lua")),
         "-H", header, "-H", f"User-Agent: {AGENT}", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    used = _cpu_seconds(pids) - before
    database = database_cpu_seconds() - database_before
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        raise RuntimeError(f"{url} answered errors under load:\n{out}")
    p50, p95, _p99 = (
        float(x) for x in re.search(r"PERCENTILES ([\d.]+) ([\d.]+) ([\d.]+)", out).groups()
    )  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    found = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read", out)
    served, size, unit = int(found.group(1)), float(found.group(2)), found.group(3)  # type: ignore[union-attr]
    kb = size * {"B": 1 / 1024, "KB": 1, "MB": 1024, "GB": 1024**2}[unit] / max(served, 1)
    per_request = 1000 / max(served, 1)
    return Latency(p50, p95, rps, used * per_request, database * per_request, kb)


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
        try:
            answer = post("/login/two-factor", {"code": totp.now()})
        except urllib.error.HTTPError as refused:
            # A code is good once: the seed (or a run a moment ago) used this one.
            if refused.code != 401:
                raise
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


def _row(what: str, m: Latency, goal: str, in_process: float) -> tuple[str, str, str, str]:
    return (
        what,
        f"median {m.p50:.1f} ms, p95 {m.p95:.1f} ms",
        "",
        f"{m.rps:,.0f} req/s, {m.cpu_ms:.1f} ms CPU a request ({in_process:.1f} in process), "
        f"database {m.db_ms:.1f} ms; "
        f"goal {goal}",
    )


def seed(env: dict[str, str]) -> list[str]:
    """Seed the database (a separate process: its own app); the seed's answer, see seed_reviews."""
    return subprocess.run(
        [sys.executable, "-m", "bench.seed_reviews"], env={**os.environ, **env},
        capture_output=True, text=True, check=True, cwd=HERE.parent,
    ).stdout.split()[-4:]  # fmt: skip


def measure(
    env: dict[str, str], url: str, server: Any, wrk: Any, get: Any,
    seeded: list[str] | None = None, profile: Path | None = None, wrk_runs: bool = True,
) -> list[tuple[str, str, str, str]]:  # fmt: skip
    from bench.harness import worker_pids
    from bench.seed_reviews import BOARDS, CHRONOLOGY_ENTRIES, EMAIL, PASSWORD, TOTP_SECRET

    count, slug, token, chronology_id = seeded or seed(env)
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    pages = {
        "dashboard": (f"/{slug}/reviews/", "cookie"),
        # The same dashboard worked out afresh on every request, as after a change to the board:
        # each asks with a value of its own in a filter the page writes back into its links.
        "afresh": (f"/{slug}/reviews/{AFRESH}", "cookie"),
        "api": ("/api/v1/reviews?per_page=50", "token"),
        "chronology": (f"/{slug}/casework/reviews/{chronology_id}/chronology", "cookie"),
    }
    with server("wsgi:app", env) as base:
        cookie = _session_cookie(base, slug, EMAIL, PASSWORD, TOTP_SECRET)
        chronology = base + pages["chronology"][0]
        page = opener_get(chronology, cookie)
        if page.count('<tr class="govuk-table__row">') < 2:
            raise RuntimeError("the chronology page shows no entries")
        for _ in range(10):
            get(base + "/healthz")
        pids = worker_pids(base)
        headers = {"cookie": f"Cookie: {cookie}", "token": f"Authorization: Bearer {token}"}
        measured: dict[str, dict[int, Latency]] = {}
        for what, (path, auth) in pages.items():
            # Saturation (8 connections on the workers), then one reader per worker: the page's
            # own time with nobody ahead of it. The chronology is only measured the second way.
            runs = ((8, len(pids)) if what != "chronology" else (len(pids),)) if wrk_runs else ()
            measured[what] = {
                c: _latency(base + path, headers[auth], seconds, pids, c) for c in runs
            }
        dashboard = len(opener_get(base + pages["dashboard"][0], cookie))
        for what, size in (("dashboard", dashboard), ("afresh", dashboard),
                           ("chronology", len(page))):  # fmt: skip
            if any(m.kb * 1024 < size / 2 for m in measured[what].values()):
                raise RuntimeError("the signed-in pages answered with something else under load")
    cpu = in_process(env, {what: (path, headers[auth]) for what, (path, auth) in pages.items()},
                     profile)  # fmt: skip
    names = {
        "dashboard": f"review dashboard ({count} reviews, {BOARDS} boards, PostgreSQL)",
        "afresh": "  the same, worked out afresh each time",
        "api": "reviews API list (50 a page)",
        "chronology": f"merged chronology page ({CHRONOLOGY_ENTRIES:,} entries, 200 a page)",
    }
    goals = {
        "dashboard": "p95 < 50 ms",
        "afresh": "p95 < 50 ms",
        "api": "p95 < 50 ms",
        "chronology": "p95 < 200 ms",
    }
    if not wrk_runs:
        return [(names[what], f"{ms:.1f} ms CPU in process", "", "") for what, ms in cpu.items()]
    return [
        _row(f"{names[what]}, wrk -c{c}", m, goals[what], cpu[what])
        for what, runs in measured.items()
        for c, m in runs.items()
    ]


def in_process(
    env: dict[str, str], pages: dict[str, tuple[str, str]], profile: Path | None
) -> dict[str, float]:
    """CPU milliseconds a request for each page, through the whole app in this process (the same
    database, settings and signed-in session as the server), after a few to warm up; with
    `profile`, a cProfile of those requests per page as DIR/<page>.prof and a text summary."""
    os.environ.update(env)
    from core import create_app, db
    from core.app import settle_for_serving

    app = create_app()
    settle_for_serving()  # as the served app does (wsgi.py)
    spent = {}
    for what, (path, header) in pages.items():
        # Each page its own client, as wrk sends each only its own header: an API request carries
        # no sign-in cookie of the pages before it (which would add a session lookup).
        client = app.test_client()
        name, value = header.split(": ", 1)
        headers = {name: value, "User-Agent": AGENT}
        if name == "Cookie":
            headers = {"User-Agent": AGENT}
            for part in value.split("; "):
                key, _, val = part.partition("=")
                client.set_cookie(key, val, domain="127.0.0.1")
        kwargs: dict[str, Any] = {
            "headers": headers, "base_url": "http://127.0.0.1", "environ_base": {"REMOTE_ADDR": "127.0.0.1"},
        }  # fmt: skip
        # A path ending in `AFRESH` is asked with a value of its own each time (never kept).
        paths = (f"{path}n{n}" if path.endswith(AFRESH) else path for n in itertools.count())
        for _ in range(5):
            asked = next(paths)
            answer = client.get(asked, **kwargs)
            if answer.status_code != 200:
                raise RuntimeError(f"{asked} answered {answer.status_code} in process")
        profiler = cProfile.Profile(time.process_time) if profile else None
        started = time.process_time()
        if profiler:
            profiler.enable()
        for _ in range(IN_PROCESS_REQUESTS):
            client.get(next(paths), **kwargs)
        if profiler:
            profiler.disable()
        spent[what] = 1000 * (time.process_time() - started) / IN_PROCESS_REQUESTS
        if profiler and profile:
            _write_profile(profiler, profile / what)
    db.get_database(app).engine.dispose()
    return spent


def _write_profile(profiler: cProfile.Profile, stem: Path) -> None:
    import pstats

    stem.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(f"{stem}.prof")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(80)
    Path(f"{stem}.txt").write_text(out.getvalue())


def opener_get(url: str, cookie: str) -> str:
    request = urllib.request.Request(url, headers={"Cookie": cookie, "User-Agent": AGENT})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read().decode()  # type: ignore[no-any-return]


def main() -> int:
    from bench import harness

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--keep", type=Path, help="keep the seeded database; write its details here"
    )
    parser.add_argument("--reuse", type=Path, help="measure on a database kept with --keep")
    parser.add_argument("--profile", type=Path, help="write cProfile output of each page here")
    parser.add_argument(
        "--in-process-only", action="store_true", help="sign in, then only the in-process figures"
    )
    args = parser.parse_args()
    if args.reuse:
        kept = json.loads(args.reuse.read_text())
        name, url, seeded = kept["name"], kept["url"], kept["seeded"]
        os.environ["BENCH_BOARDS"] = str(kept["boards"])  # for the report's label
        env = {**harness.bench_env(url), "CANDOUR_STORAGE_PATH": kept["storage"]}
    else:
        name, url = harness.fresh_database()
        env = harness.bench_env(url)
        seeded = None
    try:
        if seeded is None:
            harness.candour(env, "db", "upgrade")
            harness.candour(env, "tenants", "load")
            harness.add_boards(url, 160)
            seeded = seed(env)
            if args.keep:
                args.keep.write_text(json.dumps(
                    {"name": name, "url": url, "seeded": seeded, "storage": env["CANDOUR_STORAGE_PATH"],
                     "boards": int(os.environ.get("BENCH_BOARDS", "150"))}
                ))  # fmt: skip
        harness.analyse(url)
        rows = measure(
            env, url, harness.server, harness.wrk, harness.get, seeded, args.profile,
            wrk_runs=not args.in_process_only,
        )  # fmt: skip
    finally:
        if not (args.keep or args.reuse):
            harness.drop_database(name)
            harness.shutil.rmtree(env["CANDOUR_STORAGE_PATH"], ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    for what, values, _ratio, notes in rows:
        print(f"{what.ljust(width)}  {values:>30}  {notes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
