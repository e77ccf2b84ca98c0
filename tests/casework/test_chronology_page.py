"""The merged chronology page in windows of entries, by date, filtered by agency and by a span of
dates; the exports still hold every entry that matches; bad filters are named, never a 5xx; another
board's staff see nothing of it."""

from __future__ import annotations

import datetime as dt
import re

from admin_support import text
from casework_support import returned_chronology

from core.casework import queries
from core.testing import sign_in


def _events(page: str) -> list[str]:
    return re.findall(r"(Visit \d+|Call \d+)", page)


def test_a_long_chronology_is_read_a_window_at_a_time_in_date_order(
    app, as_role, boards, monkeypatch
):
    monkeypatch.setattr(queries, "CHRONOLOGY_PAGE", 3)
    a = boards["a"]
    start = dt.date(2024, 1, 1)
    returned_chronology(
        as_role, a, "police", [(start + dt.timedelta(days=2 * n), f"Call {n}") for n in range(4)]
    )
    returned_chronology(
        as_role,
        a,
        "health",
        [(start + dt.timedelta(days=2 * n + 1), f"Visit {n}") for n in range(3)],
    )
    staff = app.test_client()
    sign_in(staff, "board-a", "manager@board-a.example")
    url = f"/board-a/casework/reviews/{a['review_id']}/chronology"

    first = text(staff.get(url))
    assert _events(first) == ["Call 0", "Visit 0", "Call 1"]
    assert "7 entries, 1 to 3 shown here" in first
    assert "Later entries" in first and "Earlier entries" not in first
    last = text(staff.get(url + "?page=3"))
    assert _events(last) == ["Call 3"] and "7 entries, 7 to 7 shown here" in last
    past_the_end = text(staff.get(url + "?page=99"))
    assert _events(past_the_end) == ["Call 3"]

    police = a["agencies"]["police"]
    only_police = text(staff.get(f"{url}?agency={police}&page=2"))
    assert _events(only_police) == ["Call 3"]
    span = text(staff.get(url + "?from=2024-01-03&to=2024-01-05"))
    assert _events(span) == ["Call 1", "Visit 1", "Call 2"] and "3 entries" in span

    # The exports are not windowed: every entry that matches the filters.
    csv = staff.get(url + ".csv?from=2024-01-02").get_data(as_text=True)
    assert len(csv.strip().splitlines()) == 1 + 6
    whole = staff.get(url + ".csv").get_data(as_text=True)
    assert len(whole.strip().splitlines()) == 1 + 7


def test_a_date_that_is_not_one_is_named_and_the_rest_is_shown(app, as_role, boards):
    a = boards["a"]
    returned_chronology(as_role, a, "police", [("2024-02-01", "Call 1"), ("2024-03-01", "Call 2")])
    staff = app.test_client()
    sign_in(staff, "board-a", "manager@board-a.example")
    url = f"/board-a/casework/reviews/{a['review_id']}/chronology"
    for bad in ("from=31/02/2024", "to=tomorrow", "from=0001-01-01", "page=-1", "page=99999999999"):
        response = staff.get(f"{url}?{bad}")
        assert response.status_code == 200, bad
        assert _events(text(response)) == ["Call 1", "Call 2"], bad
    page = text(staff.get(url + "?from=31/02/2024"))
    assert "From: enter a date like 2024-03-27." in page
    assert "No entries match these filters." in text(staff.get(url + "?from=2025-01-01"))


def test_another_boards_staff_cannot_read_the_chronology_pages(app, as_role, boards):
    a = boards["a"]
    returned_chronology(as_role, a, "police", [("2024-02-01", "Call 1")])
    other = app.test_client()
    sign_in(other, "board-b", "manager@board-b.example")
    for suffix in ("?page=1", "?from=2024-01-01&to=2024-12-31", ".csv?from=2024-01-01"):
        for prefix in ("board-a", "board-b"):
            response = other.get(f"/{prefix}/casework/reviews/{a['review_id']}/chronology{suffix}")
            assert response.status_code in (302, 403, 404), (prefix, suffix)
            assert "Call 1" not in response.get_data(as_text=True)
