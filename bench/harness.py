"""Benchmarks measured side by side in one run, printed as one table of ratios.

Each server is started exactly as `candour serve` starts Candour (the same gunicorn command, the
same number of workers) and driven by wrk from another process on 127.0.0.1:
  1. the family page (warm cache) against a bare Flask route;
  2. the family page with 3 boards against 1,000 boards loaded;
  3. a cached format download against a static file of the same size from the same server;
  4. the review dashboard and the reviews API list at 10,000 reviews across 150 boards (PostgreSQL);
  5. the resident memory of one worker with every plugin loaded and every format rendered.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from core.cli import gunicorn_command

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wrk(url: str, seconds: int = DURATION) -> Load:
    out = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise RuntimeError(f"{url} answered {non2xx.group(1)} errors under load:\n{out}")

    def pct(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return Load(rps, pct("50"), pct("99"))


@contextlib.contextmanager
def server(app_spec: str, env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    log = tempfile.NamedTemporaryFile("w", prefix="bench-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        gunicorn_command(app_spec, "127.0.0.1", port, WORKERS),
        env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(
                    base + "/healthz" if "wsgi" in app_spec else base + "/", timeout=1
                )
                break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"{app_spec} did not start; see {log.name}")
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def worker_pids(base: str) -> list[int]:
    port = base.rsplit(":", 1)[1]
    out = subprocess.run(["ps", "-eo", "pid,ppid,args"], capture_output=True, text=True).stdout
    masters = [
        int(line.split()[0])
        for line in out.splitlines()
        if f"127.0.0.1:{port}" in line and "gunicorn" in line
    ]
    return [
        int(line.split()[0]) for line in out.splitlines()[1:] if int(line.split()[1]) in masters
    ]


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]


def warm(url: str, times: int = 40) -> None:
    """Reach every worker a few times so each has its caches filled before measuring."""
    for _ in range(times):
        get(url)


def best_of(url: str, rounds: int = 2) -> Load:
    """The best of a few runs: other work on a small machine only ever slows a run down."""
    runs = [wrk(url) for _ in range(rounds)]
    return max(runs, key=lambda r: r.rps)


def get(url: str) -> bytes:
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"benchmarks only talk to this machine, not {url}")
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()  # type: ignore[no-any-return]


# -- data --------------------------------------------------------------------------------------------


def fresh_database() -> tuple[str, str]:
    url = make_url(PG)
    name = f"candour_bench_{uuid.uuid4().hex[:6]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, url.set(database=name).render_as_string(hide_password=False)


def drop_database(name: str) -> None:
    admin = create_engine(make_url(PG), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def analyse(url: str) -> None:
    """Gather the planner's statistics, as a running database's autovacuum does after the seed's
    inserts. This machine's PostgreSQL runs with autovacuum off, and without statistics the planner
    takes every table for a few rows: the lists' urgency aggregate then ran as a nested loop, ten
    times the work (11 ms of the database's time on the API list's page, 1 ms with statistics)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()


def database_cpu_seconds() -> float:
    """CPU seconds used so far by every PostgreSQL process on this machine (server and backends)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            line = stat.read_text()
        except OSError:  # the process ended
            continue
        if line[line.index("(") + 1 : line.rindex(")")].startswith("postgres"):
            fields = line.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def candour(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    return subprocess.run(
        [str(ROOT / ".venv/bin/candour"), *args], env={**os.environ, **env},
        input=stdin, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def add_boards(url: str, total: int) -> None:
    """Bring the number of boards up to `total` with ordinary English boards (bulk insert)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        have = conn.execute(text("SELECT count(*) FROM tenants")).scalar_one()
        rows = [
            {"slug": f"bench-{i:04d}", "name": f"Bench Board {i:04d}"} for i in range(total - have)
        ]
        if rows:
            conn.execute(
                text(
                    "INSERT INTO tenants (slug, name, names, jurisdiction, framework, default_locale, "
                    "locales, translation_checked, contact_role, contact_phone, contact_email, "
                    "contact_address, more_info_url, guidance_url, panel_agencies, target_months, "
                    "contact_retention_days, status, content_version, created_at, updated_at) VALUES "
                    "(:slug, :name, '{}', 'england', 'lcspr-2023', 'en', '[\"en\"]', '[\"en\"]', "
                    "'{\"en\": \"Business Manager\"}', '01632 960 000', '', '', '', '', '[]', 6, 180, "
                    "'active', 1, now(), now())"
                ),
                rows,
            )
    engine.dispose()


