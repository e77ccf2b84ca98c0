"""Searching published reports: words in their titles and summaries, with LIKE patterns escaped so
that a `%` or `_` typed by a visitor matches itself (the same on SQLite and PostgreSQL), and a
learning theme matched against the labels the report carries."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, func, or_

from core.reports.models import PublishedReport

MAX_QUERY = 200
MAX_WORDS = 8


def words(query: str) -> list[str]:
    """The words of a visitor's query, at most a few, each lower-cased."""
    return [w.lower() for w in " ".join((query or "")[:MAX_QUERY].split()).split(" ") if w][
        :MAX_WORDS
    ]


def like_escaped(word: str) -> str:
    """`word` as a LIKE pattern that matches it anywhere, `\\`, `%` and `_` standing for themselves."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def text_matches(query: str) -> ColumnElement[bool] | None:
    """A condition true for reports whose title or summary holds every word of `query`, or None
    when the query has no words. Case is ignored (lower() on both sides: the same on both databases)."""
    found = words(query)
    if not found:
        return None
    return and_(
        *(
            or_(
                func.lower(PublishedReport.title).like(like_escaped(w), escape="\\"),
                func.lower(PublishedReport.summary).like(like_escaped(w), escape="\\"),
            )
            for w in found
        )
    )


def has_theme(report: PublishedReport, label: str) -> bool:
    wanted = " ".join(label.split()).casefold()
    return bool(wanted) and any(
        " ".join(t.split()).casefold() == wanted for t in report.learning_themes or ()
    )


def theme_labels(reports: list[PublishedReport]) -> list[str]:
    """The learning themes the reports carry, each once (as first written), sorted."""
    seen: dict[str, str] = {}
    for report in reports:
        for label in report.learning_themes or ():
            seen.setdefault(" ".join(label.split()).casefold(), " ".join(label.split()))
    return sorted(seen.values(), key=str.casefold)
