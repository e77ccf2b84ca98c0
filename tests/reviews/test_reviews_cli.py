"""`candour reviews due` prints missed and upcoming deadlines per board, for the scheduled job."""

from __future__ import annotations

from reviews_support import d

from core.reviews import services
from core.reviews.context import as_of


def test_reviews_due_prints_missed_and_upcoming_deadlines(app, board, as_role):
    b = board("lcspr-2023", slug="board-a")
    board("scr-2015", slug="board-b")
    with as_of(d("2025-03-03")):
        as_role(
            b["tenant"],
            b["manager"],
            "review_manager",
            lambda t, a: services.create_review(
                t,
                a,
                reference="CR-1",
                pseudonym="Child A",
                aware_on=d("2025-03-03"),
            ),
        )
    runner = app.test_cli_runner()

    result = runner.invoke(args=["reviews", "due", "--on", "2025-03-04", "--days", "7"])
    assert result.exit_code == 0, result.output
    assert "board-a: 1 deadline(s)" in result.output
    assert "DUE" in result.output or "AT_RISK" in result.output
    assert "2025-03-10" in result.output and "CR-1  Notify the national Panel" in result.output
    assert "board-b: 0 deadline(s)" in result.output

    late = runner.invoke(args=["reviews", "due", "--tenant", "board-a", "--on", "2025-03-20"])
    assert "MISSED" in late.output and "board-b" not in late.output
    assert late.output.strip().endswith("1 missed in all.")

    unknown = runner.invoke(args=["reviews", "due", "--tenant", "nowhere"])
    assert unknown.exit_code != 0 and "no active board" in unknown.output
