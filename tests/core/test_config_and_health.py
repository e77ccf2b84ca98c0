"""Configuration from the environment, and the health endpoints."""

from __future__ import annotations

import pytest

from core.config import ConfigError, load_config


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.setenv("CANDOUR_ENV", "production")
    monkeypatch.delenv("CANDOUR_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="CANDOUR_SECRET_KEY"):
        load_config()


def test_production_refuses_to_start_without_encryption_keys(monkeypatch):
    monkeypatch.setenv("CANDOUR_ENV", "production")
    monkeypatch.setenv("CANDOUR_SECRET_KEY", "x" * 40)
    monkeypatch.delenv("CANDOUR_ENCRYPTION_KEYS", raising=False)
    with pytest.raises(ConfigError, match="CANDOUR_ENCRYPTION_KEYS"):
        load_config()


def test_unknown_environment_is_refused(monkeypatch):
    monkeypatch.setenv("CANDOUR_ENV", "staging")
    with pytest.raises(ConfigError):
        load_config()


def test_healthz_answers_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_checks_database_and_storage(client):
    body = client.get("/readyz").get_json()
    assert body == {"status": "ok", "checks": {"database": "ok", "storage": "ok"}}


def test_readyz_reports_an_unreachable_database(migrated_database, tmp_path):
    from core.testing import make_test_app

    app = make_test_app(f"sqlite:///{tmp_path}/missing/dir/db.sqlite")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"] == "unreachable"


def test_security_headers_are_on_every_response(client):
    response = client.get("/healthz")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
