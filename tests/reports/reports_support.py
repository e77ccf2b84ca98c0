"""Helpers for the publication tests: real PDFs from WeasyPrint, and a review taken to its final
stage with protected identifiers and the family's pre-publication promises recorded."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

from weasyprint import HTML

# What a rapid review records besides its date (the national Panel's guidance).
RAPID_REVIEW = {
    "key_practice_episodes": "Three episodes of health and school contact",
    "inequalities": "How language and poverty shaped the family's contact with services",
}


NAME = "Jamie Ellis-Thornton"
IDENTIFIERS = (
    ("name", NAME),
    ("address", "14 Acacia Avenue, Salford, M6 5FX"),
    ("date_of_birth", "12/03/2015"),
    ("school", "Oakwood Primary School"),
)
CLEAN_TEXT = (
    "<h1>Learning from the review of Child A</h1>"
    "<p>Child A lived with her mother and two brothers. Agencies did not share what they knew "
    "about the family's move in the spring, and the health visitor was not told.</p>"
    "<p>Recommendation: the partnership should agree how schools hear of a family's move.</p>"
)
# The protected name split across a line break with a hyphen, across a line break without one,
# and a hyphenated word broken over two lines: what a justified report really looks like.
LEAKY_TEXT = (
    "<h1>Learning from the review of Child A</h1>"
    "<p>Child A was seen by the health visitor. Her brother Jamie Ellis-<br>Thornton was at home."
    "</p><p>Later JAMIE<br>ELLIS-THORNTON told the social worker that the Thorn-<br>ton family "
    "had moved.</p>"
)


def pdf(
    body: str, *, title: str = "Child A: overview report", author: str = "Lead reviewer"
) -> bytes:
    """A real PDF, made by WeasyPrint, with `title` and `author` in its metadata."""
    document = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><meta name='author' content='{html.escape(author)}'>"
        "<style>body{font-family:sans-serif;font-size:11pt}</style></head>"
        f"<body>{body}</body></html>"
    )
    return HTML(string=document).write_pdf()


def days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


STEPS = (
    ("notify", {"notified_on": 200, "notified_to": "National Panel"}),
    ("rapid_review_sent", {"rapid_review_on": 190, **RAPID_REVIEW}),
    ("decide_local", {"decision_on": 180, "decision_rationale": "Learning for partners"}),
    ("draft", {"draft_on": 60}),
    (
        "finalise",
        {"final_on": 30, "planned_publication_on": -5, "publication_decision": "full"},
    ),
)


class WatchedStore:
    """A board's store whose writes of a public copy run the test's callbacks just before
    (`"before_public_write"`) and just after (`"after_public_write"`) — where a test stops a storage
    server or damages the copy to prove that a failure leaves nothing half-done."""

    def __init__(self, store: Any, callbacks: list[Callable[[str], None]]) -> None:
        self._store = store
        self._callbacks = callbacks

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def put(self, key: str, *args: Any, **kwargs: Any) -> Any:
        public = key.startswith("reports/public/")
        for callback in list(self._callbacks) if public else ():
            callback("before_public_write")
        result = self._store.put(key, *args, **kwargs)
        for callback in list(self._callbacks) if public else ():
            callback("after_public_write")
        return result


def watch_public_writes(monkeypatch: Any) -> list[Callable[[str], None]]:
    """The callbacks (append to the list) run around the publication service's public writes."""
    from core.reports import services as report_services

    callbacks: list[Callable[[str], None]] = []
    real = report_services.storage_for
    monkeypatch.setattr(
        report_services, "storage_for", lambda tenant: WatchedStore(real(tenant), callbacks)
    )
    return callbacks


def file_ids(*review_ids: int) -> list[int]:
    """The report files of these reviews (one each), in the order the reviews are given."""
    from core import db
    from core.reports.models import ReportFile

    found = db.session.query(ReportFile).filter(ReportFile.review_id.in_(review_ids))
    by_review = {r.review_id: r.id for r in found}
    return [by_review[review_id] for review_id in review_ids]
