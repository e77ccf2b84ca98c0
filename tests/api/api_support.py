"""Helpers for the API tests: a board with staff in each role, and a bearer token for any of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core import db


def token_for(in_app: Callable[..., Any], tenant: Any, user: Any) -> str:
    from core.auth.tokens import create_token

    def make() -> str:
        with db.tenant_scope(tenant.id):
            return create_token(db.session.merge(tenant), db.session.merge(user), "tests")

    return in_app(make)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
