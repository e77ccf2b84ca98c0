"""A framework's own fields through the API: shown under `details`, set by name like the core's,
and checked the same way (a bad date or another framework's field is a 422, never a 500)."""

from __future__ import annotations


def test_the_api_sets_and_shows_a_frameworks_own_fields(client, api_board):
    b = api_board("ferncombe", framework="dardr")
    headers = {"Authorization": f"Bearer {b['review_manager_token']}"}
    created = client.post(
        "/api/v1/reviews",
        json={"reference": "D-9", "pseudonym": "Adult Z", "aware_on": "2025-04-01"},
        headers=headers,
    )
    assert created.status_code == 201, created.json
    rid = created.json["id"]
    assert created.json["details"]["qa_submitted_on"] is None
    moved = client.post(
        f"/api/v1/reviews/{rid}/transitions",
        json={"transition": "decide_review",
              "values": {"decision_on": "2025-04-22", "criteria_met": "x", "decision_rationale": "y"}},
        headers=headers,
    )  # fmt: skip
    assert moved.status_code == 200, moved.json
    patched = client.patch(
        f"/api/v1/reviews/{rid}",
        json={"home_office_decision_sent_on": "2025-04-24", "qa_feedback": "None yet"},
        headers=headers,
    )
    assert patched.status_code == 200, patched.json
    assert patched.json["details"]["home_office_decision_sent_on"] == "2025-04-24"
    bad = client.patch(
        f"/api/v1/reviews/{rid}", json={"qa_submitted_on": "yesterday"}, headers=headers
    )
    assert bad.status_code == 422 and "qa_submitted_on" in bad.json["errors"]
    unknown = client.patch(f"/api/v1/reviews/{rid}", json={"susr_type": "concise"}, headers=headers)
    assert unknown.status_code == 422
