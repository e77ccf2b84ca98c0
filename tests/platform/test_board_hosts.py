"""Host names: a request for a host Candour does not serve is refused; the operator cannot give a
board an IP address, a reserved name or the platform's own host; mail links are built on the
configured platform host, never on the request's."""

from __future__ import annotations

import re
from email import message_from_bytes
from pathlib import Path

import pytest
from admin_support import post, text


@pytest.mark.parametrize("host", ["unknown.example", "evil.example:443", "10.1.2.3", "[fd00::1]"])
def test_an_unknown_host_is_refused(client, make_tenant, host):
    make_tenant("board-a")
    for url in ("/", "/board-a/login", "/platform/login", "/api/v1/openapi.json"):
        response = client.get(url, headers={"Host": host})
        assert response.status_code == 400, (url, host)


def test_probes_answer_on_any_host(client):
    assert client.get("/healthz", headers={"Host": "10.1.2.3:8000"}).status_code == 200


def test_the_development_hosts_and_a_boards_own_host_are_served(client, make_tenant, in_app):
    from core import db
    from core.tenancy.models import TenantHostname

    tenant = make_tenant("board-a")
    in_app(
        lambda: db.session.add(TenantHostname(tenant_id=tenant.id, hostname="reviews.a.example"))
    )
    for host in ("localhost", "127.0.0.1:5000"):
        assert client.get("/board-a/login", headers={"Host": host}).status_code == 200
    assert client.get("/login", headers={"Host": "reviews.a.example"}).status_code == 200


def test_the_platform_host_is_served_and_localhost_is_not_in_production(migrated_database):
    from core import db
    from core.testing import make_test_app

    prod = make_test_app(
        migrated_database,
        ENV="production",
        SECRET_KEY="a-real-secret-for-this-test-only",
        ENCRYPTION_KEYS="ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtMDAwMDAwMDA=",
        PLATFORM_HOST="candour.example.org",
    )
    try:
        client = prod.test_client()
        assert client.get("/healthz", headers={"Host": "candour.example.org"}).status_code == 200
        assert client.get("/platform/login", headers={"Host": "localhost"}).status_code == 400
        platform = client.get(
            "/platform/login",
            headers={"Host": "candour.example.org"},
            base_url="https://candour.example.org",
        )
        assert platform.status_code == 200
    finally:
        db.get_database(prod).engine.dispose()


@pytest.mark.parametrize(
    ("hostname", "why"),
    [
        ("10.0.0.7", "IP address"),
        ("192.168.1.1", "IP address"),
        ("localhost", "Not a host name"),
        ("reviews.localhost", "reserved"),
        ("candour.example.org", "own host name"),
    ],
)
def test_the_operator_cannot_give_a_board_an_ip_address_or_the_platform_host(
    app, console, make_tenant, monkeypatch, hostname, why
):
    monkeypatch.setitem(app.config, "PLATFORM_HOST", "candour.example.org")
    make_tenant("board-a")
    url = "/platform/tenants/board-a"
    response = post(
        console, url, {"section": "hostnames", "hostnames": hostname}, headers={"Host": "localhost"}
    )
    assert response.status_code == 400 and why in text(response), text(response)[:500]


def test_mail_links_use_the_configured_platform_host(
    app, client, make_tenant, make_user, monkeypatch
):
    monkeypatch.setitem(app.config, "PLATFORM_HOST", "candour.example.org")
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    folder = Path(app.config["INSTANCE_PATH"]) / "mail"
    before = set(folder.glob("*.eml")) if folder.exists() else set()
    post(client, "/board-a/login/forgot", {"email": "admin@a.example"})
    (sent,) = set(folder.glob("*.eml")) - before
    body = message_from_bytes(sent.read_bytes()).get_payload(decode=True).decode()
    links = re.findall(r"https?://[^\s/]+", body)
    assert links == ["http://candour.example.org"]
