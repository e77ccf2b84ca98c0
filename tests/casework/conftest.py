"""Fixtures for casework: two boards with staff, a review on each, and the admin tests' helpers
(posting with CSRF, finishing two-factor)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g

from core import db
from core.reviews.context import Actor
from core.tenancy.models import Tenant

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "admin"))


@pytest.fixture
def as_role(app: Flask) -> Callable[..., Any]:
    """`as_role(tenant, user, role, fn)` runs `fn(tenant, actor)` scoped to `tenant`, then commits."""

    def run(tenant: Any, user: Any, role: str, fn: Callable[[Tenant, Actor], Any]) -> Any:
        with app.test_request_context(f"/{tenant.slug}/casework/"):
            db.set_tenant_scope(db.session, tenant.id)
            live = db.session.get(Tenant, tenant.id)
            g.tenant = live
            actor = Actor(db.session.merge(user) if user is not None else None, role)
            result = fn(live, actor)
            db.session.commit()
            return result

    return run


@pytest.fixture
def boards(make_tenant, make_user, as_role) -> dict[str, Any]:
    """Boards A and B, each with a manager, a reviewer, the usual agencies and one review."""
    from core.casework import services
    from core.reviews import services as review_services

    out: dict[str, Any] = {}
    for key, slug in (("a", "board-a"), ("b", "board-b")):
        tenant = make_tenant(slug, contact_email=f"contact@{slug}.example")
        manager = make_user(f"manager@{slug}.example", tenant, "review_manager")
        reviewer = make_user(f"reviewer@{slug}.example", tenant, "reviewer")

        def setup(t: Tenant, actor: Actor, key: str = key) -> tuple[int, dict[str, int]]:
            agencies = services.add_usual_agencies(t, actor)
            review = review_services.create_review(
                t,
                actor,
                reference=f"CR-{key.upper()}-1",
                pseudonym="Child Q",
                aware_on=dt.date(2025, 1, 6),
            )
            return review.id, {a.key: a.id for a in agencies}

        review_id, agencies = as_role(tenant, manager, "review_manager", setup)
        out[key] = {
            "tenant": tenant,
            "manager": manager,
            "reviewer": reviewer,
            "review_id": review_id,
            "agencies": agencies,
        }
    return out
