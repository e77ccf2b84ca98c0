"""The reports part of the JSON API: list, upload and download a review's report files, the
anonymisation check's findings (masked), publication and withdrawal — the same services, rules and
audit as the staff pages, with the bearer tokens, scoping and problem details of `/api/v1/`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, g, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from core import db
from core.api.problems import Problem, authenticate, commit_pending, handle
from core.extensions import csrf
from core.plugin_api import StorageError
from core.reports import checking, guard, publication, services, withdrawal
from core.reports import views as rv
from core.reports.models import PublishedReport, ReportFile
from core.reviews.context import (
    Actor,
    ReviewConflict,
    ReviewError,
    ReviewForbidden,
    ReviewNotFound,
)
from core.reviews.queries import get_review
from core.storage import storage_for
from core.tenancy.context import current_tenant

bp = Blueprint("reports_api", __name__, url_prefix="/api/v1/reviews/<int:review_id>/reports")
csrf.exempt(bp)
MAX_ID = 2**31 - 1


bp.after_request(commit_pending)


@bp.before_request
def _authenticate() -> None:
    authenticate()


@bp.errorhandler(HTTPException)
def _problem(exc: HTTPException) -> ResponseReturnValue:
    db.session.rollback()
    if exc.code == 413:
        exc = Problem(413, f"The file is larger than the {rv.max_upload_mb()} MB limit.")
    return handle(exc)


def _actor() -> Actor:
    return Actor(g.actor, g.membership.role)


def _review(review_id: int) -> Any:
    if review_id > MAX_ID:
        raise Problem(404, f"There is no review {review_id} that you can see.")
    try:
        return get_review(_actor(), review_id)
    except ReviewNotFound:
        raise Problem(404, f"There is no review {review_id} that you can see.") from None


def serialise_check(report: ReportFile) -> dict[str, Any] | None:
    """A final report's check: `pending` until the worker has run it, then `passed`, `blocked`
    (open findings) or `unreadable` (with the reason; it blocks publication). None for a draft."""
    state = checking.state_of(report)
    if not state.status:
        return None
    return {
        "status": state.status,
        "label": state.label,
        "reason": state.reason or None,
        "open_findings": state.open_hits,
        "blocks_publication": not state.passed,
    }


def _publishing(report: ReportFile) -> dict[str, Any] | None:
    """A final report's publication while it is being done, or once refused or failed."""
    state = publication.state_of(report)
    if not state.status:
        return None
    status = "publishing" if state.pending else state.status
    return {"status": status, "label": state.label, "reason": state.reason or None}


def serialise(report: ReportFile) -> dict[str, Any]:
    return {
        "id": report.id,
        "kind": report.kind,
        "filename": report.filename,
        "size": report.size,
        "sha256": report.sha256,
        "pages": report.pages,
        "uploaded_at": report.created_at.isoformat(),
        "uploaded_by": report.uploaded_by.email if report.uploaded_by else "",
        "checked_at": report.checked_at.isoformat() if report.checked_at else None,
        "open_findings": len([h for h in guard.hit_views(report) if not h.resolved]),
        "check": serialise_check(report),
        "publishing": _publishing(report),
        "download": url_for("reports_api.download", review_id=report.review_id, file_id=report.id),
    }


@bp.get("")
def list_(review_id: int) -> ResponseReturnValue:
    review = _review(review_id)
    db.session.commit()
    return jsonify({"items": [serialise(r) for r in services.files(review)]})


@bp.post("")
def upload(review_id: int) -> ResponseReturnValue:
    review = _review(review_id)
    if not request.mimetype.startswith("multipart/form-data"):
        raise Problem(415, "Send the report as multipart/form-data with 'kind' and 'file'.")
    kind = request.form.get("kind", "")
    file = request.files.get("file")
    if file is None:
        raise Problem(
            422, "file: Attach the report's PDF as 'file'.", errors={"file": "Attach it."}
        )
    data = file.read(services.max_upload_bytes() + 1)
    try:
        report = services.upload(
            current_tenant, _actor(), review, kind=kind, filename=file.filename or "", data=data
        )
    except ReviewError as exc:
        detail = " ".join(f"{k}: {m}" for k, m in exc.errors.items())
        raise Problem(422, detail, errors=exc.errors) from None
    except ReviewForbidden as exc:
        raise Problem(403, f"Your role ({g.membership.role}) cannot do this: {exc}.") from None
    db.session.commit()
    # The check runs in the worker; read back what it has done by now (pending, usually).
    db.session.refresh(report)
    response = jsonify(serialise(report))
    response.status_code = 201
    response.headers["Location"] = url_for(
        "reports_api.download", review_id=review.id, file_id=report.id
    )
    return response


