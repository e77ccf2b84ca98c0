"""Working days: weekends and the bank holidays of the board's jurisdiction (`holidays`, offline).

The calendar is chosen by jurisdiction, never fixed: England and Wales share bank holidays,
Scotland and Northern Ireland have their own. A framework may name another `holidays` subdivision
for a jurisdiction in `Framework.calendars`.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from bisect import bisect_right
from collections.abc import Mapping
from functools import lru_cache

import holidays

SUBDIVISIONS: dict[str, str] = {
    "england": "ENG",
    "wales": "WLS",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}


NAMES = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}


class WorkingCalendar:
    """Counts working days for one `holidays.UK` subdivision."""

    def __init__(self, subdivision: str) -> None:
        self.subdivision = subdivision
        self.name = NAMES.get(subdivision, subdivision)

    def is_working_day(self, day: dt.date) -> bool:
        # Weekends first: the package lists a holiday falling on a weekend as well as its
        # weekday substitute, and only the substitute takes a working day away.
        if day.weekday() >= 5:
            return False
        return day not in _holidays(self.subdivision, day.year)

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date `days` working days after `start` (before it when `days` is negative)."""
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        day = start
        while remaining:
            day += dt.timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`; negative when `end` is earlier.

        Counted by arithmetic (weekdays in whole weeks, then the odd days, less the weekday bank
        holidays in the span), so a dashboard of old reviews costs the same as one of new ones.
        """
        if end == start:
            return 0
        sign = 1 if end > start else -1
        low, high = (start, end) if sign > 0 else (end, start)
        span = (high - low).days
        weeks, rest = divmod(span, 7)
        weekdays = weeks * 5
        first = low.weekday()
        weekdays += sum(1 for i in range(1, rest + 1) if (first + i) % 7 < 5)
        holidays_in_span = 0
        for year in range(low.year, high.year + 1):
            days = _weekday_holidays(self.subdivision, year)
            holidays_in_span += bisect_right(days, high) - bisect_right(days, low)
        return sign * (weekdays - holidays_in_span)


@lru_cache(maxsize=64)
def _holidays(subdivision: str, year: int) -> frozenset[dt.date]:
    return frozenset(holidays.UK(subdiv=subdivision, years=year).keys())


@lru_cache(maxsize=64)
def _weekday_holidays(subdivision: str, year: int) -> tuple[dt.date, ...]:
    """The year's bank holidays that fall on a weekday, in order (a list counts them by bisection:
    a dashboard counts working days for every open deadline on it)."""
    return tuple(sorted(day for day in _holidays(subdivision, year) if day.weekday() < 5))


def for_jurisdiction(
    jurisdiction: str, overrides: Mapping[str, str] | None = None
) -> WorkingCalendar:
    """The working calendar of a board's jurisdiction (England's when the jurisdiction is unknown)."""
    subdivision = (overrides or {}).get(jurisdiction) or SUBDIVISIONS.get(jurisdiction, "ENG")
    return WorkingCalendar(subdivision)


def add_months(start: dt.date, months: int) -> dt.date:
    """Calendar months later; the 31st becomes the last day of a shorter month."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)
