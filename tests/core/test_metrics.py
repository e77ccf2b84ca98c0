"""Metrics and request ids."""

from __future__ import annotations


def test_metrics_expose_requests_by_route_board_and_status(client, demo_tenants):
    client.get("/salford/en/")
    client.get("/salford/xx/")
    client.get("/northmoor/en/formats/text").close()
    body = client.get("/metrics").get_data(as_text=True)
    assert (
        'candour_http_requests_total{route="/<tenant>/<locale>/",status="200",tenant="salford"}'
        in body
    )
    assert 'route="/<tenant>/<locale>/",status="404"' in body
    assert "candour_http_request_duration_seconds_bucket" in body
    assert 'candour_format_renders_total{format="text",outcome="rendered"}' in body
    assert "candour_plugin_failures_total" in body or "candour_plugin_failures" in body
    assert "candour_publication_failures" in body


def test_metrics_are_not_served_through_a_proxy(client):
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 404


def test_every_response_carries_a_request_id(client):
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert len(generated) == 32
    assert (
        client.get("/healthz", headers={"X-Request-ID": "abc12345-trace"}).headers["X-Request-ID"]
        == "abc12345-trace"
    )
    assert (
        client.get("/healthz", headers={"X-Request-ID": "bad id <script>"}).headers["X-Request-ID"]
        != "bad id <script>"
    )


def test_json_logs_carry_the_request_id_and_board(app, demo_tenants):
    import json
    import logging

    from flask import g

    from core.logs import JsonFormatter

    record = logging.LogRecord("core.test", logging.WARNING, __file__, 1, "probe %s", ("ok",), None)
    with app.test_request_context("/salford/en/"):
        g.request_id = "req-12345678"
        g.tenant = demo_tenants["salford"]
        payload = json.loads(JsonFormatter().format(record))
    assert payload["request_id"] == "req-12345678"
    assert payload["tenant"] == "salford"
    assert payload["message"] == "probe ok"
    assert payload["level"] == "WARNING"
    assert payload["path"] == "/salford/en/"