@bp.get("/<int:file_id>")
def download(review_id: int, file_id: int) -> ResponseReturnValue:
    review = _review(review_id)
    report = services.get_file(review, file_id) if file_id <= MAX_ID else None
    if report is None:
        raise Problem(404, f"Review {review.id} has no report file {file_id}.")
    services.record_download(_actor(), review, report)
    db.session.commit()
    try:
        data = storage_for(current_tenant).get(report.storage_key)
    except StorageError:
        raise Problem(503, "The file store did not answer; try again shortly.") from None
    response = Response(data, mimetype=services.PDF)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{rv.ascii_name(report.filename)}"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _refused(exc: Exception) -> Problem:
    if isinstance(exc, services.PublicationFailed):
        return Problem(503, " ".join(exc.errors.values()))
    if isinstance(exc, ReviewForbidden):
        return Problem(403, f"Your role ({g.membership.role}) cannot do this: {exc}.")
    errors = exc.errors if isinstance(exc, ReviewError) else {}
    detail = " ".join(f"{k}: {m}" for k, m in errors.items())
    return Problem(409 if isinstance(exc, ReviewConflict) else 422, detail, errors=errors)


def serialise_finding(hit: guard.HitView) -> dict[str, Any]:
    """A finding as staff lists show it: where and what kind, the context masked, never the text."""
    return {
        "id": hit.record.id,
        "where": hit.where,
        "page": hit.record.page,
        "kind": hit.record.kind,
        "message": hit.record.message,
        "context": hit.masked,
        "overridable": hit.record.overridable,
        "accepted": hit.resolved,
        "accepted_reason": hit.override.reason if hit.override else None,
    }


def serialise_publication(report: PublishedReport) -> dict[str, Any]:
    return {
        "id": report.id,
        "title": report.title,
        "published_on": report.published_on.isoformat(),
        "available_until": report.available_until.isoformat(),
        "size": report.size,
        "sha256": report.sha256,
        "withdrawn_at": report.withdrawn_at.isoformat() if report.withdrawn_at else None,
        "withdrawal_reason": report.withdrawal_reason or None,
        "download": url_for("public_reports.report_download", report_id=report.id),
    }


@bp.get("/<int:file_id>/findings")
def findings(review_id: int, file_id: int) -> ResponseReturnValue:
    review = _review(review_id)
    report = services.get_file(review, file_id) if file_id <= MAX_ID else None
    if report is None:
        raise Problem(404, f"Review {review.id} has no report file {file_id}.")
    hits = guard.hit_views(report)
    db.session.commit()
    return jsonify(
        {
            "checked_at": report.checked_at.isoformat() if report.checked_at else None,
            "check": serialise_check(report),
            "open": len([h for h in hits if not h.resolved]),
            "items": [serialise_finding(h) for h in hits],
        }
    )


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True) if request.is_json else None
    if not isinstance(body, dict):
        raise Problem(415, "Send a JSON object with Content-Type: application/json.")
    return body


def _text(body: dict[str, Any], name: str) -> str:
    value = body.get(name, "")
    if not isinstance(value, str):
        raise Problem(422, f"{name}: must be text.", errors={name: "Must be text."})
    return value


def _lines(body: dict[str, Any], name: str) -> list[str]:
    value = body.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Problem(422, f"{name}: must be a list of text.", errors={name: "A list of text."})
    return value


@bp.post("/publish")
def publish(review_id: int) -> ResponseReturnValue:
    review = _review(review_id)
    body = _json_body()
    details = services.PublicationDetails(
        title=_text(body, "title"),
        summary=_text(body, "summary"),
        decision=_text(body, "decision"),
        rationale=_text(body, "rationale"),
        learning_themes=_lines(body, "learning_themes"),
        recommendations=_lines(body, "recommendations"),
    )
    try:
        report = services.request_publication(current_tenant, _actor(), review, details)
    except (ReviewError, ReviewForbidden) as exc:
        raise _refused(exc) from None
    db.session.commit()
    # Published in the worker: read back what it has done by now (being published, usually).
    db.session.refresh(report)
    response = jsonify(serialise_publication_state(review, report))
    response.status_code = 202
    return response


def serialise_publication_state(review: Any, report: ReportFile) -> dict[str, Any]:
    """Where a publication asked for stands: `publishing` until the worker has done it, then
    `published` (with the publication), `refused` or `failed` (with the reason, not published)."""
    published = services.published_for(review)
    state = publication.state_of(report)
    status = "published" if published is not None else (state.status or "publishing")
    if status == "pending":
        status = "publishing"
    return {
        "status": status,
        "label": "Published" if published is not None else state.label,
        "reason": state.reason or None,
        "report_file": report.id,
        "publication": serialise_publication(published) if published is not None else None,
    }


@bp.post("/withdraw")
def withdraw(review_id: int) -> ResponseReturnValue:
    review = _review(review_id)
    reason = _text(_json_body(), "reason")
    published = services.published_for(review)
    if published is None:
        raise Problem(404, f"Review {review.id} has no published report to withdraw.")
    try:
        done = withdrawal.withdraw(current_tenant, _actor(), review, published, reason)
    except (ReviewError, ReviewForbidden) as exc:
        raise _refused(exc) from None
    db.session.commit()
    return jsonify({**serialise_publication(done.published), "copy_removed": done.copy_removed})


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
