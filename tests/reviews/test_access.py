"""Who sees what: reviewers only their assigned reviews, managers and admins all of the board's;
another board's staff get a 404 on every review page; every read of a review is audited."""

from __future__ import annotations

import lxml.html
import pytest
from reviews_support import d
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from core.reviews import people, services
from core.testing import csrf_token, sign_in


@pytest.fixture
def two_boards(board, as_role):
    a, b = board("lcspr-2023", slug="board-a"), board("lcspr-2023", slug="board-b")

    def make(t, actor):
        review = services.create_review(
            t, actor, reference="CR-1", pseudonym="Child A", aware_on=d("2025-03-03")
        )
        return review.id

    a["review_id"] = as_role(a["tenant"], a["manager"], "review_manager", make)
    return a, b


ROLE_PAGES = [
    # (who, path suffix, expected status)
    ("manager", "", 200),
    ("reviewer", "", 404),
    ("manager", "/edit", 200),
    ("reviewer", "/edit", 403),
    ("manager", "/step/notify", 200),
    ("reviewer", "/step/notify", 403),
    ("manager", "/identifiers", 200),
    ("reviewer", "/identifiers", 403),
]


@pytest.mark.parametrize(("who", "suffix", "status"), ROLE_PAGES)
def test_the_role_matrix_of_review_pages(client, two_boards, who, suffix, status):
    a, _ = two_boards
    sign_in(client, "board-a", f"{who}@board-a.example")
    assert client.get(f"/board-a/reviews/{a['review_id']}{suffix}").status_code == status


def test_a_reviewer_sees_a_review_once_assigned_but_cannot_move_it(client, two_boards, as_role):
    a, _ = two_boards
    sign_in(client, "board-a", "reviewer@board-a.example")
    assert "CR-1" not in client.get("/board-a/reviews/").get_data(as_text=True)

    from core.reviews.queries import get_review

    as_role(
        a["tenant"],
        a["manager"],
        "review_manager",
        lambda t, m: people.assign(
            t, m, get_review(m, a["review_id"]), a["reviewer"].id, "Lead reviewer"
        ),
    )
    assert "CR-1" in client.get("/board-a/reviews/").get_data(as_text=True)
    page = client.get(f"/board-a/reviews/{a['review_id']}").get_data(as_text=True)
    assert "A review manager moves the review on" in page
    url = f"/board-a/reviews/{a['review_id']}/note"
    token = csrf_token(client, f"/board-a/reviews/{a['review_id']}")
    assert (
        client.post(url, data={"csrf_token": token, "text": "Spoke to the school"}).status_code
        == 302
    )
    assert "Spoke to the school" in client.get(f"/board-a/reviews/{a['review_id']}").get_data(
        as_text=True
    )


def _banners(client, page):
    """The notification banners on a page: (whether it is a success banner, title, text)."""
    tree = lxml.html.fromstring(client.get(page).get_data(as_text=True))
    found = tree.xpath('//div[contains(concat(" ", @class, " "), " govuk-notification-banner ")]')
    return [
        (
            "govuk-notification-banner--success" in b.get("class"),
            b.xpath("string(.//h2)"),
            b.text_content(),
        )
        for b in found
    ]


def test_a_refused_note_is_shown_as_a_problem_and_an_added_one_as_done(client, two_boards):
    a, _ = two_boards
    sign_in(client, "board-a", "manager@board-a.example")
    page = f"/board-a/reviews/{a['review_id']}"
    token = csrf_token(client, page)
    refused = client.post(f"{page}/note", data={"csrf_token": token, "text": ""})
    assert refused.status_code == 302 and refused.headers["Location"].endswith("#timeline")
    [(success, title, text)] = _banners(client, page)
    assert not success and title == "There is a problem"
    assert "The note was not added: Write the note" in text
    client.post(f"{page}/note", data={"csrf_token": token, "text": "Spoke to the school"})
    [(success, title, text)] = _banners(client, page)
    assert success and title == "Done" and "Note added." in text


def test_staff_of_another_board_get_404_on_every_review_page(client, two_boards):
    a, _ = two_boards
    sign_in(client, "board-b", "manager@board-b.example")
    review_id = a["review_id"]
    for path in (
        "/board-a/reviews/",
        f"/board-a/reviews/{review_id}",
        f"/board-a/reviews/{review_id}/edit",
        f"/board-a/reviews/{review_id}/identifiers",
        # Board B's own URL with board A's review id: scoping finds nothing.
        f"/board-b/reviews/{review_id}",
        f"/board-b/reviews/{review_id}/edit",
        f"/board-b/reviews/{review_id}/obligations/1",
    ):
        assert client.get(path).status_code == 404, path
    assert "CR-1" not in client.get("/board-b/reviews/").get_data(as_text=True)
    assert "CR-1" not in client.get("/board-b/reviews/export.csv").get_data(as_text=True)


def test_signed_out_visitors_are_sent_to_sign_in(client, two_boards):
    response = client.get("/board-a/reviews/")
    assert response.status_code == 302 and "/board-a/login" in response.headers["Location"]


def test_reading_a_review_is_audited(client, two_boards, app):
    a, _ = two_boards
    sign_in(client, "board-a", "manager@board-a.example")
    client.get(f"/board-a/reviews/{a['review_id']}")
    with app.app_context(), db.all_tenants():
        reads = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "review.viewed")
        ).all()
        assert [(e.target, e.actor_email, e.tenant_id) for e in reads] == [
            (f"review:{a['review_id']}", "manager@board-a.example", a["tenant"].id)
        ]


def test_the_staff_landing_page_links_to_reviews(client, two_boards):
    sign_in(client, "board-a", "reviewer@board-a.example")
    assert 'href="/board-a/reviews/"' in client.get("/board-a/staff").get_data(as_text=True)


def test_an_assigned_reviewer_records_a_deadline_met_but_cannot_waive(client, two_boards, as_role):
    a, _ = two_boards
    from core.reviews.queries import get_review

    def assign(t, m):
        review = get_review(m, a["review_id"])
        people.assign(t, m, review, a["reviewer"].id)
        return review.obligations[0].id

    ob_id = as_role(a["tenant"], a["manager"], "review_manager", assign)
    sign_in(client, "board-a", "reviewer@board-a.example")
    url = f"/board-a/reviews/{a['review_id']}/obligations/{ob_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Record as done" in page and "Waive" not in page
    token = csrf_token(client, url)
    waived = client.post(url, data={"csrf_token": token, "action": "waive", "reason": "No"})
    assert waived.status_code == 403
    done = client.post(url, data={"csrf_token": token, "action": "met", "met_on": "2025-03-05"})
    assert done.status_code == 302
    assert "by reviewer@board-a.example" in client.get(
        f"/board-a/reviews/{a['review_id']}"
    ).get_data(as_text=True)


def test_the_staff_landing_page_names_the_role_in_words(client, two_boards):
    sign_in(client, "board-a", "manager@board-a.example")
    page = client.get("/board-a/staff").get_data(as_text=True)
    assert "(Review manager)" in page
    assert "review_manager" not in page
