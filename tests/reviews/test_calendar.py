"""Working-day arithmetic by jurisdiction: weekends, Christmas, New Year, Easter and substitute days."""

from __future__ import annotations

import pytest
from reviews_support import d

from core.reviews.calendar import add_months, for_jurisdiction

ENGLAND, WALES, SCOTLAND = (for_jurisdiction(j) for j in ("england", "wales", "scotland"))


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        ("2025-03-07", 1, "2025-03-10", "Friday to Monday: the weekend is not counted"),
        ("2025-03-03", 5, "2025-03-10", "five working days is a calendar week"),
        ("2025-12-22", 5, "2025-12-31", "Christmas Day and Boxing Day are skipped"),
        ("2025-12-29", 15, "2026-01-20", "New Year's Day is skipped"),
        ("2025-04-17", 1, "2025-04-22", "Good Friday and Easter Monday are skipped"),
        (
            "2021-12-24",
            1,
            "2021-12-29",
            "Christmas on a Saturday: its substitutes, 27 and 28 December, are skipped",
        ),
        ("2025-03-10", -5, "2025-03-03", "counting back for an advance notice"),
        ("2025-12-31", -5, "2025-12-22", "counting back across Christmas"),
        ("2025-03-05", 0, "2025-03-05", "zero days is the same day"),
    ],
)
def test_working_days_in_england(start, days, expected, why):
    assert ENGLAND.add_working_days(d(start), days) == d(expected), why


def test_england_and_wales_share_bank_holidays_and_scotland_differs():
    for start in ("2025-12-22", "2025-12-29", "2025-04-17", "2025-08-22"):
        assert WALES.add_working_days(d(start), 5) == ENGLAND.add_working_days(d(start), 5)
    # 2 January is a bank holiday in Scotland only; Easter Monday in England and Wales only.
    assert ENGLAND.add_working_days(d("2025-12-31"), 1) == d("2026-01-02")
    assert SCOTLAND.add_working_days(d("2025-12-31"), 1) == d("2026-01-05")
    assert SCOTLAND.add_working_days(d("2025-04-17"), 1) == d("2025-04-21")


def test_working_days_between_counts_both_ways():
    assert ENGLAND.working_days_between(d("2025-12-22"), d("2025-12-31")) == 5
    assert ENGLAND.working_days_between(d("2025-12-31"), d("2025-12-22")) == -5
    assert ENGLAND.working_days_between(d("2025-03-05"), d("2025-03-05")) == 0


def test_months_keep_the_day_or_take_the_last_of_a_short_month():
    assert add_months(d("2025-03-28"), 6) == d("2025-09-28")
    assert add_months(d("2025-08-31"), 6) == d("2026-02-28")
    assert add_months(d("2025-11-15"), 3) == d("2026-02-15")
    assert add_months(d("2025-03-31"), -1) == d("2025-02-28")


def test_an_unknown_jurisdiction_falls_back_to_england_and_a_framework_may_override():
    assert for_jurisdiction("atlantis").subdivision == "ENG"
    assert for_jurisdiction("england", {"england": "SCT"}).subdivision == "SCT"


def test_a_lists_status_and_days_left_are_the_status_and_count_worked_out_alone():
    # Lists count an open deadline's working days once, for its status and its countdown.
    import datetime as dt

    from core.reviews.context import FrameworkContext, obligation_status, status_and_days_left
    from core.reviews.queries import ObligationFacts

    fw = FrameworkContext("p", None, {"at_risk_working_days": 5}, ENGLAND)  # type: ignore[arg-type]
    on = dt.date(2025, 12, 19)
    for state in ("due", "met", "waived"):
        for offset in (None, *range(-20, 30)):
            due = on + dt.timedelta(days=offset) if offset is not None else None
            ob = ObligationFacts(1, "k", "l", "statutory", due, state, None, "", False, False)
            left = ENGLAND.working_days_between(on, due) if due and state == "due" else None
            assert status_and_days_left(ob, on, fw) == (obligation_status(ob, on, fw), left)
