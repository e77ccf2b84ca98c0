"""Per format: how long the first render takes, how long a cached download takes, and the cached
download's throughput against a static file of the same size from the same server."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import uuid

from bench.harness import (
    ROOT,
    best_of,
    candour,
    drop_database,
    fresh_database,
    get,
    server,
    warm,
)

FORMATS = ("pdf", "large-print", "text", "braille", "audio", "docx", "easy-read")


def timed(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    size = len(get(url))
    return (time.perf_counter() - started) * 1000, size


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 1
    name, url = fresh_database()
    storage = tempfile.mkdtemp(prefix="bench-formats-")
    env = {
        "CANDOUR_ENV": "production",
        "CANDOUR_SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "CANDOUR_ENCRYPTION_KEYS": "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtMDAwMDAwMDA=",
        "CANDOUR_DATABASE_URL": url,
        "CANDOUR_STORAGE_PATH": storage,
        "CANDOUR_LOG_LEVEL": "WARNING",
    }
    rows = []
    try:
        candour(env, "db", "upgrade")
        candour(env, "tenants", "load")
        with server("wsgi:app", env) as app:
            for key in FORMATS:
                link = f"{app}/salford/en/formats/{key}"
                first_ms, size = timed(link)
                cached_ms, _ = timed(link)
                blob = ROOT / f"core/static/vendor/bench-{key}.bin"
                blob.write_bytes(os.urandom(size))
                static = f"{app}/static/vendor/{blob.name}"
                warm(link, 10)
                warm(static, 10)
                fmt_load, static_load = best_of(link), best_of(static)
                blob.unlink()
                rows.append((key, size, first_ms, cached_ms, fmt_load.rps, static_load.rps))
    finally:
        drop_database(name)
        shutil.rmtree(storage, ignore_errors=True)
    print("\nformat        size      first render   cached download   cached / static file")
    for key, size, first_ms, cached_ms, fmt_rps, static_rps in rows:
        print(
            f"{key:12} {size / 1024:7.0f} KB {first_ms:10.0f} ms {cached_ms:12.1f} ms"
            f"   {fmt_rps:7,.0f} / {static_rps:7,.0f} req/s = {fmt_rps / static_rps:.0%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
