"""Timeliness figures, checked against a hand count: working days per step, deadlines on time,
late, missed or open, and promises to families kept on time; the page and CSV are the board's own."""

from __future__ import annotations

import csv
import datetime as dt
import io

from admin_support import text

from core import db
from core.casework import meetings, timeliness
from core.reviews import services
from core.reviews.context import as_of
from core.reviews.models import Review
from core.testing import sign_in


def test_figures_match_a_hand_count(as_role, boards):
    a = boards["a"]

    def setup(t, actor):
        review = db.session.get(Review, a["review_id"])
        # Aware Monday 6 January 2025 (set by the fixture); notified Wednesday 8th: 2 working days.
        with as_of(dt.date(2025, 1, 8)):
            services.update_review(t, actor, review, notified_on=dt.date(2025, 1, 8))
        # Rapid review Friday 24 January: 12 working days after the notification.
        with as_of(dt.date(2025, 1, 24)):
            services.update_review(t, actor, review, rapid_review_on=dt.date(2025, 1, 24))
        # Two panel meetings; the family meeting is within the first promise's 5 working days
        # but after the second's.
        with as_of(dt.date(2025, 2, 3)):
            meetings.record_meeting(t, actor, review, kind="panel", held_on=dt.date(2025, 2, 3))
        with as_of(dt.date(2025, 2, 7)):
            meetings.record_meeting(t, actor, review, kind="family", held_on=dt.date(2025, 2, 7))
        with as_of(dt.date(2025, 3, 3)):
            meetings.record_meeting(t, actor, review, kind="panel", held_on=dt.date(2025, 3, 3))
        with as_of(dt.date(2025, 3, 14)):
            meetings.record_meeting(t, actor, review, kind="family", held_on=dt.date(2025, 3, 14))
        return timeliness.figures(t, dt.date(2025, 3, 31), 2025)

    found = as_role(a["tenant"], a["manager"], "review_manager", setup)
    assert found.reviews == 1
    by_label = {s.label: s for s in found.spans}
    assert by_label["From awareness to notification"].working_days == [2]
    assert by_label["From notification to rapid review"].working_days == [12]
    assert by_label["From decision to publication"].working_days == []
    update = next(
        t for t in found.targets if t.label == "Update the family after the panel meeting"
    )
    assert (update.on_time, update.late, update.missed, update.open) == (1, 1, 0, 0)
    assert found.promises_on_time <= found.promises_decided
    assert found.promises_decided >= 2


def test_the_page_and_csv_are_for_managers_and_count_only_their_board(app, boards):
    manager = app.test_client()
    sign_in(manager, "board-a", "manager@board-a.example")
    page = manager.get("/board-a/casework/timeliness?year=2025")
    assert page.status_code == 200 and "1 review from 2025" in text(page)
    rows = list(
        csv.reader(
            io.StringIO(manager.get("/board-a/casework/timeliness.csv").get_data(as_text=True))
        )
    )
    assert rows[0][0] == "measure" and rows[-1][0] == "Promises to families kept on time"
    reviewer = app.test_client()
    sign_in(reviewer, "board-a", "reviewer@board-a.example")
    assert reviewer.get("/board-a/casework/timeliness").status_code == 403
    outsider = app.test_client()
    sign_in(outsider, "board-b", "manager@board-b.example")
    assert outsider.get("/board-a/casework/timeliness").status_code == 404
