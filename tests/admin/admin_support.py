"""Helpers the admin, platform and security tests share: posting forms with their CSRF token,
reading the audit log, and the plugin settings a board has saved."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from core.plugins.models import PluginSetting
from core.testing import DEFAULT_PASSWORD

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Board:
    app: Flask
    tenant: Any
    admin: Any


def token(client: FlaskClient, url: str) -> str:
    page = client.get(url)
    match = _CSRF.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url} ({page.status_code})"
    return match.group(1)


def post(
    client: FlaskClient, url: str, data: dict[str, Any], *, form_url: str | None = None, **kw: Any
) -> Any:
    """POST `data` to `url` with the CSRF token of the page at `form_url` (default: `url`)."""
    return client.post(url, data={"csrf_token": token(client, form_url or url), **data}, **kw)


def audit_actions(app: Flask, tenant_id: int | None) -> list[str]:
    with app.app_context(), db.all_tenants():
        return [
            e.action
            for e in db.session.scalars(
                select(AuditEvent).where(AuditEvent.tenant_id == tenant_id).order_by(AuditEvent.id)
            )
        ]


def plugin_versions(app: Flask, tenant_id: int, plugin: str) -> list[PluginSetting]:
    with app.app_context(), db.tenant_scope(tenant_id):
        return list(
            db.session.scalars(
                select(PluginSetting)
                .where(PluginSetting.plugin == plugin)
                .order_by(PluginSetting.version)
            )
        )


def text(response: Any) -> str:
    return response.get_data(as_text=True)


def current_code(secret: str) -> str:
    import pyotp

    return pyotp.TOTP(secret).now()


def second_factor(client: FlaskClient, base: str) -> Any:
    """Finish a sign-in held for its second factor at `base` (e.g. "/board-a" or "/platform"):
    enrol with the secret the setup page holds, or answer with the enrolled user's code."""
    with client.session_transaction() as s:
        held = dict(s["pending"])
    if "secret" not in held and client.get(f"{base}/login/two-factor").status_code == 302:
        client.get(f"{base}/login/two-factor/setup")
        with client.session_transaction() as s:
            held = dict(s["pending"])
    if "secret" in held:
        return post(
            client, f"{base}/login/two-factor/setup", {"code": current_code(held["secret"])}
        )
    raise AssertionError("the user is enrolled: answer with their own secret")


def operator_sign_in(client: FlaskClient, email: str, password: str = DEFAULT_PASSWORD) -> Any:
    response = post(client, "/platform/login", {"email": email, "password": password})
    assert response.status_code == 302, text(response)[:2000]
    assert response.headers["Location"].startswith("/platform/login/two-factor")
    client.get(response.headers["Location"])
    done = second_factor(client, "/platform")
    assert done.status_code == 302, text(done)[:2000]
    return done
