"""Seed the benchmark database: 10,000 reviews across 150 boards, made through the real services
(deadlines and obligations worked out as a board's would be), and one staff member in every board.

Run by the harness in its own process: `python -m bench.seed_reviews` with the bench environment.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from sqlalchemy import select

from core import create_app, db
from core.auth.memberships import grant_role
from core.auth.services import get_or_create_user
from core.auth.tokens import create_token
from core.reviews.context import Actor
from core.reviews.services import available_transitions, create_review, transition
from core.tenancy.models import Tenant

BOARDS = 150
REVIEWS = 10_000
EMAIL = "bench.manager@candour.example"
PASSWORD = os.environ.get("BENCH_PASSWORD", "a long bench password for staff")


def main() -> None:
    app = create_app()
    with app.app_context():
        user, _ = get_or_create_user(EMAIL, PASSWORD, name="Bench Manager")
        with db.all_tenants():
            boards = db.session.scalars(
                select(Tenant)
                .where(Tenant.slug.like("bench-%"))
                .order_by(Tenant.slug)
                .limit(BOARDS)
            ).all()
        if len(boards) < BOARDS:
            sys.exit(f"need {BOARDS} bench boards, found {len(boards)}")
        start = dt.date(2025, 1, 6)
        made = 0
        for n, board in enumerate(boards):
            with db.tenant_scope(board.id):
                membership = grant_role(board, user, "review_manager")
                db.session.flush()
                actor = Actor(user=user, role=membership.role)
                count = REVIEWS // BOARDS + (1 if n < REVIEWS % BOARDS else 0)
                for i in range(count):
                    aware = start + dt.timedelta(days=(i * 3 + n) % 600)
                    review = create_review(
                        board, actor, reference=f"CR-{n:03d}-{i:04d}", pseudonym=f"Child {i % 26 + 1}",
                        on=aware, aware_on=aware,
                    )  # fmt: skip
                    # Move some reviews on, so the dashboard shows every stage.
                    for _ in range(i % 3):
                        steps = available_transitions(board, actor, review)
                        step = next((s for s in steps if not s.fields), None)
                        if step is None:
                            break
                        transition(board, actor, review, step.key, on=aware)
                    made += 1
                if n == 0:
                    token = create_token(board, user, "bench")
            db.session.commit()
        print(f"{made} {boards[0].slug} {token}")


if __name__ == "__main__":
    main()
