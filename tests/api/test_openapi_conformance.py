"""Schemathesis against /api/v1/openapi.json through the WSGI app, with a real bearer token: no 5xx,
and every response matches the document (status codes, content types and bodies)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from api_support import bearer
from hypothesis import HealthCheck, given, settings

from core import db

EXAMPLES = 30


@pytest.fixture
def schema_and_token(app: Any, api_board: Any, in_app: Any) -> tuple[Any, str]:
    board = api_board("board-a")
    from core.reviews import services
    from core.reviews.context import Actor

    def seed() -> None:
        # Real reviews, so generated ids (small integers) often hit one.
        with db.tenant_scope(board["tenant"].id):
            actor = Actor(db.session.merge(board["review_manager"]), "review_manager")
            tenant = db.session.merge(board["tenant"])
            for n in range(1, 4):
                services.create_review(tenant, actor, reference=f"CR-{n}", pseudonym=f"Child {n}")

    in_app(seed)
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app), board[
        "review_manager_token"
    ]


def test_the_openapi_document_is_valid_openapi_3_1(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"] == "3.1.0"
    # Other parts of the platform may add their own paths (reports); review tracking's are all here.
    assert set(document["paths"]) >= {
        "/reviews",
        "/reviews/{review_id}",
        "/reviews/{review_id}/transitions",
        "/reviews/{review_id}/obligations",
        "/reviews/{review_id}/timeline",
    }


def test_every_operation_answers_as_its_document_says(schema_and_token):
    schema, token = schema_and_token
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case: Any) -> None:
            # A step's required fields and the stage it starts from are rules of the review, not
            # of the schema, so schema-valid requests may still get a documented 409 or 422.
            case.call_and_validate(
                headers=bearer(token),
                excluded_checks=[schemathesis.checks.positive_data_acceptance],
            )

        check()
