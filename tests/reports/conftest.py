"""Fixtures for publication: boards with staff in each role, a review at its final stage with
protected identifiers, and a way to run services as one of the staff."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, g
from reports_support import IDENTIFIERS, STEPS, days_ago

from core import db
from core.reports import services as report_services
from core.reviews import services
from core.reviews.context import Actor
from core.reviews.people import add_identifier
from core.reviews.queries import get_review
from core.tenancy.models import Tenant


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
    """`board()`: a board with a review manager, a board admin and a reviewer. Each board gets a
    slug of its own, because stored files outlive the test's database transaction."""

    def make(slug: str = "") -> dict[str, Any]:
        slug = slug or f"board-{uuid.uuid4().hex[:8]}"
        tenant = make_tenant(slug, framework="lcspr-2023", jurisdiction="england")
        return {
            "tenant": tenant,
            "manager": make_user(f"manager@{slug}.example", tenant, "review_manager"),
            "admin": make_user(f"admin@{slug}.example", tenant, "board_admin"),
            "reviewer": make_user(f"reviewer@{slug}.example", tenant, "reviewer"),
        }

    return make


@pytest.fixture
def final_review(as_role: Callable[..., Any]) -> Callable[..., int]:
    """`final_review(board)`: a review at "Final report agreed", ready to publish but for its report."""

    def make(b: dict[str, Any], reference: str = "CR-1", promises: bool = True) -> int:
        def build(t: Tenant, a: Actor) -> int:
            review = services.create_review(
                t, a, reference=reference, pseudonym="Child A", aware_on=days_ago(205),
                review_types=[],
            )  # fmt: skip
            for key, values in STEPS:
                dated = {k: days_ago(v) if isinstance(v, int) else v for k, v in values.items()}
                services.transition(t, a, review, key, dated)
            review.lead_reviewers = "Dr A Reviewer"
            for kind, value in IDENTIFIERS:
                add_identifier(t, a, review, kind=kind, value=value)
            if promises:
                for ob in list(review.obligations):
                    if ob.blocks_publication:
                        services.record_met(t, a, review, ob.id, days_ago(10))
            return review.id

        return as_role(b["tenant"], b["manager"], "review_manager", build)

    return make


@pytest.fixture
def upload(as_role: Callable[..., Any]) -> Callable[..., Any]:
    """`upload(board, review_id, data, kind="final")` through the service, as the manager."""

    def run(b: dict[str, Any], review_id: int, data: bytes, kind: str = "final") -> int:
        def go(t: Tenant, a: Actor) -> int:
            review = get_review(a, review_id)
            return report_services.upload(
                t, a, review, kind=kind, filename=f"{kind}.pdf", data=data
            ).id

        return as_role(b["tenant"], b["manager"], "review_manager", go)

    return run


@pytest.fixture
def details() -> report_services.PublicationDetails:
    return report_services.PublicationDetails(
        title="Child A: learning for the partnership",
        summary="How agencies shared what they knew when a family moved.",
        decision="full",
        rationale="Nothing in the report would harm another child.",
        learning_themes=["Information sharing", "Family moves"],
        recommendations=["Agree how schools hear of a family's move"],
    )


def today() -> dt.date:
    return dt.date.today()
