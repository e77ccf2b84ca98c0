"""Fixtures for review tracking: a board per framework, staff in each role, and a way to run
services as one of them inside the test's transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, g

from core import db
from core.reviews.context import Actor
from core.tenancy.models import Tenant

JURISDICTION = {
    "scr-2015": "england",
    "lcspr-2023": "england",
    "wales-cpr": "wales",
    "sar": "england",
    "dardr": "england",
    "wales-susr": "wales",
}


@pytest.fixture
def as_role(app: Flask) -> Callable[..., Any]:
    """`as_role(tenant, user, role, fn)` runs `fn(tenant, actor)` scoped to `tenant`, then commits."""

    def run(tenant: Any, user: Any, role: str, fn: Callable[[Tenant, Actor], Any]) -> Any:
        with app.test_request_context(f"/{tenant.slug}/reviews/"):
            db.set_tenant_scope(db.session, tenant.id)
            live = db.session.get(Tenant, tenant.id)
            g.tenant = live
            actor = Actor(db.session.merge(user) if user is not None else None, role)
            result = fn(live, actor)
            db.session.commit()
            return result

    return run


@pytest.fixture
def board(make_tenant: Callable[..., Any], make_user: Callable[..., Any]) -> Callable[..., Any]:
    """`board(framework)` makes a board running `framework` with a manager, an admin and a reviewer."""

    def make(framework: str = "lcspr-2023", slug: str | None = None) -> dict[str, Any]:
        slug = slug or framework.replace(".", "")
        tenant = make_tenant(slug, framework=framework, jurisdiction=JURISDICTION[framework])
        return {
            "tenant": tenant,
            "manager": make_user(f"manager@{slug}.example", tenant, "review_manager"),
            "admin": make_user(f"admin@{slug}.example", tenant, "board_admin"),
            "reviewer": make_user(f"reviewer@{slug}.example", tenant, "reviewer"),
        }

    return make
