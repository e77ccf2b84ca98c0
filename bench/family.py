"""The warm family page against a bare Flask route, alone and short: `python -m bench.family`.

The same measure as the first line of `make bench` (same gunicorn command and workers, wrk from
another process), without the rest of the run, so a change to the family page can be checked
quickly on a shared machine. `BENCH_SECONDS` (default here 5) and `BENCH_WORKERS` apply.

Then the same requests in this process, as CPU time per request (`time.process_time`), which other
work on the machine does not change: the bare route, the family page as wrk asks for it (kept in
front of Flask, `core.family.fastpath`), and the same page through the whole Flask stack (a visitor
with a cookie, whose answer is never kept).
"""

from __future__ import annotations

import io
import os
import sys
import time
from typing import Any

os.environ.setdefault("BENCH_SECONDS", "5")

from bench import harness  # reads BENCH_SECONDS when imported

PAGES = ("/salford/en/", "/salford/ur/")
IN_PROCESS_REQUESTS = 3000


def _environ(path: str, cookie: str = "") -> dict[str, Any]:
    environ = {
        "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": path, "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }  # fmt: skip
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    return environ


def per_cpu_second(app: Any, path: str, cookie: str = "") -> float:
    """Requests answered per second of this process's CPU time, after warming."""

    def one() -> None:
        statuses: list[str] = []
        body = app(
            _environ(path, cookie), lambda status, headers, exc=None: statuses.append(status)
        )
        b"".join(body)
        if hasattr(body, "close"):
            body.close()
        if not statuses[0].startswith("200"):
            raise RuntimeError(f"{path} answered {statuses[0]} in process")

    for _ in range(100):
        one()
    started = time.process_time()
    for _ in range(IN_PROCESS_REQUESTS):
        one()
    return IN_PROCESS_REQUESTS / (time.process_time() - started)


def in_process(env: dict[str, str]) -> None:
    os.environ.update(env)
    from bench.bare import app as bare
    from core import create_app, db

    app = create_app()
    base = per_cpu_second(bare, "/")
    print(f"in process, per CPU second: bare Flask route {base:8,.0f} requests")
    for page in PAGES:
        kept = per_cpu_second(app, page)
        full = per_cpu_second(app, page, cookie="seen=1")
        print(
            f"  family page {page:16}{kept:8,.0f} kept ({kept / base:4.0%} of bare), "
            f"{full:6,.0f} through the whole stack ({full / base:4.0%})"
        )
    db.get_database(app).engine.dispose()


def main() -> int:
    name, url = harness.fresh_database()
    env = harness.bench_env(url)
    try:
        harness.candour(env, "db", "upgrade")
        harness.candour(env, "tenants", "load")
        with harness.server("bench.bare:app", env) as bare:
            harness.warm(bare + "/")
            base = harness.best_of(bare + "/")
        print(f"bare Flask route            {base.rps:8,.0f} req/s  p99 {base.p99_ms:5.1f} ms")
        with harness.server("wsgi:app", env) as app:
            for page in PAGES:
                harness.warm(app + page)
                load = harness.best_of(app + page)
                print(
                    f"family page {page:16}{load.rps:8,.0f} req/s  p99 {load.p99_ms:5.1f} ms"
                    f"  {load.rps / base.rps:4.0%} of bare (goal ≥ 75%, p99 < 20 ms)"
                )
        in_process(env)
    finally:
        harness.drop_database(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
