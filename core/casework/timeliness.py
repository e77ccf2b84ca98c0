"""A board's timeliness figures for its annual report: how long each step took in working days
(awareness to notification, notification to rapid review, decision to publication), each deadline
against its framework's target (met on time, late, missed, open), and the share of promises to
families kept on time. Read-only; counted from the reviews' own dates and obligations."""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core import db
from core.reviews.context import framework_context
from core.reviews.models import Review
from core.tenancy.models import Tenant

SPANS = (
    ("aware_on", "notified_on", "From awareness to notification"),
    ("notified_on", "rapid_review_on", "From notification to rapid review"),
    ("decision_on", "published_on", "From decision to publication"),
)


@dataclass
class Span:
    label: str
    working_days: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.working_days)

    @property
    def median(self) -> float | None:
        return statistics.median(self.working_days) if self.working_days else None

    @property
    def longest(self) -> int | None:
        return max(self.working_days) if self.working_days else None


@dataclass
class Target:
    framework: str
    label: str
    kind: str
    on_time: int = 0
    late: int = 0
    missed: int = 0
    open: int = 0

    @property
    def decided(self) -> int:
        return self.on_time + self.late + self.missed

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.decided if self.decided else None


@dataclass
class Figures:
    reviews: int
    spans: list[Span]
    targets: list[Target]
    promises_on_time: int
    promises_decided: int

    @property
    def promises_share(self) -> float | None:
        return self.promises_on_time / self.promises_decided if self.promises_decided else None


def figures(tenant: Tenant, on: dt.date, year: int | None = None) -> Figures:
    """Every review of the board (those opened in `year`, when given)."""
    query = select(Review).options(selectinload(Review.obligations)).order_by(Review.id)
    reviews = [
        r
        for r in db.session.scalars(query)
        if year is None or (r.aware_on or r.created_at.date()).year == year
    ]
    spans = [Span(label) for _a, _b, label in SPANS]
    targets: dict[tuple[str, str], Target] = {}
    kept = decided = 0
    for review in reviews:
        fw = framework_context(tenant, review.framework)
        for span, (start, end, _label) in zip(spans, SPANS, strict=True):
            a, b = getattr(review, start), getattr(review, end)
            if a is not None and b is not None and b >= a:
                span.working_days.append(fw.calendar.working_days_between(a, b))
        for ob in review.obligations:
            if ob.state == "waived" or ob.due_on is None:
                continue
            target = targets.setdefault(
                (review.framework, ob.key if ob.from_rule else ob.label.split(" of ")[0]),
                Target(
                    fw.framework.name,
                    ob.label if ob.from_rule else ob.label.split(" of ")[0],
                    ob.kind,
                ),
            )
            if ob.state == "met" and ob.met_on is not None:
                on_time = ob.met_on <= ob.due_on
                target.on_time += on_time
                target.late += not on_time
            elif on > ob.due_on:
                target.missed += 1
                on_time = False
            else:
                target.open += 1
                continue
            if ob.kind == "promise":
                decided += 1
                kept += on_time
    ordered = sorted(targets.values(), key=lambda t: (t.framework, t.kind, t.label))
    return Figures(len(reviews), spans, ordered, kept, decided)


def as_csv(found: Figures) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "measure",
            "framework",
            "count",
            "median_working_days",
            "longest_working_days",
            "on_time",
            "late",
            "missed",
            "open",
            "on_time_share",
        ]
    )
    for span in found.spans:
        writer.writerow(
            [
                span.label,
                "",
                span.count,
                "" if span.median is None else span.median,
                span.longest or "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
    for t in found.targets:
        share = "" if t.on_time_share is None else f"{t.on_time_share:.2f}"
        writer.writerow(
            [
                t.label,
                t.framework,
                t.decided + t.open,
                "",
                "",
                t.on_time,
                t.late,
                t.missed,
                t.open,
                share,
            ]
        )
    share = "" if found.promises_share is None else f"{found.promises_share:.2f}"
    writer.writerow(
        [
            "Promises to families kept on time",
            "",
            found.promises_decided,
            "",
            "",
            found.promises_on_time,
            "",
            "",
            "",
            share,
        ]
    )
    return out.getvalue()
