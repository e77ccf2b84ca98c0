"""What the report pages share: the review-page summary of a review's reports, the publication
state, file downloads, and the public record as the list, the feeds and the API show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask.typing import ResponseReturnValue

from core.plugin_api import Storage
from core.plugins import get_host
from core.reports import checking, guard, publication, services
from core.reports.models import PublishedReport, ReportFile
from core.reviews.models import Review
from core.storage import send_stored


@dataclass(frozen=True)
class ReviewReports:
    """Everything the review page's report section shows."""

    files: list[ReportFile]
    final: ReportFile | None
    hits: list[guard.HitView]
    open_hits: int
    published: PublishedReport | None
    can_publish_stage: bool
    blockers: list[str]
    withdrawn: list[PublishedReport]
    check: checking.CheckState
    publication: publication.PublicationState


def review_reports(review: Review) -> ReviewReports:
    from core.reviews.context import today
    from core.tenancy.context import current_tenant

    files = services.files(review)
    final = next((f for f in files if f.kind == "final"), None)
    hits = guard.hit_views(final) if final is not None else []
    withdrawn = services.withdrawn_for(review)
    return ReviewReports(
        files=files,
        final=final,
        hits=hits,
        open_hits=len([h for h in hits if not h.resolved]),
        published=services.published_for(review),
        can_publish_stage=services.publish_step(current_tenant, review) is not None
        or (bool(withdrawn) and services.in_published_stage(current_tenant, review)),
        blockers=services.blocker_messages(review, today()),
        withdrawn=withdrawn,
        check=checking.state_of(final, hits),
        publication=publication.state_of(final),
    )


def framework_name(key: str) -> str:
    found = get_host().frameworks.get(key)
    return found[1].name if found else key


def send_pdf(store: Storage, key: str, sha256: str, size: int, name: str) -> ResponseReturnValue:
    """Send a stored PDF to staff or the public, never kept in a shared cache."""
    response = send_stored(
        store, key, media_type=services.PDF, name=name, sha256=sha256, size=size, max_age=0
    )
    if "Location" not in response.headers:  # not the redirect to a presigned URL
        response.headers["Cache-Control"] = "private, no-store"
    return response


def ascii_name(name: str) -> str:
    return "".join(c if c.isascii() and c.isprintable() and c != '"' else "_" for c in name)


def public_filename(report: PublishedReport, board: str) -> str:
    stem = ascii_name(f"{board} - {report.title}")[:150].strip() or "report"
    return f"{stem}.pdf"


def public_record(
    report: PublishedReport, board: str, download_url: str, page_url: str
) -> dict[str, Any]:
    """A published report as a national repository needs it (the JSON feed's items)."""
    return {
        "id": report.id,
        "title": report.title,
        "board": board,
        "author": report.author,
        "published_on": report.published_on.isoformat(),
        "available_until": report.available_until.isoformat(),
        "review_type": framework_name(report.framework),
        "framework": report.framework,
        "review_types": list(report.review_types),
        "pseudonym": report.pseudonym,
        "publication_decision": report.decision,
        "summary": report.summary,
        "learning_themes": list(report.learning_themes),
        "recommendations": list(report.recommendations),
        "action_plan": report.action_plan,
        "languages": list(report.languages),
        "formats": list(report.formats),
        "download_url": download_url,
        "page_url": page_url,
        "media_type": services.PDF,
        "size": report.size,
        "sha256": report.sha256,
    }


def max_upload_mb() -> int:
    return int(current_app.config.get("MAX_UPLOAD_MB") or 50)


def years(reports: list[PublishedReport]) -> list[int]:
    return sorted({r.published_on.year for r in reports}, reverse=True)


def today() -> dt.date:
    from core.reviews.context import today as _today

    return _today()
