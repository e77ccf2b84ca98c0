"""Behind the ingress, clients are told apart by the X-Forwarded-For the trusted proxy appends, and
by nothing anyone else sends: one attacker's failures throttle the attacker, not every family and
member of staff, and the audit log records the client, not the proxy."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from core.proxies import ProxiesError, parse_networks
from core.testing import csrf_token, make_test_app

PROXY = "10.2.3.4"


@pytest.fixture
def behind_ingress(migrated_database):
    application = make_test_app(migrated_database, TRUSTED_PROXIES="10.0.0.0/8, fd00::/8")
    connection = db.get_database(application).engine.connect()
    outer = connection.begin()
    db.get_database(application).bind_to(connection)
    application.extensions["candour.limiter"].reset_all()
    from core.platform.provisioning import create_tenant

    with application.app_context():
        with db.all_tenants():
            create_tenant("board-a", "Board A")
        db.session.commit()
    yield application
    outer.rollback()
    connection.close()
    db.get_database(application).engine.dispose()


def _client(application, *, remote, forwarded=None):
    client = application.test_client()
    client.environ_base["REMOTE_ADDR"] = remote
    if forwarded is not None:
        client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded
    return client


def _fail_sign_in(client, email=None):
    token = csrf_token(client, "/board-a/login")
    return client.post(
        "/board-a/login",
        data={
            "csrf_token": token,
            "email": email or f"x-{uuid.uuid4().hex[:8]}@example.org",
            "password": "wrong password",
        },
    )


def _addresses(application) -> list[str]:
    with application.app_context(), db.all_tenants():
        return [e.client_address for e in db.session.scalars(select(AuditEvent))]


def test_one_attackers_failures_do_not_lock_out_everyone_behind_the_proxy(behind_ingress):
    attacker = _client(behind_ingress, remote=PROXY, forwarded="203.0.113.5")
    statuses = [_fail_sign_in(attacker).status_code for _ in range(21)]
    assert statuses[-1] == 429 and statuses[0] == 401
    family_member = _client(behind_ingress, remote=PROXY, forwarded="198.51.100.7")
    assert _fail_sign_in(family_member).status_code == 401


def test_the_audit_log_records_the_client_not_the_proxy(behind_ingress):
    _fail_sign_in(_client(behind_ingress, remote=PROXY, forwarded="203.0.113.5"))
    assert "203.0.113.5" in _addresses(behind_ingress)
    assert PROXY not in _addresses(behind_ingress)


def test_only_the_address_the_proxy_appended_is_believed(behind_ingress):
    spoofed = _client(behind_ingress, remote=PROXY, forwarded="192.0.2.99, 203.0.113.5")
    _fail_sign_in(spoofed)
    assert _addresses(behind_ingress)[-1] == "203.0.113.5"


def test_a_client_that_is_not_a_trusted_proxy_cannot_choose_its_address(behind_ingress):
    direct = _client(behind_ingress, remote="198.51.100.9", forwarded="10.9.9.9")
    _fail_sign_in(direct)
    assert _addresses(behind_ingress)[-1] == "198.51.100.9"


def test_without_trusted_proxies_forwarded_headers_are_ignored(app, client, make_tenant):
    make_tenant("board-a")
    client.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.5"
    _fail_sign_in(client)
    assert "203.0.113.5" not in _addresses(app)


def test_a_trusted_proxies_setting_that_is_not_addresses_is_refused():
    assert [str(n) for n in parse_networks("10.0.0.0/8,192.168.1.1")] == [
        "10.0.0.0/8",
        "192.168.1.1/32",
    ]
    with pytest.raises(ProxiesError):
        parse_networks("ingress.local")
