"""Recommendations → actions → evidence → sign-off: through the services, the pages (the owner
invited as a contributor), the dashboard's open actions, the CSV and the API; another board sees
none of it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from admin_support import post, second_factor, text
from casework_support import mail_text, sent_mail

from core import db
from core.casework import action_queries, actions
from core.casework.models import Action, Recommendation
from core.reviews import people
from core.reviews.context import ReviewConflict, ReviewError, ReviewForbidden, as_of
from core.reviews.models import Review
from core.testing import sign_in

PASSWORD = "a long enough passphrase 42"


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _pdf()


def _plan(as_role, board, *, owner_email="", due_on=dt.date(2030, 6, 30)):
    def run(t, actor):
        review = db.session.get(Review, board["review_id"])
        rec = actions.add_recommendation(
            t, actor, review, text="Share safety plans across agencies."
        )
        action = actions.add_action(
            t,
            actor,
            rec,
            description="Agree an information-sharing protocol",
            owner_agency_id=board["agencies"]["health"],
            owner_email=owner_email,
            due_on=due_on,
        )
        return rec.id, action.id

    return as_role(board["tenant"], board["manager"], "review_manager", run)


def _on_action(as_role, board, action_id, fn, user=None, role="review_manager"):
    def run(t, actor):
        return fn(t, actor, db.session.get(Action, action_id))

    return as_role(board["tenant"], user or board["manager"], role, run)


def test_an_action_moves_to_done_with_evidence_and_is_signed_off(as_role, boards):
    a = boards["a"]
    _, action_id = _plan(as_role, a)
    with pytest.raises(ReviewConflict):  # not done yet
        _on_action(as_role, a, action_id, lambda t, actor, x: actions.sign_off(t, actor, x))
    _on_action(
        as_role,
        a,
        action_id,
        lambda t, actor, x: actions.set_status(t, actor, x, status="in_progress"),
    )
    _on_action(
        as_role,
        a,
        action_id,
        lambda t, actor, x: actions.upload_evidence(t, actor, x, filename="protocol.pdf", data=PDF),
    )
    _on_action(
        as_role, a, action_id, lambda t, actor, x: actions.set_status(t, actor, x, status="done")
    )
    with pytest.raises(ReviewForbidden):
        _on_action(
            as_role,
            a,
            action_id,
            lambda t, actor, x: actions.sign_off(t, actor, x),
            a["reviewer"],
            "reviewer",
        )

    def sign_off_in_2030(t, actor, x):
        with as_of(dt.date(2030, 1, 2)):
            actions.sign_off(t, actor, x)
        return actions.action_status(x, dt.date(2031, 1, 1))

    done = _on_action(as_role, a, action_id, sign_off_in_2030)
    assert done == "signed_off"
    with pytest.raises(ReviewConflict):  # signed off stays signed off
        _on_action(
            as_role,
            a,
            action_id,
            lambda t, actor, x: actions.set_status(t, actor, x, status="in_progress"),
        )


def test_not_accepted_needs_a_reason(as_role, boards):
    a = boards["a"]
    _, action_id = _plan(as_role, a)
    with pytest.raises(ReviewError) as caught:
        _on_action(
            as_role,
            a,
            action_id,
            lambda t, actor, x: actions.set_status(t, actor, x, status="not_accepted"),
        )
    assert "reason" in caught.value.errors
    _on_action(
        as_role,
        a,
        action_id,
        lambda t, actor, x: actions.set_status(
            t, actor, x, status="not_accepted", reason="Covered by the national protocol"
        ),
    )
    status = _on_action(
        as_role, a, action_id, lambda t, actor, x: actions.action_status(x, dt.date(2031, 1, 1))
    )
    assert status == "not_accepted"


def test_an_action_past_its_date_is_overdue_and_its_owner_reminded_once(as_role, boards):
    a = boards["a"]
    _, action_id = _plan(as_role, a, owner_email="lead@health.example", due_on=dt.date(2030, 6, 28))
    status = _on_action(
        as_role, a, action_id, lambda t, actor, x: actions.action_status(x, dt.date(2030, 7, 1))
    )
    assert status == "overdue"

    def remind(t, actor):
        return [
            m.headers["X-Candour-Kind"] for m in actions.overdue_reminders(t, dt.date(2030, 7, 1))
        ]

    assert as_role(a["tenant"], None, "board_admin", remind) == ["action_overdue"]
    assert as_role(a["tenant"], None, "board_admin", remind) == []


def test_bad_actions_are_refused(as_role, boards):
    a = boards["a"]
    rec_id, _ = _plan(as_role, a)

    def run(t, actor):
        rec = db.session.get(Recommendation, rec_id)
        actions.add_action(
            t,
            actor,
            rec,
            description=" ",
            owner_agency_id=boards["b"]["agencies"]["health"],
            owner_email="nope",
            due_on=dt.date(2001, 1, 1),
        )

    with pytest.raises(ReviewError) as caught:
        as_role(a["tenant"], a["manager"], "review_manager", run)
    assert set(caught.value.errors) == {"description", "owner_agency_id", "owner_email", "due_on"}


def test_the_owner_is_invited_updates_the_action_and_uploads_evidence_then_the_board_signs_off(
    app, as_role, boards
):
    a = boards["a"]
    _, action_id = _plan(as_role, a, owner_email="lead@health.example")
    [message] = [m for m in sent_mail(app, "invitation") if m["To"] == "lead@health.example"]
    body = mail_text(message)
    assert "Child Q" not in body
    path = re.search(r"http://[^/\s]+(/board-a/casework/invitations/\S+)", body).group(1)
    owner = app.test_client()
    assert "own an action" in text(owner.get(path))
    assert post(owner, path, {"name": "Lead", "password": PASSWORD}).status_code == 302
    sign_in(owner, "board-a", "lead@health.example", PASSWORD)
    assert second_factor(owner, "/board-a").status_code == 302
    assert "Agree an information-sharing protocol" in text(owner.get("/board-a/casework/mine"))
    page = f"/board-a/casework/actions/{action_id}"
    bad = post(
        owner,
        f"{page}/evidence",
        {"file": (io.BytesIO(b"just text"), "x.txt")},
        form_url=page,
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400 and "only for a chronology" in text(bad)
    ok = post(
        owner,
        f"{page}/evidence",
        {"file": (io.BytesIO(PDF), "protocol.pdf"), "note": "Signed by all"},
        form_url=page,
        content_type="multipart/form-data",
    )
    assert ok.status_code == 302, text(ok)[:2000]
    assert post(owner, f"{page}/status", {"status": "done"}, form_url=page).status_code == 302
    assert post(owner, f"{page}/sign-off", {}, form_url=page).status_code == 403
    assert (
        owner.get(f"/board-a/casework/reviews/{a['review_id']}/recommendations").status_code == 403
    )

    manager = app.test_client()
    sign_in(manager, "board-a", "manager@board-a.example")
    dashboard = text(manager.get("/board-a/reviews/"))
    assert "Open actions" in dashboard and "Agree an information-sharing protocol" in dashboard
    assert post(manager, f"{page}/sign-off", {}, form_url=page).status_code == 302
    assert "No open actions." in text(manager.get("/board-a/reviews/"))
    exported = manager.get("/board-a/casework/actions.csv")
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert [(r["review"], r["recommendation"], r["status"], r["owner_agency"]) for r in rows] == [
        ("CR-A-1", "1", "signed_off", "Health")
    ]


def test_board_b_sees_none_of_board_a_actions(app, as_role, boards, in_app):
    a = boards["a"]
    rec_id, action_id = _plan(as_role, a)
    outsider = app.test_client()
    sign_in(outsider, "board-b", "manager@board-b.example")
    for url in (
        f"/board-b/casework/actions/{action_id}",
        f"/board-b/casework/recommendations/{rec_id}/actions/new",
    ):
        assert outsider.get(url).status_code == 404, url
    assert "Agree an information" not in text(outsider.get("/board-b/casework/actions/"))
    assert "Agree an information" not in text(outsider.get("/board-b/reviews/"))
    assert outsider.get("/board-b/casework/actions.csv").get_data(as_text=True).count("\n") == 1

    from core.auth.tokens import create_token

    def token(board):
        def make():
            with db.tenant_scope(board["tenant"].id):
                return create_token(
                    db.session.merge(board["tenant"]), db.session.merge(board["manager"]), "t"
                )

        return {"Authorization": f"Bearer {in_app(make)}"}

    client = app.test_client()
    b_token, a_token = token(boards["b"]), token(a)
    assert client.get("/api/v1/actions", headers=b_token).get_json()["items"] == []
    assert (
        client.patch(
            f"/api/v1/actions/{action_id}", json={"status": "done"}, headers=b_token
        ).status_code
        == 404
    )
    assert client.post(f"/api/v1/actions/{action_id}/sign-off", headers=b_token).status_code == 404
    assert (
        client.post(
            f"/api/v1/recommendations/{rec_id}/actions",
            json={"description": "x", "owner_agency_id": 1},
            headers=b_token,
        ).status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/reviews/{a['review_id']}/recommendations", headers=b_token).status_code
        == 404
    )

    mine = client.get(
        f"/api/v1/reviews/{a['review_id']}/recommendations", headers=a_token
    ).get_json()["items"]
    assert mine[0]["actions"][0]["progress"] == "not_started"
    changed = client.patch(
        f"/api/v1/actions/{action_id}", json={"status": "not_accepted"}, headers=a_token
    )
    assert changed.status_code == 422 and "reason" in changed.get_json()["errors"]
    changed = client.patch(f"/api/v1/actions/{action_id}", json={"status": "done"}, headers=a_token)
    assert changed.status_code == 200
    signed = client.post(f"/api/v1/actions/{action_id}/sign-off", headers=a_token)
    assert signed.get_json()["progress"] == "signed_off"
    assert (
        client.get("/api/v1/actions?open=false", headers=a_token).get_json()["items"][0][
            "review_reference"
        ]
        == "CR-A-1"
    )
    assert client.get("/api/v1/actions?open=maybe", headers=a_token).status_code == 400


def test_the_published_reports_recommendations_can_be_recorded(app, as_role, boards):
    a = boards["a"]

    def run(t, actor):
        review = db.session.get(Review, a["review_id"])
        with pytest.raises(ReviewConflict):
            actions.import_published(t, actor, review)
        from core.reports.models import PublishedReport, ReportFile

        f = ReportFile(
            review_id=review.id,
            kind="final",
            storage_key="k",
            filename="f.pdf",
            size=1,
            sha256="0" * 64,
            pages=1,
        )
        db.session.add(f)
        db.session.flush()
        db.session.add(
            PublishedReport(
                review_id=review.id,
                report_file_id=f.id,
                storage_key="p",
                sha256="0" * 64,
                size=1,
                title="T",
                framework="lcspr-2023",
                pseudonym="Child Q",
                decision="full",
                summary="S",
                recommendations=["Train staff in professional curiosity", "Audit escalation"],
                published_on=dt.date(2025, 1, 1),
                available_until=dt.date(2030, 1, 1),
            )
        )
        first = actions.import_published(t, actor, review)
        again = actions.import_published(t, actor, review)
        return (
            [(r.number, r.source) for r in first],
            again,
            [r.text for r in action_queries.recommendations(review)],
        )

    first, again, texts = as_role(a["tenant"], a["manager"], "review_manager", run)
    assert first == [(1, "published"), (2, "published")]
    assert again == []
    assert texts == ["Train staff in professional curiosity", "Audit escalation"]


def test_the_dashboards_open_actions_are_the_soonest_of_the_open_actions_each_person_may_see(
    as_role, boards
):
    """The dashboard reads its panel by a statement of its own: the same actions, in the same
    order and status, as the board's list of open actions, cut at the panel's length."""
    a, b = boards["a"], boards["b"]
    due = [dt.date(2030, 3, d) for d in (9, 2, 2, 20, 14, 5, 28, 11, 1, 17, 23)] + [None]
    health = a["agencies"]["health"]

    def plan(t, actor):
        review = db.session.get(Review, a["review_id"])
        rec = actions.add_recommendation(t, actor, review, text="Share safety plans.")
        made = [
            actions.add_action(
                t, actor, rec, description=f"Action {n}", due_on=d, owner_agency_id=health
            )
            for n, d in enumerate(due)
        ]
        actions.set_status(t, actor, made[1], status="not_accepted", reason="Covered nationally")
        actions.set_status(t, actor, made[2], status="done")
        actions.sign_off(t, actor, made[2])
        actions.set_status(t, actor, made[7], status="in_progress")
        return made[0].id

    _plan(as_role, b)  # another board's action is in neither list
    as_role(a["tenant"], a["manager"], "review_manager", plan)
    on = dt.date(2030, 3, 10)

    def both(t, actor):
        listed = action_queries.board_actions(actor, on, open_only=True)
        shown = action_queries.soonest_open_actions(actor, on, 5)
        seen = [(r.action.id, r.reference, r.number, r.status) for r in shown]
        assert seen == [(r.action.id, r.reference, r.number, r.status) for r in listed[:5]]
        assert [r.action.description for r in shown] == [r.action.description for r in listed[:5]]
        return seen, len(listed)

    seen, count = as_role(a["tenant"], a["manager"], "review_manager", both)
    assert count == 10  # twelve, less the one not accepted and the one signed off
    assert [s[3] for s in seen] == ["overdue", "overdue", "overdue", "in_progress", "not_started"]
    assert as_role(a["tenant"], a["reviewer"], "reviewer", both) == ([], 0)  # not assigned

    def assign(t, actor):
        review = db.session.get(Review, a["review_id"])
        people.assign(t, actor, review, a["reviewer"].id)

    as_role(a["tenant"], a["manager"], "review_manager", assign)
    assert as_role(a["tenant"], a["reviewer"], "reviewer", both) == (seen, 10)
