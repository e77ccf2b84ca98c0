"""Meetings: a panel meeting creates the family-update promise due in working days; recording the
family meeting meets it; decisions are dated lines of the timeline; another board sees none of it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from admin_support import post, text

from core import db
from core.casework import meetings
from core.casework.models import Meeting
from core.reviews.context import ReviewError, as_of
from core.reviews.models import Review
from core.testing import sign_in


def _meet(as_role, board, kind, held_on, **kw):
    def run(t, actor):
        review = db.session.get(Review, board["review_id"])
        with as_of(dt.date(2025, 3, 3)):
            m = meetings.record_meeting(t, actor, review, kind=kind, held_on=held_on, **kw)
        return m.id

    return as_role(board["tenant"], board["manager"], "review_manager", run)


def _promises(as_role, board):
    def run(t, actor):
        review = db.session.get(Review, board["review_id"])
        return [
            (o.label, o.due_on, o.state, o.met_on, o.kind)
            for o in review.obligations
            if o.key.startswith("family_update_after_panel")
        ]

    return as_role(board["tenant"], None, "board_admin", run)


def test_a_panel_meeting_promises_the_family_an_update_that_the_family_meeting_meets(
    as_role, boards
):
    a = boards["a"]
    _meet(as_role, a, "panel", dt.date(2025, 4, 16), attendees="Chair\nPolice DI")
    [(label, due, state, _, kind)] = _promises(as_role, a)
    # Five working days after Wednesday 16 April 2025, over Good Friday and Easter Monday.
    assert (label, due, state) == (
        "Update the family after the panel meeting of 16 April 2025",
        dt.date(2025, 4, 25),
        "due",
    )
    assert kind == "promise"  # a promise to the family, as the API and the timeliness count it
    _meet(as_role, a, "family", dt.date(2025, 4, 24))
    assert _promises(as_role, a)[0][2:4] == ("met", dt.date(2025, 4, 24))


def test_a_family_meeting_before_the_panel_does_not_meet_its_promise(as_role, boards):
    a = boards["a"]
    _meet(as_role, a, "family", dt.date(2025, 4, 1))
    _meet(as_role, a, "panel", dt.date(2025, 4, 16))
    assert _promises(as_role, a)[0][2] == "due"


def test_no_promise_where_the_framework_turns_it_off(as_role, boards, monkeypatch):
    monkeypatch.setattr(meetings, "promises_update", lambda fw: False)
    _meet(as_role, boards["a"], "panel", dt.date(2025, 4, 16))
    assert _promises(as_role, boards["a"]) == []


@pytest.mark.parametrize(
    ("kind", "held_on", "field"),
    [
        ("tea", dt.date(2025, 3, 3), "kind"),
        ("panel", None, "held_on"),
        ("panel", dt.date(2027, 1, 1), "held_on"),
    ],
)
def test_bad_meetings_are_refused(as_role, boards, kind, held_on, field):
    with pytest.raises(ReviewError) as caught:
        _meet(as_role, boards["a"], kind, held_on)
    assert field in caught.value.errors


def test_minutes_are_checked_and_decisions_are_dated_in_the_timeline(app, as_role, boards):
    a = boards["a"]
    manager = app.test_client()
    sign_in(manager, "board-a", "manager@board-a.example")
    url = f"/board-a/casework/reviews/{a['review_id']}/meetings"
    bad = post(
        manager,
        url,
        {
            "kind": "panel",
            "held_on": "2025-03-03",
            "minutes_file": (io.BytesIO(b"MZ\x00"), "m.exe"),
        },
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400 and "not a PDF, Word document" in text(bad)
    ok = post(
        manager,
        url,
        {"kind": "panel", "held_on": "2025-03-03", "minutes": "Scope agreed."},
        content_type="multipart/form-data",
    )
    assert ok.status_code == 302, text(ok)[:2000]
    with app.app_context(), db.tenant_scope(a["tenant"].id):
        meeting_id = db.session.query(Meeting.id).scalar()
    page = f"/board-a/casework/meetings/{meeting_id}"
    assert "Update the family after the panel meeting of 3 March 2025" in text(manager.get(page))
    assert (
        post(
            manager, page, {"text": "Extend the scope to 2019", "decided_on": "2025-03-03"}
        ).status_code
        == 302
    )
    timeline = text(manager.get(f"/board-a/reviews/{a['review_id']}"))
    assert "Decision 1 of the panel meeting of 2025-03-03, dated 2025-03-03." in timeline
    assert (
        "Extend the scope" not in timeline
    )  # the timeline dates the decision, the meeting holds it
    outsider = app.test_client()
    sign_in(outsider, "board-b", "manager@board-b.example")
    assert outsider.get(f"/board-b/casework/meetings/{meeting_id}").status_code == 404
    assert outsider.get(f"/board-b/casework/reviews/{a['review_id']}/meetings").status_code == 404
    reviewer = app.test_client()
    sign_in(reviewer, "board-a", "reviewer@board-a.example")
    assert reviewer.get(page).status_code == 404  # not assigned to the review


def test_meetings_in_the_api(app, boards, in_app):
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
    url = f"/api/v1/reviews/{boards['a']['review_id']}/meetings"
    made = client.post(
        url, json={"kind": "panel", "held_on": "2025-03-03", "agenda": "Scope"}, headers=a
    )
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["family_update"]["due_on"] == "2025-03-10"
    assert (
        client.post(url, json={"kind": "panel", "held_on": "03/03/2025"}, headers=a).status_code
        == 422
    )
    assert client.get(url, headers=b).status_code == 404
    assert (
        client.post(url, json={"kind": "panel", "held_on": "2025-03-03"}, headers=b).status_code
        == 404
    )
    assert [m["agenda"] for m in client.get(url, headers=a).get_json()["items"]] == ["Scope"]
