"""The JSON API: reviews for the token's board and role, ISO dates and statuses, problem details."""

from __future__ import annotations

from api_support import bearer

NEW = {"reference": "CR-7", "pseudonym": "Child G", "aware_on": "2025-12-22"}


def _create(client, token, body=NEW):
    return client.post("/api/v1/reviews", json=body, headers=bearer(token))


def test_a_manager_creates_reads_and_moves_a_review_on(client, api_board):
    b = api_board()
    token = b["review_manager_token"]
    created = _create(client, token)
    assert created.status_code == 201, created.json
    review = created.json
    assert created.headers["Location"].endswith(f"/api/v1/reviews/{review['id']}")
    # Five working days after Monday 22 December 2025, across Christmas and Boxing Day.
    assert review["next_deadline"] == {
        **review["next_deadline"],
        "key": "notify_panel",
        "due_on": "2025-12-31",
    }
    assert review["next_deadline"]["status"] in {"due", "at_risk", "missed"}

    moved = client.post(
        f"/api/v1/reviews/{review['id']}/transitions",
        json={
            "transition": "notify",
            "values": {"notified_on": "2025-12-29", "notified_to": "National Panel"},
        },
        headers=bearer(token),
    )
    assert moved.status_code == 200, moved.json
    assert moved.json["stage"] == "rapid_review"
    obligations = client.get(
        f"/api/v1/reviews/{review['id']}/obligations", headers=bearer(token)
    ).json["items"]
    by_key = {o["key"]: o for o in obligations}
    assert (
        by_key["notify_panel"]["status"] == "met"
        and by_key["notify_panel"]["met_on"] == "2025-12-29"
    )
    # 15 working days after 29 December 2025: New Year's Day is not one of them.
    assert by_key["rapid_review"]["due_on"] == "2026-01-20"
    timeline = client.get(f"/api/v1/reviews/{review['id']}/timeline", headers=bearer(token)).json[
        "items"
    ]
    assert [e["kind"] for e in timeline] == ["created", "stage_changed"]
    assert timeline[1]["actor"] == "review_manager@board-a.example"

    patched = client.patch(
        f"/api/v1/reviews/{review['id']}",
        json={"lead_reviewers": "J. Smith"},
        headers=bearer(token),
    )
    assert patched.status_code == 200 and patched.json["lead_reviewers"] == "J. Smith"
    listed = client.get("/api/v1/reviews?per_page=1", headers=bearer(token)).json
    assert listed["total"] == 1 and listed["items"][0]["reference"] == "CR-7"


def test_errors_are_problem_details_that_say_what_is_wrong(client, api_board):
    b = api_board()
    token = b["review_manager_token"]
    missing = client.get("/api/v1/reviews")
    assert missing.status_code == 401 and missing.mimetype == "application/problem+json"
    assert "Bearer" in missing.json["detail"]
    bad = _create(
        client, token, {"reference": "CR-8", "pseudonym": "Child H", "aware_on": "27/03/2025"}
    )
    assert bad.status_code == 422 and bad.mimetype == "application/problem+json"
    assert "aware_on" in bad.json["errors"] and "ISO 8601" in bad.json["detail"]
    review_id = _create(client, token).json["id"]
    duplicate = _create(client, token)
    assert duplicate.status_code == 409 and "already has a review" in duplicate.json["detail"]
    wrong_step = client.post(
        f"/api/v1/reviews/{review_id}/transitions",
        json={"transition": "publish"},
        headers=bearer(token),
    )
    assert wrong_step.status_code == 409 and "not a next step" in wrong_step.json["detail"]
    assert client.get("/api/v1/reviews?per_page=0", headers=bearer(token)).status_code == 400


def test_a_reviewer_sees_only_assigned_reviews_and_cannot_change_them(client, api_board, in_app):
    b = api_board()
    review_id = _create(client, b["review_manager_token"]).json["id"]
    reviewer = b["reviewer_token"]
    assert client.get(f"/api/v1/reviews/{review_id}", headers=bearer(reviewer)).status_code == 404
    assert client.get("/api/v1/reviews", headers=bearer(reviewer)).json["total"] == 0

    from core import db
    from core.reviews import people
    from core.reviews.context import Actor
    from core.reviews.queries import get_review

    def assign():
        with db.tenant_scope(b["tenant"].id):
            manager = Actor(db.session.merge(b["review_manager"]), "review_manager")
            people.assign(
                db.session.merge(b["tenant"]),
                manager,
                get_review(manager, review_id),
                b["reviewer"].id,
            )

    in_app(assign)
    assert client.get(f"/api/v1/reviews/{review_id}", headers=bearer(reviewer)).status_code == 200
    refused = client.patch(
        f"/api/v1/reviews/{review_id}", json={"lead_reviewers": "X"}, headers=bearer(reviewer)
    )
    assert refused.status_code == 403 and refused.mimetype == "application/problem+json"


def test_another_boards_review_is_not_found_never_forbidden(client, api_board):
    a, b = api_board("board-a"), api_board("board-b")
    review_id = _create(client, a["review_manager_token"]).json["id"]
    for method, path, body in (
        ("get", f"/api/v1/reviews/{review_id}", None),
        ("patch", f"/api/v1/reviews/{review_id}", {"lead_reviewers": "X"}),
        ("post", f"/api/v1/reviews/{review_id}/transitions", {"transition": "notify"}),
        ("get", f"/api/v1/reviews/{review_id}/obligations", None),
        ("get", f"/api/v1/reviews/{review_id}/timeline", None),
    ):
        response = getattr(client, method)(path, json=body, headers=bearer(b["board_admin_token"]))
        assert response.status_code == 404, (method, path, response.status_code)
        assert response.mimetype == "application/problem+json"
    assert client.get("/api/v1/reviews", headers=bearer(b["board_admin_token"])).json["total"] == 0
