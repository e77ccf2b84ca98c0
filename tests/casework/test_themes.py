"""Learning themes: the platform's fixed list plus the board's own, chosen on the review and carried
to the publication form; in the API; another board sees neither its list nor its choices."""

from __future__ import annotations

import pytest
from admin_support import post, text

from core import db
from core.casework import themes
from core.reviews.context import ReviewConflict, ReviewError
from core.reviews.models import Review
from core.testing import sign_in


def test_a_board_adds_its_own_theme_and_a_review_chooses_from_both(as_role, boards):
    a, b = boards["a"], boards["b"]
    as_role(
        a["tenant"],
        a["manager"],
        "review_manager",
        lambda t, actor: themes.add_board_theme(t, actor, "County lines"),
    )
    with pytest.raises(ReviewConflict):
        as_role(
            a["tenant"],
            a["manager"],
            "review_manager",
            lambda t, actor: themes.add_board_theme(t, actor, "neglect"),
        )

    def choose(t, actor):
        review = db.session.get(Review, a["review_id"])
        return [
            x.label
            for x in themes.choose(t, actor, review, ["neglect", "board-county-lines", "neglect"])
        ]

    assert as_role(a["tenant"], a["manager"], "review_manager", choose) == [
        "Neglect",
        "County lines",
    ]

    def other_board(t, actor):
        review = db.session.get(Review, b["review_id"])
        themes.choose(t, actor, review, ["board-county-lines"])

    with pytest.raises(ReviewError):  # board A's own theme is not board B's
        as_role(b["tenant"], b["manager"], "review_manager", other_board)


def test_themes_are_chosen_on_the_review_page_and_carried_to_publication(app, boards):
    a = boards["a"]
    manager = app.test_client()
    sign_in(manager, "board-a", "manager@board-a.example")
    url = f"/board-a/casework/reviews/{a['review_id']}/themes"
    assert (
        post(manager, url, {"themes": ["domestic-abuse", "information-sharing"]}).status_code == 302
    )
    assert post(manager, url, {"themes": ["made-up"]}).status_code == 400
    review_page = text(manager.get(f"/board-a/reviews/{a['review_id']}"))
    assert "Domestic abuse, Information sharing" in review_page
    assert "Learning themes: Domestic abuse, Information sharing." in review_page  # the timeline
    publish = manager.get(f"/board-a/reviews/{a['review_id']}/reports/publish")
    assert publish.status_code == 200
    assert "Domestic abuse\nInformation sharing" in text(publish)
    reviewer = app.test_client()
    sign_in(reviewer, "board-a", "reviewer@board-a.example")
    assert (
        post(
            reviewer,
            "/board-a/casework/themes",
            {"theme-name": "X"},
            form_url="/board-a/staff",
        ).status_code
        == 403
    )


def test_themes_in_the_api(app, boards, in_app):
    from core.auth.tokens import create_token

    def token(board):
        def make():
            with db.tenant_scope(board["tenant"].id):
                return create_token(
                    db.session.merge(board["tenant"]), db.session.merge(board["manager"]), "t"
                )

        return {"Authorization": f"Bearer {in_app(make)}"}

    a, b = token(boards["a"]), token(boards["b"])
    client = app.test_client()
    offered = client.get("/api/v1/themes", headers=a).get_json()["items"]
    assert {"key": "safe-sleep", "label": "Safe sleep", "platform": True} in offered
    url = f"/api/v1/reviews/{boards['a']['review_id']}/themes"
    put = client.put(url, json={"themes": ["safe-sleep"]}, headers=a)
    assert put.status_code == 200 and put.get_json()["items"] == [
        {"key": "safe-sleep", "label": "Safe sleep"}
    ]
    assert client.put(url, json={"themes": ["nope"]}, headers=a).status_code == 422
    assert client.get(url, headers=b).status_code == 404
    assert client.put(url, json={"themes": []}, headers=b).status_code == 404
