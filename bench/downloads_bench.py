"""Right after a branding change, a family's download of every enabled format on the demo boards:
the previous version is served at once (no render in the request), then the new one once the
worker has rendered it: the worker's own per-format jobs (`formats.render_one`) on the real queue,
run by Huey's consumer in this process. Prints p50/p99 per phase against the goal (p99 < 50 ms).

`--locales en,cy` limits the locales rendered and downloaded (default: en and ur, one left-to-right
and one right-to-left; `--locales all` takes every locale the boards offer, a much longer run)."""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
import urllib.error
import urllib.request

from bench.harness import server
from bench.jobs_support import Worker, bench_environment, make_app, render_jobs

GOAL_MS = 50.0
HOST = "candour.bench"  # production answers only on its own host name, never on an IP address


def get(url: str) -> bytes:
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"benchmarks only talk to this machine, not {url}")
    request = urllib.request.Request(url, headers={"Host": HOST})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()  # type: ignore[no-any-return]


def measure(urls: list[str], rounds: int) -> tuple[list[float], dict[str, str]]:
    times, digests = [], {}
    for _ in range(rounds):
        for url in urls:
            started = time.perf_counter()
            try:
                body = get(url)
            except urllib.error.HTTPError as exc:
                raise RuntimeError(f"{url}: {exc} {exc.read()[:400]!r}") from exc
            times.append((time.perf_counter() - started) * 1000)
            digests[url] = hashlib.sha256(body).hexdigest()
    return times, digests


def p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locales", default="en,ur")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with bench_environment() as env:
        env["CANDOUR_PLATFORM_HOST"] = HOST
        # The queue is the SQLite file in the instance folder, shared with the web server's workers.
        app = make_app(env, JOBS_IMMEDIATE=False)
        worker = Worker(app, args.workers)
        from sqlalchemy import select

        from core import db
        from core.admin import branding
        from core.formats import service
        from core.tenancy.models import Tenant

        with app.app_context():
            with db.all_tenants():
                boards = list(db.session.scalars(select(Tenant).order_by(Tenant.id)))
                offered_locales = sorted({code for t in boards for code in t.locales})
                locales = offered_locales if args.locales == "all" else args.locales.split(",")
                jobs = render_jobs(boards, locales)
            urls = []
            for tenant in boards:
                with db.tenant_scope(tenant.id):
                    live = db.session.get(Tenant, tenant.id)
                    for locale in locales:
                        if locale in live.locales:
                            for item in service.offered(live, locale):
                                key = item.format.key
                                urls.append(f"/{live.slug}/{locale}/formats/{key}")
        worker.huey.flush()
        worker.enqueue(jobs)
        worker.start()
        first_render_s = worker.drain()
        worker.stop()
        with server("wsgi:app", env) as base:
            full = [base + u for u in urls]
            measure(full, 1)  # every worker process has loaded its plugins
            before, before_digests = measure(full, args.rounds)
            with app.app_context():
                for tenant in boards:
                    with db.tenant_scope(tenant.id):
                        live = db.session.get(Tenant, tenant.id)
                        branding.save(
                            live, name=live.name,
                            colours={"primary_colour": "#1d4f91", "primary_text_colour": "#ffffff",
                                     "link_colour": "#1d4f91"},
                            logo_alt="", logo=None, remove_logo=False, actor=None,
                        )  # fmt: skip
                        db.session.commit()  # queues the board's re-render (no worker runs yet)
            queued_by_change = worker.waiting()
            time.sleep(2.5)  # the web workers' copy of each board lives 2 s
            after, after_digests = measure(full, args.rounds)
            queued_after = worker.waiting()
            previous = sum(after_digests[u] == before_digests[u] for u in full)
            if args.locales != "all":
                # The boards' own re-renders cover every locale they offer: run the same
                # per-format jobs for the chosen locales only, to keep the run short.
                worker.huey.flush()
                with app.app_context(), db.all_tenants():
                    worker.enqueue(render_jobs(boards, locales))
            worker.start()
            rerender_s = worker.drain()
            worker.stop()
            new, new_digests = measure(full, args.rounds)
            changed = sum(new_digests[u] != before_digests[u] for u in full)
    renders = sum(1 for name, _at in worker.started.values() if name == "formats.render_one")
    print(
        f"\nFormats after a branding change: {len(boards)} demo boards, locales {','.join(locales)}, "
        f"{len(urls)} downloads × {args.rounds} rounds per phase, {args.workers} worker threads"
    )
    print(f"(the worker rendering them first: {len(jobs)} formats.render_one jobs in {first_render_s:.0f} s; "
          f"re-rendering after the change: {rerender_s:.0f} s; {renders} render jobs run in all)")  # fmt: skip
    print(f"queued by the branding change: {queued_by_change}; "
          f"after the downloads of stale formats: {queued_after}\n")  # fmt: skip
    print(
        "phase                                  requests   p50 ms   p99 ms   max ms   goal p99 < 50 ms"
    )
    for label, times in (
        ("before the change", before),
        ("just after (previous version served)", after),
        ("after the worker's re-render (new)", new),
    ):
        verdict = "met" if p(times, 0.99) < GOAL_MS else "NOT met"
        print(
            f"{label:38} {len(times):8} {statistics.median(times):8.1f} {p(times, 0.99):8.1f}"
            f" {max(times):8.1f}   {verdict}"
        )
    print(f"\njust after the change {previous}/{len(full)} downloads were the previous file; "
          f"after the re-render {changed}/{len(full)} differ from it (text-only formats need not)")  # fmt: skip
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as exc:
        print(f"a download failed: {exc}", file=sys.stderr)
        sys.exit(1)
