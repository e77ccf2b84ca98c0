"""The agency contributor role is named as people read it wherever a board's people are listed,
and is not offered as a role a board admin can give (an invitation from a request gives it)."""

from __future__ import annotations

from admin_support import text
from sqlalchemy import select

from core import db
from core.casework import services
from core.casework.models import Invitation
from core.reviews.models import Review
from core.testing import sign_in


def test_the_people_page_names_an_agency_contributor_and_offers_no_role_change(
    app, as_role, boards, make_user
):
    a = boards["a"]
    admin = make_user("admin@board-a.example", a["tenant"], "board_admin")

    def invite_and_accept(t, actor):
        review = db.session.get(Review, a["review_id"])
        req = services.send_request(
            t, actor, review, agency_id=a["agencies"]["police"], kind="summary",
            contact_email="officer@police.example",
        )  # fmt: skip
        invitation = db.session.scalar(select(Invitation).where(Invitation.request_id == req.id))
        # The token is only in the mail; make a fresh one for the test, as a resend would.
        token = services.new_invitation(req.contact_email, request_id=req.id)
        db.session.flush()
        assert invitation is not None
        services.accept_invitation(t, token, password="a long enough passphrase 42")

    as_role(a["tenant"], a["manager"], "review_manager", invite_and_accept)
    client = app.test_client()
    sign_in(client, "board-a", admin.email)
    page = text(client.get("/board-a/admin/people"))
    row = page.split("officer@police.example", 1)[1].split("</tr>", 1)[0]
    assert "Agency contributor" in row
    assert "Sees only the agency requests and actions addressed to them" in row
    assert 'name="role"' not in row  # no select that would silently show "Board admin"
    manager_row = page.split("manager@board-a.example", 1)[1].split("</tr>", 1)[0]
    assert 'name="role"' in manager_row and "Agency contributor" not in manager_row
    # The add-a-person form offers only the board's staff roles.
    add_form = page.split('id="role"', 1)[1].split("</select>", 1)[0]
    assert "agency_contributor" not in add_form and "review_manager" in add_form
