"""A review manager adds and removes panel members and assigned staff on the review's page; taking
off someone who is not there is a 404, and nothing else changes."""

from __future__ import annotations

import re

from reviews_support import open_review, post_form

from core.testing import csrf_token, sign_in


def test_a_manager_removes_a_panel_member_once(client, board):
    board("lcspr-2023", slug="panelboard")
    sign_in(client, "panelboard", "manager@panelboard.example")
    review = open_review(client, "panelboard", "CR-P", "Child P")
    added = post_form(client, f"{review}/panel", {"agency": "police", "name": "Sam Officer"})
    assert added.status_code == 302
    page = client.get(review).get_data(as_text=True)
    assert "Sam Officer" in page
    (member_id,) = re.findall(r"/panel/(\d+)/remove", page)
    removed = client.post(
        f"{review}/panel/{member_id}/remove", data={"csrf_token": csrf_token(client, review)}
    )
    assert removed.status_code == 302 and removed.headers["Location"].endswith("#panel")
    assert "Sam Officer" not in client.get(review).get_data(as_text=True)
    again = client.post(
        f"{review}/panel/{member_id}/remove", data={"csrf_token": csrf_token(client, review)}
    )
    assert again.status_code == 404


def test_a_manager_unassigns_a_reviewer_once(client, board):
    b = board("lcspr-2023", slug="staffboard")
    sign_in(client, "staffboard", "manager@staffboard.example")
    review = open_review(client, "staffboard", "CR-P", "Child P")
    token = csrf_token(client, review)
    assigned = client.post(
        f"{review}/assign", data={"csrf_token": token, "user_id": str(b["reviewer"].id)}
    )
    assert assigned.status_code == 302
    unassign = f"{review}/unassign/{b['reviewer'].id}"
    assert unassign.split("/reviews", 1)[1] in client.get(review).get_data(as_text=True)
    done = client.post(unassign, data={"csrf_token": csrf_token(client, review)})
    assert done.status_code == 302 and done.headers["Location"].endswith("#staff")
    assert unassign.split("/reviews", 1)[1] not in client.get(review).get_data(as_text=True)
    again = client.post(unassign, data={"csrf_token": csrf_token(client, review)})
    assert again.status_code == 404
