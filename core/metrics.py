"""Prometheus metrics and request ids.

`/metrics` exposes requests by route template, board and status, latency histograms, format
renders and failures, publication failures and plugin failures. Under gunicorn with several
workers, `candour serve` sets PROMETHEUS_MULTIPROC_DIR so every worker's numbers are summed. The
endpoint answers only scrapes made straight to the pod: a request that came through a proxy (it
carries X-Forwarded-For) gets a 404, so the public never sees it.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from typing import Any

from flask import Flask, Response, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter(
    "candour_http_requests",
    "HTTP requests by route template, board and status",
    ["route", "tenant", "status"],
)
LATENCY = Histogram(
    "candour_http_request_duration_seconds",
    "Time to answer a request, by route template",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
FORMAT_RENDERS = Counter(
    "candour_format_renders", "Format renders by format and outcome", ["format", "outcome"]
)
PUBLICATION_FAILURES = Counter(
    "candour_publication_failures", "Publications that failed, by reason", ["reason"]
)
PLUGIN_FAILURES = Counter("candour_plugin_failures", "Plugin hook failures", ["plugin", "hook"])

_series: dict[tuple[str, str, int], tuple[Any, Any]] = {}
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id(incoming: str) -> str:
    """The id a response carries: the caller's own, if it is a sensible one, else a new one."""
    return incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex


def request_series(route: str, tenant: str, status: int) -> tuple[Any, Any]:
    """The request counter and latency histogram of one route, board and status (kept, as the
    labelling itself costs more than counting)."""
    key = (route, tenant, status)
    series = _series.get(key)
    if series is None:
        series = (REQUESTS.labels(route, tenant, str(status)), LATENCY.labels(route))
        if len(_series) > 20_000:
            _series.clear()
        _series[key] = series
    return series


def _start() -> None:
    g.request_started = time.perf_counter()
    g.request_id = request_id(request.headers.get("X-Request-ID", ""))


def _finish(response: Response) -> Response:
    started = g.get("request_started")
    route = request.url_rule.rule if request.url_rule is not None else "unmatched"
    if route != "/metrics":
        tenant = g.get("tenant")
        series = request_series(
            route, tenant.slug if tenant is not None else "", response.status_code
        )
        series[0].inc()
        if started is not None:
            series[1].observe(time.perf_counter() - started)
    if g.get("request_id"):
        response.headers["X-Request-ID"] = g.request_id
    return response


def metrics_view() -> Response:
    if request.headers.get("X-Forwarded-For"):
        abort(404)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        data = generate_latest(registry)
    else:
        data = generate_latest()
    return Response(data + _collected_at_scrape(), mimetype=CONTENT_TYPE_LATEST)


def _collected_at_scrape() -> bytes:
    """Figures other subsystems read fresh at each scrape (`candour.metrics_collectors`)."""
    collectors = current_app.extensions.get("candour.metrics_collectors", ())
    if not collectors:
        return b""
    registry = CollectorRegistry(auto_describe=False)
    for collector in collectors:
        registry.register(collector)
    return generate_latest(registry)


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
    app.add_url_rule("/metrics", "metrics", metrics_view)