def bench_env(url: str) -> dict[str, str]:
    """The environment of every server in a run: production settings, its own storage folder."""
    return {
        "CANDOUR_ENV": "production",
        # In production a request must name a known host; the benchmark talks to 127.0.0.1.
        "CANDOUR_PLATFORM_HOST": "127.0.0.1",
        "CANDOUR_SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "CANDOUR_ENCRYPTION_KEYS": "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtMDAwMDAwMDA=",
        "CANDOUR_DATABASE_URL": url,
        "CANDOUR_STORAGE_PATH": tempfile.mkdtemp(prefix="bench-storage-"),
        "CANDOUR_LOG_LEVEL": "WARNING",
        "CANDOUR_WEB_WORKERS": str(WORKERS),
    }


# -- the run -------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-reviews", action="store_true", help="skip the 10,000-review part")
    parser.add_argument("--skip-lighthouse", action="store_true", help="skip the Lighthouse runs")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 1
    name, url = fresh_database()
    env = bench_env(url)
    storage = env["CANDOUR_STORAGE_PATH"]
    results: list[tuple[str, str, str, str]] = []
    try:
        candour(env, "db", "upgrade")
        candour(env, "tenants", "load")
        with server("bench.bare:app", env) as bare:
            warm(bare + "/")
            bare_load = best_of(bare + "/")
        with server("wsgi:app", env) as app:
            warm(app + "/salford/en/")
            page3 = best_of(app + "/salford/en/")
            if not args.skip_lighthouse:
                from bench import lighthouse

                results.extend(lighthouse.measure(app))
            # 3. a cached format download against a static file of the same size
            pdf = get(app + "/salford/en/formats/pdf")
            blob = ROOT / "core/static/vendor/bench-blob.bin"
            blob.write_bytes(os.urandom(len(pdf)))
            warm(app + "/salford/en/formats/pdf")
            warm(app + "/static/vendor/bench-blob.bin")
            fmt = best_of(app + "/salford/en/formats/pdf")
            static = best_of(app + "/static/vendor/bench-blob.bin")
            blob.unlink()
        results.append(
            (
                "family page (warm) / bare Flask route",
                f"{page3.rps:,.0f} / {bare_load.rps:,.0f} req/s",
                f"{page3.rps / bare_load.rps:.0%}",
                f"p99 {page3.p99_ms:.1f} ms (goal ≥ 60%, p99 < 20 ms)",
            )
        )
        add_boards(url, 1000)
        with server("wsgi:app", env) as app:
            warm(app + "/salford/en/")
            page1000 = best_of(app + "/salford/en/")
        results.append(
            (
                "family page: 1,000 boards / 3 boards",
                f"{page1000.rps:,.0f} / {page3.rps:,.0f} req/s",
                f"{page1000.rps / page3.rps:.0%}",
                "goal within 10%",
            )
        )
        results.append(
            (
                f"cached PDF download / static file ({len(pdf) // 1024} KB)",
                f"{fmt.rps:,.0f} / {static.rps:,.0f} req/s",
                f"{fmt.rps / static.rps:.0%}",
                "goal ≥ 80%",
            )
        )
        if not args.skip_reviews:
            from bench import reviews

            results.extend(reviews.measure(env, url, server, wrk, get))
        # 5. memory: one worker serving pages and cached downloads (format libraries stay
        # unimported), then the same worker after rendering every format itself.
        with server("wsgi:app", {**env, "CANDOUR_WEB_WORKERS": "1"}) as app:
            for page in (
                "/salford/en/",
                "/salford/ur/",
                "/salford/en/formats/",
                "/salford/en/contact",
                "/northmoor/pl/",
                "/cwm-ffuglen/cy/",
                "/salford/en/formats/pdf",
            ):
                get(app + page)
            serving = max(peak_rss_mb(pid) for pid in worker_pids(app))
            for key in ("pdf", "large-print", "text", "braille", "audio", "docx", "easy-read"):
                get(app + f"/northmoor/en/formats/{key}")
            rendering = max(peak_rss_mb(pid) for pid in worker_pids(app))
        results.append(
            (
                "peak memory of one worker, every plugin loaded",
                f"{serving:.0f} MB",
                "",
                "goal < 150 MB",
            )
        )
        results.append(
            (
                "  … after it has rendered every format itself",
                f"{rendering:.0f} MB",
                "",
                "WeasyPrint, espeak, docx imported",
            )
        )
    finally:
        drop_database(name)
        shutil.rmtree(storage, ignore_errors=True)
    width = max(len(r[0]) for r in results)
    print(
        f"\nCandour benchmarks — {WORKERS} sync gunicorn workers, wrk -t1 -c8 -d{DURATION}s, {os.cpu_count()} CPUs\n"
    )
    print(f"{'measure'.ljust(width)}  {'values':>26}  {'ratio':>6}  notes")
    for measure, values, ratio, notes in results:
        print(f"{measure.ljust(width)}  {values:>26}  {ratio:>6}  {notes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
