"""The warm family page against a bare Flask route, alone and short: `python -m bench.family`.

The same measure as the first line of `make bench` (same gunicorn command and workers, wrk from
another process), without the rest of the run, so a change to the family page can be checked
quickly on a shared machine. `BENCH_SECONDS` (default here 5) and `BENCH_WORKERS` apply.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid

os.environ.setdefault("BENCH_SECONDS", "5")

from bench import harness  # reads BENCH_SECONDS when imported

PAGES = ("/salford/en/", "/salford/ur/")


def main() -> int:
    name, url = harness.fresh_database()
    env = {
        "CANDOUR_ENV": "production",
        # In production a request must name a known host; the benchmark talks to 127.0.0.1.
        "CANDOUR_PLATFORM_HOST": "127.0.0.1",
        "CANDOUR_SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "CANDOUR_ENCRYPTION_KEYS": "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtMDAwMDAwMDA=",
        "CANDOUR_DATABASE_URL": url,
        "CANDOUR_STORAGE_PATH": tempfile.mkdtemp(prefix="bench-storage-"),
        "CANDOUR_LOG_LEVEL": "WARNING",
        "CANDOUR_WEB_WORKERS": str(harness.WORKERS),
    }
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
    finally:
        harness.drop_database(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
